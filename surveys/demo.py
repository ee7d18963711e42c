"""Demo step (settings.KINERJA_DEMO_SEEDERS): Dukcapil's KTP-el and KK services, surveyed every quarter.

The story of the seeds: as document completion time falls, satisfaction rises quarter by quarter, completion time
(U3) most of all; KK gets fewer answers than its minimum sample, so it shows as under-sampled. An IKU of Dukcapil
takes its realisation from the IKM of both services, computed for every finished quarter with its provenance.
Idempotent: a quarter that already has answers for a service gets none added; the IKU and its figures are created
only where missing (computing again on the same answers changes nothing).
"""

import datetime
import random

from django.utils import timezone

from agencies import services as agency_services
from agencies.models import Agency, Indicator, Period, PeriodKind, PublicService, Unit

from .elements import ELEMENTS
from .models import AgeBand, Education, Occupation, Sex, SurveyResponse
from .sources import IKM_SOURCE

SERVICES = (
    # slug, name, annual users, answers per quarter
    ("ktp-el", "Penerbitan KTP-el", 12000, 360),
    ("kartu-keluarga", "Penerbitan Kartu Keluarga (KK)", 8000, 150),
)
COMMENTS = (
    "Antrean masih panjang pada pagi hari.",
    "Petugas ramah dan membantu.",
    "KTP jadi lebih cepat dari sebelumnya, terima kasih.",
    "Mohon tambah kursi di ruang tunggu.",
    "",
    "",
    "",
)


def seed(context) -> None:
    dukcapil = Agency.objects.filter(code="DUKCAPIL").first()
    if dukcapil is None:
        return
    unit = Unit.objects.filter(agency=dukcapil, code="DAFDUK").first()
    services = [_ensure_service(context, dukcapil, unit, *spec[:3]) for spec in SERVICES]
    quarters = list(
        Period.objects.filter(kind=PeriodKind.QUARTERLY, starts_on__lte=context.today).order_by("starts_on")
    )
    for step, quarter in enumerate(quarters):
        for service, (_slug, _name, _users, per_quarter) in zip(services, SERVICES, strict=True):
            if SurveyResponse.objects.filter(
                service=service, submitted_on__range=(quarter.starts_on, quarter.ends_on)
            ).exists():
                continue
            finished = quarter.ends_on < context.today
            count = per_quarter if finished else per_quarter // 3
            _answer(context, service, quarter, step=step, steps=len(quarters), count=count)
    _ensure_iku(context, dukcapil, services, quarters)


def _ensure_service(context, agency, unit, slug, name, annual_users) -> PublicService:
    service = PublicService.objects.filter(slug=slug).first()
    if service is None:
        service = PublicService(agency=agency, unit=unit, slug=slug, name=name, annual_users=annual_users)
        service.full_clean()
        service.save()
        context.created["public services"] += 1
    return service


def _answer(context, service, quarter, *, step: int, steps: int, count: int) -> None:
    """`count` answers spread over the quarter; the mean rises with `step`, completion time (U3) fastest."""
    rng = random.Random(f"{service.slug}-{quarter.starts_on}")
    progress = step / max(steps - 1, 1)
    last_day = min(quarter.ends_on, context.today)
    span = (last_day - quarter.starts_on).days
    rows = []
    for _ in range(count):
        day = quarter.starts_on + datetime.timedelta(days=rng.randint(0, span))
        scores = {}
        for element in ELEMENTS:
            mean = 2.9 + 0.55 * progress if element.code != "u3" else 2.2 + 1.1 * progress
            scores[element.code] = max(1, min(4, round(rng.gauss(mean, 0.6))))
        rows.append(
            SurveyResponse(
                service=service,
                submitted_on=day,
                submitted_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(rng.randint(8, 14)))),
                sex=rng.choice([*Sex.values, ""]),
                age_band=rng.choice([*AgeBand.values, ""]),
                education=rng.choice([*Education.values, ""]),
                occupation=rng.choice([*Occupation.values, ""]),
                comment=rng.choice(COMMENTS),
                **scores,
            )
        )
    SurveyResponse.objects.bulk_create(rows, batch_size=1000)
    context.created["survey answers"] += len(rows)


def _ensure_iku(context, agency, services, quarters) -> None:
    indicator = Indicator.objects.filter(agency=agency, code="IKU-IKM").first()
    if indicator is None:
        indicator = agency_services.create_indicator(
            agency=agency,
            code="IKU-IKM",
            name="Indeks Kepuasan Masyarakat layanan dokumen kependudukan",
            unit_of_measure="indeks",
            definition="IKM (PermenPANRB 14/2017) dari survei layanan KTP-el dan KK, dihitung otomatis per triwulan.",
            data_source="Survei Kepuasan Masyarakat (aplikasi Kinerja)",
        )
        agency_services.set_indicator_source(
            indicator=indicator, source=IKM_SOURCE, params={"services": [service.pk for service in services]}
        )
        for year in sorted({quarter.year for quarter in quarters}):
            agency_services.set_indicator_target(indicator=indicator, year=year, value=80)
        context.created["indicators"] += 1
    for quarter in quarters:
        if quarter.ends_on < context.today:
            agency_services.record_computed_realisation(indicator=indicator, period=quarter, replace_manual=False)
