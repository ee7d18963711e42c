"""What waits for whom: the complaints a person must verify or answer, on their home page and in their inbox, chosen
by the same rules as the steps themselves (permissions.can_verify / can_answer)."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone

from feedback import permissions, selectors, services
from feedback.models import Complaint, Status
from tests.factories import CoordinatorFactory, UserFactory
from tests.feedback.factories import ComplaintCategoryFactory, submit


def complaints_in_every_step(category, coordinator, officer, head, employee):
    """One complaint waiting for the desk, one with the agency, one handed to the employee, one answered, one
    reopened (the head's), and one of another agency waiting for the desk."""
    waiting_desk, _ = submit(category, title="Baru")
    with_agency, _ = submit(category, title="Di OPD")
    services.verify_complaint(complaint=with_agency, by=coordinator, decision="verify")
    handed, _ = submit(category, title="Diserahkan")
    services.verify_complaint(complaint=handed, by=coordinator, decision="verify")
    handed.refresh_from_db()
    services.hand_over(complaint=handed, by=officer.user, employee=employee)
    answered, _ = submit(category, title="Dijawab")
    services.verify_complaint(complaint=answered, by=coordinator, decision="verify")
    services.answer_complaint(complaint=answered, by=officer.user, answer="Sudah.")
    reopened, secret = submit(category, title="Dibuka lagi")
    services.verify_complaint(complaint=reopened, by=coordinator, decision="verify")
    services.answer_complaint(complaint=reopened, by=officer.user, answer="Sudah.")
    Complaint.objects.filter(pk=reopened.pk).update(status=Status.REOPENED)
    elsewhere, _ = submit(ComplaintCategoryFactory(name="Imunisasi"), title="Dinas lain")
    return [waiting_desk, with_agency, handed, answered, reopened, elsewhere]


def test_each_person_waits_for_exactly_the_complaints_the_steps_let_them_act_on(
    category, coordinator, officer, head, employee, outsider, agency
):
    complaints = complaints_in_every_step(category, coordinator, officer, head, employee)
    scoped_desk = UserFactory(username="desk_dukcapil")
    CoordinatorFactory(user=scoped_desk, all_agencies=False).agencies.add(agency)
    for user in (coordinator, scoped_desk, officer.user, head.user, employee.user, outsider.user):
        fresh = Complaint.objects.filter(pk__in=[c.pk for c in complaints]).order_by("pk")
        expected = {c.code for c in fresh if permissions.can_verify(user, c) or permissions.can_answer(user, c)}
        assert {c.code for c in selectors.complaints_waiting_for(user=user)} == expected, user
    assert {c.title for c in selectors.complaints_waiting_for(user=employee.user)} == {"Diserahkan"}
    assert {c.title for c in selectors.complaints_waiting_for(user=head.user)} == {
        "Di OPD",
        "Diserahkan",
        "Dibuka lagi",
    }
    assert {c.title for c in selectors.complaints_waiting_for(user=scoped_desk)} == {"Baru"}  # not the other agency
    assert not selectors.complaints_waiting_for(user=outsider.user).exists()


def test_the_officers_home_counts_them_and_the_inbox_lists_them_soonest_due_first_with_late_ones_marked(
    category, coordinator, officer, client_for
):
    first, _ = submit(category, title="Pertama")
    second, _ = submit(category, title="Kedua")
    for complaint in (first, second):
        services.verify_complaint(complaint=complaint, by=coordinator, decision="verify")
    Complaint.objects.filter(pk=second.pk).update(answer_due=timezone.now() - datetime.timedelta(days=1))
    client = client_for(officer)
    home = client.get("/").content.decode()
    assert "2 complaints wait for you" in home and "1 late" in home
    inbox = client.get(reverse("workflow:inbox")).content.decode()
    section = inbox.split("Complaints waiting for you", 1)[1]
    assert section.index(second.code) < section.index(first.code)  # the late one, due first, comes first
    late_row = section.split(second.code, 1)[1].split("</tr>", 1)[0]
    assert "Answer the complaint" in late_row and "Overdue" in late_row
    assert reverse("feedback:complaint_detail", args=[second.pk]) in section
    # Nobody else's: the archive tab and people with nothing waiting show no such section.
    assert (
        "Complaints waiting for you" not in client.get(reverse("workflow:inbox"), {"tab": "archive"}).content.decode()
    )
    assert "Complaints waiting for you" not in client_for(coordinator).get(reverse("workflow:inbox")).content.decode()


def inbox_badge(page) -> int:
    """The menu's inbox badge (not the bell's): 0 when it is not shown."""
    found = re.search(r'class="nav-badge" aria-label="[^"]*open task[^"]*">(\d+)<', page.content.decode())
    return int(found.group(1)) if found else 0


def test_the_inbox_badge_counts_the_complaints_waiting_on_every_page(
    category, coordinator, officer, head, employee, client_for
):
    complaints_in_every_step(category, coordinator, officer, head, employee)
    home = reverse("home")
    assert inbox_badge(client_for(employee).get(home)) == 1  # the one handed to them
    assert inbox_badge(client_for(head).get(reverse("feedback:desk_list"))) == 3
    assert inbox_badge(client_for(officer).get(home)) == 2  # with the agency, handed over; not the reopened one
    assert inbox_badge(client_for(coordinator).get(reverse("workflow:inbox"))) == 2  # the desk's new ones


def test_the_complaint_page_marks_the_deadline_of_its_step_late_once_passed(category, coordinator, officer, client_for):
    complaint, _ = submit(category, title="Tenggat")
    url = reverse("feedback:complaint_detail", args=[complaint.pk])
    page = client_for(coordinator).get(url).content.decode()
    assert "Verify by</dt><dd>" in page and "badge overdue" not in page
    Complaint.objects.filter(pk=complaint.pk).update(verify_due=timezone.now() - datetime.timedelta(hours=1))
    page = client_for(coordinator).get(url).content.decode()
    assert re.search(r"Verify by</dt><dd>[^<]+ <span class=\"badge overdue\">Overdue</span>", page)

    services.verify_complaint(complaint=complaint, by=coordinator, decision="verify")
    page = client_for(officer.user).get(url).content.decode()
    assert "Answer by</dt><dd>" in page and "badge overdue" not in page  # the agency's step, within its deadline
    Complaint.objects.filter(pk=complaint.pk).update(answer_due=timezone.now() - datetime.timedelta(minutes=5))
    page = client_for(officer.user).get(url).content.decode()
    assert re.search(r"Answer by</dt><dd>[^<]+ <span class=\"badge overdue\">Overdue</span>", page)


def test_a_deadline_falling_later_today_says_so_in_the_page_the_list_and_the_inbox(
    category, coordinator, officer, client_for
):
    complaint, _ = submit(category, title="Hari ini")
    services.verify_complaint(complaint=complaint, by=coordinator, decision="verify")
    today = timezone.localdate()
    end_of_today = datetime.datetime.combine(today, datetime.time.max, tzinfo=timezone.get_current_timezone())
    later_today = min(timezone.now() + datetime.timedelta(minutes=10), end_of_today)
    Complaint.objects.filter(pk=complaint.pk).update(answer_due=later_today)
    client = client_for(officer.user)
    due_today = '<span class="badge amber">Due today</span>'
    page = client.get(reverse("feedback:complaint_detail", args=[complaint.pk])).content.decode()
    assert re.search(r"Answer by</dt><dd>[^<]+ " + due_today, page) and "badge overdue" not in page
    assert due_today in client.get(reverse("feedback:desk_list")).content.decode()
    assert due_today in client.get(reverse("workflow:inbox")).content.decode()

    tomorrow = end_of_today + datetime.timedelta(hours=1)
    Complaint.objects.filter(pk=complaint.pk).update(answer_due=tomorrow)
    assert due_today not in client.get(reverse("feedback:complaint_detail", args=[complaint.pk])).content.decode()
    assert due_today not in client.get(reverse("workflow:inbox")).content.decode()
