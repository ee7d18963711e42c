"""Reads of the staff consultation on next year's targets."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import Http404

from agencies.models import Employee, Indicator, IndicatorTarget

from .. import permissions
from ..models import TargetComment, TargetConsultation


def consultation_of(*, agency, year: int) -> TargetConsultation | None:
    return TargetConsultation.objects.filter(agency=agency, year=year).first()


def indicators_for_consultation(*, agency, year: int, consultation: TargetConsultation | None) -> list[Indicator]:
    """The agency's active IKU, each with its target of `year` (`year_targets`) and the consultation's comments on
    it with their authors (`consultation_comments`): three queries whatever the number of comments."""
    indicators = list(
        Indicator.objects.filter(agency=agency, is_active=True)
        .order_by("code")
        .prefetch_related(
            Prefetch("targets", queryset=IndicatorTarget.objects.filter(year=year), to_attr="year_targets")
        )
    )
    by_indicator = {indicator.pk: indicator for indicator in indicators}
    for indicator in indicators:
        indicator.consultation_comments = []
    if consultation is not None:
        comments = consultation.comments.filter(indicator_id__in=by_indicator).select_related("author")
        for comment in comments.order_by("created_at", "pk"):
            by_indicator[comment.indicator_id].consultation_comments.append(comment)
    return indicators


def get_comment_for_user(*, user, comment_id: int) -> TargetComment:
    comment = TargetComment.objects.select_related("consultation").filter(pk=comment_id).first()
    if comment is None:
        raise Http404
    permissions.check_see_consultation(user, comment.consultation.agency_id)
    return comment


@dataclass(frozen=True)
class Participation:
    agency_id: int
    name: str
    year: int
    commenters: int
    staff: int

    @property
    def share(self) -> Decimal | None:
        return None if not self.staff else (Decimal(100) * self.commenters / self.staff).quantize(Decimal("1"))


def participation(*, agencies: QuerySet, years) -> list[Participation]:
    """Per agency with a consultation on the targets of one of `years` (the latest of them): how many of its active
    staff commented in the window, of how many. Two aggregate queries whatever the number of agencies."""
    in_window = Q(
        comments__author__agency_id=F("agency_id"),
        comments__created_at__date__gte=F("opens_on"),
        comments__created_at__date__lte=F("closes_on"),
    )
    consultations = (
        TargetConsultation.objects.filter(agency__in=agencies, year__in=list(years))
        .annotate(commenters=Count("comments__author", filter=in_window, distinct=True))
        .values_list("agency_id", "agency__name", "year", "commenters")
        .order_by("agency__name", "agency_id", "-year")
    )
    latest = {}
    for agency_id, name, year, commenters in consultations:
        latest.setdefault(agency_id, (name, year, commenters))
    staff = dict(
        Employee.objects.filter(agency_id__in=latest, is_active=True)
        .values("agency_id")
        .annotate(n=Count("pk"))
        .values_list("agency_id", "n")
    )
    return [
        Participation(agency_id=agency_id, name=name, year=year, commenters=commenters, staff=staff.get(agency_id, 0))
        for agency_id, (name, year, commenters) in latest.items()
    ]
