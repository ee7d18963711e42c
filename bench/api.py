"""The API at scale (issue 16): a sync of 10,000 employees through /api/v1/employees/batch/ in which 300 change
supervisor and 20 change agency (target < 30 s, exactly those 320 updated), the same batch again (nothing changed),
and the list endpoints a sync reads (employees, plans changed since): p95 < 100 ms, at most 10 queries.

Run alone: `.venv/bin/python -m bench.api --employees 10000` (SQLite bench database unless DATABASE_URL is set).
"""

import argparse
import datetime
import json
import time

from bench.stats import percentile

TARGET_SYNC_SECONDS = 30
TARGET_MS = 100
MAX_QUERIES = 10
AGENCIES = 20
SUPERVISOR_CHANGES = 300
AGENCY_CHANGES = 20


def _nip(serial: int) -> str:
    """A valid PNS NIP, unique per serial: the birth date moves on every thousand."""
    birth = datetime.date(1975, 1, 1) + datetime.timedelta(days=serial // 1000)
    return f"{birth:%Y%m%d}200503{1}{serial % 1000:03d}"


def rows(employees: int, *, changed: bool) -> list[dict]:
    """Each agency's first two people are its bosses; everyone else reports to the first. `changed`: the first 300
    staff report to the second boss instead, and the next 20 move to the next agency under its first boss."""
    per_agency = employees // AGENCIES
    batch, staff_seen = [], 0
    for serial in range(per_agency * AGENCIES):
        agency, position = divmod(serial, per_agency)
        supervisor = None if position == 0 else agency * per_agency
        if position > 1:
            staff_seen += 1
            if changed and staff_seen <= SUPERVISOR_CHANGES:
                supervisor = agency * per_agency + 1
            elif changed and staff_seen <= SUPERVISOR_CHANGES + AGENCY_CHANGES:
                agency = (agency + 1) % AGENCIES
                supervisor = agency * per_agency
        batch.append(
            {
                "nip": _nip(serial),
                "name": f"Pegawai Sinkron {serial}",
                "position_title": "Analis" if position > 1 else "Kepala Bidang",
                "agency_code": f"APIB-{agency + 1:02d}",
                "supervisor_nip": _nip(supervisor) if supervisor is not None else "",
            }
        )
    return batch


def _post(caller, batch: list[dict]) -> tuple[float, dict]:
    started = time.perf_counter()
    response = caller["client"].post(
        "/api/v1/employees/batch/", {"employees": batch}, content_type="application/json", headers=caller["headers"]
    )
    seconds = time.perf_counter() - started
    body = response.json()
    assert response.status_code == 200, body["errors"][:5]
    return seconds, body


def _time_get(caller, url: str, requests: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, queries = [], []
    for _ in range(requests):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = caller["client"].get(url, headers=caller["headers"])
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content[:300]
        queries.append(len(captured))
    p95 = percentile(timings, 0.95)
    return {
        "p50_ms": round(percentile(timings, 0.5), 1),
        "p95_ms": round(p95, 1),
        "queries": max(queries[1:] or queries),
        "target_met": p95 < TARGET_MS and max(queries[1:] or queries) <= MAX_QUERIES,
    }


def measure(*, employees: int = 10_000, requests: int = 30, log=print) -> dict:
    from django.test import Client

    from agencies.models import Agency
    from api import services

    agencies = [
        Agency.objects.get_or_create(code=f"APIB-{n:02d}", defaults={"name": f"Dinas Sinkron {n}", "short_name": "DS"})[
            0
        ]
        for n in range(1, AGENCIES + 1)
    ]
    _token, raw = services.create_service_account(
        name="bench sync", scopes=["people:read", "people:write", "plans:read"], agencies=agencies, by=None
    )
    caller = {"client": Client(), "headers": {"Authorization": f"Bearer {raw}"}}
    log(f"api: initial batch of {employees} employees ...")
    initial_seconds, _body = _post(caller, rows(employees, changed=False))
    log("api: the sync batch (300 new supervisors, 20 transfers) ...")
    sync_seconds, sync = _post(caller, rows(employees, changed=True))
    repeat_seconds, repeat = _post(caller, rows(employees, changed=True))
    since = (datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)).isoformat()
    result = {
        "employees": employees,
        "initial_seconds": round(initial_seconds, 2),
        "sync_seconds": round(sync_seconds, 2),
        "sync_updated": sync["updated"],
        "repeat_seconds": round(repeat_seconds, 2),
        "repeat_changed": repeat["created"] + repeat["updated"],
        "sync_target_met": sync_seconds < TARGET_SYNC_SECONDS
        and sync["updated"] == SUPERVISOR_CHANGES + AGENCY_CHANGES
        and repeat["created"] + repeat["updated"] == 0,
        "employees_page": _time_get(caller, "/api/v1/employees/", requests),
        "plans_changed_since": _time_get(caller, f"/api/v1/plans/?changed_since={since.replace('+', '%2B')}", requests),
    }
    services.revoke_token(token=_token, by=None)
    return result


def figures(result: dict) -> list[dict]:
    """The rows of `make bench`'s table (bench/run.py)."""
    from bench.report import _row

    api = result.get("api")
    if not api:
        return []
    rows = [
        _row(
            f"API sync of {api['employees']:,} employees ({SUPERVISOR_CHANGES} supervisors, {AGENCY_CHANGES} agencies)",
            api["sync_seconds"],
            "s",
            f"< {TARGET_SYNC_SECONDS} s, exactly {SUPERVISOR_CHANGES + AGENCY_CHANGES} updated",
            api["sync_target_met"],
        ),
        _row("  the same batch again (changes nothing)", api["repeat_seconds"], "s", "", api["repeat_changed"] == 0),
    ]
    for name, label in (("employees_page", "API employees list"), ("plans_changed_since", "API plans changed since")):
        figures = api[name]
        rows.append(
            _row(
                f"{label} p50 / p95 ({figures['queries']} queries)",
                f"{figures['p50_ms']} / {figures['p95_ms']}",
                "ms",
                f"p95 < {TARGET_MS} ms, <= {MAX_QUERIES} queries",
                figures["target_met"],
            )
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.api", description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    from bench.setup import setup_django

    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print(json.dumps(measure(employees=args.employees, requests=args.requests), indent=2))


if __name__ == "__main__":
    main()
