"""HTTP load: a bounded asyncio client (keep-alive HTTP/1.1 over loopback, a fixed number of connections, a fixed
duration) against the production setup: the bare view anonymously, the bare view signed in, then the everyday
pages as some 200 different people of every agency, in the same run.

Honest by construction: every answer is read; an answer outside 2xx/3xx, a redirect to the login page (a lost
session) or a broken connection is an error, counted per URL, and a phase with any error fails: its throughput
is not a figure. The client runs on the same machine as the servers; its own CPU use is reported.
"""

import asyncio
import statistics
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bench.prod import cookie_header
from bench.stats import percentile

WARMUP_SECONDS = 2.0
MAX_REQUESTS = 200_000  # a hard bound whatever the duration
LOGIN_PATH = "/accounts/login/"
BROKEN = 0  # the status recorded for a connection that broke before an answer


@dataclass(frozen=True)
class Request:
    name: str  # the page ("my plan"), what figures are grouped by
    url: str
    raw: bytes = field(repr=False)
    write: bool = False  # a form sent: it must answer with a redirect (200 means the form refused it)


def is_error(status: int, location: str = "") -> bool:
    """An answer a person would not accept: no answer, 1xx/4xx/5xx, or a redirect to the login page."""
    if not 200 <= status < 400:
        return True
    return 300 <= status < 400 and urlsplit(location).path.startswith(LOGIN_PATH)


async def _request(reader, writer, request: bytes) -> tuple[int, dict]:
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
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    else:
        await reader.read()
        headers["connection"] = "close"
    return status, headers


async def _user(host, port, requests: list[Request], deadline, record, counter):
    reader = writer = None
    index = 0
    while time.perf_counter() < deadline and counter[0] < MAX_REQUESTS:
        request = requests[index % len(requests)]
        index += 1
        counter[0] += 1
        started = time.perf_counter()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            status, headers = await _request(reader, writer, request.raw)
        except (asyncio.IncompleteReadError, ConnectionError, OSError):
            # The server dropped the connection: an error for this request, then a new connection.
            record.append((request, BROKEN, (time.perf_counter() - started) * 1000, ""))
            writer = None
            continue
        record.append((request, status, (time.perf_counter() - started) * 1000, headers.get("location", "")))
        if headers.get("connection", "").lower() == "close":
            writer.close()
            writer = None
    if writer is not None:
        writer.close()


def build(base: str, path: str, cookies: dict | None) -> bytes:
    host = urlsplit(base).netloc
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}", "User-Agent: kinerja-bench", "Connection: keep-alive"]
    if cookies:
        lines.append(f"Cookie: {cookie_header(cookies)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def summarise(record: list, *, seconds: float, client_cpu: float = 0.0) -> dict:
    """The figures of one phase from its (request, status, ms, location) rows: throughput and latency, and the
    errors by URL with their statuses. `passed` is False when there is any error or no request at all."""
    latencies = [ms for _, _, ms, _ in record]
    errors: dict[str, dict[str, int]] = {}
    by_page: dict[str, list[float]] = {}
    identities = set()
    for request, status, ms, location in record:
        by_page.setdefault(request.name, []).append(ms)
        if b"Cookie: " in request.raw:
            identities.add(request.raw.split(b"Cookie: ", 1)[1].split(b"\r\n", 1)[0])
        refused = request.write and 200 <= status < 300
        if is_error(status, location) or refused:
            kind = "login redirect" if 300 <= status < 400 else ("broken connection" if status == BROKEN else status)
            kind = "form refused" if refused else kind
            by_url = errors.setdefault(request.url, {})
            by_url[str(kind)] = by_url.get(str(kind), 0) + 1
    error_count = sum(sum(kinds.values()) for kinds in errors.values())
    return {
        "requests": len(record),
        "errors": error_count,
        "errors_by_url": errors,
        "passed": bool(record) and error_count == 0,
        "identities": len(identities),
        "seconds": round(seconds, 2),
        "rps": round(len(record) / seconds, 1) if seconds else 0.0,
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 0.95), 1) if latencies else None,
        "client_cpu_share": round(client_cpu / seconds, 2) if seconds else 0.0,
        "per_page_p95_ms": {name: round(percentile(values, 0.95), 1) for name, values in by_page.items()},
    }


