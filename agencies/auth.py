"""The authentication backend: Django's model backend, whose signed-in user arrives with the rows that decide their
roles (their employee record, agency, unit, supervisor, headed agency, coordinator record and whether anyone reports
to them) and the roles themselves, so `roles.roles_for` needs no query of its own on any page. The user comes from
the cache in one read while nothing that decides roles has changed (`agencies.identity`)."""

from django.contrib.auth.backends import ModelBackend

from .identity import user_with_roles


class KinerjaModelBackend(ModelBackend):
    def get_user(self, user_id):
        user = user_with_roles(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
