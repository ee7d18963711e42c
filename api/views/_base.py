"""What every API view shares: token authentication, the scope check, the rate limit, ETags, cursor pages."""

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import exceptions, generics, serializers, status
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response


class Pages(CursorPagination):
    """Stable pages through changing data: a cursor after the last id seen (no page numbers, no counts)."""

    ordering = "pk"
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500


ERROR = inline_serializer("Error", fields={"detail": serializers.CharField()})
ERRORS = {
    401: OpenApiResponse(ERROR, description="No token, or an unknown or revoked one."),
    403: OpenApiResponse(ERROR, description="The token lacks the operation's scope."),
    404: OpenApiResponse(ERROR, description="Not found, or outside the token's agencies."),
    429: OpenApiResponse(ERROR, description="Too many requests with this token; see Retry-After."),
}
PUBLIC_ERRORS = {429: ERRORS[429], 401: ERRORS[401], 404: ERRORS[404]}  # 404: a cursor that is not one
BAD_REQUEST = {400: OpenApiResponse(description="The query or the body is invalid; the body says why.")}


def query(name: str, description: str, type_=str, **kwargs) -> OpenApiParameter:
    return OpenApiParameter(name, type_, OpenApiParameter.QUERY, description=description, **kwargs)


def etag_of(data) -> str:
    return '"' + hashlib.sha256(json.dumps(data, cls=DjangoJSONEncoder, sort_keys=True).encode()).hexdigest()[:32] + '"'


class ApiView(generics.GenericAPIView):
    """A read answers with an ETag of its content; `If-None-Match` with the same tag gets 304 and no body."""

    scope: str | None = None

    def finalize_response(self, request, response, *args, **kwargs):
        if request.method == "GET" and response.status_code == 200 and isinstance(response, Response):
            tag = etag_of(response.data)
            if tag in {part.strip() for part in request.headers.get("If-None-Match", "").split(",")}:
                response = Response(status=status.HTTP_304_NOT_MODIFIED)
            response["ETag"] = tag
        return super().finalize_response(request, response, *args, **kwargs)

    def filter_value(self, name: str, parse=str):
        """A query parameter parsed by `parse` (None when absent); a value that does not parse is a 400."""
        raw = self.request.query_params.get(name)
        if raw in (None, ""):
            return None
        try:
            return parse(raw)
        except (TypeError, ValueError):
            raise exceptions.ValidationError({name: _("This value is not valid.")}) from None
