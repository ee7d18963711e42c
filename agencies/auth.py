"""The authentication backend: Django's model backend, whose signed-in user arrives with the rows that decide their
roles (their employee record, agency, unit, supervisor, headed agency, coordinator record and whether anyone reports
to them), so `roles.roles_for` needs no query of its own on any page."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .roles import with_role_rows


class KinerjaModelBackend(ModelBackend):
    def get_user(self, user_id):
        user = with_role_rows(get_user_model()._default_manager.filter(pk=user_id)).first()
        return user if user is not None and self.user_can_authenticate(user) else None
