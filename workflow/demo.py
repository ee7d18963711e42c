"""Demo plans for `manage.py seed_demo` (step "workflow.demo.seed" in settings.KINERJA_DEMO_SEEDERS).

Everything goes through the services and the engine, so the demo plans have real tasks and history. Idempotent:
each plan is driven forward only as far as its target stage; a plan already there (or further) is left alone.

Last year: the Dukcapil chain (head → atasan → pegawai) is done, so `pegawai` can start from a copy.
This year: heads and supervisors approved; `pegawai` has an empty draft (one click copies last year's plan, links
included, ready to submit); `pegawai2` is reporting
realisation; `pegawai.dinkes` was rated Butuh Perbaikan and waits for the supervisor's coaching plan.
A transfer (mutasi): Yuliana Sari reported realisation at Disdukcapil, then moved to Dinas Kesehatan: her plan there
is closed for the months served and a new draft continues it at Dinkes, under the head of Bidang Kesmas.
An acting official (Plh): the head of Bidang PIAK's leave in two weeks is covered by the head of Bidang Capil.
Periodic evaluations (quarterly): `pegawai2` and `atasan.dinkes` have the quarters that ended (up to III) reported
and rated; `pegawai2`'s second quarter was poor, so coaching was planned and acknowledged within the year. The
running quarter waits for their report.
An objection (keberatan): `pegawai` objected to last year's Baik; the head of Disdukcapil rejected it.
"""

import contextlib
import datetime
import io
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from agencies import services as agency_services
from agencies.models import Agency, Indicator, Period, PeriodStatus, Unit

from . import services
from .acting.services import appoint_acting
from .models import ActingAppointment, Objection, PeriodicReview, Plan, PlanStep, ResultIndicator, Stage, rhk_order
from .objections import services as objection_services
from .periodic import services as periodic_services
from .periodic.models import ReviewStep
from .selectors import open_tasks_of_plan

ORDER = [Stage.DRAFT, Stage.REVIEW, Stage.REALISATION, Stage.SELF_ASSESSMENT, Stage.RATING, Stage.COACHING, Stage.DONE]
# This year's drafts left empty for the demo visitor to fill (or copy from last year).
LEFT_EMPTY = frozenset({"dukcapil.adb"})
# Who reviews an agency head without a recorded supervisor in the demo (the Sekda is not a demo account).
HEAD_REVIEWER = "bkpsdm.kepala"


@dataclass(frozen=True)
class DemoRhk:
    text: str
    indicators: tuple  # (aspect, description, target value or None, unit, described target)
    supports: int = 0  # index of the supervisor's RHK it cascades from (or of the agency's IKU for heads)


RHK = {
    "dukcapil.kepala": (
        DemoRhk(
            "Meningkatnya kualitas layanan administrasi kependudukan",
            (("time", "Rata-rata waktu penyelesaian dokumen kependudukan", 3, "hari", ""),),
        ),
        DemoRhk(
            "Meningkatnya kepemilikan akta kelahiran anak",
            (("quantity", "Persentase bayi baru lahir memiliki akta kelahiran", 95, "%", ""),),
            supports=1,
        ),
    ),
    "dukcapil.kabid.dafduk": (
        DemoRhk(
            "Terselenggaranya layanan KTP-el dan KK yang cepat",
            (
                ("time", "Waktu penerbitan KTP-el", 2, "hari", ""),
                ("quality", "Layanan sesuai SOP tanpa pengaduan berulang", None, "", "Nihil pengaduan berulang"),
            ),
        ),
    ),
    "dukcapil.adb": (
        DemoRhk(
            "Tersedianya basis data kependudukan yang mutakhir",
            (("quantity", "Data kependudukan yang dimutakhirkan", 12000, "rekaman", ""),),
        ),
    ),
    "dukcapil.loket": (
        DemoRhk(
            "Terlayaninya permohonan KTP-el di loket tepat waktu",
            (("quantity", "Permohonan KTP-el yang dilayani", 2400, "permohonan", ""),),
        ),
    ),
    "dukcapil.kabid.capil": (
        DemoRhk(
            "Terselenggaranya pencatatan sipil yang cepat dan akurat",
            (("time", "Waktu penerbitan akta kelahiran", 1, "hari", ""),),
            supports=1,
        ),
    ),
    "dukcapil.capil.staf": (
        DemoRhk(
            "Terolahnya data pencatatan sipil tepat waktu",
            (("quantity", "Akta kelahiran yang diolah", 900, "akta", ""),),
        ),
    ),
    "dinkes.kepala": (
        DemoRhk(
            "Menurunnya waktu tunggu pasien di puskesmas",
            (("time", "Rata-rata waktu tunggu pasien", 30, "menit", ""),),
        ),
    ),
    "dinkes.kapus.sleman": (
        DemoRhk(
            "Terselenggaranya pelayanan puskesmas yang cepat dan ramah",
            (("time", "Waktu tunggu pasien rawat jalan", 30, "menit", ""),),
        ),
    ),
    "dinkes.perawat": (
        DemoRhk(
            "Terlaksananya asuhan keperawatan sesuai standar",
            (("quantity", "Pasien yang mendapat asuhan keperawatan terdokumentasi", 1200, "pasien", ""),),
        ),
    ),
}

