"""The IKU data calendar at scale (issue 13): opening the data-entry tasks of 50 agencies × 20 IKU × 12 months
(12,000 entries, each with its viewflow process and tasks) must take under 5 s; a second run opens nothing.

Run alone: `.venv/bin/python -m bench.evaluation` (needs a bench database with employees: `python -m bench
--seed-only` first); `python -m bench` runs it after the complaints (bench/run.py).
"""

import time

TARGET_S = 5.0
TARGET_PAGE_MS = 100
MAX_QUERIES = 15
REVIEWS = 40  # the agency's review pages are timed with one review and again with this many
AGENCIES = 50
INDICATORS = 20
CODE_PREFIX = "EVB"  # bench indicators' codes, so the demo's own IKU are never touched


def seed_schedules(*, agencies: int = AGENCIES, indicators: int = INDICATORS) -> list[int]:
    """Bench agencies (the existing ones first), each with `indicators` monthly IKU on the calendar; idempotent."""
    from agencies.models import Agency, Employee, Indicator
    from evaluation.models import DataSchedule

    pic = Employee.objects.filter(is_active=True).order_by("pk").first()
    if pic is None:
        raise SystemExit("No employee in the bench database: run `python -m bench --seed-only` first.")
    have = list(Agency.objects.order_by("pk").values_list("pk", flat=True)[:agencies])
    for n in range(len(have), agencies):
        have.append(Agency.objects.create(code=f"BENCH-EV{n:02d}", name=f"Dinas Bench {n}", short_name=f"DB{n}").pk)
    existing = set(Indicator.objects.filter(code__startswith=CODE_PREFIX).values_list("agency_id", "code"))
    Indicator.objects.bulk_create(
        [
            Indicator(agency_id=agency_id, code=f"{CODE_PREFIX}{i:02d}", name=f"IKU bench {i}", unit_of_measure="%")
            for agency_id in have
            for i in range(indicators)
            if (agency_id, f"{CODE_PREFIX}{i:02d}") not in existing
        ]
    )
    scheduled = set(DataSchedule.objects.values_list("indicator_id", flat=True))
    DataSchedule.objects.bulk_create(
        [
            DataSchedule(indicator_id=pk, frequency="monthly", pic=pic, due_day=10)
            for pk in Indicator.objects.filter(code__startswith=CODE_PREFIX, agency_id__in=have).values_list(
                "pk", flat=True
            )
            if pk not in scheduled
        ]
    )
    return have


def measure(*, year: int = 2099, log=print) -> dict:
    from django.contrib.auth import get_user_model

    from agencies.models import Coordinator
    from evaluation.models import DataEntry, DataEntryProcess
    from evaluation.services import open_data_entries

    agency_ids = seed_schedules()
    coordinator, _ = get_user_model().objects.get_or_create(username="bench.evaluasi")
    Coordinator.objects.get_or_create(user=coordinator, defaults={"all_agencies": True})
    # A clean year to open (not timed): the processes go with their entries.
    DataEntryProcess.objects.filter(entry__starts_on__year=year).delete()
    DataEntry.objects.filter(starts_on__year=year).delete()
    log(f"evaluation: opening {len(agency_ids)} agencies × {INDICATORS} IKU × 12 months ...")
    started = time.perf_counter()
    opened = open_data_entries(year=year, agency_ids=agency_ids, by=coordinator)
    open_seconds = time.perf_counter() - started
    started = time.perf_counter()
    reopened = open_data_entries(year=year, agency_ids=agency_ids, by=coordinator)
    rerun_seconds = time.perf_counter() - started
    return {
        "entries_opened": opened,
        "open_seconds": round(open_seconds, 2),
        "rerun_opened": reopened,
        "rerun_seconds": round(rerun_seconds, 2),
        "target_s": TARGET_S,
        "review_pages": _review_pages(agency_id=agency_ids[0], coordinator=coordinator, year=year, log=log),
    }


