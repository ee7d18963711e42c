"""The signed-in user's identity (the user with the rows that decide their roles, and the roles themselves) kept in
the cache, so a signed-in request costs one cache read instead of a query of five joins.

The entry is the user's own, keyed by their id: nothing in it is anyone else's data. It is valid while the
*identity generation* it was loaded under is the current one; the generation is read in the same round trip as
the entry (`get_many`). Any change that can change someone's roles or reach (a user, an employee record: agency,
unit, supervisor, active; an agency's head; a coordinator and their agencies; groups and permissions) moves the
generation on (`forget_everyone`), so the next request of every user reloads. Such changes are master-data edits,
rare next to page views; a per-person invalidation would have to know everyone whose roles an edit touches (a
supervisor's `has_subordinates`, an agency's staff), and missing one would leave a stale role. The generation moves
at the change and again at its commit, so that nothing read in between survives. Bulk writes (imports, the demo
seeder) send no model signals and call `forget_everyone` themselves. An entry lives at most
KINERJA_IDENTITY_CACHE_SECONDS whatever happens; with the cache down the user is read from the database, as before.
"""

import logging
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction

from .roles import roles_for, with_role_rows

logger = logging.getLogger(__name__)

GENERATION_KEY = "kinerja.identity.generation"


def _key(user_id) -> str:
    return f"kinerja.identity.{user_id}"


def _load(user_id):
    users = list(with_role_rows(get_user_model()._default_manager.filter(pk=user_id)))
    if not users:
        return None
    user = users[0]
    roles = roles_for(user)  # kept with the user: pages ask for roles, and the coordinated agencies are read now
    roles.coordinated_agency_ids()
    return user


def _generation(values: dict):
    generation = values.get(GENERATION_KEY)
    if generation is None:
        # No generation yet, or the cache lost it: start a new one that no stored entry can carry.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def user_with_roles(user_id):
    """The user `user_id` with their role rows and roles, from the cache when its entry is current, else from the
    database (and then cached). None when there is no such user."""
    try:
        values = cache.get_many([GENERATION_KEY, _key(user_id)])
        generation = _generation(values)
    except Exception:
        logger.warning("Cache unavailable; reading the signed-in user from the database", exc_info=True)
        return _load(user_id)
    stored = values.get(_key(user_id))
    if stored is not None and generation is not None and stored[0] == generation:
        return stored[1]
    user = _load(user_id)
    if user is not None and generation is not None:
        try:
            cache.set(_key(user_id), (generation, user), settings.KINERJA_IDENTITY_CACHE_SECONDS)
        except Exception:
            logger.warning("Cache unavailable; the signed-in user is not cached", exc_info=True)
    return user


def _move_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet: the next read starts one
        pass
    except Exception:
        # The cache is unreachable: entries written before may come back with it. Drop them by starting over.
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

    from .models import Agency, Coordinator, Employee, Unit

    user_model = get_user_model()
    for model in (user_model, Employee, Agency, Unit, Coordinator, Group):
        post_save.connect(_changed, sender=model, dispatch_uid=f"identity-save-{model._meta.label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"identity-delete-{model._meta.label}")
    for through in (
        Coordinator.agencies.through,
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(_changed, sender=through, dispatch_uid=f"identity-m2m-{through._meta.label}")
