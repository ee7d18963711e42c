"""`Authorization: Bearer kin_…`: finds the token by its prefix, compares the secret's hash in constant time, and
acts as the token's user. A person's user is loaded with their role rows, so permission checks cost no query."""

import datetime
import hmac

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from agencies.roles import with_role_rows

from .models import ApiToken
from .services import hash_secret, split_token

LAST_USED_PRECISION = datetime.timedelta(hours=1)  # at most one write per token an hour


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() != self.keyword.lower():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Give the token after “Bearer”, with no spaces in it."))
        parts = split_token(header[1])
        token = None
        if parts is not None:
            token = ApiToken.objects.prefetch_related("agencies").filter(prefix=parts[0], revoked_at=None).first()
        if token is None or not hmac.compare_digest(token.secret_hash, hash_secret(parts[1])):
            raise exceptions.AuthenticationFailed(_("This token is unknown or revoked."))
        user = with_role_rows(get_user_model().objects.filter(pk=token.user_id, is_active=True)).first()
        if user is None:
            raise exceptions.AuthenticationFailed(_("This token's account is switched off."))
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.user = user
        return user, token

    def authenticate_header(self, request):
        return self.keyword
