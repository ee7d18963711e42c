"""The signed-in user's identity (the user with the rows that decide their roles, and the roles themselves) kept in
the cache per session, so a signed-in request costs one cache read, shared with the session's own, instead of a
query of five joins.

The entry belongs to one session (keyed by its key, holding the id of the user it is for, checked against the
session's): nothing in it is anyone else's data. The session store reads it together with the session and the
*identity generation* in one round trip (`session_keys`, registered with `common.sessions`); the entry is valid
while it was loaded under the current generation. Any change that can change someone's roles or reach (a user, an
employee record: agency, unit, supervisor, active; an agency's head; a coordinator and their agencies; an
evaluation team seat; groups and permissions) moves the generation on (`forget_everyone`), so the next request of
every user reloads. Such changes
are master-data edits, rare next to page views; a per-person invalidation would have to know everyone whose roles
an edit touches (a supervisor's `has_subordinates`, an agency's staff), and missing one would leave a stale role.
The generation moves at the change and again at its commit, so that nothing read in between survives. Bulk writes
(imports, the demo seeder) send no model signals and call `forget_everyone` themselves. An entry lives at most
KINERJA_IDENTITY_CACHE_SECONDS whatever happens; with the cache down the user is read from the database, as before.
"""

import contextvars
import logging
import time
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction

from common.replicas import primary_reads

from .roles import roles_for, with_role_rows

logger = logging.getLogger(__name__)

GENERATION_KEY = "kinerja.identity.generation"
_session = contextvars.ContextVar("kinerja_identity_session", default=None)


def _key(session_key: str) -> str:
    return f"kinerja.identity.session.{session_key}"


def session_keys(session_key: str) -> list[str]:
    """The cache keys the session store reads along with session `session_key` (common/sessions.py)."""
    return [GENERATION_KEY, _key(session_key)]


@contextmanager
def for_session(session):
    """The session whose user the authentication backend is about to load (agencies/middleware.py)."""
    token = _session.set(session)
    try:
        yield
    finally:
        _session.reset(token)


def _load(user_id):
    # From the primary even on a page that reads from a replica (common/replicas.py): a role just granted or taken
    # away must not be cached as it was a moment ago.
    with primary_reads():
        users = list(with_role_rows(get_user_model()._default_manager.filter(pk=user_id)))
        if not users:
            return None
        user = users[0]
        roles = roles_for(user)  # kept with the user: pages ask for roles, and the coordinated agencies are read now
        roles.coordinated_agency_ids()
    return user


def _read(session) -> dict:
    prefetched = getattr(session, "prefetched", None)  # read with the session (common/sessions.py)
    if prefetched is not None:
        return prefetched
    return cache.get_many(session_keys(session.session_key))


def _generation(values: dict):
    generation = values.get(GENERATION_KEY)
    if generation is None:
        # No generation yet, or the cache lost it: start a new one that no stored entry can carry.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def user_with_roles(user_id):
    """The user `user_id` with their role rows and roles: from the cache when the current session's entry is for
    them and current, else from the database (and then cached for the session). None when there is no such user."""
    session = _session.get()
    if session is None or not session.session_key:
        return _load(user_id)
    key = _key(session.session_key)
    try:
        values = _read(session)
        generation = _generation(values)
    except Exception:
        logger.warning("Cache unavailable; reading the signed-in user from the database", exc_info=True)
        return _load(user_id)
    stored = values.get(key)
    if stored is not None and generation is not None and stored[:2] == (generation, str(user_id)):
        return stored[2]
    user = _load(user_id)
    if user is not None and generation is not None:
        try:
            cache.set(key, (generation, str(user_id), user), settings.KINERJA_IDENTITY_CACHE_SECONDS)
        except Exception:
            logger.warning("Cache unavailable; the signed-in user is not cached", exc_info=True)
    return user


def _move_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet: the next read starts one
        pass
    except Exception:
        logger.warning("Cache unavailable; identities could not be invalidated", exc_info=True)


def forget_everyone() -> None:
    """Every cached identity is stale: at once (this transaction's own later reads, and anything cached so far),
    and again when the current transaction commits (a request that reloaded in between read the rows as they were
    before the commit)."""
    _move_generation()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_move_generation)


def _changed(sender, **kwargs) -> None:
    if sender is get_user_model() and kwargs.get("update_fields") == frozenset({"last_login"}):
        return  # a login's timestamp: no role in it, and a morning of logins would empty the cache over and over
    forget_everyone()


def connect_signals() -> None:
    """Every write that can change someone's roles or reach forgets the cached identities (apps.py)."""
    from django.contrib.auth.models import Group
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from .models import Agency, Coordinator, Employee, EvaluationTeam, TeamMember, Unit

    user_model = get_user_model()
    for model in (user_model, Employee, Agency, Unit, Coordinator, EvaluationTeam, TeamMember, Group):
        post_save.connect(_changed, sender=model, dispatch_uid=f"identity-save-{model._meta.label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"identity-delete-{model._meta.label}")
    for through in (
        Coordinator.agencies.through,
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(_changed, sender=through, dispatch_uid=f"identity-m2m-{through._meta.label}")
