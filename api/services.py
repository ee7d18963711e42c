"""Creating and revoking API tokens (the admin and `manage.py api_token` call these), and auditing API writes."""

import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import services as audit

from .models import ApiToken
from .scopes import Scope

TOKEN_START = "kin_"


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def split_token(raw: str) -> tuple[str, str] | None:
    """(prefix, secret) of a presented token, or None when it is not shaped like one."""
    if not raw.startswith(TOKEN_START):
        return None
    prefix, _sep, secret = raw[len(TOKEN_START) :].partition("_")
    if len(prefix) != 8 or not secret:
        return None
    return prefix, secret


def _new_token(*, name: str, user, is_service: bool, scopes: list[str], by) -> tuple[ApiToken, str]:
    prefix, secret = secrets.token_hex(4), secrets.token_urlsafe(30)
    token = ApiToken(
        name=name.strip(),
        prefix=prefix,
        secret_hash=hash_secret(secret),
        user=user,
        is_service=is_service,
        scopes=sorted(set(scopes)),
        created_by=by,
    )
    token.full_clean()
    token.save()
    return token, f"{TOKEN_START}{prefix}_{secret}"


@transaction.atomic
def create_personal_token(*, user, name: str, by) -> tuple[ApiToken, str]:
    """A token that acts as `user` with exactly the site's rights. Returns the token and its secret, shown once."""
    if not user.is_active:
        raise ValidationError(_("Only an active person can hold a personal token."))
    token, raw = _new_token(name=name, user=user, is_service=False, scopes=[], by=by)
    audit.record_event(kind=audit.AuditKind.API_TOKEN, actor=by, target=token, action="created", person=user)
    return token, raw


@transaction.atomic
def create_service_account(*, name: str, scopes: list[str], agencies, by) -> tuple[ApiToken, str]:
    """A service account: its own login (no password, no employee) and a token holding `scopes` over `agencies`."""
    unknown = sorted(set(scopes) - set(Scope.values))
    if unknown:
        raise ValidationError(_("Unknown scopes: %(scopes)s.") % {"scopes": ", ".join(unknown)})
    if not scopes:
        raise ValidationError(_("Give the service account at least one scope."))
    agencies = list(agencies)
    if not agencies:
        raise ValidationError(_("Give the service account at least one agency."))
    User = get_user_model()
    username = f"svc-{secrets.token_hex(6)}"
    user = User(username=username, first_name=name.strip()[:150])
    user.set_unusable_password()
    user.save()
    token, raw = _new_token(name=name, user=user, is_service=True, scopes=scopes, by=by)
    token.agencies.set(agencies)
    audit.record_event(
        kind=audit.AuditKind.API_TOKEN,
        actor=by,
        target=token,
        action="created",
        scopes=" ".join(token.scopes),
        agencies=" ".join(sorted(agency.code for agency in agencies)),
    )
    return token, raw


@transaction.atomic
def revoke_token(*, token: ApiToken, by) -> ApiToken:
    """Revoke at once; revoking twice changes nothing. A service account's login is switched off with it."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    if token.is_service:
        get_user_model().objects.filter(pk=token.user_id).update(is_active=False)
    audit.record_event(kind=audit.AuditKind.API_TOKEN, actor=by, target=token, action="revoked")
    return token


def record_write(*, request, what: str, **detail) -> None:
    """Audit one write made through the API, naming the token that made it."""
    token = request.auth
    audit.record_event(
        kind=audit.AuditKind.API_WRITE,
        actor=request.user,
        request=request,
        target=what,
        token=f"kin_{token.prefix}",
        token_name=token.name,
        **detail,
    )
