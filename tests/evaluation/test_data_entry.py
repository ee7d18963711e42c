"""The data calendar through its pages: bulk opening equals the engine's start, the PIC enters with evidence, a
plausibility check needs an explanation, four eyes on verification, a returned figure goes back with its reason."""

import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from evaluation import services
from evaluation.flows import DataEntryFlow
from evaluation.models import DataEntry, EntryStatus

from .conftest import YEAR


def task_rows(entry):
    return [
        (t.flow_task.name, t.status, t.owner_id, str(t.token), [p.flow_task.name for p in t.previous.all()])
        for t in Task.objects.filter(process__dataentryprocess__entry=entry).order_by("pk")
    ]


def open_tasks(entry):
    return [
        t.flow_task.name
        for t in Task.objects.filter(process__dataentryprocess__entry=entry, status__in=("NEW", "ASSIGNED", "STARTED"))
    ]


def test_bulk_opening_writes_what_the_engine_writes_and_a_second_run_opens_nothing(opened, schedule, coordinator):
    assert len(opened) == 12
    assert opened[0].due_on.isoformat() == f"{YEAR}-02-10"
    engine_entry = DataEntry.objects.create(
        schedule=schedule,
        starts_on=opened[0].starts_on.replace(year=YEAR + 1),
        ends_on=opened[0].ends_on.replace(year=YEAR + 1),
        due_on=opened[0].due_on.replace(year=YEAR + 1),
    )
    DataEntryFlow.start.run(entry=engine_entry)
    assert task_rows(opened[0]) == task_rows(engine_entry)
    assert task_rows(opened[0])[1] == ("enter", STATUS.ASSIGNED, schedule.pic.user_id, "start", ["start"])
    assert services.open_data_entries(year=YEAR, agency_ids=[schedule.indicator.agency_id], by=coordinator) == 0


def test_only_a_coordinator_opens_the_calendar(client_for, employee, coordinator, schedule, team):
    url = reverse("evaluation:calendar_open")
    assert client_for(employee).post(url, {"year": YEAR, "agencies": [schedule.indicator.agency_id]}).status_code == 403
    response = client_for(coordinator).post(url, {"year": YEAR, "agencies": [schedule.indicator.agency_id]})
    assert response.status_code == 302
    assert schedule.entries.count() == 12


def evidence():
    return SimpleUploadedFile("bukti.pdf", b"%PDF-1.4\nbukti\n", content_type="application/pdf")


def test_a_figure_failing_a_check_needs_an_explanation_and_the_verifier_sees_it(
    opened, client_for, employee, colleague
):
    entry = opened[0]
    url = reverse("evaluation:entry_submit", args=[entry.pk])
    refused = client_for(employee).post(url, {"value": "120", "evidence": evidence()})
    assert refused.status_code == 400
    assert "A percentage above 100." in refused.content.decode()
    entry.refresh_from_db()
    assert entry.status == EntryStatus.OPEN and open_tasks(entry) == ["enter"]

    explained = client_for(employee).post(
        url, {"value": "120", "evidence": evidence(), "explanation": "Termasuk dokumen susulan tahun lalu."}
    )
    assert explained.status_code == 302
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED and entry.checks == ["percentage_over_100"]
    assert open_tasks(entry) == ["verify"]
    page = client_for(colleague).get(reverse("evaluation:entry_detail", args=[entry.pk])).content.decode()
    assert "A percentage above 100." in page and "Termasuk dokumen susulan" in page


def test_the_evidence_of_a_figure_asked_for_an_explanation_is_kept(opened, client_for, employee):
    """Refused for its plausibility check, the figure's evidence is kept: the PIC adds the explanation only."""
    entry, client = opened[0], client_for(employee)
    url = reverse("evaluation:entry_submit", args=[entry.pk])
    refused = client.post(url, {"value": "120", "evidence": evidence()}).content.decode()
    assert "A percentage above 100." in refused and "Leave out bukti.pdf" in refused
    token = re.search(r'name="held_files" value="([^"]+)"', refused).group(1)
    explained = client.post(url, {"value": "120", "explanation": "Termasuk susulan.", "held_files": token})
    assert explained.status_code == 302
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED and entry.evidence.read() == b"%PDF-1.4\nbukti\n"