def _add_reviews(*, agency, coordinator, owner, year: int, count: int) -> None:
    """`count` monthly reviews of the agency, each with three agenda items, an obstacle and an action."""
    import datetime

    from evaluation import services

    for n in range(count):
        month = n % 12 + 1
        start = datetime.date(year, month, 1)
        review = services.open_review(
            agency=agency, by=coordinator, held_on=start, covers_from=start, covers_to=start + datetime.timedelta(27)
        )
        for i in range(3):
            item = services.add_item(review=review, by=coordinator, title=f"Butir {i + 1} tinjauan {n + 1}")
        obstacle = services.add_obstacle(
            item=item, by=coordinator, category="system", description="Antrean manual", root_cause="Belum ada sistem"
        )
        services.add_action(obstacle=obstacle, by=coordinator, owner=owner, text="Pasang sistem antrean", due_on=start)


def _review_pages(*, agency_id: int, coordinator, year: int, requests: int = 30, log=print) -> dict:
    """The agency's review list and its latest review, p50/p95 and queries, with one review and with REVIEWS."""
    from django.test import Client
    from django.urls import reverse

    from agencies.models import Agency, Employee
    from bench.pages import count_queries
    from bench.stats import percentile
    from evaluation.models import Review

    agency = Agency.objects.get(pk=agency_id)
    owner = Employee.objects.filter(agency=agency, is_active=True).first() or Employee.objects.first()
    Review.objects.filter(agency=agency).delete()
    client = Client()
    client.force_login(coordinator)
    result = {}
    for size, added in ((1, 1), (REVIEWS, REVIEWS - 1)):
        _add_reviews(agency=agency, coordinator=coordinator, owner=owner, year=year, count=added)
        latest = Review.objects.filter(agency=agency).order_by("-pk").first()
        pages = {
            "list": reverse("evaluation:review_list", args=[agency.pk]),
            "review": reverse("evaluation:review_detail", args=[latest.pk]),
        }
        result[size] = {}
        for name, url in pages.items():
            client.get(url)  # new rows: the signed-in identity reloads once
            status, queries = count_queries(client, url)
            timings = []
            for _ in range(requests):
                started = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            result[size][name] = {
                "status": status,
                "queries": queries,
                "p50_ms": round(percentile(timings, 0.5), 1),
                "p95_ms": round(percentile(timings, 0.95), 1),
            }
            log(f"  review {name} with {size} review(s): {result[size][name]}")
    return result


def figures(result: dict) -> list[dict]:
    from bench.report import _row

    evaluation = result.get("evaluation")
    if not evaluation:
        return []
    seconds = evaluation["open_seconds"]
    return [
        _row(
            f"open {evaluation['entries_opened']} IKU data-entry tasks",
            seconds,
            "s",
            f"< {TARGET_S:.0f} s",
            seconds < TARGET_S,
        ),
        _row("  second run (opens nothing)", evaluation["rerun_seconds"], "s", "", evaluation["rerun_opened"] == 0),
    ] + _review_rows(evaluation.get("review_pages"))


def _review_rows(pages: dict | None) -> list[dict]:
    from bench.report import _row

    if not pages:
        return []
    one, many = (pages.get(size) or pages.get(str(size)) for size in (1, REVIEWS))  # read back from JSON: str keys
    rows = []
    for name, label in (("list", "agency review list"), ("review", "review page")):
        figures = many[name]
        flat = figures["queries"] == one[name]["queries"]
        rows.append(
            _row(
                f"{label} with {REVIEWS} reviews p50 / p95 ({one[name]['queries']} / {figures['queries']} queries)",
                f"{figures['p50_ms']} / {figures['p95_ms']}",
                "ms",
                f"p95 < {TARGET_PAGE_MS} ms, <= {MAX_QUERIES} queries, flat",
                figures["status"] == 200
                and figures["p95_ms"] < TARGET_PAGE_MS
                and figures["queries"] <= MAX_QUERIES
                and flat,
            )
        )
    return rows


def main() -> None:
    from bench.setup import setup_django

    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print(measure())


if __name__ == "__main__":
    main()
