"""Mentions by name: the editor suggests people by name or NIP, and a post shows @username as the person's name."""

from django.urls import reverse

from forums import services
from forums.models import Notification, NotificationKind
from tests.factories import EmployeeFactory


def test_people_are_suggested_by_name_or_nip_and_not_when_inactive(client_for, employee, outsider, agency):
    EmployeeFactory(agency=agency, name="Andika Pratama", is_active=False)
    client = client_for(outsider)
    url = reverse("forums:mention_suggestions")
    page = client.get(url, {"q": "andi wij"}).content.decode()
    assert f'data-username="{employee.user.username}"' in page and "Andi Wijaya" in page
    assert "Andika Pratama" not in page
    by_nip = client.get(url, {"q": employee.user.username[:4]}).content.decode()
    assert "Andi Wijaya" in by_nip
    assert "Andi Wijaya" not in client.get(url, {"q": "a"}).content.decode()  # too short to suggest anyone


def test_a_mention_shows_the_name_and_still_notifies_the_person(client_for, topic, employee, outsider):
    nip_user = EmployeeFactory(agency=employee.agency, name="Sri Wahyuni", user__username="199201252017061006")
    post = services.post_reply(topic=topic, author=outsider.user, body="Terima kasih @199201252017061006!")
    assert ">@Sri Wahyuni</a>" in post.html
    assert 'title="@199201252017061006"' in post.html
    assert Notification.objects.filter(user=nip_user.user, kind=NotificationKind.MENTION).exists()
    form = client_for(outsider).get(reverse("forums:topic_detail", args=[topic.pk])).content.decode()
    assert f'data-mention-url="{reverse("forums:mention_suggestions")}"' in form