async def _collect(base: str, plan: list[Request], *, users: int, seconds: float, warm: bool) -> tuple:
    """One slice of a phase: (rows, seconds, client CPU seconds); with `warm`, a warm-up first (every worker loads
    its templates and opens its database connection), not counted."""
    parts = urlsplit(base)
    step = max(1, len(plan) // users)
    rotations = [plan[i * step :] + plan[: i * step] for i in range(users)]
    if warm:
        warm_until = time.perf_counter() + WARMUP_SECONDS
        await asyncio.gather(
            *[_user(parts.hostname, parts.port, rotation, warm_until, [], [0]) for rotation in rotations]
        )
    record, counter = [], [0]
    cpu, started = time.process_time(), time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(
        *[_user(parts.hostname, parts.port, rotation, deadline, record, counter) for rotation in rotations]
    )
    return record, time.perf_counter() - started, time.process_time() - cpu


async def _phase(base: str, plan: list[Request], *, users: int, seconds: float) -> dict:
    record, elapsed, cpu = await _collect(base, plan, users=users, seconds=seconds, warm=True)
    return summarise(record, seconds=elapsed, client_cpu=cpu)


SLICES = 5  # each phase's time is cut into slices run in turn with the other phases'


def interleaved(base: str, phases: dict[str, list[Request]], *, users: int, seconds: float) -> dict[str, dict]:
    """Every phase for `seconds` in all, in SLICES slices taken in turn (A B C A B C ...), so that a machine whose
    load changes during the run (other work on a shared machine) weighs on every phase alike and their ratios
    hold; each phase's figures are summed over its slices."""
    rows = {name: ([], 0.0, 0.0) for name in phases}
    for number in range(SLICES):
        for name, requests in phases.items():
            record, elapsed, cpu = asyncio.run(
                _collect(base, requests, users=users, seconds=seconds / SLICES, warm=number == 0)
            )
            kept, total, total_cpu = rows[name]
            rows[name] = (kept + record, total + elapsed, total_cpu + cpu)
    return {name: summarise(record, seconds=elapsed, client_cpu=cpu) for name, (record, elapsed, cpu) in rows.items()}


def pages_plan(base: str, identities: list[dict], sessions: dict) -> list[Request]:
    """The everyday pages of each identity as that identity, interleaved so that the connections go through all
    identities during a phase."""
    per_identity = [
        [Request(name, url, build(base, url, sessions[person["username"]])) for name, url in person["pages"]]
        for person in identities
    ]
    plan = []
    for round_ in range(max(len(pages) for pages in per_identity)):
        plan += [pages[round_] for pages in per_identity if round_ < len(pages)]
    return plan


def measure(server, identities: list[dict], *, seconds: float, users: int) -> dict:
    """Bare view (anonymous, and signed in as every identity) and the everyday pages (inbox, my plan, plan detail,
    team view) of each identity, each phase for `seconds` in all (interleaved slices) with `users` concurrent
    keep-alive connections."""
    sessions = server.sessions([person["username"] for person in identities])
    base = server.base
    bare = [Request("bare", "/bench/bare/", build(base, "/bench/bare/", None))]
    bare_signed_in = [
        Request("bare signed in", "/bench/bare-signed-in/", build(base, "/bench/bare-signed-in/", sessions[name]))
        for name in sessions
    ]
    plan = pages_plan(base, identities, sessions)
    agencies = len({person["agency_id"] for person in identities})
    print(f"HTTP load: {users} connections, {seconds:.0f} s per phase, {len(sessions)} people of {agencies} agencies")
    result = {
        "users": users,
        "seconds": seconds,
        "identities": len(sessions),
        "agencies": agencies,
        "pages_in_mix": sorted({request.name for request in plan}),
    }
    phases = interleaved(
        base, {"bare": bare, "bare_signed_in": bare_signed_in, "pages": plan}, users=users, seconds=seconds
    )
    for phase, figures in phases.items():
        result[phase] = figures
        verdict = "" if figures["passed"] else f"  FAILED: {figures['errors']} errors {figures['errors_by_url']}"
        print(f"  {phase:<16} {figures['rps']:>7.0f} req/s, p95 {figures['p95_ms']} ms{verdict}")
    result["passed"] = all(result[phase]["passed"] for phase in ("bare", "bare_signed_in", "pages"))
    if result["passed"]:
        result["signed_in_to_bare"] = round(result["bare_signed_in"]["rps"] / result["bare"]["rps"], 3)
        result["pages_to_signed_in"] = round(result["pages"]["rps"] / result["bare_signed_in"]["rps"], 3)
        result["pages_to_bare"] = round(result["pages"]["rps"] / result["bare"]["rps"], 3)
    return result
