"""HTTP load: a bounded asyncio client (keep-alive HTTP/1.1 over loopback, a fixed number of users, a fixed
duration) against the production setup, first on the bare view, then on the pages, in the same run.

The client runs on the same machine as the servers; its own CPU use is reported so a saturated client shows.
"""

import asyncio
import statistics
import time
from urllib.parse import urlsplit

from bench.pages import percentile
from bench.prod import cookie_header

WARMUP_SECONDS = 2.0
MAX_REQUESTS = 200_000  # a hard bound whatever the duration


async def _request(reader, writer, request: bytes) -> tuple[int, bytes]:
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        body = b""
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            body += await reader.readexactly(size + 2)
            if size == 0:
                break
    else:
        body = await reader.read()
    if headers.get("connection", "").lower() == "close":
        writer.close()
        raise ConnectionResetError
    return status, body


async def _user(host, port, requests, deadline, record, counter):
    reader = writer = None
    index = 0
    while time.perf_counter() < deadline and counter[0] < MAX_REQUESTS:
        if writer is None:
            reader, writer = await asyncio.open_connection(host, port)
        name, request = requests[index % len(requests)]
        index += 1
        counter[0] += 1
        started = time.perf_counter()
        try:
            status, _ = await _request(reader, writer, request)
        except (asyncio.IncompleteReadError, ConnectionError):
            writer = None  # the server closed a keep-alive connection: reconnect and carry on
            continue
        record.append((name, status, (time.perf_counter() - started) * 1000, started))
    if writer is not None:
        writer.close()


def _build(base: str, path: str, cookies: dict | None) -> bytes:
    host = urlsplit(base).netloc
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}", "User-Agent: kinerja-bench", "Connection: keep-alive"]
    if cookies:
        lines.append(f"Cookie: {cookie_header(cookies)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


async def _phase(base: str, plan: list[tuple[str, bytes]], *, users: int, seconds: float) -> dict:
    parts = urlsplit(base)
    # Warm-up (every worker loads its templates and opens its database connection), not counted.
    await asyncio.gather(
        *[
            _user(parts.hostname, parts.port, plan[i:] + plan[:i], time.perf_counter() + WARMUP_SECONDS, [], [0])
            for i in range(users)
        ]
    )
    record, counter = [], [0]
    cpu, started = time.process_time(), time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(
        *[_user(parts.hostname, parts.port, plan[i:] + plan[:i], deadline, record, counter) for i in range(users)]
    )
    elapsed = time.perf_counter() - started
    latencies = [ms for _, _, ms, _ in record]
    errors = sum(1 for _, status, _, _ in record if status != 200)
    by_page = {}
    for name, _, ms, _ in record:
        by_page.setdefault(name, []).append(ms)
    return {
        "requests": len(record),
        "errors": errors,
        "seconds": round(elapsed, 2),
        "rps": round(len(record) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "client_cpu_share": round((time.process_time() - cpu) / elapsed, 2),
        "per_page_p95_ms": {name: round(percentile(values, 0.95), 1) for name, values in by_page.items()},
    }


LOAD_PAGES = ("inbox", "my plan", "plan detail", "team view")


def measure(server, people: dict, *, seconds: float, users: int, password: str) -> dict:
    """Bare view (anonymous, then signed in), then the everyday pages (inbox, my plan, plan detail, team view) as
    their owners, each for `seconds` with `users` concurrent keep-alive connections."""
    from bench.pages import pages_for

    sessions = {name: server.login(people[name], password) for name in ("supervisor", "employee")}
    role = {people["supervisor"]: "supervisor", people["employee"]: "employee"}
    plan = [
        (page.name, _build(server.base, page.url, sessions[role[page.username]]))
        for page in pages_for(people)
        if page.name in LOAD_PAGES
    ]
    bare = [("bare", _build(server.base, "/bench/bare/", None))]
    bare_signed_in = [
        ("bare signed in", _build(server.base, "/bench/bare-signed-in/", sessions[name])) for name in sessions
    ]
    print(f"HTTP load: {users} users, {seconds:.0f} s per phase ...")
    result = {"users": users, "seconds": seconds, "pages_in_mix": list(LOAD_PAGES)}
    result["bare"] = asyncio.run(_phase(server.base, bare, users=users, seconds=seconds))
    print(f"  bare view:            {result['bare']['rps']:.0f} req/s, p95 {result['bare']['p95_ms']} ms")
    result["bare_signed_in"] = asyncio.run(_phase(server.base, bare_signed_in, users=users, seconds=seconds))
    print(
        f"  bare view, signed in: {result['bare_signed_in']['rps']:.0f} req/s, "
        f"p95 {result['bare_signed_in']['p95_ms']} ms"
    )
    result["pages"] = asyncio.run(_phase(server.base, plan, users=users, seconds=seconds))
    print(f"  pages:                {result['pages']['rps']:.0f} req/s, p95 {result['pages']['p95_ms']} ms")
    for phase in ("bare", "bare_signed_in", "pages"):
        if result[phase]["errors"]:
            print(f"  {phase}: {result[phase]['errors']} answers other than 200")
    # The target compares with the anonymous bare view; the signed-in one shows how much of the gap is the cost
    # of a session and a user, which every page pays.
    result["ratio"] = round(result["pages"]["rps"] / result["bare"]["rps"], 3)
    result["ratio_signed_in"] = round(result["pages"]["rps"] / result["bare_signed_in"]["rps"], 3)
    return result
