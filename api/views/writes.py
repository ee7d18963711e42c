"""Writes: the employee, agency and unit batches (people:write) and pushed IKU realisations (iku:write)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.response import Response

from agencies.models import Period
from common.params import parse_id

from .. import selectors, serializers, writes
from ..scopes import Scope
from ._base import ERRORS, ApiView


class BatchView(ApiView):
    """A batch of rows through the spreadsheet import's checks (people:write): all written, or none and every row's
    errors listed."""

    scope = Scope.PEOPLE_WRITE
    rows_key = ""

    def upsert(self, rows: list[dict], dry_run: bool):
        raise NotImplementedError

    def post(self, request):
        try:
            batch = self.get_serializer(data=request.data)
        except exceptions.ParseError as error:  # not JSON at all: still answered in the batch result's shape
            return Response(_shape_errors([error.detail], self.rows_key), status=status.HTTP_400_BAD_REQUEST)
        if not batch.is_valid():
            return Response(_shape_errors(batch.errors, self.rows_key), status=status.HTTP_400_BAD_REQUEST)
        result = self.upsert(batch.validated_data[self.rows_key], batch.validated_data["dry_run"])
        body = {
            "ok": result.ok,
            "dry_run": result.dry_run,
            "rows": result.rows,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "errors": [{"row": e.row, "field": e.column, "message": e.message} for e in result.errors],
        }
        return Response(body, status=status.HTTP_200_OK if result.ok else status.HTTP_400_BAD_REQUEST)


def _batch_schema(*, summary: str, request):
    return extend_schema(
        summary=summary,
        description="The spreadsheet import's checks on every row; with any error nothing is written and every row's "
        "errors are listed. `dry_run` checks without writing. A repeat of the same batch changes nothing.",
        request=request,
        responses={
            200: serializers.BatchResultSerializer,
            400: OpenApiResponse(serializers.BatchResultSerializer, description="Some rows are invalid; none written."),
            **ERRORS,
        },
    )


@_batch_schema(
    summary="Create or update employees by NIP (all or nothing)", request=serializers.EmployeeBatchSerializer
)
class EmployeeBatch(BatchView):
    serializer_class = serializers.EmployeeBatchSerializer
    rows_key = "employees"

    def upsert(self, rows, dry_run):
        return writes.upsert_employees(rows=rows, dry_run=dry_run, request=self.request)


@_batch_schema(
    summary="Create or update agencies by code (all or nothing; a new agency needs a token over every agency)",
    request=serializers.AgencyBatchSerializer,
)
class AgencyBatch(BatchView):
    serializer_class = serializers.AgencyBatchSerializer
    rows_key = "agencies"

    def upsert(self, rows, dry_run):
        return writes.upsert_organisation(kind="agencies", rows=rows, dry_run=dry_run, request=self.request)


@_batch_schema(
    summary="Create or update units by agency and unit code (all or nothing)", request=serializers.UnitBatchSerializer
)
class UnitBatch(BatchView):
    serializer_class = serializers.UnitBatchSerializer
    rows_key = "units"

    def upsert(self, rows, dry_run):
        return writes.upsert_organisation(kind="units", rows=rows, dry_run=dry_run, request=self.request)


def _shape_errors(errors, rows_key: str) -> dict:
    """The serializer's errors in the batch result's shape: one entry per row (1 = the batch's first) and field."""
    flat = []

    def walk(node, row, field):
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(key, int):  # the list's errors by index: a row of the batch
                    walk(value, key + 1, "")
                else:
                    walk(value, row, key if row is not None or key != "non_field_errors" else "")
        elif isinstance(node, list):
            for number, item in enumerate(node, start=1):
                walk(item, number if field == rows_key and isinstance(item, dict) else row, field)
        else:
            flat.append({"row": row, "field": str(field), "message": str(node)})

    walk(errors, None, "")
    return {"ok": False, "dry_run": False, "rows": 0, "created": 0, "updated": 0, "unchanged": 0, "errors": flat}


@extend_schema(
    parameters=[OpenApiParameter("indicator_id", int, OpenApiParameter.PATH)],
    summary="Push an IKU realisation measured by another system",
    description="Recorded as an unverified figure with its provenance: the agency verifies it as it verifies typed "
    "figures. Replacing a figure computed by a source needs a `reason`.",
    request=serializers.RealisationPushSerializer,
    responses={
        201: serializers.RealisationSerializer,
        400: OpenApiResponse(description="The body is invalid, or the service refused the figure; the body says why."),
        **ERRORS,
    },
)
class RealisationPush(ApiView):
    scope = Scope.IKU_WRITE
    serializer_class = serializers.RealisationPushSerializer

    def post(self, request, indicator_id: str):
        number = parse_id(indicator_id)
        indicator = selectors.indicator_for_push(token=request.auth, indicator_id=number) if number else None
        if indicator is None:
            raise exceptions.NotFound
        push = self.get_serializer(data=request.data)
        push.is_valid(raise_exception=True)
        data = push.validated_data
        period = get_object_or_404(Period, pk=data["period"])
        try:
            realisation = writes.push_realisation(
                indicator=indicator,
                period=period,
                value=data["value"],
                evidence_note=data["evidence_note"],
                reason=data["reason"],
                origin={"system": data["source_system"], "reference": data["reference"]},
                request=request,
            )
        except DjangoValidationError as error:
            detail = error.message_dict if hasattr(error, "error_dict") else error.messages
            raise exceptions.ValidationError(detail) from None
        return Response(serializers.RealisationSerializer(realisation).data, status=status.HTTP_201_CREATED)
