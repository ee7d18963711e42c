"""A person finds how to change their password: the account card on their settings page (the header's name links
there), the change itself, and a page that says it is done; a wrong old password changes nothing."""

import re

from django.test import Client
from django.urls import reverse

SETTINGS = reverse("reminders:preferences")
CHANGE = reverse("password_change")


def test_the_settings_page_shows_the_account_with_the_way_to_change_the_password(client_for, employee):
    page = client_for(employee).get(SETTINGS, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    account = re.search(r'<section class="card" id="account">.*?</section>', page, re.S).group(0)
    assert employee.user.username in account and f'href="{CHANGE}"' in account
    home = client_for(employee).get(reverse("home")).content.decode()
    assert f'class="user-name" href="{SETTINGS}"' in home  # the way there, from every page


def test_the_password_is_changed_and_a_wrong_old_one_changes_nothing(employee):
    user = employee.user
    user.set_password("lama-sekali-123")
    user.save()
    client = Client()
    client.force_login(user)
    wrong = client.post(
        CHANGE,
        {"old_password": "bukan-ini", "new_password1": "Baru-dan-kuat-2027", "new_password2": "Baru-dan-kuat-2027"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert wrong.status_code == 400 and "Your old password was entered incorrectly" in wrong.content.decode()
    user.refresh_from_db()
    assert user.check_password("lama-sekali-123")

    done = client.post(
        CHANGE,
        {
            "old_password": "lama-sekali-123",
            "new_password1": "Baru-dan-kuat-2027",
            "new_password2": "Baru-dan-kuat-2027",
        },
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert done.redirect_chain[-1][0] == reverse("password_change_done")
    assert "Password changed" in done.content.decode()
    user.refresh_from_db()
    assert user.check_password("Baru-dan-kuat-2027")
