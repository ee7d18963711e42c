"""The benchmark run: the steps of bench/__main__.py in order, one table and the JSON results at the end."""

import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.setup import DEFAULT_DATABASE_URL, RESULTS, ROOT, setup_django

REFERENCE_EMPLOYEES = 10_000  # the size whose query counts every other size must keep

# The PostgreSQL database of the in-process figures on PostgreSQL and of the HTTP phases when the run itself is on
# SQLite (a shared machine gives each user their own: BENCH_POSTGRES_URL).
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL") or "postgres://postgres@127.0.0.1:5432/kinerja_bench"


def _marker(database: str):
    return RESULTS / f"seeded-{database}.json"


def prepare(args, result: dict) -> dict:
    """Seed, time the opening, add plans, realisations and the forum; returns the personas of the pages."""
    from bench import pages, seed
    from bench.opening import time_opening

    result["seed_seconds"] = round(seed.reset_and_seed(args.employees), 1)
    print("opening a period for all employees ...")
    result["opening"] = time_opening(employees=args.employees, seed=False, log=print)
    print(
        f"  opened {result['opening']['plans_created']} plans in {result['opening']['open_seconds']:.2f} s "
        f"(plain bulk_create {result['opening']['baseline_bulk_create_seconds']:.2f} s)"
    )
    result["plans"] = seed.seed_plans()
    result["forum"] = seed.seed_forum()
    seed.analyse()
    people = pages.personas(period_id=result["plans"]["period_id"], big_topic_id=result["forum"]["big_topic_id"])
    people["identities"] = pages.identities(period_id=result["plans"]["period_id"])
    return people


def companion(args, url: str) -> dict:
    """The same dataset on the other database (PostgreSQL for a SQLite run and the other way round), seeded in a
    child process once per size (a marker file remembers it), with its in-process page figures."""
    import dj_database_url

    other = POSTGRES_URL if url.startswith("sqlite") else DEFAULT_DATABASE_URL
    name = dj_database_url.parse(other)["NAME"].rsplit("/", 1)[-1]
    print(f"the same dataset on {other.split(':', 1)[0]} ({name}) ...")
    env = os.environ | {"DATABASE_URL": other}
    command = [sys.executable, "-m", "bench", "--companion", "--employees", str(args.employees)]
    command += ["--requests", str(args.requests)]
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    return json.loads(_marker(name).read_text())


def reference(args, url: str) -> dict:
    """The pages on the same database engine at 10,000 employees (a database of its own, `<name>_reference`, or
    `<name>-reference.sqlite3`; seeded once, as the companion is), whose query counts the pages must keep."""
    if url.startswith("sqlite"):
        other = url.removesuffix(".sqlite3") + "-reference.sqlite3"
    else:
        other = url.rsplit("?", 1)[0] + "_reference"
    name = other.rsplit("/", 1)[-1]
    print(f"query counts at {REFERENCE_EMPLOYEES} employees ({name}) ...")
    env = os.environ | {"DATABASE_URL": other}
    command = [sys.executable, "-m", "bench", "--companion", "--employees", str(REFERENCE_EMPLOYEES)]
    command += ["--requests", str(args.requests)]
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    return json.loads(_marker(name).read_text())


def finish(result: dict, started: float) -> dict:
    """The table and the JSON of a run that stopped after the in-process pages (--in-process-only)."""
    from bench import report

    result["total_seconds"] = round(time.perf_counter() - started, 1)
    result["load_average_1min"] = load_average()
    result["figures"] = report.figures(result)
    report.print_table(result)
    latest = RESULTS / "latest.json"
    latest.write_text(json.dumps(result, indent=2, sort_keys=True, default=str) + "\n")
    shutil.copyfile(latest, RESULTS / f"latest-{result['database']}-{result['employees_requested']}.json")
    print(f"written to bench/results/latest.json and latest-{result['database']}-{result['employees_requested']}.json")
    if not all(page.get("same_queries_as_reference", True) for page in result["pages"]):
        sys.exit("a page's query count differs from the one at 10,000 employees (see above)")
    return result


def dataset() -> dict:
    """What the figures were measured on: row counts, and the database and media sizes."""
    from django.conf import settings
    from django.db import connection

    from agencies.models import Agency, Employee
    from forums.models import Post
    from workflow.models import Evidence, Feedback, Plan, PlanEvent, Realisation, ResultIndicator, ResultPlan

    sizes = {
        "agencies": Agency.objects.count(),
        "employees": Employee.objects.filter(is_active=True).count(),
        "plans": Plan.objects.count(),
        "rhk": ResultPlan.objects.count(),
        "indicators": ResultIndicator.objects.count(),
        "realisations": Realisation.objects.count(),
        "evidence": Evidence.objects.count(),
        "feedback": Feedback.objects.count(),
        "plan_events": PlanEvent.objects.count(),
        "forum_posts": Post.objects.count(),
    }
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            sizes["database_mb"] = round(cursor.fetchone()[0] / 2**20, 1)
    else:
        sizes["database_mb"] = round(os.path.getsize(settings.DATABASES["default"]["NAME"]) / 2**20, 1)
    media = sum(path.stat().st_size for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file())
    sizes["media_mb"] = round(media / 2**20, 1)
    return sizes


def load_average() -> float:
    return round(os.getloadavg()[0], 2)


