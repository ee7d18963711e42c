"""Benchmark: the coordinator's period overview (/dashboard/period/<id>/) at 1,000 and 10,000 employees.

    .venv/bin/python bench/dashboard.py                       # 1,000 and 10,000 employees, SQLite
    .venv/bin/python bench/dashboard.py --employees 10000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kinerja_reports .venv/bin/python bench/dashboard.py

Each size runs in its own process on a fresh database (SQLite: /tmp/kinerja_reports_bench_<N>.sqlite3 unless
DATABASE_URL is set; a PostgreSQL database is created if missing and flushed): `seed_demo --employees N`, then the
current annual period gets a plan for 90 % of the active employees, spread over every stage, each open plan with
its open viewflow task (process, plan process and task rows written in bulk, as the engine would leave them),
and predikat for the rated plans. The overview is then requested ~30 times through the test client as the demo
coordinator (server time: middleware, selectors, template), after three warm-up requests; the query count is
captured once. The distribution and IKU pages are timed the same way for reference.
Wall-clock times depend on how busy the machine is (the load average is recorded); the CPU time of the process
per request (Django and, on SQLite, the database too) is the cost on an idle core. On PostgreSQL the database
server's own time is only in the wall-clock figures.
Prints a table and writes bench/results/dashboard.json (one entry per database vendor and size).
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "dashboard.json"
TARGET_MS = 300.0
SIZES = (1_000, 10_000)

# Share of plans per stage (the rest of the employees have not started), and the predikat of rated plans.
STAGE_MIX = [
    ("draft", 15),
    ("review", 10),
    ("realisation", 35),
    ("self_assessment", 5),
    ("rating", 5),
    ("coaching", 5),
    ("done", 15),
]
PREDIKAT_MIX = ["BAIK"] * 6 + ["SANGAT_BAIK"] * 2 + ["BUTUH_PERBAIKAN", "KURANG"]
NODE_FOR_STAGE = {
    "draft": "draft",
    "review": "review",
    "realisation": "realisation",
    "self_assessment": "self_assessment",
    "rating": "rating",
    "coaching": "acknowledge",
}
SUPERVISOR_NODES = {"review", "rating", "coaching", "close_coaching"}


def setup_django(database_url: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("KINERJA_TASKS_BACKEND", "immediate")
    from bench.setup import create_postgres_database_if_missing

    create_postgres_database_if_missing(database_url)
    import django

    django.setup()


def reset_and_seed(employees: int) -> None:
    from bench.seed import reset_and_seed as seed

    seed(employees, log=lambda *args: None)


def populate_plans(period) -> dict:
    """Plans for 90 % of the active employees, over every stage, each open one with its open task."""
    from django.db import connection, transaction
    from viewflow.workflow.models import Process, Task
    from viewflow.workflow.status import STATUS

    from agencies.models import Employee
    from workflow.flows import PlanFlow
    from workflow.models import Plan

    weights = [share for _, share in STAGE_MIX]
    ladder = [stage for stage, share in STAGE_MIX for _ in range(share)]
    people = list(
        Employee.objects.filter(is_active=True)
        .exclude(plans__period=period)
        .values_list("pk", "user_id", "supervisor_id", "supervisor__user_id")
        .order_by("pk")
    )
    with transaction.atomic():
        plans, owners = [], []
        for index, (employee_id, user_id, supervisor_id, supervisor_user_id) in enumerate(people):
            if index % 10 == 9:
                continue  # not started
            stage = ladder[index % sum(weights)]
            rated = stage in ("coaching", "done")
            predikat = PREDIKAT_MIX[index % len(PREDIKAT_MIX)] if rated else ""
            if stage == "coaching" and predikat in ("BAIK", "SANGAT_BAIK"):
                predikat = "BUTUH_PERBAIKAN"
            plans.append(
                Plan(
                    employee_id=employee_id, period=period, stage=stage, supervisor_id=supervisor_id, predikat=predikat
                )
            )
            owners.append((user_id, supervisor_user_id or user_id))
        plans = Plan.objects.bulk_create(plans, batch_size=2000)
        processes = Process.objects.bulk_create(
            [Process(flow_class=PlanFlow, status=STATUS.DONE if p.stage == "done" else STATUS.NEW) for p in plans],
            batch_size=2000,
        )
        with connection.cursor() as cursor:
            rows = [
                (process.pk, plan.pk, plan.period_id, plan.employee_id)
                for process, plan in zip(processes, plans, strict=True)
            ]
            for start in range(0, len(rows), 2000):
                chunk = rows[start : start + 2000]
                cursor.execute(
                    "INSERT INTO workflow_planprocess (process_ptr_id, plan_id, period_id, employee_id) VALUES "
                    + ", ".join(["(%s, %s, %s, %s)"] * len(chunk)),
                    [value for row in chunk for value in row],
                )
        tasks = []
        for plan, process, (user_id, supervisor_user_id) in zip(plans, processes, owners, strict=True):
            node = NODE_FOR_STAGE.get(plan.stage)
            if node is None:
                continue
            owner = supervisor_user_id if node in SUPERVISOR_NODES else user_id
            tasks.append(
                Task(
                    process_id=process.pk,
                    flow_task=getattr(PlanFlow, node),
                    flow_task_type="HUMAN",
                    status=STATUS.ASSIGNED,
                    owner_id=owner,
                )
            )
        Task.objects.bulk_create(tasks, batch_size=2000)
    return {"plans": len(plans), "open_tasks": len(tasks)}


def _time(client, url: str, requests: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds per request. The CPU time of this process (Django, and SQLite, which runs
    in-process) is what the request costs on an idle core; wall-clock also counts waiting for a busy CPU."""
    for _ in range(3):
        assert client.get(url).status_code == 200
    wall, cpu = [], []
    for _ in range(requests):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200
    return wall, cpu


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured.captured_queries)


