"""Django's Redis cache, with its connection pools and clients shared by the whole process.

Django makes a cache object per thread and, in async code, per task (asgiref's Local), and each cache object opens
its own connection pool. Every websocket's session read (channels' SessionMiddleware) thus opened a Redis connection
of its own that stayed open as long as the socket: 1,000 people on a live page held 1,000 Redis connections and
1,000 more file descriptors in uvicorn. Here every cache object of the process takes the same pool per server and
options (a redis-py pool is thread-safe and notices a fork), so a process holds as many connections as it uses at once.

Django also wraps the pool in a new `redis.Redis` for every cache call, and each fills a table of some 170 response
callbacks: a quarter of a signed-in request that does nothing else (the session read, agencies/identity.py). One
client per pool does (a `redis.Redis` takes a connection from its pool for each command). Used as the cache BACKEND
in settings.py.
"""

import threading

from django.core.cache.backends import redis

_lock = threading.Lock()
# (server URL, pool class, options) -> the process's client on its own pool (the pool is `client.connection_pool`)
_clients: dict[tuple, object] = {}


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        options = repr(sorted(self._pool_options.items()))
        self._shared = [(server, self._pool_class, options) for server in self._servers]  # per server, its key

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        shared = self._shared[index]
        client = _clients.get(shared)
        if client is None:
            with _lock:
                client = _clients.get(shared)
                if client is None:
                    pool = self._pool_class.from_url(self._servers[index], **self._pool_options)
                    client = _clients[shared] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
