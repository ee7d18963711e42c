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
_pools: dict[tuple, object] = {}  # (server URL, pool class, options) -> its connection pool
_clients: dict[int, object] = {}  # id of a pool -> the client on it (pools live as long as the process)


class RedisCacheClient(redis.RedisCacheClient):
    def _get_connection_pool(self, write):
        server = self._servers[self._get_connection_pool_index(write)]
        key = (server, self._pool_class, repr(sorted(self._pool_options.items())))
        pool = _pools.get(key)
        if pool is None:
            with _lock:
                pool = _pools.get(key)
                if pool is None:
                    pool = _pools[key] = self._pool_class.from_url(server, **self._pool_options)
        return pool

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = _clients.get(id(pool))
        if client is None:
            with _lock:
                client = _clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
