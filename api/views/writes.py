"""Writes: the employee batch (people:write) and pushed IKU realisations (iku:write)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.response import Response

from agencies.models import Period

from .. import selectors, serializers, writes
from ..scopes import Scope
from ._base import ERRORS, ApiView


@extend_schema(
    summary="Create or update employees by NIP (all or nothing)",
    description="The spreadsheet import's checks on every row; with any error nothing is written and every row's "
    "errors are listed. `dry_run` checks without writing. A repeat of the same batch changes nothing.",
    request=serializers.EmployeeBatchSerializer,
    responses={
        200: serializers.BatchResultSerializer,
        400: OpenApiResponse(serializers.BatchResultSerializer, description="Some rows are invalid; none written."),
        **ERRORS,
    },
)
class EmployeeBatch(ApiView):
    scope = Scope.PEOPLE_WRITE
    serializer_class = serializers.EmployeeBatchSerializer

    def post(self, request):
        batch = self.get_serializer(data=request.data)
        if not batch.is_valid():
            return Response(_shape_errors(batch.errors), status=status.HTTP_400_BAD_REQUEST)
        result = writes.upsert_employees(
            rows=batch.validated_data["employees"], dry_run=batch.validated_data["dry_run"], request=request
        )
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


def _shape_errors(errors) -> dict:
    """The serializer's errors in the batch result's shape: one entry per row and field."""
    flat = []
    rows = errors.get("employees") if isinstance(errors, dict) else None
    if isinstance(rows, list):
        for number, row in enumerate(rows, start=1):
            for field, messages in (row or {}).items():
                flat += [{"row": number, "field": field, "message": str(message)} for message in messages]
    for field, messages in (errors.items() if isinstance(errors, dict) else []):
        if field != "employees" or not isinstance(rows, list):
            messages = messages if isinstance(messages, list) else [messages]
            flat += [{"row": None, "field": field, "message": str(message)} for message in messages]
    return {"ok": False, "dry_run": False, "rows": 0, "created": 0, "updated": 0, "unchanged": 0, "errors": flat}


@extend_schema(
    summary="Push an IKU realisation measured by another system",
    description="Recorded as an unverified figure with its provenance: the agency verifies it as it verifies typed "
    "figures. Replacing a figure computed by a source needs a `reason`.",
    request=serializers.RealisationPushSerializer,
    responses={201: serializers.RealisationSerializer, 400: OpenApiResponse(description="The body is invalid, or the service refused the figure; the body says why."), **ERRORS},
)
class RealisationPush(ApiView):
    scope = Scope.IKU_WRITE
    serializer_class = serializers.RealisationPushSerializer

    def post(self, request, indicator_id: int):
        indicator = selectors.indicator_for_push(token=request.auth, indicator_id=indicator_id)
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
            raise exceptions.ValidationError(error.message_dict if hasattr(error, "error_dict") else error.messages)
        return Response(serializers.RealisationSerializer(realisation).data, status=status.HTTP_201_CREATED)
