"""Staff comments on next year's IKU targets through the page: the head opens a window, staff comment on an
indicator and its target, the head answers; outside the window or outside the agency nobody comments."""

import datetime

from django.urls import reverse
from django.utils import timezone

from evaluation.models import TargetComment, TargetConsultation
from tests.factories import IndicatorTargetFactory

NEXT = timezone.localdate().year + 1


def test_the_head_opens_staff_comment_and_the_head_answers(client_for, head, employee, iku, agency):
    IndicatorTargetFactory(indicator=iku, year=NEXT, value=95)
    page = reverse("evaluation:consultation", args=[agency.pk, NEXT])
    today = timezone.localdate()
    assert (
        client_for(employee)
        .post(
            reverse("evaluation:consultation_open", args=[agency.pk, NEXT]),
            {"year": NEXT, "opens_on": today, "closes_on": today},
        )
        .status_code
        == 403
    )
    opened = client_for(head).post(
        reverse("evaluation:consultation_open", args=[agency.pk, NEXT]),
        {"year": NEXT, "opens_on": today, "closes_on": today + datetime.timedelta(days=14)},
    )
    assert opened.status_code == 302 and TargetConsultation.objects.count() == 1
    commented = client_for(employee).post(
        reverse("evaluation:comment_add", args=[agency.pk, NEXT]),
        {"indicator": iku.pk, "text": "Target 95 terlalu tinggi tanpa tambahan petugas.", "proposed_value": "92"},
    )
    assert commented.status_code == 302
    comment = TargetComment.objects.get()
    assert (
        client_for(employee)
        .post(reverse("evaluation:comment_answer", args=[agency.pk, NEXT, comment.pk]), {"answer": "Saya sendiri"})
        .status_code
        == 403
    )
    client_for(head).post(
        reverse("evaluation:comment_answer", args=[agency.pk, NEXT, comment.pk]),
        {"answer": "Dua petugas tambahan mulai Januari; target tetap 95."},
    )
    text = client_for(employee).get(page).content.decode()
    assert "Target 95 terlalu tinggi" in text and "Dua petugas tambahan mulai Januari" in text


def test_no_comment_outside_the_window_or_from_another_agency(client_for, head, employee, outsider, iku, agency):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    TargetConsultation.objects.create(
        agency=agency, year=NEXT, opens_on=yesterday, closes_on=yesterday, opened_by=head.user
    )
    url = reverse("evaluation:comment_add", args=[agency.pk, NEXT])
    assert client_for(employee).post(url, {"indicator": iku.pk, "text": "Terlambat"}).status_code == 403
    assert client_for(outsider).post(url, {"indicator": iku.pk, "text": "Orang luar"}).status_code == 404
    assert client_for(outsider).get(reverse("evaluation:consultation", args=[agency.pk, NEXT])).status_code == 404
    assert not TargetComment.objects.exists()


def test_bad_input_re_renders(client_for, head, agency):
    today = timezone.localdate()
    response = client_for(head).post(
        reverse("evaluation:consultation_open", args=[agency.pk, NEXT]),
        {"year": NEXT, "opens_on": today, "closes_on": today - datetime.timedelta(days=1)},
    )
    assert response.status_code == 400 and "The window must close after it opens." in response.content.decode()


def test_the_board_shows_each_agency_s_staff_participation(
    client_for, head, employee, colleague, outsider, iku, agency, coordinator
):
    from agencies.models import Employee
    from tests.factories import PeriodFactory

    today = timezone.localdate()
    period = PeriodFactory(
        year=today.year,
        starts_on=datetime.date(today.year, 1, 1),
        ends_on=datetime.date(today.year, 12, 31),
        plan_due=datetime.date(today.year, 1, 31),
        evaluation_due=datetime.date(today.year + 1, 1, 31),
    )
    TargetConsultation.objects.create(agency=agency, year=NEXT, opens_on=today, closes_on=today, opened_by=head.user)
    url = reverse("evaluation:comment_add", args=[agency.pk, NEXT])
    for text in ("Target terlalu tinggi", "Perlu petugas tambahan"):  # one person twice counts once
        assert client_for(employee).post(url, {"indicator": iku.pk, "text": text}).status_code == 302
    assert client_for(colleague).post(url, {"indicator": iku.pk, "text": "Setuju"}).status_code == 302
    staff = Employee.objects.filter(agency=agency, is_active=True).count()

    board = client_for(coordinator).get(reverse("reports:compliance", args=[period.pk])).content.decode()

    assert "Staff comments on the targets" in board
    assert f"2 of {staff}" in board and f">{round(200 / staff)} %<" in board
    assert reverse("evaluation:consultation", args=[agency.pk, NEXT]) in board
    assert outsider.agency.name not in board  # no consultation there: no row