# person key, supervisor's key for cascading (None for a head), target stage, ratings (results, behaviour)
PREVIOUS_YEAR = (
    ("dukcapil.kepala", None, Stage.DONE, ("AS_EXPECTED", "AS_EXPECTED")),
    ("dukcapil.kabid.dafduk", "dukcapil.kepala", Stage.DONE, ("AS_EXPECTED", "ABOVE")),
    ("dukcapil.adb", "dukcapil.kabid.dafduk", Stage.DONE, ("AS_EXPECTED", "AS_EXPECTED")),
)
CURRENT_YEAR = (
    ("dukcapil.kepala", None, Stage.REALISATION, None),
    ("dukcapil.kabid.dafduk", "dukcapil.kepala", Stage.REALISATION, None),
    ("dukcapil.adb", "dukcapil.kabid.dafduk", Stage.DRAFT, None),
    ("dukcapil.loket", "dukcapil.kabid.dafduk", Stage.REALISATION, None),
    ("dukcapil.kabid.capil", "dukcapil.kepala", Stage.REALISATION, None),
    ("dukcapil.capil.staf", "dukcapil.kabid.capil", Stage.REALISATION, None),  # then moves to Dinkes
    ("dinkes.kepala", None, Stage.REALISATION, None),
    ("dinkes.kapus.sleman", "dinkes.kepala", Stage.REALISATION, None),
    ("dinkes.perawat", "dinkes.kapus.sleman", Stage.COACHING, ("BELOW", "AS_EXPECTED")),
)


def seed(context) -> None:
    """The workflow step of seed_demo: plans of the demo people in realistic stages."""
    people = context.shared["people"]
    periods = context.shared["periods"]
    coordinator = get_user_model().objects.get(username="koordinator")
    for period, cast in ((periods.previous_annual, PREVIOUS_YEAR), (periods.current_annual, CURRENT_YEAR)):
        plans = {}
        with _replayed_while_open(period):
            for key, supervisor_key, target, ratings in cast:
                if Plan.objects.filter(employee=people[key], period=period, ended_on__isnull=False).exists():
                    continue  # moved to another agency: the plan there is a draft of its own (see _transfer)
                if not Plan.objects.filter(employee=people[key], period=period).exists():
                    context.created["plans"] += 1
                plan = services.start_plan(employee=people[key], period=period, by=coordinator)
                plans[key] = plan
                if not (period == periods.current_annual and key in LEFT_EMPTY):
                    _fill(plan, RHK[key], plans.get(supervisor_key))
                _drive(plan, target, ratings=ratings, people=people, coordinator=coordinator, today=context.today)
    _transfer(people, coordinator)
    _acting(people, coordinator, context.today)
    loket = Plan.objects.get(employee=people["dukcapil.loket"], period=periods.current_annual)
    indicator = ResultIndicator.objects.filter(result__plan=loket).first()
    if loket.stage == Stage.REALISATION and not indicator.realisations.exists():
        services.record_realisation(
            indicator=indicator,
            by=loket.employee.user,
            value=indicator.target_value * 10 / 40,  # year to date, as every report: quarters I and II (6 + 4)
            description="Semester I",
            obstacles="Blangko KTP-el terlambat datang pada bulan Maret.",
            links=["https://sleman.example.go.id/laporan-loket-semester-1"],
            files=[_photo("papan-antrean-loket.jpg")],
        )
    if not loket.feedback.exists():
        services.add_feedback(
            plan=loket, by=people["dukcapil.kabid.dafduk"].user, text="Bagus, pertahankan kecepatan layanan loket."
        )
    for key, poor_quarter in PERIODIC:
        plan = Plan.objects.get(employee=people[key], period=periods.current_annual, ended_on__isnull=True)
        _periodic(plan, poor_quarter=poor_quarter, today=context.today)
    with _replayed_while_open(periods.previous_annual):
        _objection(Plan.objects.get(employee=people["dukcapil.adb"], period=periods.previous_annual))


