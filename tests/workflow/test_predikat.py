"""The regulation's matrix, cell by cell, as tabled in the annex of PermenPANRB 6/2022."""

import pytest

from workflow.predikat import MATRIX, Predikat, Rating, needs_coaching, predikat_for

# results, behaviour, predikat — the nine cells of the table in the domain notes.
TABLE = [
    ("ABOVE", "BELOW", "KURANG"),
    ("ABOVE", "AS_EXPECTED", "BAIK"),
    ("ABOVE", "ABOVE", "SANGAT_BAIK"),
    ("AS_EXPECTED", "BELOW", "KURANG"),
    ("AS_EXPECTED", "AS_EXPECTED", "BAIK"),
    ("AS_EXPECTED", "ABOVE", "BAIK"),
    ("BELOW", "BELOW", "SANGAT_KURANG"),
    ("BELOW", "AS_EXPECTED", "BUTUH_PERBAIKAN"),
    ("BELOW", "ABOVE", "BUTUH_PERBAIKAN"),
]


@pytest.mark.parametrize(("results", "behaviour", "expected"), TABLE)
def test_every_cell_of_the_matrix_gives_the_regulations_predikat(results, behaviour, expected):
    assert predikat_for(results, behaviour) == expected


def test_the_matrix_covers_exactly_the_nine_combinations():
    assert len(MATRIX) == 9
    assert {(r, b) for r, b, _ in TABLE} == set(MATRIX)


@pytest.mark.parametrize(
    ("predikat", "coaching"),
    [("SANGAT_BAIK", False), ("BAIK", False), ("BUTUH_PERBAIKAN", True), ("KURANG", True), ("SANGAT_KURANG", True)],
)
def test_coaching_follows_poor_predikat_only(predikat, coaching):
    assert needs_coaching(predikat) is coaching


def test_poor_behaviour_caps_the_predikat_at_kurang_whatever_the_results():
    capped = {Predikat.KURANG, Predikat.SANGAT_KURANG}
    assert {predikat_for(results, Rating.BELOW) for results in Rating.values} <= capped


def test_an_unknown_rating_is_refused():
    with pytest.raises(ValueError):
        predikat_for("GREAT", "ABOVE")


def test_another_table_can_replace_the_default_matrix():
    lenient = {**MATRIX, (Rating.BELOW, Rating.ABOVE): Predikat.BAIK}
    assert predikat_for("BELOW", "ABOVE", matrix=lenient) == "BAIK"
    assert predikat_for("BELOW", "ABOVE") == "BUTUH_PERBAIKAN"