def test_evidence_is_required(opened, client_for, employee):
    response = client_for(employee).post(reverse("evaluation:entry_submit", args=[opened[0].pk]), {"value": "90"})
    assert response.status_code == 400
    assert "Attach the evidence" in response.content.decode()


def test_a_big_change_against_recent_history_is_flagged(opened, employee, colleague):
    for entry in opened[:3]:
        services.submit_entry(entry=entry, by=employee.user, value=Decimal("10"), evidence_note="Laporan SIAK")
        services.verify_entry(entry=entry, by=colleague.user)
    with pytest.raises(Exception, match="3 times"):
        services.submit_entry(entry=opened[3], by=employee.user, value=Decimal("40"), evidence_note="Laporan SIAK")


def test_four_eyes_the_one_who_entered_cannot_verify(opened, client_for, employee, colleague, schedule):
    entry = opened[0]
    services.submit_entry(entry=entry, by=employee.user, value=Decimal("90"), evidence_note="Laporan SIAK")
    response = client_for(employee).post(reverse("evaluation:entry_verify", args=[entry.pk]))
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED
    assert client_for(colleague).post(reverse("evaluation:entry_verify", args=[entry.pk])).status_code == 302
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PUBLISHED and entry.verified_by == colleague.user
    assert open_tasks(entry) == []
    again = client_for(colleague).post(reverse("evaluation:entry_verify", args=[entry.pk]), follow=True)
    assert "already handled" in again.content.decode()


def test_a_returned_figure_goes_back_to_the_pic_with_the_reason(opened, client_for, employee, planner):
    entry = opened[0]
    services.submit_entry(entry=entry, by=employee.user, value=Decimal("90"), evidence_note="Laporan SIAK")
    url = reverse("evaluation:entry_return", args=[entry.pk])
    assert client_for(planner).post(url, {"reason": ""}).status_code == 400
    assert client_for(planner).post(url, {"reason": "Bukti tidak sesuai periode."}).status_code == 302
    entry.refresh_from_db()
    assert entry.status == EntryStatus.RETURNED and open_tasks(entry) == ["enter"]
    page = client_for(employee).get(reverse("evaluation:entry_detail", args=[entry.pk])).content.decode()
    assert "Bukti tidak sesuai periode." in page and "Submit for verification" in page


def test_the_pics_notification_of_a_returned_figure_names_the_iku_and_month_and_opens_the_entry(
    opened, client_for, employee, planner
):
    from forums.models import Notification, NotificationKind

    entry = opened[0]
    services.submit_entry(entry=entry, by=employee.user, value=Decimal("90"), evidence_note="Laporan SIAK")
    client_for(planner).post(reverse("evaluation:entry_return", args=[entry.pk]), {"reason": "Bukti salah."})
    notice = Notification.objects.filter(user=employee.user, kind=NotificationKind.TASK).latest("pk")
    assert notice.url == reverse("evaluation:entry_detail", args=[entry.pk])  # not the inbox, which lists no IKU
    assert (
        notice.message
        == f"New task for you: Enter the figure — IKU1 Persentase dokumen terbit tepat waktu, January {YEAR}"
    )
    page = client_for(employee).get(reverse("forums:notification_list")).content.decode()
    assert f"IKU1 Persentase dokumen terbit tepat waktu, January {YEAR}" in page
    # The planner who returned it took the verification task to complete it at once: no notice of it for them.
    assert not Notification.objects.filter(user=planner.user, kind=NotificationKind.TASK).exists()


def test_a_task_notification_speaks_the_readers_language_not_the_language_it_was_created_in(opened, employee, planner):
    from django.utils import translation

    from forums.models import Notification, NotificationKind

    entry = opened[0]
    with translation.override("id"):  # the verifier works in Indonesian
        services.submit_entry(entry=entry, by=employee.user, value=Decimal("90"), evidence_note="Laporan SIAK")
        services.return_entry(entry=entry, by=planner.user, reason="Bukti salah.")
    notice = Notification.objects.filter(user=employee.user, kind=NotificationKind.TASK).latest("pk")
    with translation.override("en"):
        assert notice.message.startswith("New task for you: Enter the figure — IKU1")
    with translation.override("id"):
        assert notice.message.startswith("Tugas baru untuk Anda: Isi angka — IKU1")


def test_someone_else_s_entry_is_404_and_a_non_pic_cannot_enter(opened, client_for, outsider, colleague):
    entry = opened[0]
    assert client_for(outsider).get(reverse("evaluation:entry_detail", args=[entry.pk])).status_code == 404
    response = client_for(colleague).post(reverse("evaluation:entry_submit", args=[entry.pk]), {"value": "90"})
    assert response.status_code == 403


