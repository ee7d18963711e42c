import datetime

import factory

from surveys.models import SurveyResponse
from tests.factories import PublicServiceFactory


class SurveyResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyResponse

    service = factory.SubFactory(PublicServiceFactory)
    submitted_on = datetime.date(2026, 6, 15)
    u1 = u2 = u3 = u4 = u5 = u6 = u7 = u8 = u9 = 3


def answers(service, scores: list[int | None], *, count: int = 1, on=datetime.date(2026, 6, 15), **extra):
    """`count` responses about `service` with the nine `scores` (None: element left unanswered)."""
    fields = {f"u{number}": score for number, score in enumerate(scores, start=1)}
    return SurveyResponseFactory.create_batch(count, service=service, submitted_on=on, **fields, **extra)
