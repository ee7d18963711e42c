"""Websocket fan-out: N clients on one forum topic (through nginx and uvicorn, Redis channel layer); replies are
posted through the site (HTTP form, as a person would) and each client's delivery latency is recorded.

Latency runs from the moment the reply request is sent to the moment a client reads the `post.created` event,
so it includes writing the post (the broadcast leaves after the commit): an upper bound of the fan-out itself.
"""

import asyncio
import json
import statistics
import time
import urllib.parse
import urllib.request

from websockets.asyncio.client import connect

from bench.pages import percentile
from bench.prod import cookie_header

ROUNDS = 5
CONNECT_BATCH = 50
RECEIVE_TIMEOUT = 10.0


async def _client(url: str, headers: dict, origin: str, ready: asyncio.Event, received: dict, stop: asyncio.Event):
    async with connect(url, additional_headers=headers, origin=origin, open_timeout=30) as socket:
        ready.set()
        while not stop.is_set():
            try:
                message = await asyncio.wait_for(socket.recv(), timeout=0.5)
            except TimeoutError:
                continue
            now = time.perf_counter()
            event = json.loads(message)
            if event.get("event") == "post.created":
                received.setdefault(event["post"], []).append(now)


def _reply(server, topic_id: int, cookies: dict, body: str) -> None:
    data = urllib.parse.urlencode({"body": body, "csrfmiddlewaretoken": cookies["csrftoken"]}).encode()
    request = urllib.request.Request(
        f"{server.base}/forums/t/{topic_id}/reply/",
        data=data,
        headers={
            "Cookie": cookie_header(cookies),
            "Referer": f"{server.base}/forums/t/{topic_id}/",
            "HX-Request": "true",
        },
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        if response.status != 200:
            raise RuntimeError(f"reply answered {response.status}")


async def _run(server, topic_id: int, cookies: dict, clients: int) -> dict:
    url = f"ws://127.0.0.1:{server.port}/ws/forums/t/{topic_id}/"
    headers = {"Cookie": cookie_header(cookies)}
    received: dict[int, list[float]] = {}
    stop = asyncio.Event()
    tasks, events = [], []
    started = time.perf_counter()
    for start in range(0, clients, CONNECT_BATCH):
        batch = [asyncio.Event() for _ in range(min(CONNECT_BATCH, clients - start))]
        events += batch
        tasks += [asyncio.create_task(_client(url, headers, server.base, ready, received, stop)) for ready in batch]
        await asyncio.wait_for(asyncio.gather(*(ready.wait() for ready in batch)), timeout=60)
    connect_seconds = time.perf_counter() - started
    await asyncio.sleep(1.0)
    # One reply first, not counted: the web worker that takes it loads its templates and opens its connections, as
    # the HTTP load's warm-up does for the pages.
    await asyncio.to_thread(_reply, server, topic_id, cookies, "Bench fan-out warm-up")
    await asyncio.sleep(1.0)
    latencies, rounds = [], []
    for number in range(ROUNDS):
        before = set(received)
        sent = time.perf_counter()
        await asyncio.to_thread(_reply, server, topic_id, cookies, f"Bench fan-out {number + 1}")
        answered = time.perf_counter()
        deadline = answered + RECEIVE_TIMEOUT
        while time.perf_counter() < deadline:
            new = set(received) - before
            if new and len(received[next(iter(new))]) >= clients:
                break
            await asyncio.sleep(0.05)
        new = set(received) - before
        times = received[next(iter(new))] if new else []
        round_latencies = [(moment - sent) * 1000 for moment in times]
        latencies += round_latencies
        rounds.append(
            {
                "delivered": len(times),
                "reply_request_ms": round((answered - sent) * 1000, 1),
                "p50_ms": round(statistics.median(round_latencies), 1) if times else None,
                "p95_ms": round(percentile(round_latencies, 0.95), 1) if times else None,
            }
        )
        await asyncio.sleep(0.5)
    broadcast = await _broadcasts(server.redis_url, topic_id, received, clients)
    stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    return {
        "clients": clients,
        "connected": sum(1 for ready in events if ready.is_set()),
        "connect_seconds": round(connect_seconds, 2),
        "rounds": rounds,
        "expected": clients * ROUNDS,
        "delivered": len(latencies),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else float("nan"),
        "p95_ms": round(percentile(latencies, 0.95), 1) if latencies else float("nan"),
        "reply_request_p50_ms": statistics.median(r["reply_request_ms"] for r in rounds),
        "broadcast": broadcast,
    }


async def _broadcasts(redis_url: str, topic_id: int, received: dict, clients: int) -> dict:
    """The fan-out alone: the same event the reply sends, put on the Redis layer by this process (as a web worker
    does after its commit), timed from `group_send` to each client's receipt."""
    from channels_redis.pubsub import RedisPubSubChannelLayer

    from forums.realtime import topic_group

    layer = RedisPubSubChannelLayer(hosts=[{"address": redis_url}])
    latencies = []
    for number in range(1, ROUNDS + 1):
        marker = -number  # no real post has a negative id
        sent = time.perf_counter()
        await layer.group_send(topic_group(topic_id), {"type": "live.event", "event": "post.created", "post": marker})
        deadline = sent + RECEIVE_TIMEOUT
        while len(received.get(marker, ())) < clients and time.perf_counter() < deadline:
            await asyncio.sleep(0.01)
        latencies += [(moment - sent) * 1000 for moment in received.get(marker, ())]
        await asyncio.sleep(0.5)
    await layer.flush()
    return {
        "expected": clients * ROUNDS,
        "delivered": len(latencies),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else float("nan"),
        "p95_ms": round(percentile(latencies, 0.95), 1) if latencies else float("nan"),
    }


def measure(server, *, topic_id: int, clients: int, username: str, password: str) -> dict:
    cookies = server.login(username, password)
    print(f"websocket fan-out: {clients} clients on topic {topic_id}, {ROUNDS} replies ...")
    result = asyncio.run(_run(server, topic_id, cookies, clients))
    print(
        f"  {result['delivered']}/{result['expected']} deliveries, p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms"
        f" (reply request itself p50 {result['reply_request_p50_ms']} ms)"
    )
    broadcast = result["broadcast"]
    print(
        f"  broadcast alone: {broadcast['delivered']}/{broadcast['expected']} deliveries, "
        f"p50 {broadcast['p50_ms']} ms, p95 {broadcast['p95_ms']} ms"
    )
    return result
