"""The complaint desk sets each category's deadlines on its own page (not only in the admin): the coordinator over
the category's agency only, audited, bad input re-rendered with its errors, applied to complaints from then on."""

import pytest
from django.urls import reverse

from agencies.workdays import WorkingCalendar
from audit.models import AuditEvent, AuditKind
from feedback.models import Category
from tests.factories import CoordinatorFactory, UserFactory
from tests.feedback.factories import ComplaintCategoryFactory, submit


@pytest.fixture
def dinkes_coordinator(other_agency):
    user = UserFactory(username="koordinator.dinkes")
    CoordinatorFactory(user=user, all_agencies=False).agencies.add(other_agency)
    return user


def test_the_coordinator_changes_a_categorys_deadlines_and_new_complaints_follow_them(
    category, coordinator, client_for
):
    client = client_for(coordinator)
    listing = client.get(reverse("feedback:category_list")).content.decode()
    url = reverse("feedback:category_deadlines", args=[category.pk])
    assert "Penerbitan KTP-el" in listing and url in listing
    assert reverse("feedback:category_list") in client.get(reverse("feedback:desk_list")).content.decode()

    response = client.post(url, {"verify_days": "2", "answer_days": "10"}, follow=True)

    assert "The deadlines of Penerbitan KTP-el are saved." in response.content.decode()
    category.refresh_from_db()
    assert (category.verify_days, category.answer_days) == (2, 10)
    event = AuditEvent.objects.get(kind=AuditKind.COMPLAINT_DEADLINES)
    assert event.actor == coordinator and "Penerbitan KTP-el" in event.target
    before_after = {"verify_days_before": "3", "answer_days_before": "5", "verify_days": "2", "answer_days": "10"}
    assert event.detail == before_after
    complaint, _secret = submit(category)
    assert complaint.verify_due == WorkingCalendar.around(complaint.submitted_at.date()).deadline_after(
        complaint.submitted_at, 2
    )
    client.post(url, {"verify_days": "2", "answer_days": "10"})  # the same values again: nothing to audit
    assert AuditEvent.objects.filter(kind=AuditKind.COMPLAINT_DEADLINES).count() == 1


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"verify_days": "0", "answer_days": "5"}, "Ensure this value is greater than or equal to 1."),
        ({"verify_days": "3", "answer_days": "61"}, "Give between 1 and 60 working days."),
        ({"verify_days": "tiga", "answer_days": "5"}, "Enter a whole number."),
        ({"verify_days": "", "answer_days": "5"}, "This field is required."),
    ],
)
def test_bad_deadlines_re_render_with_the_error_and_change_nothing(category, coordinator, client_for, data, error):
    response = client_for(coordinator).post(reverse("feedback:category_deadlines", args=[category.pk]), data)
    assert response.status_code == 400 and error in response.content.decode()
    assert Category.objects.filter(pk=category.pk, verify_days=3, answer_days=5).exists()
    assert not AuditEvent.objects.filter(kind=AuditKind.COMPLAINT_DEADLINES).exists()


def test_a_coordinator_of_other_agencies_neither_sees_nor_changes_the_category(
    category, other_agency, dinkes_coordinator, client_for
):
    own = ComplaintCategoryFactory(agency=other_agency, name="Antrean puskesmas")
    client = client_for(dinkes_coordinator)
    listing = client.get(reverse("feedback:category_list")).content.decode()
    assert "Antrean puskesmas" in listing and "Penerbitan KTP-el" not in listing
    url = reverse("feedback:category_deadlines", args=[category.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"verify_days": "9", "answer_days": "9"}).status_code == 404
    assert Category.objects.filter(pk=category.pk, verify_days=3).exists()
    assert client.post(reverse("feedback:category_deadlines", args=[own.pk]), {"verify_days": "4", "answer_days": "6"})
    assert Category.objects.filter(pk=own.pk, verify_days=4, answer_days=6).exists()


def test_people_outside_the_desk_cannot_open_the_categories(category, officer, client_for):
    client = client_for(officer)
    assert client.get(reverse("feedback:category_list")).status_code == 403
    assert client.get(reverse("feedback:category_deadlines", args=[category.pk])).status_code == 404


def test_the_admin_leaves_an_existing_categorys_deadlines_to_the_desks_page(category, admin_user, client_for):
    page = client_for(admin_user).get(reverse("admin:feedback_category_change", args=[category.pk])).content.decode()
    assert 'name="name"' in page and 'name="verify_days"' not in page and 'name="answer_days"' not in page