def test_the_calendar_marks_late_entries(schedule, team, coordinator, client_for, colleague, agency):
    for year in (2020, 2090):
        services.open_data_entries(year=year, agency_ids=[agency.pk], by=coordinator)
    url = reverse("evaluation:calendar", args=[agency.pk])
    assert client_for(colleague).get(url, {"year": 2020}).content.decode().count("badge overdue") == 12
    assert client_for(colleague).get(url, {"year": 2090}).content.decode().count("badge overdue") == 0


def test_an_entry_entered_after_its_due_date_says_so_apart_from_one_still_to_enter(
    schedule, team, coordinator, client_for, colleague, employee, agency
):
    """ "Late" (red) asks someone to act; a figure entered late is a fact of its timeliness (amber), and an entry
    entered on time that waits for verification is neither."""
    import datetime

    from django.utils import timezone

    services.open_data_entries(year=2020, agency_ids=[agency.pk], by=coordinator)
    january, february, march = DataEntry.objects.filter(schedule=schedule).order_by("starts_on")[:3]
    for entry in (january, february):
        response = client_for(employee).post(
            reverse("evaluation:entry_submit", args=[entry.pk]), {"value": "90", "evidence_note": "Rekap loket"}
        )
        assert response.status_code == 302
    on_time = timezone.make_aware(datetime.datetime.combine(february.due_on, datetime.time(9)))
    DataEntry.objects.filter(pk=february.pk).update(submitted_at=on_time)
    assert client_for(colleague).post(reverse("evaluation:entry_verify", args=[january.pk])).status_code == 302

    url = reverse("evaluation:calendar", args=[agency.pk])
    rows = client_for(colleague).get(url, {"year": 2020}).content.decode().split("<tr>")
    january_row, february_row, march_row = (
        next(r for r in rows if f'"Period">{month} 2020<' in r) for month in ("Jan", "Feb", "Mar")
    )
    assert "Submitted late" in january_row and "badge overdue" not in january_row  # published, entered in 2026
    assert "Submitted late" not in february_row and "badge overdue" not in february_row  # waiting, entered on time
    assert "badge overdue" in march_row and "Submitted late" not in march_row  # still to enter
    unit = schedule.indicator.unit_of_measure
    assert f'"Value">90 {unit}</td>' in january_row and f'"Value">90 {unit}</td>' in february_row  # "90" of what
    page = client_for(employee).get(reverse("evaluation:entry_detail", args=[january.pk])).content.decode()
    assert "Submitted late" in page
    mine = client_for(employee).get(reverse("evaluation:my_entries")).content.decode()
    assert mine.count("badge overdue") == 10 and "Submitted late" not in mine


def test_a_coordinator_opens_only_agencies_they_coordinate(schedule, team, other_agency):
    from django.core.exceptions import PermissionDenied

    from tests.factories import CoordinatorFactory, UserFactory

    elsewhere = UserFactory(username="elsewhere")
    CoordinatorFactory(user=elsewhere, all_agencies=False).agencies.set([other_agency])
    with pytest.raises(PermissionDenied):
        services.open_data_entries(year=YEAR, agency_ids=[schedule.indicator.agency_id], by=elsewhere)
    assert not schedule.entries.exists()


def test_the_entry_page_shows_the_recent_values_and_asks_for_the_figure_with_their_unit(
    opened, client_for, employee, colleague
):
    for entry, value in zip(opened[:2], ("91.5", "93"), strict=True):
        services.submit_entry(entry=entry, by=employee.user, value=Decimal(value), evidence_note="Laporan SIAK")
        services.verify_entry(entry=entry, by=colleague.user)
    page = client_for(employee).get(reverse("evaluation:entry_detail", args=[opened[2].pk]), HTTP_ACCEPT_LANGUAGE="en")
    facts = page.content.decode().split("Recent published values", 1)[1].split("</dd>", 1)[0]
    assert re.search(r"93, 91\.5 %$", facts) or re.search(r"91\.5, 93 %$", facts), facts
    form = page.content.decode().split('action="/evaluasi/entri/', 1)[1]
    assert "In %." in form.split('name="evidence"', 1)[0]  # the value field says in what the figure is typed
