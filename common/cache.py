"""Django's Redis cache, building its Redis client once instead of on every cache call.

Django's `RedisCacheClient.get_client` wraps the connection pool in a new `redis.Redis` for each call, and each one
fills a table of some 170 response callbacks: a quarter of a signed-in request that does nothing else (the
session read, agencies/identity.py). Django keeps a cache object per thread, and a `redis.Redis` takes a connection
from its pool for each command (the pool notices a fork), so one client per pool does. Used as the cache BACKEND in
settings.py.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}  # id of a connection pool -> the client on it (pools live as long as this object)

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
