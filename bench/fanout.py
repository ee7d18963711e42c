"""Websocket fan-out: N clients on one forum topic (through nginx and uvicorn, Redis channel layer), spread over
several client processes (asyncio in each) so that the client is not what limits the figure; replies are posted
through the site (HTTP form, as a person would) and each client's delivery latency is recorded.

Latency runs from the moment the reply request is sent to the moment a client reads the `post.created` event,
so it includes writing the post (the broadcast leaves after the commit): an upper bound of the fan-out itself.
The "broadcast alone" rounds time the fan-out from `group_send` on. Times are CLOCK_MONOTONIC, one clock for every
process of the machine.

An honest benchmark: a client that fails to connect, is dropped, or misses an event fails the phase. Each client
process reports its CPU share over the measuring window, to show whether it kept up.
"""

import asyncio
import contextlib
import json
import multiprocessing
import queue
import re
import resource
import statistics
import time
import urllib.parse
import urllib.request

from bench.prod import cookie_header
from bench.stats import percentile

ROUNDS = 5
# The broadcast alone is cheap to repeat (no post is written): 20 rounds, so that its p95 is a percentile of many
# rounds, not the slowest of five (one round that meets a garbage collection in a worker is a fifth of five).
BROADCAST_ROUNDS = 20
CONNECT_BATCH = 50
RECEIVE_TIMEOUT = 10.0
READY_TIMEOUT = 180.0
PROCESSES = 4
# Above this CPU share over the window, a client process may itself have delayed deliveries.
CLIENT_SATURATED_PERCENT = 80.0


def split(clients: int, processes: int) -> list[int]:
    """Clients per process, as even as possible; never a process without clients."""
    processes = max(1, min(processes, clients))
    share, extra = divmod(clients, processes)
    return [share + (1 if index < extra else 0) for index in range(processes)]


def summary(latencies: list[float]) -> dict:
    return {
        "p50_ms": round(statistics.median(latencies), 1) if latencies else float("nan"),
        "p95_ms": round(percentile(latencies, 0.95), 1) if latencies else float("nan"),
    }


# --- one client process ----------------------------------------------------------------------------------------


class _Clients:
    """`count` websockets of one process; reports to the parent through `reports`."""

    def __init__(self, index: int, count: int, reports):
        self.index = index
        self.count = count
        self.reports = reports
        self.received: dict[int, list[float]] = {}
        self.connected = 0
        self.failures: list[str] = []
        self.dropped = 0
        self.closing = False
        # Per post, the deliveries that carried its HTML (forums/live.py): pages that need not fetch it.
        self.with_post: dict[int, int] = {}

    async def client(self, url: str, headers: dict, origin: str, ready: asyncio.Future):
        from websockets.asyncio.client import connect

        try:
            socket = await connect(url, additional_headers=headers, origin=origin, open_timeout=60)
        except Exception as error:  # noqa: BLE001 - any failure to connect is counted and reported
            ready.set_result(False)
            self.failures.append(f"{type(error).__name__}: {error}"[:200])
            return
        ready.set_result(True)
        try:
            async for message in socket:
                now = time.monotonic()
                event = json.loads(message)
                if event.get("event") != "post.created":
                    continue
                times = self.received.setdefault(event["post"], [])
                times.append(now)
                if event.get("html"):
                    self.with_post[event["post"]] = self.with_post.get(event["post"], 0) + 1
                if len(times) == self.connected:  # every client of this process has it
                    self.reports.put(("complete", self.index, event["post"]))
        except Exception:  # noqa: BLE001 - a broken connection is a dropped client, reported below
            pass
        finally:
            if not self.closing:
                self.dropped += 1
            await socket.close()

    async def run(self, url: str, headers: dict, origin: str, stop) -> None:
        tasks = []
        for start in range(0, self.count, CONNECT_BATCH):
            batch = [asyncio.get_running_loop().create_future() for _ in range(min(CONNECT_BATCH, self.count - start))]
            tasks += [asyncio.create_task(self.client(url, headers, origin, ready)) for ready in batch]
            self.connected += sum(await asyncio.gather(*batch))
        self.reports.put(("ready", self.index, self.connected, self.failures[:5]))
        cpu, wall = time.process_time(), time.monotonic()
        while not stop.is_set():
            await asyncio.sleep(0.05)
        cpu, wall = time.process_time() - cpu, time.monotonic() - wall
        self.closing = True
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self.reports.put(
            (
                "done",
                self.index,
                {
                    "clients": self.count,
                    "connected": self.connected,
                    "failures": len(self.failures),
                    "dropped": self.dropped,
                    "with_post": self.with_post,
                    "cpu_seconds": round(cpu, 2),
                    "cpu_percent": round(100 * cpu / wall, 1) if wall else 0.0,
                    "received": self.received,
                },
            )
        )


