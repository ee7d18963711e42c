"""Demo data for agency evaluation (a `seed_demo` step, after forums and complaints): Disdukcapil's evaluation team
with its decree, IKU-01 "document completion time" and IKU-IKM (computed from the survey) on the quarterly data
calendar, a quarter where IKU-01 was amber, the review that found the obstacle (no queue system), the action and its
escalation to the next Pemda evaluation meeting, and the figure recovering the quarter after. Idempotent: nothing
is added once Disdukcapil has a team."""

import contextlib
import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from agencies.models import Agency, Employee, EvaluationTeam, Indicator, IndicatorRealisation, TeamMember

from . import services
from .models import DataEntry, DataSchedule, EntryStatus, ValueKind

# IKU-01 of Disdukcapil per quarter of the current year (days; lower is better, target 3): red, amber, green, green.
QUARTER_VALUES = (Decimal("4.1"), Decimal("3.4"), Decimal("2.9"), Decimal("2.7"))
AMBER_QUARTER = 2


def _fresh(username):
    """A user loaded anew, so roles computed before the team existed are not reused."""
    return get_user_model().objects.filter(username=username).first()


def seed(context) -> None:
    dukcapil = Agency.objects.filter(code="DUKCAPIL").first()
    indicator = Indicator.objects.filter(agency=dukcapil, code="IKU-01").first()
    people = {name: Employee.objects.filter(user__username=name).first() for name in ("atasan", "pegawai", "pegawai2")}
    if dukcapil is None or indicator is None or None in people.values() or _fresh("kepala.dukcapil") is None:
        return
    if EvaluationTeam.objects.filter(agency=dukcapil).exists():
        return
    year = context.today.year
    decree = SimpleUploadedFile("sk-tim-evaluasi.pdf", b"%PDF-1.4\n% SK Tim Evaluasi Disdukcapil\n")
    team = services.save_team(
        agency=dukcapil,
        by=_fresh("kepala.dukcapil"),
        decree_number=f"800/045/{year}",
        decree_date=datetime.date(year, 1, 6),
        decree_file=decree,
    )
    term = {"starts_on": datetime.date(year, 1, 1), "ends_on": datetime.date(year + 1, 12, 31)}
    seats = [(people["atasan"], "chair"), (people["pegawai"], "member"), (people["pegawai2"], "member")]
    planner = (
        Employee.objects.exclude(agency=dukcapil)
        .filter(is_active=True, user__coordinator__isnull=True, headed_agency__isnull=True)
        .order_by("agency__code", "name")
        .first()
    )
    if planner is not None:
        seats.append((planner, "secretary"))
    for employee, role in seats:
        TeamMember.objects.create(team=team, employee=employee, role=role, **term)
    context.created["evaluation team members"] += len(seats)

    coordinator, pic, verifier, chair = _fresh("koordinator"), _fresh("pegawai"), _fresh("pegawai2"), _fresh("atasan")
    satisfaction = Indicator.objects.filter(agency=dukcapil, code="IKU-IKM").first()
    # IKU-01 in days (0–30); IKU-IKM, computed from the survey (surveys/demo.py), an index (25–100) whose quarters so
    # far move into the calendar to be verified. Both quarterly, entered (or watched) by pegawai.
    for scheduled, lowest, highest in ((indicator, "0", "30"), (satisfaction, "25", "100")):
        if scheduled is not None:
            services.set_schedule(
                indicator=scheduled,
                by=chair,
                frequency="quarterly",
                pic=people["pegawai"],
                due_day=10,
                value_kind=ValueKind.NUMBER,
                min_value=Decimal(lowest),
                max_value=Decimal(highest),
            )
    context.created["data-entry tasks"] += services.open_data_entries(
        year=year, agency_ids=[dukcapil.pk], by=coordinator
    )
    if satisfaction is not None:  # the team verified all but the latest, which waits for someone
        waiting = DataEntry.objects.filter(schedule__indicator=satisfaction, status=EntryStatus.SUBMITTED)
        for entry in list(waiting.order_by("starts_on"))[:-1]:
            services.verify_entry(entry=entry, by=verifier)
    schedule = DataSchedule.objects.get(indicator=indicator)
    entries = list(schedule.entries.filter(starts_on__year=year).order_by("starts_on"))
    for entry, value in zip(entries, QUARTER_VALUES, strict=True):
        if entry.ends_on >= context.today:
            break
        services.submit_entry(entry=entry, by=pic, value=value, evidence_note="Rekap SIAK dan buku register loket")
        services.verify_entry(entry=entry, by=verifier)
    _dated_in_their_quarter(dukcapil, today=context.today)
    amber = entries[AMBER_QUARTER - 1]
    if amber.ends_on >= context.today:
        return
    _review(context, dukcapil=dukcapil, indicator=indicator, amber=amber, chair=chair, owner=people["pegawai"])


def _dated_in_their_quarter(agency, *, today) -> None:
    """The figures were entered and verified just now, while seeding; date them as the team would have, so that the
    calendar and its data-quality score show them on time: the PIC's a few days before the due date, the survey's
    the day after its quarter (the nightly computation), each verified two days later."""
    entries = DataEntry.objects.filter(schedule__indicator__agency=agency, submitted_at__isnull=False)
    for entry in entries.select_related("schedule"):
        if entry.source_origin:
            entered_on = entry.ends_on + datetime.timedelta(days=1)
        else:
            entered_on = entry.due_on - datetime.timedelta(days=3)
        entered_on = min(entered_on, today)
        submitted_at = timezone.make_aware(datetime.datetime.combine(entered_on, datetime.time(10)))
        verified_at = min(submitted_at + datetime.timedelta(days=2), timezone.now()) if entry.verified_at else None
        DataEntry.objects.filter(pk=entry.pk).update(submitted_at=submitted_at, verified_at=verified_at)
        if verified_at:  # the IKU's published figure (from the source, or the one the PIC's entry made)
            IndicatorRealisation.objects.filter(
                indicator_id=entry.schedule.indicator_id,
                period__starts_on=entry.starts_on,
                period__ends_on=entry.ends_on,
            ).update(verified_at=verified_at)


def _review(context, *, dukcapil, indicator, amber, chair, owner) -> None:
    review = services.open_review(
        agency=dukcapil,
        by=chair,
        held_on=amber.due_on,
        covers_from=amber.starts_on,
        covers_to=amber.ends_on,
    )
    context.created["monitoring reviews"] += 1
    item = review.items.filter(indicator=indicator).first() or services.add_item(
        review=review, by=chair, title=str(indicator)
    )
    obstacle = services.add_obstacle(
        item=item,
        by=chair,
        category="system",
        description="Antrean manual di loket: warga datang sejak subuh, berkas menumpuk sore hari.",
        root_cause="Belum ada sistem antrean; jumlah berkas per hari tidak bisa diatur.",
    )
    action = services.add_action(
        obstacle=obstacle,
        by=chair,
        owner=owner,
        text="Uji coba antrean daring untuk perekaman KTP-el dan KK",
        due_on=amber.due_on + datetime.timedelta(days=45),
    )
    with contextlib.suppress(ValidationError):  # no future Pemda meeting here: the obstacle stays with the agency
        services.escalate_obstacle(obstacle=obstacle, by=chair)
    if amber.due_on + datetime.timedelta(days=45) < context.today:
        services.update_action(
            action=action, by=chair, status="done", progress="Antrean daring berjalan; waktu penyelesaian turun."
        )