def run(args) -> dict:
    url = setup_django()
    import dj_database_url
    from django.core.management import call_command
    from django.db import connection

    from agencies.demo import DEMO_PASSWORD
    from bench import pages, report

    started = time.perf_counter()
    vendor = connection.vendor
    print(f"Kinerja bench: {args.employees} employees on {vendor}")
    result = {
        "database": vendor,
        "employees_requested": args.employees,
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
        "measured_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }
    name = dj_database_url.parse(url)["NAME"].rsplit("/", 1)[-1]
    marker = _marker(name)
    seeded = json.loads(marker.read_text()) if marker.exists() else {}
    if (args.companion or args.reuse) and seeded.get("employees") == args.employees:
        people = seeded["personas"]  # seeded by an earlier run at this size: measure only
        # Today's schema first: the code measured may have migrations the seeded database has not (this also
        # covers the `_reference` and companion databases, which run through here in a child process).
        call_command("migrate", verbosity=0, interactive=False)
        # The page personas again, by today's rules (the HTTP identities stay as seeded).
        people |= pages.personas(period_id=people["period_id"], big_topic_id=people["big_topic_id"])
        result.update({key: seeded[key] for key in ("seed_seconds", "opening", "plans", "forum") if key in seeded})
    else:
        people = prepare(args, result)
        marker.write_text(json.dumps({"employees": args.employees, "personas": people, **result}, indent=2))
    result["personas"] = people
    result["dataset"] = dataset()
    print("server time per page ...")
    result["pages"] = pages.measure_pages(people, requests=args.requests)
    if not args.companion and args.employees != REFERENCE_EMPLOYEES:  # the counts must not grow with the data
        result["query_reference"] = reference(args, url)
        pages.compare_queries(result["pages"], result["query_reference"]["pages"], log=print)
    if args.companion:
        marker.write_text(
            json.dumps({"employees": args.employees, "personas": people, "vendor": vendor, **result}, indent=2)
        )
        return result
    if args.in_process_only:
        return finish(result, started)
    result["companion"] = companion(args, url)

    # --- surveys --- 1,000,000 survey answers, every agency's IKM for a period (bench/surveys.py)
    from bench import surveys

    result["surveys"] = surveys.measure(answers=int(os.environ.get("BENCH_SURVEY_ANSWERS") or 1_000_000))
    from bench import development  # capacity development phase (issue 14)

    result["development"] = development.run_phase(requests=args.requests)
    # --- feedback ---: complaints at 10k and 100k (bench/complaints.py)
    from bench import complaints

    print("complaints: desk list and public page ...")
    result["complaints"] = complaints.measure(
        total=int(os.environ.get("BENCH_COMPLAINTS") or 100_000), requests=args.requests
    )
    # --- end feedback ---
    from bench import evaluation  # --- evaluation ---: the IKU data calendar (bench/evaluation.py)

    result["evaluation"] = evaluation.measure()
    api_employees = int(os.environ.get("BENCH_API_EMPLOYEES") or args.employees)
    if api_employees:  # --- api ---: a sync of the employees through the REST API and its list endpoints
        from bench import api

        result["api"] = api.measure(employees=api_employees, requests=args.requests)

    if not args.skip_http:
        from bench import fanout, load, prod, rush

        on_postgres = vendor == "postgresql"
        database = name if on_postgres else _database_name(POSTGRES_URL)
        http_people = people if on_postgres else result["companion"]["personas"]
        connection.close()
        server = prod.ProdServer(database=database)
        server.start()
        try:
            result["load"] = load.measure(
                server, http_people["identities"], seconds=args.load_seconds, users=args.users
            )
            result["load"]["database"] = database
            result["load"]["load_average_1min"] = load_average()
            if args.rush_seconds > 0:  # the month-end rush (bench/rush.py): it writes, so after the read phases
                result["load"]["rush"] = rush.measure(server, users=args.rush_users, seconds=args.rush_seconds)
                result["load"]["rush"]["load_average_1min"] = load_average()
                result["load"]["passed"] = result["load"]["passed"] and result["load"]["rush"]["passed"]
            result["websockets"] = fanout.measure(
                server,
                topic_id=http_people["big_topic_id"],
                clients=args.ws_clients,
                processes=args.ws_processes,
                username=http_people["coordinator"],  # the big topic's author replies
                reader=http_people["employee"],  # followed by people without controls of their own on the replies
                password=DEMO_PASSWORD,
            )
            result["websockets"]["load_average_1min"] = load_average()
        finally:
            server.stop()
    result["total_seconds"] = round(time.perf_counter() - started, 1)
    result["load_average_1min"] = load_average()
    result["figures"] = report.figures(result) + development.figures(result)  # + capacity development (issue 14)
    result["figures"] += complaints.figures(result)  # feedback: IKM, complaint desk, public page (issue 12)
    result["figures"] += evaluation.figures(result)
    from bench import api

    result["figures"] += api.figures(result)
    from bench import rush

    result["figures"] += rush.figures(result)
    report.print_table(result)
    latest = RESULTS / "latest.json"
    latest.write_text(json.dumps(result, indent=2, sort_keys=True, default=str) + "\n")
    shutil.copyfile(latest, RESULTS / f"latest-{vendor}.json")
    print(f"written to bench/results/latest.json and bench/results/latest-{vendor}.json")
    if result.get("load") and not result["load"]["passed"]:
        sys.exit("an HTTP load phase had errors: its throughput is not a figure (see errors_by_url above)")
    if result.get("websockets") and not result["websockets"]["passed"]:
        sys.exit(f"the websocket fan-out had errors: {'; '.join(result['websockets']['errors'])}")
    return result


def _database_name(url: str) -> str:
    import dj_database_url

    return dj_database_url.parse(url)["NAME"]
