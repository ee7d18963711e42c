"""Complaints (Open311-like) and IKM survey results: public data without a token."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.response import Response

from agencies.models import Period
from surveys import selectors as survey_selectors

from .. import selectors, serializers
from ..scopes import in_reach
from ._base import BAD_REQUEST, PUBLIC_ERRORS, ApiView, Pages, query
from .master import _id


@extend_schema_view(
    get=extend_schema(
        operation_id="complaints_list",
        summary="Complaints (Open311 GeoReport v2-like service requests)",
        description="Public fields for everyone; `description` and `status_notes` only with complaints:read over the "
        "complaint's agency.",
        parameters=[query("agency", "An agency's code."), query("status", "open or closed.", enum=["open", "closed"])],
        responses={200: serializers.ComplaintSerializer, **PUBLIC_ERRORS, **BAD_REQUEST},
    )
)
class ComplaintList(ApiView, generics.ListAPIView):
    serializer_class = serializers.ComplaintSerializer
    pagination_class = Pages

    def get_queryset(self):
        rows, self.full = selectors.complaints(token=self.request.auth)
        agency = self.filter_value("agency")
        state = self.filter_value("status", _open_or_closed)
        rows = rows.filter(agency__code=agency) if agency else rows
        if state is not None:
            closed = list(serializers.public.CLOSED)
            rows = rows.filter(status__in=closed) if state == "closed" else rows.exclude(status__in=closed)
        return rows

    def get_serializer_context(self):
        full = getattr(self, "full", frozenset())
        return {**super().get_serializer_context(), "reads_in_full": lambda agency_id: in_reach(full, agency_id)}


def _open_or_closed(value: str) -> str:
    if value not in ("open", "closed"):
        raise ValueError(value)
    return value


@extend_schema(
    summary="IKM (community satisfaction) results per agency for a period",
    parameters=[query("period", "A period's id.", int, required=True)],
    responses={200: serializers.SurveyResultSerializer(many=True), **PUBLIC_ERRORS, **BAD_REQUEST},
)
class SurveyResults(ApiView):
    serializer_class = serializers.SurveyResultSerializer

    def get(self, request):
        period_id = self.filter_value("period", _id)
        period = get_object_or_404(Period, pk=period_id or 0)
        rows = [
            {
                "agency": result.agency.code,
                "agency_name": result.agency.name,
                "responses": result.responses,
                "ikm": result.ikm,
                "grade": result.grade.code if result.grade else None,
            }
            for result in survey_selectors.agency_results(period=period)
        ]
        return Response(serializers.SurveyResultSerializer(rows, many=True).data)
