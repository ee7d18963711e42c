"""The Redis pub/sub channel layer, telling this process's open sockets when Redis was lost and when it is back.

Stock `RedisPubSubChannelLayer` reconnects to a restarted Redis and resubscribes by itself, but whatever was
published meanwhile is lost and nobody knows it: a page kept its socket open and silently missed replies. Here the
receiving loop notices the failure and its end and puts a `live.status` message ("offline", then "resync") into the
queue of every channel of this process; the consumers forward it and `static/js/live.js` says that live updates
are paused, then fetches every region again. Subclasses only; channels_redis is not patched.
"""

import asyncio
import logging

from channels_redis.pubsub import (
    RedisPubSubChannelLayer,
    RedisPubSubLoopLayer,
    RedisSingleShardConnection,
    _wrap_close,
)

logger = logging.getLogger(__name__)


class ResyncingShardConnection(RedisSingleShardConnection):
    def __init__(self, host, channel_layer):
        super().__init__(host, channel_layer)
        self.healthy = True

    def _receive_message(self, message):
        # Reached only after a successful read: the connection works (again).
        if not self.healthy:
            self.healthy = True
            logger.warning("Redis is back for the channel layer; telling open sockets to fetch their pages again")
            self.channel_layer.tell_every_channel("resync")
        super()._receive_message(message)

    async def _do_receiving(self):
        # The stock loop (same shape) logs every failure with a traceback and retries each second; this one notices
        # the first failure and the first success after it.
        while True:
            try:
                if self._pubsub and self._pubsub.subscribed:
                    message = await self._pubsub.get_message(ignore_subscribe_messages=True, timeout=0.1)
                    self._receive_message(message)
                else:
                    await asyncio.sleep(0.1)
            except (TimeoutError, asyncio.CancelledError, GeneratorExit):
                raise
            except Exception:
                if self.healthy:
                    self.healthy = False
                    logger.warning("Redis unreachable for the channel layer; live updates paused", exc_info=True)
                    self.channel_layer.tell_every_channel("offline")
                await asyncio.sleep(0.5)


class ResyncingLoopLayer(RedisPubSubLoopLayer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._shards = [ResyncingShardConnection(shard.host, self) for shard in self._shards]

    def tell_every_channel(self, status: str) -> None:
        message = self.channel_layer.serialize({"type": "live.status", "status": status})
        for queue in self.channels.values():
            queue.put_nowait(message)


class ResyncingPubSubChannelLayer(RedisPubSubChannelLayer):
    def _get_layer(self):
        loop = asyncio.get_running_loop()
        if loop not in self._layers:
            self._layers[loop] = ResyncingLoopLayer(*self._args, **self._kwargs, channel_layer=self)
            _wrap_close(self, loop)
        return self._layers[loop]