# Whose quarters are evaluated in the demo, and which quarter was poor (coaching within the year).
PERIODIC = (("dukcapil.loket", 2), ("dinkes.kapus.sleman", None))
RATED_QUARTERS = 3


def _periodic(plan: Plan, *, poor_quarter: int | None, today: datetime.date) -> None:
    """Open every started quarter of a running plan and take the quarters that ended (up to III) through their
    evaluation, as the people would; the running quarter is left for the employee's report. Idempotent."""
    if plan.stage != Stage.REALISATION:
        return
    periodic_services.open_periodic_reviews(today=today, plan_ids=[plan.pk], all_started=True)
    rater = plan.supervisor.user
    user = plan.employee.user
    reviews = PeriodicReview.objects.filter(plan=plan, number__lte=RATED_QUARTERS, ends_on__lt=today)
    for review in reviews.order_by("number"):
        poor = review.number == poor_quarter
        if review.step == ReviewStep.REPORT:
            # A report gives the year to date: each quarter adds 6/40 of the year's target, a poor one 4/40.
            tenths = sum(4 if number == poor_quarter else 6 for number in range(1, review.number + 1))
            for indicator in ResultIndicator.objects.filter(result__plan=plan).order_by("pk"):
                value = indicator.target_value * tenths / 40 if indicator.target_value is not None else None
                services.record_realisation(
                    indicator=indicator,
                    by=user,
                    value=value,
                    description="" if value is not None else "Sesuai rencana triwulan",
                    obstacles="Blangko KTP-el terlambat datang." if poor else "",
                    links=[f"https://sleman.example.go.id/laporan-triwulan-{review.number}"],
                    periodic_review=review,
                )
            summary = "Target triwulan belum tercapai." if poor else "Target triwulan tercapai."
            review = periodic_services.report_period(review=review, by=user, summary=summary)
        if review.step == ReviewStep.RATE:
            results, feedback = ("BELOW", "Antrean menumpuk; perlu perbaikan.") if poor else ("AS_EXPECTED", "Baik.")
            review = periodic_services.rate_period(
                review=review, by=rater, results_rating=results, behaviour_rating="AS_EXPECTED", feedback=feedback
            )
        if review.step == ReviewStep.COACHING:
            review = periodic_services.plan_period_coaching(
                review=review,
                by=rater,
                kind="bimbingan",
                problems="Antrean loket menumpuk saat blangko terlambat.",
                agreed_actions="Jadwal layanan jemput bola dan laporan mingguan.",
                due_on=review.ends_on + datetime.timedelta(days=30),
            )
        if review.step == ReviewStep.ACKNOWLEDGE:
            periodic_services.acknowledge_period_coaching(review=review, by=user, note="Siap dilaksanakan.")