def _client_process(index: int, count: int, url: str, headers: dict, origin: str, reports, stop) -> None:
    # 250+ sockets in one process: as many descriptors as the machine allows.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    asyncio.run(_Clients(index, count, reports).run(url, headers, origin, stop))


# --- the parent: replies, broadcasts, figures -------------------------------------------------------------------


def _reply(server, topic_id: int, cookies: dict, body: str) -> int | None:
    """Reply through the site's form (htmx, as the page sends it); the new post's id as the answer shows it."""
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
        found = re.search(r'id="post-(\d+)"', response.read().decode(errors="replace"))
        return int(found.group(1)) if found else None


class _Parent:
    def __init__(self, reports, processes: int):
        self.reports = reports
        self.processes = processes
        self.complete: dict[int, set[int]] = {}
        self.connected = 0
        self.connect_seconds = 0.0
        self.done: list[tuple] = []

    def wait(self, kind: str, count: int, timeout: float) -> list[tuple]:
        messages, deadline = [], time.monotonic() + timeout
        while len(messages) < count:
            message = self._next(deadline)
            if message is None:
                break
            if message[0] == kind:
                messages.append(message)
        return messages

    def _next(self, deadline: float):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        try:
            message = self.reports.get(timeout=remaining)
        except queue.Empty:
            return None
        if message[0] == "complete":
            self.complete.setdefault(message[2], set()).add(message[1])
        return message

    def wait_complete(self, post: int | None, known: set, timeout: float) -> int | None:
        """Until every process has `post` (or, its id unknown, a post not in `known`) on all its clients."""
        deadline = time.monotonic() + timeout
        while True:
            candidates = [post] if post is not None else [p for p in self.complete if p not in known]
            for candidate in candidates:
                if len(self.complete.get(candidate, ())) == self.processes:
                    return candidate
            if self._next(min(deadline, time.monotonic() + 0.05)) is None and time.monotonic() >= deadline:
                return post if post is not None else next(iter(candidates), None)


def measure(
    server,
    *,
    topic_id: int,
    clients: int,
    username: str,
    password: str,
    reader: str | None = None,
    processes: int = PROCESSES,
) -> dict:
    """`username` replies; the clients are `reader` (default: the same person). A reader without controls of their
    own on the replies (not their author, not the topic's, no moderator) gets each reply's HTML with its event, as
    most people following a live discussion do: every reply delivery must then carry it, or the phase fails."""
    cookies = server.login(username, password)
    reader_cookies = server.login(reader, password) if reader and reader != username else cookies
    shares = split(clients, processes)
    print(
        f"websocket fan-out: {clients} clients ({reader or username}) in {len(shares)} client processes on topic "
        f"{topic_id}, {ROUNDS} replies by {username} and {BROADCAST_ROUNDS} broadcasts ..."
    )
    result = _run(server, topic_id, cookies, shares, reader_cookies=reader_cookies, expect_post=bool(reader))
    print(
        f"  {result['delivered']}/{result['expected']} deliveries ({result['delivered_with_post']} with the post), "
        f"p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms (reply request itself p50 "
        f"{result['reply_request_p50_ms']} ms)"
    )
    broadcast = result["broadcast"]
    print(
        f"  broadcast alone: {broadcast['delivered']}/{broadcast['expected']} deliveries, "
        f"p50 {broadcast['p50_ms']} ms, p95 {broadcast['p95_ms']} ms"
    )
    print(
        f"  connected {result['connected']}/{clients} in {result['connect_seconds']} s, "
        f"failed to connect {result['connect_failures']}, dropped {result['dropped']}; client processes' CPU "
        + ", ".join(f"{p['cpu_percent']} %" for p in result["client_processes"])
    )
    if not result["passed"]:
        print(f"  FAILED: {'; '.join(result['errors'])}")
    return result


