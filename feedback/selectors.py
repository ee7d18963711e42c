"""Reads for complaints: the desk's and officers' lists, one complaint for a user or for the public, the figures for
IKU and the public page (aggregated in SQL), and the public page's per-agency summary."""

import datetime
import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db.models import BooleanField, Case, Count, ExpressionWrapper, F, Q, QuerySet, When
from django.http import Http404
from django.template.loader import get_template
from django.utils import timezone

from agencies.achievement import achievement_for
from agencies.models import Agency, Indicator, IndicatorRealisation, IndicatorTarget, Period, PublicService
from agencies.roles import roles_for
from agencies.templatetags import agencies_extras
from common.params import parse_id
from surveys import selectors as survey_selectors

from . import permissions
from .models import AGENCY_STATUSES, PUBLIC_EVENTS, Category, Complaint, Event, Officer, PublicSnapshot, Status


def overdue_q(now: datetime.datetime) -> Q:
    """Complaints whose current step is past its deadline: verification, or the agency's answer."""
    return Q(status=Status.SUBMITTED, verify_due__lt=now) | Q(
        status__in=(Status.WITH_AGENCY, Status.REOPENED), answer_due__lt=now
    )


def due_today_q(now: datetime.datetime) -> Q:
    """Complaints whose current step falls due later today (the Pemda's day): still in time, not for long."""
    tomorrow = datetime.datetime.combine(
        timezone.localdate(now) + datetime.timedelta(days=1), datetime.time.min, tzinfo=timezone.get_current_timezone()
    )
    return Q(status=Status.SUBMITTED, verify_due__gte=now, verify_due__lt=tomorrow) | Q(
        status__in=(Status.WITH_AGENCY, Status.REOPENED), answer_due__gte=now, answer_due__lt=tomorrow
    )


def deadline_flags(now: datetime.datetime) -> dict:
    """`is_overdue` and `is_due_today` of the current step, for `.annotate(**deadline_flags(now))`."""
    return {
        "is_overdue": ExpressionWrapper(overdue_q(now), output_field=BooleanField()),
        "is_due_today": ExpressionWrapper(due_today_q(now), output_field=BooleanField()),
    }


def list_categories(*, query: str = "") -> QuerySet:
    categories = Category.objects.filter(is_active=True).select_related("agency", "service")
    query = query.strip()
    if query:
        categories = categories.filter(
            Q(name__icontains=query)
            | Q(description__icontains=query)
            | Q(agency__name__icontains=query)
            | Q(agency__short_name__icontains=query)
            | Q(service__name__icontains=query)
        )
    return categories.order_by("agency__short_name", "name")


def complaints_for_user(*, user, status: str = "", overdue: bool = False, agency_id: int | None = None) -> QuerySet:
    """The complaints `user` works on, newest first: the desk sees its agencies' complaints (all statuses); the agency
    side sees its verified ones. Rows carry what the list shows (category, agency) and an `is_overdue` flag."""
    roles = roles_for(user)
    now = timezone.now()
    complaints = (
        Complaint.objects.select_related("category", "agency")
        .only(
            "code", "title", "status", "submitted_at", "verify_due", "answer_due", "identity", "escalated_at",
            "category__name", "agency__short_name", "agency__name",
        )
        .annotate(**deadline_flags(now))
        .order_by("-submitted_at", "-pk")
    )  # fmt: skip
    desk_ids = None if roles.is_administrator else roles.coordinated_agency_ids()
    if desk_ids is None:  # an administrator or a Pemda-wide coordinator: every complaint
        return _filtered(complaints, status=status, overdue=overdue, agency_id=agency_id, now=now)
    scope = Q(agency_id__in=desk_ids) if desk_ids else Q(pk__in=[])
    agency_side = set(permissions.officer_agency_ids(user))
    if roles.headed_agency is not None:
        agency_side.add(roles.headed_agency.pk)
    if agency_side:
        scope |= Q(agency_id__in=agency_side, status__in=AGENCY_STATUSES)
    if roles.employee is not None:
        scope |= Q(handler_id=roles.employee.pk, status__in=AGENCY_STATUSES)
    return _filtered(complaints.filter(scope), status=status, overdue=overdue, agency_id=agency_id, now=now)


