"""The benchmark's own arithmetic (bench/load.py, bench/stats.py, bench/report.py): an error makes a phase fail and
is reported under its URL, a failed phase gives no ratio and its throughput shows as a MISS."""

import pytest

from bench import load, report
from bench.stats import percentile

BASE = "http://127.0.0.1:8120"


def _request(name: str, url: str, session: str | None = "abc") -> load.Request:
    return load.Request(name, url, load.build(BASE, url, {"sessionid": session} if session else None))


def _rows(*answers) -> list:
    return [(request, status, ms, location) for request, status, ms, location in answers]


@pytest.mark.parametrize(
    ("status", "location", "error"),
    [
        (200, "", False),
        (204, "", False),
        (302, "/plans/12/", False),
        (302, "/accounts/login/?next=/plans/", True),
        (302, "http://127.0.0.1:8120/accounts/login/?next=/", True),
        (404, "", True),
        (403, "", True),
        (500, "", True),
        (502, "", True),
        (load.BROKEN, "", True),
    ],
)
def test_an_answer_outside_2xx_3xx_or_a_redirect_to_the_login_page_is_an_error(status, location, error):
    assert load.is_error(status, location) is error


def test_a_phase_with_one_error_fails_and_names_the_url_and_the_kind():
    plan, inbox = _request("my plan", "/plans/"), _request("inbox", "/inbox/")
    record = _rows(
        (plan, 200, 10.0, ""),
        (plan, 200, 12.0, ""),
        (inbox, 500, 30.0, ""),
        (inbox, 302, 3.0, "/accounts/login/?next=/inbox/"),
        (inbox, load.BROKEN, 1.0, ""),
        (inbox, 200, 20.0, ""),
    )

    figures = load.summarise(record, seconds=2.0)

    assert figures["passed"] is False
    assert figures["errors"] == 3
    assert figures["errors_by_url"] == {"/inbox/": {"500": 1, "login redirect": 1, "broken connection": 1}}
    assert figures["requests"] == 6
    assert figures["rps"] == 3.0


def test_a_phase_without_errors_passes_and_counts_the_distinct_people():
    record = _rows(
        (_request("my plan", "/plans/", "one"), 200, 10.0, ""),
        (_request("my plan", "/plans/", "two"), 200, 11.0, ""),
        (_request("inbox", "/inbox/", "two"), 302, 9.0, "/inbox/?page=1"),
    )

    figures = load.summarise(record, seconds=1.0)

    assert figures["passed"] is True
    assert figures["errors"] == 0
    assert figures["identities"] == 2
    assert set(figures["per_page_p95_ms"]) == {"my plan", "inbox"}


def test_a_phase_that_sent_nothing_does_not_pass():
    assert load.summarise([], seconds=1.0)["passed"] is False


def test_the_pages_plan_interleaves_the_people_so_every_connection_meets_all_of_them():
    people = [
        {"username": "a", "agency_id": 1, "pages": [("my plan", "/plans/"), ("inbox", "/inbox/")]},
        {"username": "b", "agency_id": 2, "pages": [("team view", "/team/")]},
    ]
    plan = load.pages_plan(BASE, people, {"a": {"sessionid": "s-a"}, "b": {"sessionid": "s-b"}})

    assert [(request.name, request.url) for request in plan] == [
        ("my plan", "/plans/"),
        ("team view", "/team/"),
        ("inbox", "/inbox/"),
    ]
    assert b"Cookie: sessionid=s-b" in plan[1].raw


def _load(passed: bool) -> dict:
    phase = {"rps": 100.0, "p50_ms": 5.0, "p95_ms": 9.0, "errors": 0 if passed else 4, "client_cpu_share": 0.3}
    result = {"users": 16, "identities": 200, "agencies": 50, "load_average_1min": 1.5}
    for name in ("bare", "bare_signed_in", "pages"):
        result[name] = {**phase, "passed": True}
    result["pages"]["passed"] = passed
    result["passed"] = passed
    if passed:
        result.update(signed_in_to_bare=0.6, pages_to_signed_in=0.4, pages_to_bare=0.24)
    return result


def test_the_table_shows_a_failed_phase_as_a_miss_with_its_errors_and_no_ratio():
    rows = report.load_rows(_load(passed=False))

    pages = next(row for row in rows if row["figure"].startswith("HTTP pages mix"))
    assert pages["result"] == "MISS"
    assert pages["value"] == "4 errors"
    ratios = {"signed-in / anonymous bare view", "pages mix / signed-in bare view", "pages mix / anonymous bare view"}
    assert not ratios & {row["figure"].strip() for row in rows}


def test_the_table_judges_both_ratios_against_their_targets():
    rows = {row["figure"].strip(): row for row in report.load_rows(_load(passed=True))}

    assert rows["signed-in / anonymous bare view"]["result"] == "pass"
    assert rows["pages mix / signed-in bare view"]["result"] == "MISS"


def test_percentile_is_the_nearest_rank():
    values = list(range(1, 101))
    assert percentile(values, 0.95) == 95
    assert percentile(values, 0.5) == 50
    assert percentile([7.0], 0.95) == 7.0
    with pytest.raises(ValueError):
        percentile([], 0.5)
