"""The desk's list pages by position (keyset): older and newer pages partition the list, whatever its length, and a
cursor that does not parse gives the first page."""

import datetime
import re

from django.utils import timezone

from feedback.models import Complaint
from tests.feedback.factories import submit

PAGE = 25


def codes(page: str) -> list[str]:
    return re.findall(r">(ADU-\d{4}-\d{6})</a>", page)


def link(page: str, name: str) -> str | None:
    found = re.search(rf'href="(\?[^"]*{name}=[^"]*)"', page)
    return found.group(1).replace("&amp;", "&") if found else None  # already URL-encoded (the time's "+")


def test_older_and_newer_pages_walk_the_list_without_gaps_or_repeats(category, coordinator, client_for):
    made = [submit(category, title=f"KTP-el belum jadi {number}")[0] for number in range(PAGE + 3)]
    same_moment = timezone.now() - datetime.timedelta(days=1)
    Complaint.objects.filter(pk__in=[made[0].pk, made[1].pk]).update(submitted_at=same_moment)  # a tie on the time
    newest_first = list(Complaint.objects.order_by("-submitted_at", "-pk").values_list("code", flat=True))
    client = client_for(coordinator)

    first = client.get("/pengaduan/").content.decode()
    assert codes(first) == newest_first[:PAGE] and link(first, "newer") is None
    older = client.get("/pengaduan/" + link(first, "older")).content.decode()
    assert codes(older) == newest_first[PAGE:] and link(older, "older") is None
    back = client.get("/pengaduan/" + link(older, "newer")).content.decode()
    assert codes(back) == newest_first[:PAGE] and link(back, "newer") is None


def test_a_cursor_that_does_not_parse_gives_the_first_page(category, coordinator, client_for):
    complaint, _secret = submit(category)
    for cursor in ("older=rubbish", "older=2026-01-01T00:00:00_x", "newer=2026-01-01T00:00:00_1", "older=_"):
        page = client_for(coordinator).get(f"/pengaduan/?{cursor}")
        assert page.status_code == 200 and complaint.code in page.content.decode(), cursor