def _objection(plan: Plan) -> None:
    """`pegawai` objected to last year's Baik, asking for Sangat Baik; the head of Disdukcapil (the rater's own
    supervisor) rejected it with reasons (once; while the year was still being evaluated)."""
    if not plan.predikat or Objection.objects.filter(plan=plan).exists():
        return
    objection = objection_services.file_objection(
        plan=plan, by=plan.employee.user, reasons="Pemutakhiran data melampaui target pada semester II."
    )
    objection_services.decide_objection(
        objection=objection,
        by=objection.decider.user,
        decision="rejected",
        reasons="Pemutakhiran melampaui target, tetapi perilaku kerja sesuai ekspektasi; predikat Baik tetap.",
    )


def _transfer(people, coordinator) -> None:
    """Move the Disdukcapil clerk to Dinkes through the people service, as an import or the admin would (once)."""
    person = people["dukcapil.capil.staf"]
    person.refresh_from_db()
    dinkes = Agency.objects.get(code="DINKES")
    if person.agency_id == dinkes.pk:
        return
    agency_services.update_employee(
        employee=person,
        agency=dinkes,
        unit=Unit.objects.get(agency=dinkes, code="KESMAS"),
        supervisor=people["dinkes.kabid.kesmas"],
        position_title="Pengolah Data Kesehatan",
        by=coordinator,
    )


def _acting(people, coordinator, today: datetime.date) -> None:
    """A Plh appointment planned for a leave (once): the coordinator sees it on the acting officials page."""
    holder = people["dukcapil.kabid.piak"]
    if ActingAppointment.objects.filter(holder=holder).exists():
        return
    appoint_acting(
        by=coordinator,
        holder=holder,
        acting=people["dukcapil.kabid.capil"],
        kind="plh",
        starts_on=today + datetime.timedelta(days=14),
        ends_on=today + datetime.timedelta(days=20),
        reason="Cuti tahunan Kepala Bidang PIAK.",
        today=today,
    )


@contextlib.contextmanager
def _replayed_while_open(period: Period):
    """A closed period's plans are frozen, so last year's history is replayed as it happened, while the period was
    still being evaluated, and the period is closed again afterwards."""
    status = period.status
    if status != PeriodStatus.CLOSED:
        yield
        return
    Period.objects.filter(pk=period.pk).update(status=PeriodStatus.EVALUATING)
    try:
        yield
    finally:
        Period.objects.filter(pk=period.pk).update(status=status)


def _fill(plan: Plan, rhk: tuple, supervisor_plan: Plan | None) -> None:
    if plan.results.exists() or plan.stage != Stage.DRAFT:
        return
    user = plan.employee.user
    if supervisor_plan is not None:
        targets = list(supervisor_plan.results.order_by(*rhk_order()))
        links = [{"supports": targets[min(item.supports, len(targets) - 1)]} for item in rhk]
    else:
        ikus = list(Indicator.objects.filter(agency=plan.employee.agency).order_by("code"))
        links = [{"supports_indicator": ikus[min(item.supports, len(ikus) - 1)]} for item in rhk]
    for item, link in zip(rhk, links, strict=True):
        result = services.add_result(plan=plan, by=user, text=item.text, **link)
        for aspect, description, value, unit, text in item.indicators:
            services.add_indicator(
                result=result,
                by=user,
                aspect=aspect,
                description=description,
                target_value=value,
                target_unit=unit,
                target_text=text,
            )


