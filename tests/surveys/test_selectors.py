"""Results per service, per agency and Pemda-wide: computed in SQL, a constant number of queries."""

import datetime
from decimal import Decimal

from surveys import selectors
from tests.factories import PeriodFactory, PublicServiceFactory
from tests.surveys.factories import answers


def test_service_results_list_every_active_service_with_its_sample(ktp, kk, period):
    answers(ktp, [4] * 9, count=3)
    PublicServiceFactory(agency=ktp.agency, name="Closed service", is_active=False)
    rows = {row.service.slug: row for row in selectors.service_results(period=period, agency=ktp.agency)}
    assert set(rows) == {"ktp-el", "kk"}
    assert rows["ktp-el"].responses == 3 and rows["ktp-el"].minimum_sample == 278 and rows["ktp-el"].under_sampled
    assert rows["kk"].responses == 0 and rows["kk"].ikm is None and rows["kk"].grade is None
    assert rows["kk"].minimum_sample == 80 and rows["kk"].under_sampled


def test_a_result_with_the_minimum_sample_is_not_under_sampled(agency, period):
    tiny = PublicServiceFactory(agency=agency, annual_users=5)
    answers(tiny, [3] * 9, count=5)
    (row,) = selectors.service_results(period=period, agency=agency)
    assert row.minimum_sample == 5 and not row.under_sampled


def test_answers_outside_the_period_do_not_count(ktp, period):
    answers(ktp, [4] * 9, on=datetime.date(2025, 12, 31))
    answers(ktp, [2] * 9, on=datetime.date(2026, 1, 1))
    (row,) = selectors.service_results(period=period, agency=ktp.agency)
    assert row.responses == 1 and row.ikm == Decimal("50.00")


def test_a_quarter_counts_its_own_answers_and_a_quarter_of_the_population(ktp):
    quarter = PeriodFactory(
        kind="quarterly",
        name="Triwulan II 2026",
        starts_on=datetime.date(2026, 4, 1),
        ends_on=datetime.date(2026, 6, 30),
        plan_due=datetime.date(2026, 4, 10),
    )
    answers(ktp, [4] * 9, on=datetime.date(2026, 3, 31))
    answers(ktp, [3] * 9, count=2, on=datetime.date(2026, 6, 30))
    (row,) = selectors.service_results(period=quarter, agency=ktp.agency)
    assert row.responses == 2 and row.population == 250 and row.minimum_sample == 152


def test_agency_and_pemda_results_pool_every_answer(ktp, kk, clinic, period):
    answers(ktp, [4] * 9, count=3)
    answers(kk, [2] * 9, count=1)
    answers(clinic, [1] * 9, count=2)
    rows = {row.agency.code: row for row in selectors.agency_results(period=period)}
    assert rows["DUKCAPIL"].responses == 4 and rows["DUKCAPIL"].ikm == Decimal("87.50")  # (3×4 + 2) ÷ 4 × 25
    assert rows["DUKCAPIL"].minimum_sample == 285  # population 1,100
    assert rows["DINKES"].ikm == Decimal("25.00") and rows["DINKES"].grade.code == "D"
    pemda = selectors.pemda_result(period=period)
    assert pemda.responses == 6 and pemda.ikm == Decimal("66.67")  # (12 + 2 + 2) ÷ 6 × 25


def test_the_weakest_elements_are_named_lowest_first_with_an_action(ktp, period):
    answers(ktp, [4, 4, 1, 4, 4, 4, 2, 4, 3])
    (row,) = selectors.service_results(period=period, agency=ktp.agency)
    assert [weak.element.code for weak in row.weakest] == ["u3", "u7", "u9"]
    assert "time standard" in str(row.weakest[0].element.action)


def test_every_scope_is_computed_in_a_constant_number_of_queries(ktp, kk, clinic, period, django_assert_num_queries):
    def measure():
        with django_assert_num_queries(2):
            selectors.service_results(period=period)
        with django_assert_num_queries(2):
            selectors.agency_results(period=period)
        with django_assert_num_queries(2):
            selectors.pemda_result(period=period)

    answers(ktp, [3] * 9)
    measure()
    for number in range(5):
        service = PublicServiceFactory(agency=clinic.agency)
        answers(service, [number % 4 + 1] * 9, count=3)
    measure()