def waiting_complaints(*, user) -> QuerySet:
    """The complaints waiting for `user` to act, bare (the inbox badge counts them on every page): the queryset form
    of permissions.can_verify and can_answer (the desk verifies its agencies' new complaints; the agency's officers,
    head and the employee it was handed to answer; only the head answers a reopened one)."""
    if not user.is_authenticated:
        return Complaint.objects.none()
    roles = roles_for(user)
    waiting = Q(pk__in=[])
    if roles.is_administrator or roles.is_coordinator:
        desk_ids = None if roles.is_administrator else roles.coordinated_agency_ids()
        waiting |= Q(status=Status.SUBMITTED) & (Q() if desk_ids is None else Q(agency_id__in=desk_ids))
    # The officers' agencies as a subquery, not a list read first: one query less on every page.
    answering = Q(agency_id__in=Officer.objects.filter(user=user).values("agency_id"))
    if roles.headed_agency is not None:
        answering |= Q(agency_id=roles.headed_agency.pk)
        waiting |= Q(status=Status.REOPENED, agency_id=roles.headed_agency.pk)
    if roles.employee is not None:
        answering |= Q(handler_id=roles.employee.pk)
    waiting |= Q(status=Status.WITH_AGENCY) & answering
    return Complaint.objects.filter(waiting)


def complaints_waiting_for(*, user) -> QuerySet:
    """The complaints above, soonest deadline first, each with its `due` (the verification's or the answer's
    deadline) and `is_overdue`."""
    return (
        waiting_complaints(user=user)
        .select_related("category", "agency")
        .only("code", "title", "status", "verify_due", "answer_due", "category__name", "agency__short_name")
        .annotate(
            due=Case(When(status=Status.SUBMITTED, then=F("verify_due")), default=F("answer_due")),
            **deadline_flags(timezone.now()),
        )
        .order_by(F("due").asc(nulls_last=True), "pk")
    )


def _filtered(complaints: QuerySet, *, status: str, overdue: bool, agency_id: int | None, now) -> QuerySet:
    if status:
        complaints = complaints.filter(status=status)
    if overdue:
        complaints = complaints.filter(overdue_q(now))
    if agency_id:
        complaints = complaints.filter(agency_id=agency_id)
    return complaints


class KeysetPage:
    """A page of the newest-first complaint list that continues from a row's position (submitted_at, id) instead of
    skipping rows: page 4,000 costs what page 1 costs, and nothing counts the whole list. One row more than the page
    is read to know whether more exist in that direction. `older`/`newer` are cursors from the links of a page; a
    cursor that does not parse gives the first page."""

    def __init__(self, queryset: QuerySet, *, older: str = "", newer: str = "", size: int):
        position, direction = _parse_cursor(older), "older"
        if position is None:
            position, direction = _parse_cursor(newer), "newer"
        if position is None:
            direction = None
        if direction == "older":
            at, pk = position
            queryset = queryset.filter(submitted_at__lte=at).filter(Q(submitted_at__lt=at) | Q(pk__lt=pk))
        elif direction == "newer":
            at, pk = position
            queryset = (
                queryset.filter(submitted_at__gte=at)
                .filter(Q(submitted_at__gt=at) | Q(pk__gt=pk))
                .order_by("submitted_at", "pk")
            )
        rows = list(queryset[: size + 1])
        more, rows = len(rows) > size, rows[:size]
        if direction == "newer":
            rows.reverse()
        self.object_list = rows
        self.has_next = more if direction != "newer" else True  # older rows
        self.has_previous = direction == "older" or (direction == "newer" and more)  # newer rows
        if not rows:
            self.has_next = self.has_previous = False

    def __iter__(self):
        return iter(self.object_list)

    @property
    def older_cursor(self) -> str:
        return _cursor(self.object_list[-1]) if self.object_list else ""

    @property
    def newer_cursor(self) -> str:
        return _cursor(self.object_list[0]) if self.object_list else ""


