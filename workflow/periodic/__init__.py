"""Periodic evaluation within an approved annual plan (evaluasi kinerja periodik): per quarter or month, the
employee reports the window's realisation with evidence, the rater gives feedback and rates results and behaviour
into a periodic predikat by the same matrix, and a poor predikat starts coaching at once (PeriodicReviewFlow)."""
