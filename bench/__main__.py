"""`.venv/bin/python -m bench [--employees N]` (`make bench BENCH_EMPLOYEES=N`): seed, measure, print one table.

SQLite (bench/results/bench.sqlite3) by default, PostgreSQL when DATABASE_URL is set. Steps:
1. seed N employees over 50 agencies (`seed_demo`, which drives the named demo people's plans through the engine);
2. open a period for all N employees (`bench.opening`), next to a plain bulk_create of the same rows;
3. plans of the current period in every stage, each with 4-6 RHK of 1-3 indicators, a realisation per quarter so
   far, evidence files, feedback and the history their stage implies; 100,000 forum posts of 1-4 paragraphs;
4. server time p50/p95 and query count of the main pages (test client, in this process), then the same dataset and
   pages on the other database (PostgreSQL for a SQLite run: BENCH_POSTGRES_URL, default kinerja_bench; seeded
   once per size), both reported with the dataset size and the load average;
5. HTTP load against the production setup (`deploy/prod-local.sh`: nginx, gunicorn, uvicorn, Redis) on port
   8120, on PostgreSQL: the anonymous bare view, the signed-in bare view and the everyday pages of 200 people of
   every agency, as throughput ratios of one run; any error (outside 2xx/3xx, a redirect to the login page, a
   broken connection) fails the phase and the run, with the errors by URL;
6. the month-end rush: 64 people at once for 60 s, 60 % reads and 40 % writes through the site's forms with
   CSRF (realisations with a 1 MB evidence file, approvals, feedback, forum replies); 0 errors, p95 < 500 ms, and
   every successful write counted once in the database afterwards (bench/rush.py);
7. websocket fan-out: 1,000 clients (--ws-clients) in 4 client processes (--ws-processes) on one forum topic
   through nginx and uvicorn with the Redis layer; posts are replied through the site and each client's delivery
   latency is recorded; a client that fails to connect, is dropped or misses an event fails the phase and the run
   (bench/fanout.py).
Writes bench/results/latest.json and bench/results/latest-<vendor>.json.
"""

import argparse
import os

from bench.run import run


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=int(os.environ.get("BENCH_EMPLOYEES") or 10_000))
    parser.add_argument("--requests", type=int, default=30, help="requests per page for server time (default 30)")
    parser.add_argument("--load-seconds", type=float, default=10.0, help="duration of each HTTP load phase")
    parser.add_argument("--users", type=int, default=16, help="concurrent HTTP connections")
    parser.add_argument("--rush-users", type=int, default=64, help="people at once in the month-end rush")
    parser.add_argument("--rush-seconds", type=float, default=60.0, help="duration of the rush (0: none)")
    parser.add_argument("--ws-clients", type=int, default=1000, help="websocket fan-out clients (default 1,000)")
    parser.add_argument(
        "--ws-processes", type=int, default=4, help="client processes the websocket clients are spread over"
    )
    parser.add_argument("--skip-http", action="store_true", help="no load or websocket phase (no prod setup)")
    parser.add_argument(
        "--in-process-only",
        action="store_true",
        help="stop after the in-process pages (seed, opening, pages, query counts against 10,000 employees)",
    )
    parser.add_argument(
        "--reuse", action="store_true", help="measure the database an earlier run seeded at this size, if any"
    )
    parser.add_argument("--companion", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    run(args)


if __name__ == "__main__":
    main()
