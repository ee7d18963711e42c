"""Master data: agencies and periods (public), units and employees (people:read), IKU (iku:read)."""

import datetime

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics

from common.params import parse_id

from .. import selectors, serializers
from ..scopes import Scope
from ._base import BAD_REQUEST, ERRORS, PUBLIC_ERRORS, ApiView, Pages, query


def _id(value: str) -> int:
    """A query parameter's id (filter_value makes the ValueError a 400)."""
    number = parse_id(value)
    if number is None:
        raise ValueError(value)
    return number


@extend_schema_view(
    get=extend_schema(
        operation_id="agencies_list",
        summary="Agencies (OPD)",
        responses={200: serializers.AgencySerializer, **PUBLIC_ERRORS},
    )
)
class AgencyList(ApiView, generics.ListAPIView):
    serializer_class = serializers.AgencySerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.agencies()


@extend_schema_view(
    get=extend_schema(
        operation_id="periods_list",
        summary="Performance periods",
        responses={200: serializers.PeriodSerializer, **PUBLIC_ERRORS},
    )
)
class PeriodList(ApiView, generics.ListAPIView):
    serializer_class = serializers.PeriodSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.periods()


AGENCY = query("agency", "An agency's code.")


@extend_schema_view(
    get=extend_schema(
        operation_id="units_list",
        summary="Units of the token's agencies",
        parameters=[AGENCY],
        responses={200: serializers.UnitSerializer, **ERRORS},
    )
)
class UnitList(ApiView, generics.ListAPIView):
    scope = Scope.PEOPLE_READ
    serializer_class = serializers.UnitSerializer
    pagination_class = Pages

    def get_queryset(self):
        rows = selectors.units(token=self.request.auth)
        agency = self.filter_value("agency")
        return rows.filter(agency__code=agency) if agency else rows


@extend_schema_view(
    get=extend_schema(
        operation_id="employees_list",
        summary="Employees of the token's agencies",
        parameters=[AGENCY, query("active", "Only active (true) or inactive (false) employees.", bool)],
        responses={200: serializers.EmployeeSerializer, **ERRORS, **BAD_REQUEST},
    )
)
class EmployeeList(ApiView, generics.ListAPIView):
    scope = Scope.PEOPLE_READ
    serializer_class = serializers.EmployeeSerializer
    pagination_class = Pages

    def get_queryset(self):
        rows = selectors.employees(token=self.request.auth)
        agency = self.filter_value("agency")
        active = self.filter_value("active", _flag)
        rows = rows.filter(agency__code=agency) if agency else rows
        return rows.filter(is_active=active) if active is not None else rows


def _flag(value: str) -> bool:
    lowered = value.lower()
    if lowered not in ("true", "false"):
        raise ValueError(value)
    return lowered == "true"


@extend_schema_view(
    get=extend_schema(
        operation_id="employees_retrieve",
        summary="One employee by NIP",
        responses={200: serializers.EmployeeSerializer, **ERRORS},
    )
)
class EmployeeDetail(ApiView, generics.RetrieveAPIView):
    scope = Scope.PEOPLE_READ
    serializer_class = serializers.EmployeeSerializer
    lookup_field = "nip"

    def get_queryset(self):
        return selectors.employees(token=self.request.auth)


@extend_schema_view(
    get=extend_schema(
        operation_id="indicators_list",
        summary="IKU with their targets and realisations",
        parameters=[AGENCY, query("year", "Only IKU with a target for this year.", int)],
        responses={200: serializers.IndicatorSerializer, **ERRORS, **BAD_REQUEST},
    )
)
class IndicatorList(ApiView, generics.ListAPIView):
    scope = Scope.IKU_READ
    serializer_class = serializers.IndicatorSerializer
    pagination_class = Pages

    def get_queryset(self):
        rows = selectors.indicators(token=self.request.auth)
        agency, year = self.filter_value("agency"), self.filter_value("year", _year)
        rows = rows.filter(agency__code=agency) if agency else rows
        return rows.filter(targets__year=year) if year else rows


def _year(value: str) -> int:
    year = int(value)
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        raise ValueError(value)
    return year