def measure(employees: int, requests: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from agencies.demo import COORDINATOR_USERNAME
    from agencies.models import Agency, Employee
    from bench.stats import percentile
    from reports.selectors import current_period

    started = time.perf_counter()
    reset_and_seed(employees)
    period = current_period()
    populated = populate_plans(period)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # planner statistics, as autovacuum (PostgreSQL) keeps them on a live database
    setup_seconds = time.perf_counter() - started

    client = Client()
    client.force_login(get_user_model().objects.get(username=COORDINATOR_USERNAME))
    pages = {
        "overview": reverse("reports:period_overview", args=[period.pk]),
        "distribution": reverse("reports:distribution", args=[period.pk]),
        "iku": reverse("reports:iku", args=[period.pk]),
    }
    figures = {}
    for name, url in pages.items():
        wall, cpu = _time(client, url, requests if name == "overview" else max(5, requests // 3))
        wall, cpu = sorted(wall), sorted(cpu)
        figures[name] = {
            "min_ms": round(wall[0], 1),
            "p50_ms": round(statistics.median(wall), 1),
            "p95_ms": round(percentile(wall, 0.95), 1),
            "cpu_p50_ms": round(statistics.median(cpu), 1),
            "cpu_p95_ms": round(percentile(cpu, 0.95), 1),
            "queries": _queries(client, url),
            "requests": len(wall),
        }
    return {
        "database": connection.vendor,
        "employees": Employee.objects.filter(is_active=True).count(),
        "agencies": Agency.objects.count(),
        **populated,
        "setup_seconds": round(setup_seconds, 1),
        "pages": figures,
        "target_ms": TARGET_MS,
        "load_average_1min": round(os.getloadavg()[0], 2),
        "cpu_count": os.cpu_count(),
        "within_target": figures["overview"]["p95_ms"] < TARGET_MS,
        "within_target_cpu": figures["overview"]["cpu_p95_ms"] < TARGET_MS,
        "python": platform.python_version(),
        "measured_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }


def print_table(results: list[dict]) -> None:
    header = ("database", "employees", "plans", "tasks", "page", "min ms", "p50 ms", "p95 ms", "cpu p50", "cpu p95")
    print("\n{:<10} {:>9} {:>7} {:>7} {:<13} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}".format(*header, "queries"))
    for result in results:
        for page, figures in result["pages"].items():
            cells = [result["database"], result["employees"], result["plans"], result["open_tasks"], page]
            cells += [figures["min_ms"], figures["p50_ms"], figures["p95_ms"], figures["cpu_p50_ms"]]
            cells += [figures["cpu_p95_ms"], figures["queries"]]
            print("{:<10} {:>9} {:>7} {:>7} {:<13} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}".format(*cells))
    for result in results:
        verdict = "within" if result["within_target"] else "OVER"
        cpu_verdict = "within" if result["within_target_cpu"] else "OVER"
        print(
            f"{result['employees']} employees: overview p95 wall-clock {verdict}, CPU {cpu_verdict} the "
            f"{TARGET_MS:.0f} ms target (load average {result['load_average_1min']} on {result['cpu_count']} CPUs)"
        )


def save(results: list[dict]) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    stored = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    for result in results:
        stored.setdefault(result["database"], {})[str(result["employees"])] = result
    RESULTS.write_text(json.dumps(stored, indent=2, sort_keys=True) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, action="append", help="size(s) to measure; default 1000 and 10000")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = args.employees or list(SIZES)
    if args.child:
        url = os.environ.get("DATABASE_URL") or f"sqlite:////tmp/kinerja_reports_bench_{sizes[0]}.sqlite3"
        setup_django(url)
        print(json.dumps(measure(sizes[0], args.requests)))
        return
    results = []
    for size in sizes:
        command = [sys.executable, __file__, "--child", "--employees", str(size), "--requests", str(args.requests)]
        finished = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
        if finished.returncode:
            sys.exit(f"{size} employees failed:\n{finished.stderr[-3000:]}")
        output = finished.stdout
        results.append(json.loads(output.strip().splitlines()[-1]))
    print_table(results)
    save(results)
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