@contextlib.contextmanager
def client_processes(url: str, headers: dict, origin: str, shares: list[int]):
    """One client process per share (fresh interpreters: nothing of the parent's state), `share` sockets each; yields
    the parent's side once they are all connected (or gave up); on leaving, stops them and collects their reports
    (`parent.done`)."""
    context = multiprocessing.get_context("spawn")
    reports, stop = context.Queue(), context.Event()
    workers = [
        context.Process(target=_client_process, args=(index, count, url, headers, origin, reports, stop), daemon=True)
        for index, count in enumerate(shares)
    ]
    parent = _Parent(reports, len(workers))
    started = time.monotonic()
    for worker in workers:
        worker.start()
    try:
        parent.connected = sum(message[2] for message in parent.wait("ready", len(workers), READY_TIMEOUT))
        parent.connect_seconds = time.monotonic() - started
        yield parent
    finally:
        stop.set()
        parent.done = parent.wait("done", len(workers), 60.0)
        for worker in workers:
            worker.join(timeout=10)
            if worker.is_alive():
                worker.kill()


def _run(server, topic_id: int, cookies: dict, shares: list[int], *, reader_cookies: dict, expect_post: bool) -> dict:
    url = f"ws://127.0.0.1:{server.port}/ws/forums/t/{topic_id}/"
    with client_processes(url, {"Cookie": cookie_header(reader_cookies)}, server.base, shares) as parent:
        time.sleep(1.0)
        # One reply first, not counted: the web worker that takes it loads its templates and opens its connections,
        # as the HTTP load's warm-up does for the pages.
        known = {_reply(server, topic_id, cookies, "Bench fan-out warm-up")}
        parent.wait_complete(None, set(), RECEIVE_TIMEOUT)
        known |= set(parent.complete)
        time.sleep(0.5)
        reply_rounds = []
        for number in range(ROUNDS):
            sent = time.monotonic()
            post = _reply(server, topic_id, cookies, f"Bench fan-out {number + 1}")
            answered = time.monotonic()
            post = parent.wait_complete(post, known, RECEIVE_TIMEOUT)
            known.add(post)
            reply_rounds.append({"post": post, "sent": sent, "reply_request_ms": round((answered - sent) * 1000, 1)})
            time.sleep(0.5)
        broadcast_rounds = asyncio.run(_broadcasts(server.redis_url, topic_id, parent))
    return figures(shares, parent, reply_rounds, broadcast_rounds, expect_post=expect_post)


async def _broadcasts(redis_url: str, topic_id: int, parent: _Parent) -> list[dict]:
    """The fan-out alone: the same event the reply sends, put on the Redis layer by this process (as a web worker
    does after its commit), timed from `group_send` to each client's receipt."""
    from channels_redis.pubsub import RedisPubSubChannelLayer

    from forums.realtime import topic_group

    layer = RedisPubSubChannelLayer(hosts=[{"address": redis_url}])
    rounds = []
    for number in range(1, BROADCAST_ROUNDS + 1):
        marker = -number  # no real post has a negative id
        sent = time.monotonic()
        await layer.group_send(topic_group(topic_id), {"type": "live.event", "event": "post.created", "post": marker})
        await asyncio.to_thread(parent.wait_complete, marker, set(), RECEIVE_TIMEOUT)
        rounds.append({"post": marker, "sent": sent})
        await asyncio.sleep(0.5)
    await layer.flush()
    return rounds


