"""Plans (SKP), read with plans:read: filtered by period, agency, stage and changed-since."""

from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import OpenApiParameter, OpenApiTypes, extend_schema, extend_schema_view
from rest_framework import generics

from common.params import parse_id
from workflow.models import Stage

from .. import selectors, serializers
from ..scopes import Scope
from ._base import BAD_REQUEST, ERRORS, ApiView, Pages, query
from .master import _id


def _moment(value: str):
    moment = parse_datetime(value)
    if moment is None or moment.tzinfo is None:
        raise ValueError(value)
    return moment


def _stage(value: str) -> str:
    if value not in Stage.values:
        raise ValueError(value)
    return value


@extend_schema_view(
    get=extend_schema(
        operation_id="plans_list",
        summary="Plans (SKP) the token reads",
        parameters=[
            query("period", "A period's id.", int),
            query("agency", "An agency's code."),
            query("stage", "Where the plans stand.", enum=Stage.values),
            query(
                "changed_since",
                "Only plans changed at or after this moment (ISO 8601 with a time zone).",
                OpenApiTypes.DATETIME,
            ),
        ],
        responses={200: serializers.PlanSerializer, **ERRORS, **BAD_REQUEST},
    )
)
class PlanList(ApiView, generics.ListAPIView):
    scope = Scope.PLANS_READ
    serializer_class = serializers.PlanSerializer
    pagination_class = Pages

    def get_queryset(self):
        rows = selectors.plans(token=self.request.auth)
        period, agency = self.filter_value("period", _id), self.filter_value("agency")
        stage, since = self.filter_value("stage", _stage), self.filter_value("changed_since", _moment)
        if period:
            rows = rows.filter(period_id=period)
        if agency:
            rows = rows.filter(employee__agency__code=agency)
        if stage:
            rows = rows.filter(stage=stage)
        return rows.filter(changed_at__gte=since) if since else rows


@extend_schema_view(
    get=extend_schema(
        operation_id="plans_retrieve",
        parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH)],
        summary="One plan (SKP)",
        responses={200: serializers.PlanSerializer, **ERRORS},
    )
)
class PlanDetail(ApiView, generics.RetrieveAPIView):
    scope = Scope.PLANS_READ
    serializer_class = serializers.PlanSerializer

    def get_queryset(self):
        rows = selectors.plans(token=self.request.auth)
        return rows if parse_id(self.kwargs["pk"]) else rows.none()
