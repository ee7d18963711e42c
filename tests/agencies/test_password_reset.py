"""A forgotten password, reset by e-mail (agencies/accounts.py): the link arrives in the asker's language and works
once, the page reveals no address, asking is limited, the new password signs the old sessions out, ends a lockout
and is audited."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent, AuditKind

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Sawah-hijau-2027"


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()  # the request limits count in the cache
    yield
    cache.clear()


def ask(email, client=None, django_capture_on_commit_callbacks=None, **headers):
    client = client or Client(**headers)
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("password_reset"), {"email": email})


def link_in(message) -> str:
    return re.search(r"https?://\S+/accounts/password/reset/\S+/", message.body).group(0)


def test_the_login_page_leads_to_it(client):
    page = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("password_reset")}"' in page


def test_a_person_chooses_a_new_password_through_the_emailed_link(employee, django_capture_on_commit_callbacks):
    signed_in_elsewhere = Client()
    signed_in_elsewhere.force_login(employee.user)
    response = ask(employee.user.email.upper(), django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    [message] = mail.outbox
    assert message.to == [employee.user.email] and "choose a new password" in message.subject
    link = link_in(message)
    assert link.startswith(settings.KINERJA_SITE_URL)  # the site's own address, whatever Host was asked for

    browser = Client()
    form_page = browser.get(link.removeprefix(settings.KINERJA_SITE_URL), follow=True)
    assert form_page.context["validlink"]
    response = browser.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_complete")
    signing_in = Client().post(reverse("login"), {"username": employee.user.username, "password": NEW_PASSWORD})
    assert signing_in.status_code == 302 and signing_in["Location"] == reverse("home")
    # The old password's sessions end, and the reset is audited.
    assert signed_in_elsewhere.get(reverse("home"))["Location"].startswith(reverse("login"))
    assert AuditEvent.objects.filter(kind=AuditKind.PASSWORD_RESET, actor=employee.user).count() == 1
    # The link works once.
    again = Client().get(link.removeprefix(settings.KINERJA_SITE_URL), follow=True)
    assert not again.context["validlink"] and 'id="reset-link-invalid"' in again.content.decode()


def test_the_email_is_written_in_the_askers_language(employee, django_capture_on_commit_callbacks):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    ask(employee.user.email, client=client, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert "sandi" in message.subject.lower() and "Buka tautan ini" in message.body


def test_an_unknown_address_gets_the_same_page_and_no_email(employee, django_capture_on_commit_callbacks):
    known = ask(employee.user.email, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    unknown = ask("nobody@example.go.id", django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    assert unknown.status_code == known.status_code == 302 and unknown["Location"] == known["Location"]
    assert len(mail.outbox) == 1


def test_an_inactive_account_gets_no_link(employee, django_capture_on_commit_callbacks):
    employee.user.is_active = False
    employee.user.save()
    ask(employee.user.email, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_a_bad_address_re_renders_the_form_with_its_error(client):
    response = client.post(reverse("password_reset"), {"email": "not an address"})
    assert response.status_code == 400 and response.context["form"].errors["email"]


def test_asking_is_limited_per_email_and_per_visitor_without_saying_so(
    employee, colleague, supervisor, head, settings, django_capture_on_commit_callbacks
):
    limits = settings.KINERJA_RATE_LIMITS
    settings.KINERJA_RATE_LIMITS = {**limits, "password_reset": (2, 3600), "password_reset_email": (2, 3600)}
    for number in range(3):  # from three addresses: the third ask for the same e-mail sends nothing
        response = ask(
            employee.user.email,
            django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
            REMOTE_ADDR=f"10.0.0.{number}",
        )
        assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 2
    for person in (colleague, supervisor, head):  # one visitor asking for three people: the third gets nothing
        response = ask(
            person.user.email,
            django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
            REMOTE_ADDR="10.9.9.9",
        )
        assert response["Location"] == reverse("password_reset_done")
    assert [message.to for message in mail.outbox[2:]] == [[colleague.user.email], [supervisor.user.email]]


def test_a_new_password_ends_a_lockout(employee, settings, django_capture_on_commit_callbacks):
    settings.AXES_FAILURE_LIMIT = 2
    client = Client()
    for _ in range(2):
        client.post(reverse("login"), {"username": employee.user.username, "password": "wrong"})
    locked = client.post(reverse("login"), {"username": employee.user.username, "password": "kinerja-test-pass"})
    assert locked.status_code == 429 and f'href="{reverse("password_reset")}"' in locked.content.decode()

    ask(employee.user.email, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    browser = Client()
    form_page = browser.get(link_in(mail.outbox[0]).removeprefix(settings.KINERJA_SITE_URL), follow=True)
    browser.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    response = client.post(reverse("login"), {"username": employee.user.username, "password": NEW_PASSWORD})
    assert response.status_code == 302


def test_account_forms_sent_back_with_errors_answer_400_and_keep_what_was_typed(employee, client_for):
    """As every other form of Kinerja: a refused sign-in or password change is a 400 with its error (a reset
    request's: test_a_bad_address_re_renders_the_form_with_its_error)."""
    refused = Client().post(reverse("login"), {"username": employee.user.username, "password": "salah"})
    assert refused.status_code == 400 and f'value="{employee.user.username}"' in refused.content.decode()
    assert refused.context["form"].errors
    change = client_for(employee).post(
        reverse("password_change"),
        {"old_password": "salah", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert change.status_code == 400 and "old_password" in change.context["form"].errors
