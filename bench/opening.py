"""Benchmark: opening a period for every agency, next to a plain bulk_create of the same number of rows.

    .venv/bin/python bench/opening.py --employees 10000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kinerja_opening_bench .venv/bin/python bench/opening.py

Resets the benchmark database (SQLite: /tmp/kinerja_opening_bench.sqlite3 unless DATABASE_URL says otherwise;
PostgreSQL: the database is created if missing and flushed), seeds N employees with `seed_demo --employees N`,
then times, in the same run:
- `open_period` for all agencies (plans, processes, first tasks, history rows; chunked, progress per chunk);
- the same call again (idempotent re-run: nothing to create);
- the baseline: one plain `bulk_create` of N plans, N processes and N tasks in one transaction (rolled back),
  i.e. the same tables without engine semantics, chunking, progress or skipping.
Prints a table and merges the figures into bench/results/opening.json under the database vendor.
`time_opening()` is importable for a combined `make bench`.
"""

import argparse
import datetime
import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "opening.json"
DEFAULT_DATABASE_URL = "sqlite:////tmp/kinerja_opening_bench.sqlite3"
TARGET_SECONDS = 10.0


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # DEBUG off, as in production: with it on, Django keeps every query's SQL in memory.
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-a-secret")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "localhost")
    from bench.setup import create_postgres_database_if_missing

    create_postgres_database_if_missing(os.environ["DATABASE_URL"])
    import django

    django.setup()


def reset_and_seed(employees: int) -> None:
    from bench.seed import reset_and_seed as seed

    seed(employees, log=lambda *args: None)


def bench_period(year: int | None = None, kind: str = "monthly"):
    """A period of its own far in the future, so no plan exists for it yet and nothing overlaps (a fresh one for
    every run when `year` is None, so that --no-seed runs measure a real opening too)."""
    from agencies.models import Period

    if year is None:
        year = 2100 + Period.objects.filter(year__gte=2100).count()
    start = datetime.date(year, 1, 1)
    period, _ = Period.objects.get_or_create(
        name=f"Bench {year}",
        defaults={
            "year": year,
            "kind": kind,
            "starts_on": start,
            "ends_on": datetime.date(year, 1, 31),
            "plan_due": datetime.date(year, 1, 20),
            "evaluation_due": datetime.date(year, 2, 10),
        },
    )
    return period


def time_baseline(count: int) -> tuple[float, float]:
    """Plain bulk_create of `count` plans, processes and tasks in one transaction, rolled back afterwards."""
    from django.db import transaction
    from viewflow.workflow.models import Process, Task

    from agencies.models import Employee
    from workflow.flows import PlanFlow
    from workflow.models import Plan

    period = bench_period(2098)
    employee_ids = list(Employee.objects.order_by("pk").values_list("pk", flat=True)[:count])
    started, cpu = time.perf_counter(), time.process_time()
    with transaction.atomic():
        Plan.objects.bulk_create([Plan(employee_id=employee_id, period=period) for employee_id in employee_ids])
        processes = Process.objects.bulk_create([Process(flow_class=PlanFlow) for _ in employee_ids])
        Task.objects.bulk_create(
            [Task(process_id=p.pk, flow_task=PlanFlow.draft, flow_task_type="HUMAN") for p in processes]
        )
        elapsed = time.perf_counter() - started, time.process_time() - cpu
        transaction.set_rollback(True)
    return elapsed


def time_opening(*, employees: int, chunk_size: int | None = None, seed: bool = True, log=print) -> dict:
    """Seed, open a fresh period for all agencies, re-run it, and time the baseline; returns the figures."""
    from django.db import connection

    from agencies.models import Agency, Employee
    from workflow import opening as opening_module
    from workflow.models import Plan, PlanProcess

    chunk_size = chunk_size or opening_module.CHUNK_SIZE
    if seed:
        started = time.perf_counter()
        reset_and_seed(employees)
        log(f"seeded {Employee.objects.count()} employees in {time.perf_counter() - started:.1f} s")
    period = bench_period()
    agency_ids = list(Agency.objects.values_list("pk", flat=True))

    started, cpu = time.perf_counter(), time.process_time()
    opening = opening_module.open_period(period=period, agency_ids=agency_ids, by=None, chunk_size=chunk_size)
    open_seconds, open_cpu_seconds = time.perf_counter() - started, time.process_time() - cpu

    started = time.perf_counter()
    rerun = opening_module.open_period(period=period, agency_ids=agency_ids, by=None, chunk_size=chunk_size)
    rerun_seconds = time.perf_counter() - started

    plans = Plan.objects.filter(period=period).count()
    processes = PlanProcess.objects.filter(plan__period=period).count()
    baseline_seconds, baseline_cpu_seconds = time_baseline(plans)
    return {
        "database": connection.vendor,
        "employees": Employee.objects.filter(is_active=True).count(),
        "agencies": len(agency_ids),
        "chunk_size": chunk_size,
        "plans_created": opening.created,
        "plans_in_period": plans,
        "processes_in_period": processes,
        "rerun_created": rerun.created,
        "open_seconds": round(open_seconds, 3),
        "open_cpu_seconds": round(open_cpu_seconds, 3),
        "rerun_seconds": round(rerun_seconds, 3),
        "baseline_bulk_create_seconds": round(baseline_seconds, 3),
        "baseline_cpu_seconds": round(baseline_cpu_seconds, 3),
        "load_average": os.getloadavg()[0],
        "ratio_to_baseline": round(open_seconds / baseline_seconds, 2) if baseline_seconds else None,
        "target_seconds": TARGET_SECONDS,
        "within_target": open_seconds < TARGET_SECONDS,
        "python": platform.python_version(),
        "measured_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }


def print_table(result: dict) -> None:
    rows = [
        ("open_period, all agencies", result["open_seconds"], result["open_cpu_seconds"], result["plans_created"]),
        ("re-run (idempotent)", result["rerun_seconds"], None, result["rerun_created"]),
        (
            "baseline: plain bulk_create",
            result["baseline_bulk_create_seconds"],
            result["baseline_cpu_seconds"],
            result["plans_in_period"],
        ),
    ]
    print(f"\n{result['database']}, {result['employees']} active employees, chunks of {result['chunk_size']}")
    print(f"(load average {result['load_average']:.1f}: wall time includes waiting for a busy machine)")
    print(f"{'step':<30} {'seconds':>8} {'cpu s':>8} {'plans':>8}")
    for label, seconds, cpu, count in rows:
        cpu_text = f"{cpu:>8.2f}" if cpu is not None else f"{'':>8}"
        print(f"{label:<30} {seconds:>8.2f} {cpu_text} {count:>8}")
    verdict = "within" if result["within_target"] else "OVER"
    print(f"{verdict} the {TARGET_SECONDS:.0f} s target; {result['ratio_to_baseline']}x the baseline")


def save(result: dict) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results[result["database"]] = result
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--chunk-size", type=int, default=None)
    parser.add_argument("--no-seed", action="store_true", help="reuse the seeded database")
    args = parser.parse_args()
    setup_django()
    result = time_opening(employees=args.employees, chunk_size=args.chunk_size, seed=not args.no_seed)
    print_table(result)
    save(result)
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
