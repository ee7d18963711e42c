"""Demo data for capacity development (step "development.demo.seed" in settings.KINERJA_DEMO_SEEDERS).

Dukcapil's "document completion time" IKU was amber last year, so the head of the service division raised needs for
the counter staff; the coaching of the counter officer (`pegawai2`, rated Butuh Perbaikan for last year) raised
another. BKPSDM ran a 16-JP service training for Dukcapil
in February, with attendance and results; the IKU then improved in the following quarters more than the other
agencies' IKU did, which the effect view shows. A Pemda-wide sosialisasi of the SKP gives the coverage page its
figures. Idempotent: everything is looked up by name first and only created when missing.
"""

import datetime

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from agencies.models import Indicator
from forums.models import Notification
from workflow import demo as workflow_demo
from workflow.models import CoachingPlan, Stage

from . import services
from .models import DevelopmentNeed, NeedSource, Participation, Training, TrainingKind

SERVICE_TRAINING = "Pelatihan Manajemen Waktu Pelayanan Administrasi Kependudukan"
SOSIALISASI = "Sosialisasi SKP dan Penilaian Kinerja"


def seed(context) -> None:
    people = context.shared["people"]
    coordinator = get_user_model().objects.get(username="koordinator")
    year = context.today.year
    iku = Indicator.objects.get(agency__code="DUKCAPIL", code="IKU-01")
    supervisor = people["dukcapil.kabid.dafduk"]
    needs = [
        _need(
            by=supervisor.user,
            employee=people["dukcapil.loket"],
            competence="Manajemen waktu pelayanan",
            gap="Berkas KTP-el dan KK menumpuk di loket; urutan kerja belum baku.",
            source=NeedSource.RED_IKU,
            source_indicator=iku,
            indicator=iku,
        ),
        _need(
            by=supervisor.user,
            employee=people["dukcapil.adb"],
            competence="Manajemen waktu pelayanan",
            gap="Verifikasi berkas memakan waktu; belum memakai daftar periksa.",
            source=NeedSource.RED_IKU,
            source_indicator=iku,
            indicator=iku,
        ),
    ]
    coaching = _coached_last_year(context, people, coordinator)
    needs.append(
        _need(
            by=supervisor.user,
            employee=people["dukcapil.loket"],
            competence="Pelayanan prima di loket",
            gap="Berkas sering kembali karena syarat belum dijelaskan di awal (temuan pembinaan).",
            source=NeedSource.COACHING,
            coaching=coaching,
            indicator=iku,
        )
    )
    training = Training.objects.filter(name=SERVICE_TRAINING).first()
    if training is None:
        training = services.create_training(
            by=coordinator,
            kind=TrainingKind.PELATIHAN,
            name=SERVICE_TRAINING,
            organiser="BKPSDM bersama Disdukcapil",
            agency=iku.agency,
            starts_on=datetime.date(year, 2, 10),
            ends_on=datetime.date(year, 2, 11),
            place="Aula Disdukcapil",
            jp=16,
            capacity=30,
            description="Alur kerja loket, daftar periksa berkas, antrean daring dan tanda tangan elektronik.",
            needs=needs,
            indicators=[iku],
        )
        context.created["trainings"] += 1
        services.invite_needs_people(training=training, by=coordinator)
        services.invite(training=training, by=coordinator, employees=[supervisor])
        participants = list(training.participants.select_related("employee"))
        services.save_attendance(
            training=training,
            by=coordinator,
            rows=[(p, day, True) for p in participants for day in training.days],
        )
        for number, participation in enumerate(participants, start=1):
            services.record_result(
                participation=participation,
                by=coordinator,
                completed=True,
                certificate_number=f"BKPSDM/{year}/MWP/{number:03d}",
            )
        services.give_feedback(
            participation=Participation.objects.get(training=training, employee=people["dukcapil.loket"]),
            by=people["dukcapil.loket"].user,
            rating=5,
            comment="Daftar periksa berkas langsung kami pakai di loket.",
        )
        services.file_report(
            training=training,
            by=coordinator,
            report="Peserta hadir penuh dua hari; daftar periksa berkas dan pembagian loket disepakati.",
        )
    if not Training.objects.filter(name=SOSIALISASI).exists():
        sosialisasi = services.create_training(
            by=coordinator,
            kind=TrainingKind.SOSIALISASI,
            name=SOSIALISASI,
            organiser="BKPSDM",
            starts_on=datetime.date(year, 1, 15),
            ends_on=datetime.date(year, 1, 15),
            place="Pendopo Kabupaten",
            jp=2,
            capacity=200,
        )
        context.created["trainings"] += 1
        reached = [p for key, p in people.items() if key.startswith(("dukcapil.", "bkpsdm.", "dinkes.kepala"))]
        services.invite(training=sosialisasi, by=coordinator, employees=reached)
        attended = list(sosialisasi.participants.all())
        services.save_attendance(
            training=sosialisasi, by=coordinator, rows=[(p, sosialisasi.starts_on, True) for p in attended]
        )
        for participation in attended:  # a half-day briefing: attending is completing it (no certificate)
            services.record_result(participation=participation, by=coordinator, completed=True)
    _date_invitations(today=context.today)


# Invitations went out this long before a training; the demo's participants read them within a day.
INVITED_DAYS_BEFORE = 14


def _date_invitations(*, today: datetime.date) -> None:
    """The services send a training's invitations "now"; the demo's trainings are past, so their invitations are dated
    before them and read, as they would have been, instead of waiting as new in December."""
    for training in Training.objects.filter(ends_on__lt=today):
        invited_on = training.starts_on - datetime.timedelta(days=INVITED_DAYS_BEFORE)
        sent = timezone.make_aware(datetime.datetime.combine(invited_on, datetime.time(9)))
        Notification.objects.filter(url=reverse("development:training_detail", args=[training.pk])).update(
            created_at=sent, read_at=sent + datetime.timedelta(days=1)
        )


def _coached_last_year(context, people, coordinator) -> CoachingPlan:
    """Last year's SKP of the counter officer, rated Butuh Perbaikan in January; the coaching that followed raised a
    need and closed in March, after the training. Driven through the workflow engine as the workflow demo does."""
    periods = context.shared["periods"]
    person = people["dukcapil.loket"]
    existing = CoachingPlan.objects.filter(plan__employee=person, plan__period=periods.previous_annual).first()
    if existing is not None:
        return existing
    year = context.today.year
    plan = workflow_demo.drive_demo_plan(
        key="dukcapil.loket",
        supervisor_key="dukcapil.kabid.dafduk",
        period=periods.previous_annual,
        target=Stage.DONE,
        ratings=("BELOW", "AS_EXPECTED"),
        people=people,
        coordinator=coordinator,
        today=datetime.date(year, 1, 20),
    )
    context.created["plans"] += 1
    # The engine stamps today; date the coaching back to when it happened around the February training.
    opened = timezone.make_aware(datetime.datetime(year, 1, 20, 9))
    closed = timezone.make_aware(datetime.datetime(year, 3, 20, 9))
    CoachingPlan.objects.filter(plan=plan).update(created_at=opened, closed_at=closed)
    return CoachingPlan.objects.get(plan=plan)


def _need(*, by, employee, competence, **fields) -> DevelopmentNeed:
    existing = DevelopmentNeed.objects.filter(employee=employee, competence=competence).first()
    return existing or services.raise_need(by=by, employee=employee, competence=competence, **fields)
