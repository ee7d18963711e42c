"""Complaints at scale (issue 12): 100,000 complaints over every agency; the complaint desk's list p95 < 100 ms with
at most 15 queries, flat from 10,000 to 100,000 complaints; the public page p95 < 100 ms (each request with an empty
cache, so the figures are computed every time, and again as served from the cache).

Run alone at a small size: `.venv/bin/python -m bench.complaints --total 10000` (SQLite bench database unless
DATABASE_URL is set); `python -m bench` runs it after the pages (bench/run.py).
"""

import argparse
import datetime
import random
import statistics
import time

TARGET_MS = 100
MAX_QUERIES = 15
BENCH_SERIAL_FROM = 800_000  # bench complaints use high serials, so the demo's own codes never collide with them
CHUNK = 5_000


def seed_complaints(total: int, *, log=print) -> dict:
    """Bulk-create complaints until there are `total` bench complaints (idempotent: only the missing ones)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from agencies.models import Agency, Coordinator
    from feedback.models import Category, Complaint, Status

    agencies = list(Agency.objects.order_by("pk"))
    categories = []
    for agency in agencies:
        for name in ("Waktu layanan", "Sikap petugas"):
            category, _ = Category.objects.get_or_create(agency=agency, name=name)
            categories.append(category)
    user, _ = get_user_model().objects.get_or_create(username="bench.pengaduan")
    Coordinator.objects.get_or_create(user=user, defaults={"all_agencies": True})
    year = timezone.localdate().year
    existing = Complaint.objects.filter(code__startswith=f"ADU-{year}-8").count()
    rng = random.Random(12)
    now = timezone.now()
    statuses = [Status.CLOSED] * 12 + [Status.ANSWERED] * 4 + [Status.WITH_AGENCY] * 2 + [Status.SUBMITTED, Status.SPAM]
    started = time.perf_counter()
    for chunk_start in range(existing, total, CHUNK):
        rows = []
        for serial in range(chunk_start, min(total, chunk_start + CHUNK)):
            category = categories[serial % len(categories)]
            submitted = now - datetime.timedelta(minutes=serial * 3 + rng.randint(0, 2))
            status = rng.choice(statuses)
            answered = status in (Status.ANSWERED, Status.CLOSED)
            days = rng.randint(0, 9)
            rows.append(
                Complaint(
                    code=f"ADU-{year}-{BENCH_SERIAL_FROM + serial:06d}",
                    secret_hash="0" * 64,
                    category=category,
                    agency_id=category.agency_id,
                    title=f"Pengaduan layanan {serial}",
                    description="Antrean lama.",
                    identity="anonymous",
                    status=status,
                    submitted_at=submitted,
                    verify_due=submitted + datetime.timedelta(days=3),
                    disposed_at=submitted + datetime.timedelta(days=1) if status != Status.SUBMITTED else None,
                    answer_due=submitted + datetime.timedelta(days=8) if status != Status.SUBMITTED else None,
                    answered_at=submitted + datetime.timedelta(days=days) if answered else None,
                    answer="Sudah ditindaklanjuti." if answered else "",
                    action_taken="Loket tambahan" if answered and serial % 7 == 0 else "",
                    answer_working_days=days if answered else None,
                    answered_on_time=(days <= 5) if answered else None,
                )
            )
        Complaint.objects.bulk_create(rows)
        log(f"  {chunk_start + len(rows)} complaints")
    return {"complaints": total, "seed_seconds": round(time.perf_counter() - started, 1), "desk": user.username}


def _time(client, url: str, requests: int, *, before=None) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.pages import percentile

    for _ in range(3):
        assert client.get(url).status_code == 200, url
    timings = []
    for _ in range(requests):
        if before:
            before()
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    if before:
        before()
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return {
        "url": url,
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "queries": len(captured.captured_queries),
    }


def measure(*, total: int = 100_000, requests: int = 30, log=print) -> dict:
    """The desk list at a tenth of `total` and at `total`; the public page cold and cached at `total`."""
    from django.core.cache import cache
    from django.test import Client

    from bench.pages import client_for

    result = {"target_ms": TARGET_MS, "max_queries": MAX_QUERIES, "desk_list": {}}
    for size in (total // 10, total):
        seeded = seed_complaints(size, log=log)
        result["desk_list"][size] = _time(client_for(seeded["desk"]), "/pengaduan/", requests)
        log(f"  desk list at {size}: {result['desk_list'][size]}")
    result["public_page_cold"] = _time(Client(), "/publik/", requests, before=cache.clear)
    result["public_page_cached"] = _time(Client(), "/publik/", requests)
    log(f"  public page cold: {result['public_page_cold']}; cached: {result['public_page_cached']}")
    small, large = (result["desk_list"][size] for size in (total // 10, total))
    result["passed"] = (
        large["p95_ms"] < TARGET_MS
        and large["queries"] <= MAX_QUERIES
        and large["queries"] == small["queries"]
        and result["public_page_cold"]["p95_ms"] < TARGET_MS
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.complaints", description=__doc__.splitlines()[0])
    parser.add_argument("--total", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    from bench.setup import setup_django

    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from agencies.models import Agency

    if not Agency.objects.exists():  # run alone on an empty bench database: a small organisation to spread over
        call_command("seed_demo", employees=300, agencies=10, force=True, verbosity=0)
    import json

    print(json.dumps(measure(total=args.total, requests=args.requests), indent=2, default=str))


if __name__ == "__main__":
    main()