def _cursor(complaint: Complaint) -> str:
    return f"{complaint.submitted_at.isoformat()}_{complaint.pk}"


def _parse_cursor(cursor: str):
    moment, _, pk = (cursor or "").rpartition("_")
    try:
        at = datetime.datetime.fromisoformat(moment)
    except ValueError:
        return None
    if parse_id(pk) is None or at.tzinfo is None:
        return None
    return at, parse_id(pk)


def get_complaint_for_user(*, user, complaint_id: int) -> Complaint:
    complaint = (
        Complaint.objects.select_related(
            "category",
            "agency__head",
            "handler",
            "handler_unit",
            "duplicate_of",
            "indicator",
            "topic",
            "agenda_item__meeting",
        )
        .filter(pk=complaint_id)
        .annotate(**deadline_flags(timezone.now()))
        .first()
    )
    if complaint is None:
        raise Http404
    permissions.check_view_complaint(user, complaint)
    return complaint


def get_complaint_by_code(*, code: str) -> Complaint:
    complaint = (
        Complaint.objects.select_related("category", "agency", "duplicate_of").filter(code=code.strip().upper()).first()
    )
    if complaint is None:
        raise Http404
    return complaint


def find_complaint_by_code(*, code: str) -> Complaint | None:
    return Complaint.objects.filter(code=code.strip().upper()).first()


def history(*, complaint: Complaint, public: bool) -> list[Event]:
    events = complaint.events.select_related("actor")
    if public:
        events = events.filter(is_public=True, kind__in=PUBLIC_EVENTS)
    return list(events)


def possible_duplicates(*, complaint: Complaint, limit: int = 5) -> list[Complaint]:
    """Recent complaints in the same category with a word of the summary in common: the desk's merge candidates."""
    words = [word for word in complaint.title.split() if len(word) >= 4][:5]
    if not words:
        return []
    match = Q()
    for word in words:
        match |= Q(title__icontains=word)
    since = complaint.submitted_at - datetime.timedelta(days=60)
    return list(
        Complaint.objects.filter(match, category_id=complaint.category_id, submitted_at__gte=since)
        .exclude(pk=complaint.pk)
        .exclude(status__in=(Status.SPAM, Status.DUPLICATE))
        .order_by("-submitted_at")[:limit]
    )


def category_exists(category_id: int) -> bool:
    return Category.objects.filter(pk=category_id).exists()


def get_active_category(*, category_id) -> Category:
    category = Category.objects.filter(pk=category_id, is_active=True).select_related("agency").first()
    if category is None:
        raise Http404
    return category


def categories_for_desk(*, user) -> QuerySet:
    """The categories whose deadlines `user` sets: those of the agencies the coordinator covers."""
    return (
        Category.objects.filter(agency__in=agencies_for_desk(user=user))
        .select_related("agency", "service")
        .order_by("agency__short_name", "agency__name", "name")
    )


def get_category_for_desk(*, user, category_id: int) -> Category:
    """A category within the coordinator's agencies; 404 for one outside them, as for an unknown one."""
    category = Category.objects.select_related("agency").filter(pk=category_id).first()
    if category is None or not permissions.can_manage_categories(user, category.agency_id):
        raise Http404
    return category


def get_officer_for_user(*, user, officer_id: int) -> Officer:
    """An officer row within the coordinator's scope; 404 otherwise."""
    officer = Officer.objects.select_related("agency", "user").filter(pk=officer_id).first()
    if officer is None or not permissions.desk_covers(user, officer.agency_id):
        raise Http404
    return officer