def figures(
    shares: list[int],
    parent: "_Parent",
    reply_rounds: list[dict],
    broadcast_rounds: list[dict],
    *,
    expect_post: bool = False,
) -> dict:
    """The phase's figures from the client processes' reports: latencies of each round (`post`, `sent`), and every
    failure to connect, dropped client, missing report or missed event as an error that fails the phase; with
    `expect_post`, so is a reply delivered without the post's HTML (that page would have to fetch it)."""
    clients, connected = sum(shares), parent.connected
    processes = sorted((message[2] | {"process": message[1]} for message in parent.done), key=lambda p: p["process"])
    received: dict[int, list[float]] = {}
    with_post: dict[int, int] = {}
    for process in processes:
        for post, times in process.pop("received").items():
            received.setdefault(post, []).extend(times)
        for post, count in process.pop("with_post", {}).items():
            with_post[post] = with_post.get(post, 0) + count
    delivered_with_post = sum(with_post.get(round_["post"], 0) for round_ in reply_rounds)

    def latencies(round_: dict) -> list[float]:
        return [(moment - round_["sent"]) * 1000 for moment in received.get(round_["post"], ())]

    rounds, replies = [], []
    for round_ in reply_rounds:
        these = latencies(round_)
        replies += these
        rounds.append({"delivered": len(these), "reply_request_ms": round_["reply_request_ms"], **summary(these)})
    broadcast_latencies = [latencies(round_) for round_ in broadcast_rounds]
    broadcasts = [latency for these in broadcast_latencies for latency in these]
    failures = sum(p["failures"] for p in processes)
    dropped = sum(p["dropped"] for p in processes)
    expected = clients * len(reply_rounds)
    errors = []
    if len(processes) < len(shares):
        errors.append(f"{len(shares) - len(processes)} client process(es) did not report")
    if connected < clients:
        errors.append(f"{clients - connected} of {clients} clients did not connect ({failures} failures)")
    if dropped:
        errors.append(f"{dropped} client(s) dropped")
    if len(replies) < expected:
        errors.append(f"{expected - len(replies)} reply events missed")
    if expect_post and delivered_with_post < len(replies):
        errors.append(f"{len(replies) - delivered_with_post} reply events came without the post")
    if len(broadcasts) < clients * len(broadcast_rounds):
        errors.append(f"{clients * len(broadcast_rounds) - len(broadcasts)} broadcast events missed")
    busiest = max((p["cpu_percent"] for p in processes), default=0.0)
    return {
        "clients": clients,
        "client_processes": processes,
        "client_cpu_max_percent": busiest,
        "client_saturated": busiest > CLIENT_SATURATED_PERCENT,
        "connected": connected,
        "connect_failures": failures,
        "dropped": dropped,
        "connect_seconds": round(parent.connect_seconds, 2),
        "rounds": rounds,
        "expected": expected,
        "delivered": len(replies),
        "delivered_with_post": delivered_with_post,
        **summary(replies),
        "reply_request_p50_ms": statistics.median(r["reply_request_ms"] for r in reply_rounds) if reply_rounds else 0,
        "broadcast": {
            "expected": clients * len(broadcast_rounds),
            "delivered": len(broadcasts),
            **summary(broadcasts),
            # Each round's slowest delivery: an outlier round (a pause in one worker) shows here.
            "round_max_ms": [round(max(these), 1) if these else None for these in broadcast_latencies],
        },
        "errors": errors,
        "passed": not errors,
    }


# `python -m bench.fanout`: this phase alone against a running production setup (make prod-local), e.g. on the
# demo data: `python -m bench.fanout --port 8080 --run-dir /tmp/kinerja-prod --user koordinator`.
def main() -> None:
    import argparse

    from bench.prod import ProdServer

    parser = argparse.ArgumentParser(prog="python -m bench.fanout", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--run-dir", required=True, help="the setup's PROD_DIR")
    parser.add_argument("--topic", type=int, required=True)
    parser.add_argument("--user", required=True, help="who replies")
    parser.add_argument("--reader", help="who the clients are (default: --user); see measure()")
    parser.add_argument("--password", default="kinerja-demo")
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--processes", type=int, default=PROCESSES)
    parser.add_argument("--redis-url", required=True, help="the setup's REDIS_URL")
    args = parser.parse_args()
    server = ProdServer(database="", port=args.port, run_dir=args.run_dir)
    server.redis_url = args.redis_url
    result = measure(
        server,
        topic_id=args.topic,
        clients=args.clients,
        username=args.user,
        password=args.password,
        reader=args.reader,
        processes=args.processes,
    )
    with contextlib.suppress(OSError):
        result["load_average_1min"] = __import__("os").getloadavg()[0]
    print(json.dumps({key: value for key, value in result.items() if key != "client_processes"}, default=str))
    if not result["passed"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
