"""Writes of the satisfaction surveys."""

from django.db import transaction
from django.utils import timezone

from agencies.models import PublicService

from .elements import ELEMENT_CODES
from .models import SurveyResponse


@transaction.atomic
def submit_response(
    *,
    service: PublicService,
    scores: dict[str, int | None],
    sex: str = "",
    age_band: str = "",
    education: str = "",
    occupation: str = "",
    comment: str = "",
) -> SurveyResponse:
    """Store one respondent's answers about `service`, dated now (the local date selects its period)."""
    now = timezone.now()
    response = SurveyResponse(
        service=service,
        submitted_at=now,
        submitted_on=timezone.localdate(now),
        sex=sex,
        age_band=age_band,
        education=education,
        occupation=occupation,
        comment=comment,
        **{code: scores.get(code) for code in ELEMENT_CODES},
    )
    response.full_clean()
    response.save()
    return response
