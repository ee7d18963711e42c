"""Shared pieces of the resilience tests: a Redis address nothing listens on, a private redis-server."""

import contextlib
import shutil
import socket
import subprocess
import time


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


REDIS_TIMEOUTS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}


def redis_settings(url: str) -> dict:
    """The production wiring of settings.py (cache, sessions, channel layer) pointed at `url`."""
    return {
        "CACHES": {
            "default": {
                "BACKEND": "common.cache.RedisCache",
                "LOCATION": url,
                "OPTIONS": REDIS_TIMEOUTS,
            }
        },
        "SESSION_ENGINE": "common.sessions",
        "CHANNEL_LAYERS": {
            "default": {
                "BACKEND": "common.layers.ResyncingPubSubChannelLayer",
                "CONFIG": {"hosts": [{"address": url, **REDIS_TIMEOUTS}]},
            }
        },
    }


class PrivateRedis:
    """A redis-server of the test's own on a free port, which the test may stop and start again."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        binary = shutil.which("redis-server")
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None
