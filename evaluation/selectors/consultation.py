"""Reads of the staff consultation on next year's targets."""

from django.db.models import Prefetch
from django.http import Http404

from agencies.models import Indicator, IndicatorTarget

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
