"""API fixtures: tokens made through the services (as an administrator would), and a client that presents one."""

import pytest
from django.test import Client

from api import services


@pytest.fixture
def make_service(admin_user):
    def make(*, scopes, agencies, name="SIMPEG sync"):
        _token, raw = services.create_service_account(name=name, scopes=scopes, agencies=agencies, by=admin_user)
        return raw

    return make


@pytest.fixture
def make_personal(admin_user):
    def make(person):
        user = getattr(person, "user", person)
        _token, raw = services.create_personal_token(user=user, name="mine", by=admin_user)
        return raw

    return make


@pytest.fixture
def api():
    """api(token).get(path) / .post(path, data): JSON in and out, the token as a bearer (None: anonymous)."""

    class Caller:
        def __init__(self, token):
            self.client = Client()
            self.headers = {"Authorization": f"Bearer {token}"} if token else {}

        def get(self, path, data=None, **headers):
            return self.client.get(path, data, headers={**self.headers, **headers})

        def post(self, path, data):
            return self.client.post(path, data, content_type="application/json", headers=self.headers)

    return Caller
