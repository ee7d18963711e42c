"""Sessions read from the cache and written through to the database, which keep working while the cache is down.

Django's cached_db engine already falls back to the database when a cache read fails and logs a failed cache write,
but a failed existence check (made when a session key is created, i.e. at every login) or a failed delete (logout)
still raise: with Redis down every login and logout answered 500. Here every cache operation may fail; the database
stays the truth. (Only the synchronous methods are used: pages run under WSGI, and Channels loads sessions through
sync_to_async.) A cached copy lives at most KINERJA_SESSION_CACHE_SECONDS, so an entry that could not be deleted
while Redis was unreachable (a logout during an outage) expires soon after instead of at the session's end.
"""

import logging

from django.conf import settings
from django.contrib.sessions.backends import cached_db

logger = logging.getLogger(__name__)

# Functions giving, for a session key, more cache keys to read in the same round trip as the session itself; their
# values are left in `SessionStore.prefetched` for whoever registered them (agencies/identity.py: the signed-in
# user and their roles). Registered by the apps at start-up.
COMPANION_KEYS: list = []


class SessionStore(cached_db.SessionStore):
    cache_key_prefix = "kinerja.sessions"
    prefetched = None

    def _read_cache(self):
        """The session's cached data, and the companion keys' values into `prefetched`, in one round trip."""
        own = self.cache_key  # makes a session key when there is none yet
        companions = [key for keys_for in COMPANION_KEYS for key in keys_for(self.session_key)]
        if not companions:
            return self._cache.get(own)
        values = self._cache.get_many([own, *companions])
        self.prefetched = {key: values[key] for key in companions if key in values}  # absent keys: not cached
        return values.get(own)

    def _cache_seconds(self, expiry_age: int) -> int:
        return min(expiry_age, settings.KINERJA_SESSION_CACHE_SECONDS)

    def load(self):
        try:
            data = self._read_cache()
        except Exception:
            logger.warning("Session cache unavailable; reading the session from the database", exc_info=True)
            data = None
        if data is not None:
            return data
        stored = self._get_session_from_db()
        if not stored:
            return {}
        data = self.decode(stored.session_data)
        self._cache_quietly(data, expiry_age=self.get_expiry_age(expiry=stored.expire_date))
        return data

    def _cache_quietly(self, data, *, expiry_age: int) -> None:
        try:
            self._cache.set(self.cache_key, data, self._cache_seconds(expiry_age))
        except Exception:
            logger.warning("Session cache unavailable; session kept in the database only", exc_info=True)

    def exists(self, session_key):
        if not session_key:
            return False
        try:
            if (self.cache_key_prefix + session_key) in self._cache:
                return True
        except Exception:
            logger.warning("Session cache unavailable; checking the session key in the database", exc_info=True)
        return super(cached_db.SessionStore, self).exists(session_key)

    def save(self, must_create=False):
        super(cached_db.SessionStore, self).save(must_create)  # the database first: it is the truth
        self._cache_quietly(self._session, expiry_age=self.get_expiry_age())

    def delete(self, session_key=None):
        super(cached_db.SessionStore, self).delete(session_key)
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        try:
            self._cache.delete(self.cache_key_prefix + session_key)
        except Exception:
            logger.warning("Session cache unavailable; a cached copy expires by itself", exc_info=True)