def _drive(plan: Plan, target: str, *, ratings, people, coordinator, today: datetime.date) -> None:
    """Advance `plan` step by step through the engine until it reaches `target` (no-op when already there)."""
    while ORDER.index(plan.stage) < ORDER.index(target):
        employee_user = plan.employee.user
        if plan.stage == Stage.DRAFT:
            services.submit_plan(plan=plan, by=employee_user)
        elif plan.stage == Stage.REVIEW:
            review = next(task for task in open_tasks_of_plan(plan=plan) if task.flow_task.name == PlanStep.REVIEW)
            if review.owner_id is None:
                reviewer = people[HEAD_REVIEWER]
                reason = "Penilai kinerja kepala OPD ditetapkan BKPSDM (Sekda belum terdaftar di Kinerja)."
                services.reassign_task(plan=plan, by=coordinator, to=reviewer, reason=reason)
                review.refresh_from_db()
            services.approve_plan(plan=plan, by=review.owner)
        elif plan.stage == Stage.REALISATION:
            for indicator in ResultIndicator.objects.filter(result__plan=plan, realisations__isnull=True):
                value = indicator.target_value * 9 / 10 if indicator.target_value is not None else None
                services.record_realisation(
                    indicator=indicator,
                    by=employee_user,
                    value=value,
                    description="" if value is not None else "Tercapai sesuai target",
                    obstacles="Jaringan SIAK sempat terganggu pada bulan Agustus.",
                    links=["https://sleman.example.go.id/laporan-kinerja"],
                )
            services.finish_realisation(plan=plan, by=employee_user)
        elif plan.stage == Stage.SELF_ASSESSMENT:
            services.submit_self_assessment(
                plan=plan, by=employee_user, results_rating="AS_EXPECTED", summary="Sebagian besar target tercapai."
            )
        elif plan.stage == Stage.RATING:
            results, behaviour = ratings
            services.rate_plan(
                plan=plan,
                by=plan.supervisor.user,
                results_rating=results,
                behaviour_rating=behaviour,
                results_comment="Dinilai dari realisasi dan bukti dukung.",
                result_ratings={result.pk: (results, "") for result in plan.results.all()},
            )
        elif plan.stage == Stage.COACHING:
            _coach(plan, today)
        plan.refresh_from_db()


def _coach(plan: Plan, today: datetime.date) -> None:
    supervisor_user = plan.supervisor.user
    step = next(task.flow_task.name for task in open_tasks_of_plan(plan=plan))
    if step == PlanStep.COACHING:
        services.plan_coaching(
            plan=plan,
            by=supervisor_user,
            kind="bimbingan",
            problems="Dokumentasi asuhan belum lengkap.",
            agreed_actions="Pendampingan mingguan oleh kepala puskesmas.",
            due_on=today + datetime.timedelta(days=60),
        )
    elif step == "acknowledge":
        services.acknowledge_coaching(plan=plan, by=plan.employee.user)
    else:
        services.close_coaching(plan=plan, by=supervisor_user, outcome="Dokumentasi membaik.")


def _photo(name: str) -> SimpleUploadedFile:
    """A drawn stand-in for a phone photo of the service counter, so the demo shows an evidence thumbnail."""
    image = Image.new("RGB", (800, 600), (226, 232, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((60, 60, 740, 260), fill=(11, 93, 138))  # the queue board
    for row, width in enumerate((520, 380, 450)):
        draw.rectangle((100, 100 + row * 50, 100 + width, 130 + row * 50), fill=(255, 255, 255))
    for counter in range(4):  # the counters
        draw.rectangle((60 + counter * 175, 340, 200 + counter * 175, 560), fill=(23, 105, 44))
    output = io.BytesIO()
    image.save(output, format="JPEG", quality=80)
    return SimpleUploadedFile(name, output.getvalue(), content_type="image/jpeg")


# Public for other apps' demo steps (development.demo): a named demo person's plan, filled and driven as above.
def drive_demo_plan(
    *, key: str, supervisor_key: str | None, period: Period, target: str, ratings, people, coordinator, today
) -> Plan:
    """Start the plan of `people[key]` in `period`, fill it with the person's demo RHK (cascading from their
    supervisor's plan) and drive it through the engine to `target`; a closed period is replayed while open."""
    with _replayed_while_open(period):
        plan = services.start_plan(employee=people[key], period=period, by=coordinator)
        supervisor_plan = (
            Plan.objects.filter(employee=people[supervisor_key], period=period).first() if supervisor_key else None
        )
        _fill(plan, RHK[key], supervisor_plan)
        _drive(plan, target, ratings=ratings, people=people, coordinator=coordinator, today=today)
    return plan
