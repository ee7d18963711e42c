"""Query parameters shared by the development pages."""

from django.utils import timezone


def year_from(request) -> int:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else timezone.localdate().year
