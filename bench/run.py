"""The benchmark run: the steps of bench/__main__.py in order, one table and the JSON results at the end."""

import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import time

from bench.setup import RESULTS, ROOT, setup_django

LOAD_DATABASE = "kinerja_bench"  # the PostgreSQL database the HTTP phases use when the run itself is on SQLite


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
    return pages.personas(period_id=result["plans"]["period_id"], big_topic_id=result["forum"]["big_topic_id"])


def load_database(args, url: str, people: dict) -> tuple[str, dict]:
    """The PostgreSQL database (and its personas) the production setup serves: the run's own on PostgreSQL; on
    SQLite the same dataset seeded into `kinerja_bench` (once per size: a marker file remembers it)."""
    import dj_database_url
    from django.db import connection

    if connection.vendor == "postgresql":
        return dj_database_url.parse(url)["NAME"], people
    marker = _marker(LOAD_DATABASE)
    seeded = json.loads(marker.read_text()) if marker.exists() else {}
    if seeded.get("employees") != args.employees:
        print(f"the production setup runs on PostgreSQL: seeding {LOAD_DATABASE} with the same dataset ...")
        env = os.environ | {"DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{LOAD_DATABASE}"}
        command = [sys.executable, "-m", "bench", "--seed-only", "--employees", str(args.employees)]
        subprocess.run(command, cwd=ROOT, env=env, check=True)
        seeded = json.loads(marker.read_text())
    return LOAD_DATABASE, seeded["personas"]


def run(args) -> dict:
    url = setup_django()
    import dj_database_url
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
    people = prepare(args, result)
    result["personas"] = people
    if vendor == "postgresql":
        marker = {"employees": args.employees, "personas": people}
        _marker(dj_database_url.parse(url)["NAME"]).write_text(json.dumps(marker, indent=2) + "\n")
    if args.seed_only:
        return result
    print("server time per page ...")
    result["pages"] = pages.measure_pages(people, requests=args.requests)
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

    if not args.skip_http:
        from bench import fanout, load, prod

        database, http_people = load_database(args, url, people)
        connection.close()
        server = prod.ProdServer(database=database)
        server.start()
        try:
            result["load"] = load.measure(
                server, http_people, seconds=args.load_seconds, users=args.users, password=DEMO_PASSWORD
            )
            result["load"]["database"] = database
            result["websockets"] = fanout.measure(
                server,
                topic_id=http_people["big_topic_id"],
                clients=args.ws_clients,
                username=http_people["coordinator"],
                password=DEMO_PASSWORD,
            )
        finally:
            server.stop()
    result["total_seconds"] = round(time.perf_counter() - started, 1)
    result["load_average_1min"] = round(os.getloadavg()[0], 2)
    result["figures"] = report.figures(result) + development.figures(result)  # + capacity development (issue 14)
    result["figures"] += evaluation.figures(result)
    report.print_table(result)
    latest = RESULTS / "latest.json"
    latest.write_text(json.dumps(result, indent=2, sort_keys=True, default=str) + "\n")
    shutil.copyfile(latest, RESULTS / f"latest-{vendor}.json")
    print(f"written to bench/results/latest.json and bench/results/latest-{vendor}.json")
    return result
