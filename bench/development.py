"""Capacity development phase: every employee with five trainings, then the JP ledger and the effect view timed.

Trainings are spread over the agencies and the year (every kind), each targeting one of its agency's IKU, which the
bulk seed gave quarterly realisations; each active employee completes five of their agency's trainings, and every
tenth has a verified external training. Rows are bulk-inserted (the services are exercised by the tests).
"""

import datetime
import statistics
import time

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from bench import pages
from bench.report import _row

LEDGER_TARGET_MS = 300.0
EFFECT_TARGET_MS = 100.0
TRAININGS_PER_EMPLOYEE = 5
PER_AGENCY = 12  # trainings per agency; each employee takes 5 of their agency's


@transaction.atomic
def seed_trainings(*, log=print) -> dict:
    from agencies.models import Employee, Indicator
    from development.models import (
        ExternalStatus,
        ExternalTraining,
        ParticipantStatus,
        Participation,
        Training,
        TrainingKind,
    )

    Training.objects.filter(name__startswith="Bench ").delete()
    ExternalTraining.objects.filter(name__startswith="Bench ").delete()
    year = timezone.localdate().year
    kinds = list(TrainingKind.values)
    indicators = {}
    for indicator in Indicator.objects.filter(is_active=True).order_by("agency_id", "code"):
        indicators.setdefault(indicator.agency_id, indicator)
    trainings, targets = [], []
    for agency_id, indicator in indicators.items():
        for n in range(PER_AGENCY):
            starts = datetime.date(year, 1 + n % 11, 5 + n % 20)
            trainings.append(
                Training(
                    kind=kinds[n % len(kinds)],
                    name=f"Bench {agency_id}-{n}",
                    organiser="BKPSDM",
                    agency_id=agency_id,
                    starts_on=starts,
                    ends_on=starts + datetime.timedelta(days=1),
                    place="Aula",
                    link="https://belajar.example.go.id/" if kinds[n % len(kinds)] == TrainingKind.E_LEARNING else "",
                    jp=2 + n % 8,
                    capacity=10_000,
                )
            )
            targets.append(indicator.pk)
    Training.objects.bulk_create(trainings, batch_size=1000)
    saved = list(Training.objects.filter(name__startswith="Bench ").order_by("pk"))
    Training.indicators.through.objects.bulk_create(
        [Training.indicators.through(training_id=t.pk, indicator_id=i) for t, i in zip(saved, targets, strict=True)]
    )
    by_agency = {}
    for training in saved:
        by_agency.setdefault(training.agency_id, []).append(training.pk)
    now = timezone.now()
    participations, externals = [], []
    employees = Employee.objects.filter(is_active=True, agency_id__in=list(by_agency)).values_list("pk", "agency_id")
    for index, (employee_id, agency_id) in enumerate(employees):
        offered = by_agency[agency_id]
        for n in range(TRAININGS_PER_EMPLOYEE):
            participations.append(
                Participation(
                    training_id=offered[(index + n) % len(offered)],
                    employee_id=employee_id,
                    status=ParticipantStatus.COMPLETED,
                    registered_at=now,
                    completed_at=now,
                    certificate_number=f"B-{employee_id}-{n}",
                )
            )
        if index % 10 == 0:
            externals.append(
                ExternalTraining(
                    employee_id=employee_id,
                    name=f"Bench external {employee_id}",
                    organiser="LAN",
                    starts_on=datetime.date(year, 3, 1),
                    ends_on=datetime.date(year, 3, 2),
                    jp=4,
                    certificate_number=f"E-{employee_id}",
                    certificate="certificates/bench.pdf",
                    status=ExternalStatus.VERIFIED,
                )
            )
    Participation.objects.bulk_create(participations, batch_size=5000, ignore_conflicts=True)
    ExternalTraining.objects.bulk_create(externals, batch_size=5000)
    log(f"  {len(saved)} trainings, {len(participations)} participations, {len(externals)} external trainings")
    return {"trainings": len(saved), "participations": len(participations), "externals": len(externals)}


def _time(client, url: str, requests: int) -> tuple[list[float], int]:
    for _ in range(3):
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    timings, budget_ends = [], time.perf_counter() + pages.PAGE_BUDGET_SECONDS
    while len(timings) < requests and (len(timings) < pages.MIN_REQUESTS or time.perf_counter() < budget_ends):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    _, queries = pages.count_queries(client, url)
    return timings, queries


def measure(*, requests: int = 30, log=print) -> list[dict]:
    from agencies.demo import COORDINATOR_USERNAME
    from development.models import Training

    training = Training.objects.filter(name__startswith="Bench ").order_by("pk").first()
    client = pages.client_for(COORDINATOR_USERNAME)
    rows = []
    for name, url, target in (
        ("JP ledger, whole Pemda", reverse("development:jp_ledger"), LEDGER_TARGET_MS),
        ("training effect view", reverse("development:training_effect", args=[training.pk]), EFFECT_TARGET_MS),
    ):
        timings, queries = _time(client, url, requests)
        row = {
            "page": name,
            "url": url,
            "requests": len(timings),
            "p50_ms": round(statistics.median(timings), 1),
            "p95_ms": round(pages.percentile(timings, 0.95), 1),
            "queries": queries,
            "target_ms": target,
            "max_queries": pages.MAX_QUERIES,
        }
        log(f"  {name:<24} p50 {row['p50_ms']:>7.1f} ms  p95 {row['p95_ms']:>7.1f} ms  {queries:>3} queries")
        rows.append(row)
    return rows


def run_phase(*, requests: int = 30, log=print) -> dict:
    log("capacity development: five trainings per employee ...")
    seeded = seed_trainings(log=log)
    return seeded | {"pages": measure(requests=requests, log=log)}


def figures(result: dict) -> list[dict]:
    rows = []
    for page in result.get("development", {}).get("pages", []):
        target = page["target_ms"]
        rows.append(
            _row(
                f"{page['page']} p50 / p95",
                f"{page['p50_ms']:.1f} / {page['p95_ms']:.1f}",
                "ms",
                f"p95 < {target:.0f} ms",
                page["p95_ms"] < target,
            )
        )
        rows.append(
            _row(f"{page['page']} queries", page["queries"], "", f"<= {page['max_queries']}", page["queries"] <= 15)
        )
    return rows
