"""Objections (keberatan) to a final predikat: filed by the employee, decided by the rater's own supervisor
(atasan pejabat penilai) in `ObjectionFlow`, which re-grades the plan when the objection is upheld."""
