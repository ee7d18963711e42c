"""The national performance system export (export:read), as JSON or CSV, for one agency and period."""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, OpenApiTypes, extend_schema
from rest_framework import exceptions
from rest_framework.response import Response

from agencies.models import Agency, Period
from audit import services as audit
from common.spreadsheets import CSV_CONTENT_TYPE, csv_bytes

from .. import national, serializers
from ..scopes import Scope, in_reach, reach
from ._base import BAD_REQUEST, ERRORS, ApiView, query
from .master import _id

PARAMETERS = [
    query("agency", "The agency's code.", required=True),
    query("period", "The period's id.", int, required=True),
]


class _Export(ApiView):
    scope = Scope.EXPORT_READ
    serializer_class = serializers.NationalRecordSerializer

    def records(self, request) -> tuple[list[dict], Agency, Period]:
        code, period_id = self.filter_value("agency"), self.filter_value("period", _id)
        missing = [name for name, value in (("agency", code), ("period", period_id)) if not value]
        if missing:
            raise exceptions.ValidationError({name: _("This value is required.") for name in missing})
        agency = Agency.objects.filter(code=code).first()
        period = Period.objects.filter(pk=period_id).first()
        if agency is None or period is None or not in_reach(reach(request.auth, self.scope), agency.pk):
            raise exceptions.NotFound
        records = [
            national.record(plan) for plan in national.final_evaluations(agency_id=agency.pk, period_id=period.pk)
        ]
        audit.record_event(
            kind=audit.AuditKind.EXPORTED,
            actor=request.user,
            request=request,
            target=f"national:{agency.code}:{period.pk}",
            token=f"kin_{request.auth.prefix}",
            rows=len(records),
        )
        return records, agency, period


@extend_schema(
    summary="Final evaluations for the national performance system (JSON)",
    parameters=PARAMETERS,
    responses={200: serializers.NationalRecordSerializer(many=True), **ERRORS, **BAD_REQUEST},
)
class NationalExport(_Export):
    def get(self, request):
        records, _agency, _period = self.records(request)
        return Response(serializers.NationalRecordSerializer(records, many=True).data)


@extend_schema(
    summary="Final evaluations for the national performance system (CSV)",
    parameters=PARAMETERS,
    responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR), **ERRORS, **BAD_REQUEST},
)
class NationalExportCsv(_Export):
    def get(self, request):
        records, agency, period = self.records(request)
        response = HttpResponse(
            csv_bytes(national.COLUMNS, [national.row(each) for each in records]), content_type=CSV_CONTENT_TYPE
        )
        response["Content-Disposition"] = f'attachment; filename="national-{agency.code}-{period.pk}.csv"'
        return response
