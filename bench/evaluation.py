"""The IKU data calendar at scale (issue 13): opening the data-entry tasks of 50 agencies × 20 IKU × 12 months
(12,000 entries, each with its viewflow process and tasks) must take under 5 s; a second run opens nothing.

Run alone: `.venv/bin/python -m bench.evaluation` (needs a bench database with employees: `python -m bench
--seed-only` first); `python -m bench` runs it after the complaints (bench/run.py).
"""

import time

TARGET_S = 5.0
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
    }


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
    ]


def main() -> None:
    from bench.setup import setup_django

    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print(measure())


if __name__ == "__main__":
    main()
