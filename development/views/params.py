"""Query parameters shared by the development pages."""

from django.utils import timezone

from common.params import parse_year


def year_from(request) -> int:
    return parse_year(request.GET.get("year")) or timezone.localdate().year
