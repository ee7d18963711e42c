"""Benchmark: 1,000,000 survey answers (IKM), then every agency's, every service's and the Pemda's index for a period.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kinerja_surveys_bench .venv/bin/python bench/surveys.py
    .venv/bin/python bench/surveys.py --answers 200000          # SQLite, bench/results/bench.sqlite3

Also a phase of `make bench` (bench/run.py; BENCH_SURVEY_ANSWERS overrides the size). Every agency gets four
public services if it has none; answers are spread over the current year's annual period and inserted in bulk
(COPY on PostgreSQL, batched INSERTs elsewhere) up to the requested number. The selectors the results pages and the
public page use (surveys.selectors) are then timed, five times each after a warm-up: every agency's IKM (the
target: < 2 s on PostgreSQL), every service's, and the Pemda's. Prints one line and returns the figures.
"""

import argparse
import datetime
import json
import random
import statistics
import sys
import time
from pathlib import Path

TARGET_SECONDS = 2.0
SERVICES_PER_AGENCY = 4
ELEMENT_COLUMNS = [f"u{number}" for number in range(1, 10)]


def _ensure_services():
    from agencies.models import Agency, PublicService

    agencies = list(Agency.objects.all())
    if not agencies:
        agencies = Agency.objects.bulk_create(
            [Agency(code=f"BENCH{n:02d}", name=f"Dinas Bench {n}", short_name=f"Bench {n}") for n in range(50)]
        )
    have = set(PublicService.objects.values_list("agency_id", flat=True))
    PublicService.objects.bulk_create(
        [
            PublicService(
                agency=agency,
                name=f"Layanan {n + 1}",
                slug=f"bench-{agency.pk}-{n + 1}",
                annual_users=random.Random(agency.pk * 10 + n).choice([500, 5_000, 50_000, 200_000]),
            )
            for agency in agencies
            if agency.pk not in have
            for n in range(SERVICES_PER_AGENCY)
        ]
    )
    return list(PublicService.objects.filter(is_active=True).values_list("pk", flat=True))


def _period():
    from agencies.models import Period, PeriodKind

    year = datetime.date.today().year
    period = Period.objects.filter(kind=PeriodKind.ANNUAL, year=year).first()
    if period is None:
        period = Period.objects.create(
            name=f"Tahunan {year}",
            year=year,
            kind=PeriodKind.ANNUAL,
            starts_on=datetime.date(year, 1, 1),
            ends_on=datetime.date(year, 12, 31),
            plan_due=datetime.date(year, 1, 31),
            evaluation_due=datetime.date(year + 1, 1, 10),
            status="running",
        )
    return period


def _rows(count: int, service_ids: list[int], period):
    rng = random.Random(count)
    days = (period.ends_on - period.starts_on).days
    for _ in range(count):
        day = period.starts_on + datetime.timedelta(days=rng.randint(0, days))
        at = datetime.datetime.combine(day, datetime.time(rng.randint(1, 9)), tzinfo=datetime.UTC)
        yield (
            rng.choice(service_ids),
            at,
            day,
            *(rng.choice((2, 3, 3, 4, 4)) for _ in ELEMENT_COLUMNS),
            "",
            "",
            "",
            "",
            "",
        )


def insert_answers(*, answers: int, service_ids: list[int], period) -> tuple[int, float]:
    """Bring the number of answers up to `answers`; returns (inserted, seconds)."""
    from django.db import connection, transaction

    from surveys.models import SurveyResponse

    missing = answers - SurveyResponse.objects.count()
    if missing <= 0:
        return 0, 0.0
    columns = ["service_id", "submitted_at", "submitted_on", *ELEMENT_COLUMNS, "sex", "age_band", "education"]
    columns += ["occupation", "comment"]
    started = time.perf_counter()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                copy_sql = f"COPY {SurveyResponse._meta.db_table} ({', '.join(columns)}) FROM STDIN"
                with cursor.cursor.copy(copy_sql) as copy:
                    for row in _rows(missing, service_ids, period):
                        copy.write_row(row)
        else:
            batch = []
            for row in _rows(missing, service_ids, period):
                batch.append(SurveyResponse(**dict(zip(columns, row, strict=True))))
                if len(batch) == 10_000:
                    SurveyResponse.objects.bulk_create(batch)
                    batch = []
            SurveyResponse.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        # VACUUM as well on PostgreSQL: it sets the visibility map, so the covering index gives index-only scans
        # at once (autovacuum would do it later, as it does for answers arriving one by one in production). VACUUM
        # cannot run inside a transaction (the bench's own tests run in one): ANALYZE alone there.
        vacuum = "VACUUM ANALYZE" if connection.vendor == "postgresql" and not connection.in_atomic_block else "ANALYZE"
        cursor.execute(f"{vacuum} {SurveyResponse._meta.db_table}")
    return missing, time.perf_counter() - started


def measure(*, answers: int = 1_000_000, runs: int = 5) -> dict:
    """Seed the answers and time every scope's IKM for the period (Django already set up)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from surveys import selectors
    from surveys.models import SurveyResponse

    service_ids = _ensure_services()
    period = _period()
    print(f"survey answers: inserting up to {answers:,} ...")
    inserted, insert_seconds = insert_answers(answers=answers, service_ids=service_ids, period=period)

    scopes = {
        "agencies": lambda: selectors.agency_results(period=period),
        "services": lambda: selectors.service_results(period=period),
        "pemda": lambda: selectors.pemda_result(period=period),
    }
    timings = {name: [] for name in scopes}
    outputs = {}
    for name, compute in scopes.items():
        compute()  # warm-up
        for _ in range(runs):
            started = time.perf_counter()
            outputs[name] = compute()
            timings[name].append(time.perf_counter() - started)
    agencies, services, pemda = outputs["agencies"], outputs["services"], outputs["pemda"]
    with CaptureQueriesContext(connection) as queries:
        for compute in scopes.values():
            compute()
    result = {
        "database": connection.vendor,
        "answers": SurveyResponse.objects.count(),
        "inserted": inserted,
        "insert_seconds": round(insert_seconds, 1),
        "agencies": len(agencies),
        "services": len(services),
        "pemda_ikm": str(pemda.ikm),
        "p50_seconds": round(statistics.median(timings["agencies"]), 3),
        "max_seconds": round(max(timings["agencies"]), 3),
        "all_scopes_p50_seconds": round(sum(statistics.median(each) for each in timings.values()), 3),
        "queries": len(queries),
        "target_seconds": TARGET_SECONDS,
    }
    verdict = "ok" if result["p50_seconds"] < TARGET_SECONDS else "SLOW"
    print(
        f"  IKM of every agency ({result['agencies']}) over {result['answers']:,} answers: p50 "
        f"{result['p50_seconds']:.3f} s, max {result['max_seconds']:.3f} s "
        f"(target < {TARGET_SECONDS:.0f} s: {verdict}); "
        f"with the {result['services']} services and the Pemda as well {result['all_scopes_p50_seconds']:.3f} s, "
        f"{result['queries']} queries"
    )
    return result


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=1_000_000)
    args = parser.parse_args()
    from bench.setup import RESULTS, setup_django

    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    result = measure(answers=args.answers)
    (RESULTS / f"surveys-{result['database']}.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