def agencies_for_desk(*, user) -> QuerySet:
    roles = roles_for(user)
    ids = None if roles.is_administrator else roles.coordinated_agency_ids()
    return Agency.objects.all() if ids is None else Agency.objects.filter(pk__in=ids)


def get_attachment(*, complaint: Complaint, attachment_id: int):
    attachment = complaint.files.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    return attachment


def officers(*, user) -> QuerySet:
    roles = roles_for(user)
    rows = Officer.objects.select_related("agency", "user__employee").order_by("agency__short_name", "user__username")
    ids = roles.coordinated_agency_ids() if not roles.is_administrator else None
    return rows if ids is None else rows.filter(agency_id__in=ids)


# ------------------------------------------------------------------------------------------------- figures


@dataclass(frozen=True)
class ComplaintFigures:
    received: int
    answered: int
    answered_on_time: int
    median_days: float | None

    @property
    def on_time_share(self) -> float | None:
        """Share (percent) of answered complaints answered within their deadline."""
        return None if not self.answered else round(100 * self.answered_on_time / self.answered, 1)


# Statuses that count as received: everything the desk verified (spam, duplicates and others' business are not
# complaints about the agency).
COUNTED_STATUSES = (*AGENCY_STATUSES,)


def _in_period(queryset: QuerySet, period: Period) -> QuerySet:
    # A range on the column itself (not its date) so the (agency, submitted_at) index serves it.
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(period.starts_on, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(period.ends_on + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    return queryset.filter(submitted_at__gte=start, submitted_at__lt=end, status__in=COUNTED_STATUSES)


def _median_of_histogram(counts: dict[int, int]) -> float | None:
    """The median of values given as {value: how many}: working days are small whole numbers, so the database
    returns a short histogram instead of one row per answered complaint."""
    total = sum(counts.values())
    if not total:
        return None
    ordered = sorted(counts.items())

    def nth(position: int) -> int:
        seen = 0
        for value, count in ordered:
            seen += count
            if seen > position:
                return value
        return ordered[-1][0]

    middle = total // 2
    return float(nth(middle)) if total % 2 else (nth(middle - 1) + nth(middle)) / 2


def _totals(complaints: QuerySet, *group) -> QuerySet:
    # COUNT(*) and the columns themselves, never the id: the covering index (complaint_agency_period) answers alone.
    return complaints.values(*group).annotate(
        received=Count("*"),
        answered=Count("answered_at"),
        on_time=Count("answered_on_time", filter=Q(answered_on_time=True)),
    )


def _histograms(complaints: QuerySet, *group) -> dict:
    rows = (
        complaints.filter(answer_working_days__isnull=False)
        .values(*group, "answer_working_days")
        .annotate(n=Count("*"))
        .order_by()
    )
    histograms: dict = {}
    for row in rows:
        key = tuple(row[name] for name in group)
        histograms.setdefault(key, {})[row["answer_working_days"]] = row["n"]
    return histograms


def complaint_figures(
    *, period: Period, agency_id: int | None = None, category_id: int | None = None
) -> ComplaintFigures:
    """Received, answered, answered within the deadline and the median working days to answer, for a period and an
    agency or a category: one SQL aggregate and one short histogram of working days."""
    complaints = _in_period(Complaint.objects.all(), period)
    if agency_id is not None:
        complaints = complaints.filter(agency_id=agency_id)
    if category_id is not None:
        complaints = complaints.filter(category_id=category_id)
    totals = complaints.aggregate(
        received=Count("pk"),
        answered=Count("pk", filter=Q(answered_at__isnull=False)),
        on_time=Count("pk", filter=Q(answered_on_time=True)),
    )
    median = _median_of_histogram(_histograms(complaints).get((), {}))
    return ComplaintFigures(totals["received"], totals["answered"], totals["on_time"], median)


def complaint_figures_by_agency(*, period: Period, agency_ids: list[int] | None = None) -> dict[int, ComplaintFigures]:
    """The same figures for every agency (or those of `agency_ids`) at once: one grouped aggregate and one grouped
    histogram."""
    complaints = _in_period(Complaint.objects.all(), period)
    if agency_ids is not None:
        complaints = complaints.filter(agency_id__in=agency_ids)
    histograms = _histograms(complaints, "agency_id")
    return {
        row["agency_id"]: ComplaintFigures(
            row["received"],
            row["answered"],
            row["on_time"],
            _median_of_histogram(histograms.get((row["agency_id"],), {})),
        )
        for row in _totals(complaints, "agency_id").order_by()
    }


def complaint_counts_by_category(*, period: Period, agency_id: int | None = None) -> list[dict]:
    complaints = _in_period(Complaint.objects.all(), period)
    if agency_id is not None:
        complaints = complaints.filter(agency_id=agency_id)
    return list(
        complaints.values("category_id", "category__name", "agency__short_name")
        .annotate(received=Count("pk"))
        .order_by("-received", "category__name")
    )


# ------------------------------------------------------------------------------------------------- public page


@dataclass
class PublicIndicator:
    indicator: Indicator
    achievement: object
    trend: list = field(default_factory=list)  # verified realisation values, oldest first


@dataclass
class PublicAgency:
    agency: Agency
    indicators: list[PublicIndicator]
    figures: ComplaintFigures | None
    shows_figures: bool
    acted: list[Complaint]
    ikm_services: list = field(default_factory=list)  # surveys.selectors.ScopeResult per public service


def public_periods() -> QuerySet:
    """The periods the public may choose, newest first (the first is the page's default): those that have begun, as
    for the satisfaction results. Next year's periods exist once a coordinator prepares them, with nothing to show."""
    return survey_selectors.result_periods()


def _answered_on(complaint: Complaint) -> datetime.date:
    return timezone.localdate(complaint.answered_at)


def public_agencies() -> list[tuple[int, str]]:
    """(id, name) of every agency, in the public page's order: its chooser and its pages of agencies."""
    return list(Agency.objects.order_by("name", "pk").values_list("pk", "name"))


def public_summary(*, period: Period, agency_ids: list[int] | None = None, acted_limit: int = 5) -> list[PublicAgency]:
    """Per agency (all, or those of `agency_ids`): IKU achievement with its trend (verified figures only), complaint
    figures (shown only from the minimum sample up), and the latest published answers. A fixed number of queries
    whatever the size."""
    agencies = Agency.objects.order_by("name", "pk")
    agencies = list(agencies if agency_ids is None else agencies.filter(pk__in=agency_ids))
    ids = [agency.pk for agency in agencies]
    indicators = list(Indicator.objects.filter(agency_id__in=ids, is_active=True).order_by("code"))
    targets = {
        (target.indicator_id, target.year): target
        for target in IndicatorTarget.objects.filter(indicator__in=indicators)
    }
    trends: dict[int, list] = {}
    dated: dict[int, list] = {}
    latest: dict[int, IndicatorRealisation] = {}
    for realisation in (
        IndicatorRealisation.objects.filter(
            indicator__in=indicators, verified_at__isnull=False, period__starts_on__lte=period.ends_on
        )
        .select_related("period")
        .order_by("period__starts_on", "period__ends_on")
    ):
        trends.setdefault(realisation.indicator_id, []).append(realisation.value)
        dated.setdefault(realisation.indicator_id, []).append((realisation.period.ends_on, realisation.value))
        latest[realisation.indicator_id] = realisation
    figures = complaint_figures_by_agency(period=period, agency_ids=None if agency_ids is None else ids)
    minimum = settings.KINERJA_PUBLIC_MIN_SAMPLE
    acted: dict[int, list[Complaint]] = {}
    answered = (
        Complaint.objects.filter(
            agency_id__in=ids, answered_at__isnull=False, status__in=(Status.ANSWERED, Status.CLOSED)
        )
        .exclude(action_taken="")
        .select_related("category", "indicator")
        .only(
            "code",
            "title",
            "action_taken",
            "answered_at",
            "agency_id",
            "category__name",
            "indicator__code",
            "indicator__name",
        )
        .order_by("-answered_at")
    )
    for complaint in answered[: acted_limit * max(len(ids), 1)]:
        rows = acted.setdefault(complaint.agency_id, [])
        if len(rows) < acted_limit:
            # The linked IKU's verified figures from the answer's period on: did the action show in the IKU?
            complaint.iku_trend_since = [
                value for ends_on, value in dated.get(complaint.indicator_id, []) if ends_on >= _answered_on(complaint)
            ]
            rows.append(complaint)
    summary = []
    by_agency: dict[int, list[PublicIndicator]] = {pk: [] for pk in ids}
    for indicator in indicators:
        realisation = latest.get(indicator.pk)
        target = targets.get((indicator.pk, realisation.period.year)) if realisation else None
        achievement = achievement_for(indicator, realisation=realisation.value if realisation else None, target=target)
        by_agency[indicator.agency_id].append(PublicIndicator(indicator, achievement, trends.get(indicator.pk, [])))
    # Satisfaction (IKM) of every active public service, in two queries (surveys' selector). One without answers
    # in the period is listed too: it is where a citizen finds the survey to give the first one.
    satisfaction: dict[int, list] = {}
    services = PublicService.objects.filter(is_active=True, agency_id__in=ids)
    for result in survey_selectors.service_results(period=period, services=services):
        satisfaction.setdefault(result.service.agency_id, []).append(result)
    for agency in agencies:
        agency_figures = figures.get(agency.pk)
        summary.append(
            PublicAgency(
                agency=agency,
                indicators=by_agency[agency.pk],
                figures=agency_figures,
                shows_figures=agency_figures is not None and agency_figures.answered >= minimum,
                acted=acted.get(agency.pk, []),
                ikm_services=satisfaction.get(agency.pk, []),
            )
        )
    return summary


SECTION_TEMPLATE = "feedback/_public_agency.html"


def section_release() -> str:
    """A fingerprint of what a drawn section depends on besides the figures: its template, the template tags it
    uses and the translations. A release that changes any of them no longer finds the old sections, so the public
    never sees last release's wording or markup until the hourly refresh. Read once per process, except while
    developing (DEBUG), where a template edited under the running server shows at once."""
    if settings.DEBUG:
        return _section_release.__wrapped__()
    return _section_release()


@functools.cache
def _section_release() -> str:
    digest = hashlib.sha256(get_template(SECTION_TEMPLATE).template.source.encode())
    digest.update(Path(agencies_extras.__file__).read_bytes())
    locale_dirs = [*map(Path, settings.LOCALE_PATHS), Path(apps.get_app_config("feedback").path) / "locale"]
    for catalogue in sorted(path for directory in locale_dirs for path in directory.glob("*/LC_MESSAGES/django.mo")):
        digest.update(catalogue.read_bytes())
    return digest.hexdigest()[:16]


def public_snapshots(*, period: Period, agency_ids: list[int] | None, language: str) -> dict[int, PublicSnapshot]:
    """The precomputed sections of these agencies (all when None) for the period in a language, by agency id, with
    the agency's code and name for the open data: one query. Missing ones (or drawn by an earlier release) are for
    the caller to compute."""
    rows = PublicSnapshot.objects.filter(period=period, language=language, drawn_with=section_release())
    rows = rows.select_related("agency")
    if agency_ids is not None:
        rows = rows.filter(agency_id__in=agency_ids)
    return {row.agency_id: row for row in rows.only("agency_id", "html", "figures", "agency__code", "agency__name")}
