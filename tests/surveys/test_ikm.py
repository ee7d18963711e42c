"""The index exactly as PermenPANRB 14/2017 computes it: weights, grades, minimum sample."""

from decimal import Decimal

import pytest

from surveys import ikm, selectors
from tests.surveys.factories import answers


@pytest.mark.parametrize(
    ("index", "grade"),
    [
        ("100.00", "A"),
        ("88.31", "A"),
        ("88.30", "B"),
        ("76.61", "B"),
        ("76.60", "C"),
        ("65.00", "C"),
        ("64.99", "D"),
        ("25.00", "D"),
        ("88.305", "A"),  # rounded half-up to 88.31 first
        ("88.304", "B"),
    ],
)
def test_every_grade_boundary(index, grade):
    assert ikm.grade(Decimal(index)).code == grade


@pytest.mark.parametrize(
    ("population", "sample"),
    [(100, 80), (1000, 278), (1_000_000, 384), (10_000, 370), (100_000, 384), (10, 10), (5, 5), (101, 86), (0, 0)],
)
def test_minimum_sample_follows_the_krejcie_morgan_table(population, sample):
    assert ikm.minimum_sample(population) == sample


def test_minimum_sample_is_unknown_without_a_population():
    assert ikm.minimum_sample(None) is None


def test_a_quarter_serves_a_quarter_of_the_year_rounded_up():
    assert ikm.period_population(1000, days=91, days_in_year=365) == 250
    assert ikm.period_population(1000, days=365, days_in_year=365) == 1000


def test_exact_and_rounded_weights_differ_in_the_second_decimal(settings, ktp, period):
    answers(ktp, [3] * 9, count=4)
    settings.KINERJA_IKM_WEIGHT = "exact"
    (exact,) = selectors.service_results(period=period, agency=ktp.agency)
    settings.KINERJA_IKM_WEIGHT = "rounded"
    (rounded,) = selectors.service_results(period=period, agency=ktp.agency)
    assert exact.ikm == Decimal("75.00")
    assert rounded.ikm == Decimal("74.93")


def test_the_index_averages_each_element_over_those_who_answered_it(ktp, period):
    answers(ktp, [4, 4, 4, 4, 4, 4, 4, 4, 2])
    answers(ktp, [2, 2, 2, 2, 2, 2, 2, 2, None])  # U9 not answered: it must not pull U9's average down
    (row,) = selectors.service_results(period=period, agency=ktp.agency)
    nrr = {each.element.code: each.nrr for each in row.elements}
    assert nrr["u1"] == Decimal(3) and nrr["u9"] == Decimal(2)
    assert [each.answered for each in row.elements] == [2] * 8 + [1]
    # (8 × 3 + 2) ÷ 9 × 25 = 72.22
    assert row.ikm == Decimal("72.22") and row.grade.code == "C"


def test_all_best_answers_give_100_and_grade_a(ktp, period):
    answers(ktp, [4] * 9, count=3)
    (row,) = selectors.service_results(period=period, agency=ktp.agency)
    assert row.ikm == Decimal("100.00") and row.grade.code == "A"


def test_elements_and_grades_pickle_as_references_to_the_constants():
    """The public page caches results holding them: a reference unpickles at once, lazy texts would not."""
    import pickle

    from surveys.elements import ELEMENTS
    from surveys.ikm import GRADES

    for constant in (*ELEMENTS, *GRADES):
        data = pickle.dumps(constant)
        assert pickle.loads(data) is constant and b"lazy" not in data
