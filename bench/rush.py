"""The month-end rush: many people at once reading their pages and writing through the site's real forms (with
their CSRF token), 60 % reads and 40 % writes: realisations with a 1 MB evidence file (multipart, through the
realisation form), review decisions (approvals of plans in review), feedback and forum replies.

Every write carries a unique mark (`rush-<run>-<n>`) in its text; afterwards the rows are counted in the database
per mark against the write requests that succeeded: a mark without its row is a lost write, a mark on two rows a
duplicated one, a row whose request failed a write the client was not told about. Like the other load phases, any
error (and a write answered 200: the form refused it) fails the phase.

The parts that need the database (who writes what, the count afterwards) run in a child process with the servers'
own settings (`python -m bench.rush people|count`), so the phase works whichever database the bench runs on.
"""

import asyncio
import http.cookiejar
import json
import re
import secrets
import sys
import time
import urllib.request
from urllib.parse import urlencode, urlsplit

from bench.load import Request, _request, build, summarise
from bench.prod import cookie_header

READS_PER_CYCLE = 6  # of every 10 requests; the other 4 are writes
CYCLE = ("read", "write", "read", "write", "read", "write", "read", "read", "write", "read")
WRITES = {"employee": ("realisation", "feedback", "reply", "realisation"), "supervisor": ("approval", "feedback")}
WRITES["supervisor"] += ("reply", "approval")
KINDS = ("realisation", "approval", "feedback", "reply")
EVIDENCE_BYTES = 1024 * 1024
MARK = re.compile(r"rush-[0-9a-f]{8}-\d+")
WARMUP_SECONDS = 2.0


def evidence_pdf() -> bytes:
    """A 1 MB file the upload check takes for a PDF (its bytes start as one)."""
    body = b"%PDF-1.4\n"
    return body + bytes(i % 251 for i in range(EVIDENCE_BYTES - len(body)))


def multipart(fields: dict, files: dict) -> tuple[str, bytes]:
    """(content type, body) of a multipart/form-data request: `files` maps a field to (file name, bytes)."""
    boundary = "kinerja-rush-" + secrets.token_hex(8)
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return f"multipart/form-data; boundary={boundary}", b"".join(parts)


def post(base: str, path: str, cookies: dict, content_type: str, body: bytes) -> bytes:
    host = urlsplit(base).netloc
    lines = [
        f"POST {path} HTTP/1.1",
        f"Host: {host}",
        "User-Agent: kinerja-bench",
        "Connection: keep-alive",
        f"Referer: {base}{path}",
        f"Cookie: {cookie_header(cookies)}",
        f"Content-Type: {content_type}",
        f"Content-Length: {len(body)}",
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


class Writer:
    """The writes of one person, each with a fresh mark; `sent` keeps (kind, mark) of every write request."""

    def __init__(self, base: str, person: dict, cookies: dict, token: str, run: str, counter: list):
        self.base, self.person, self.cookies, self.token, self.run = base, person, cookies, token, run
        self.counter = counter
        self.reviews = list(person.get("reviews", []))  # (plan id, task id) of plans in review: each decided once
        self.turn = 0

    def mark(self) -> str:
        self.counter[0] += 1
        return f"rush-{self.run}-{self.counter[0]}"

    def form(self, path: str, fields: dict) -> bytes:
        body = urlencode({"csrfmiddlewaretoken": self.token, **fields}).encode()
        return post(self.base, path, self.cookies, "application/x-www-form-urlencoded", body)

    def next(self, evidence: bytes) -> tuple[str, str, Request]:
        """(kind, mark, request) of this person's next write, in turn; an approval when none is left to decide is
        feedback instead."""
        kinds = WRITES[self.person["role"]]
        kind = kinds[self.turn % len(kinds)]
        self.turn += 1
        if kind == "approval" and not self.reviews:
            kind = "feedback"
        mark = self.mark()
        person = self.person
        if kind == "realisation":
            indicator = person["indicators"][self.turn % len(person["indicators"])]
            path = f"/plans/{person['plan_id']}/indicators/{indicator}/realisation/"
            fields = {"csrfmiddlewaretoken": self.token, "value": "3", "description": f"Capaian minggu ini ({mark})"}
            content_type, body = multipart(fields, {"files": ("bukti-rush.pdf", evidence)})
            raw = post(self.base, path, self.cookies, content_type, body)
        elif kind == "approval":
            plan_id, task_id = self.reviews.pop()
            path = f"/plans/{plan_id}/tasks/{task_id}/"
            raw = self.form(path, {"decision": "approve", "comment": f"Disetujui ({mark})"})
        elif kind == "feedback":
            path = f"/plans/{person['plan_id']}/feedback/"
            raw = self.form(path, {"text": f"Catatan kemajuan triwulan ini ({mark})"})
        else:
            path = f"/forums/t/{person['topic_id']}/reply/"
            raw = self.form(path, {"body": f"Terima kasih, sudah kami terapkan di unit kami ({mark})."})
        return kind, mark, Request(kind, path, raw, write=True)


async def _person(host, port, reads: list[Request], writer: Writer | None, deadline, record, sent, evidence):
    reader = stream = None
    step = 0
    while time.perf_counter() < deadline:
        slot = CYCLE[step % len(CYCLE)] if writer else "read"
        if slot == "read":
            request, kind, mark = reads[step % len(reads)], None, None
        else:
            kind, mark, request = writer.next(evidence)
        step += 1
        started = time.perf_counter()
        try:
            if stream is None:
                reader, stream = await asyncio.open_connection(host, port)
            status, headers = await _request(reader, stream, request.raw)
        except (asyncio.IncompleteReadError, ConnectionError, OSError):
            record.append((request, 0, (time.perf_counter() - started) * 1000, ""))
            if kind:
                sent.append((kind, mark, False))
            stream = None
            continue
        record.append((request, status, (time.perf_counter() - started) * 1000, headers.get("location", "")))
        if kind:
            sent.append((kind, mark, 300 <= status < 400 and "/accounts/login/" not in headers.get("location", "")))
        if headers.get("connection", "").lower() == "close":
            stream.close()
            stream = None
    if stream is not None:
        stream.close()


def csrf_token(base: str, path: str, cookies: dict) -> tuple[str, str]:
    """(form token, csrftoken cookie) as a browser gets them: the page with the form, read as this person."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    request = urllib.request.Request(base + path, headers={"Cookie": cookie_header(cookies)})
    page = opener.open(request, timeout=60).read().decode()
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    cookie = next((c.value for c in jar if c.name == "csrftoken"), None)
    if not found or not cookie:
        raise RuntimeError(f"no CSRF token on {path}")
    return found.group(1), cookie


def account(sent: list[tuple[str, str, bool]], found: dict[str, int]) -> dict:
    """Writes requested against rows found, per kind: `sent` holds (kind, mark, succeeded) of every write request,
    `found` the number of rows carrying each mark. Lost: a successful write without its row; duplicated: a mark
    on more than one row; unreported: a row whose request the client saw fail. `passed` when all three are 0."""
    columns = ("succeeded", "failed", "rows", "lost", "duplicated", "unreported")
    figures = {kind: dict.fromkeys(columns, 0) for kind in KINDS}
    known = set()
    for kind, mark, succeeded in sent:
        known.add(mark)
        row = figures.setdefault(kind, dict.fromkeys(columns, 0))
        rows = found.get(mark, 0)
        row["rows"] += rows
        row["succeeded" if succeeded else "failed"] += 1
        if succeeded and rows == 0:
            row["lost"] += 1
        if rows > 1:
            row["duplicated"] += 1
        if not succeeded and rows:
            row["unreported"] += 1
    strangers = sorted(set(found) - known)
    bad = sum(row["lost"] + row["duplicated"] + row["unreported"] for row in figures.values())
    return {"by_kind": figures, "unknown_marks": strangers[:10], "passed": bad == 0 and not strangers}


async def _run(base, people, sessions, *, users, seconds, run):
    parts = urlsplit(base)
    evidence = evidence_pdf()
    counter, record, sent, writers, reads = [0], [], [], [], []
    for person in people[:users]:
        cookies = dict(sessions[person["username"]])
        token, cookies["csrftoken"] = await asyncio.to_thread(csrf_token, base, person["token_page"], cookies)
        reads.append([Request(name, url, build(base, url, cookies)) for name, url in person["reads"]])
        writers.append(Writer(base, person, cookies, token, run, counter))
    warm = time.perf_counter() + WARMUP_SECONDS  # reads only: every worker warm, nothing written
    await asyncio.gather(*[_person(parts.hostname, parts.port, r, None, warm, [], [], evidence) for r in reads])
    cpu, started = time.process_time(), time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(
        *[
            _person(parts.hostname, parts.port, r, w, deadline, record, sent, evidence)
            for r, w in zip(reads, writers, strict=True)
        ]
    )
    return record, sent, time.perf_counter() - started, time.process_time() - cpu


def measure(server, *, users: int, seconds: float) -> dict:
    """The rush against the running production setup: `users` people at once for `seconds`, then the count."""
    people = server.django("bench.rush", "people", str(users))
    sessions = server.sessions([person["username"] for person in people])
    run = secrets.token_hex(4)
    print(f"month-end rush: {min(users, len(people))} people for {seconds:.0f} s (run {run}) ...")
    record, sent, elapsed, cpu = asyncio.run(_run(server.base, people, sessions, users=users, seconds=seconds, run=run))
    figures = summarise(record, seconds=elapsed, client_cpu=cpu)
    writes = sum(1 for request, *_ in record if request.write)
    figures |= {"people": min(users, len(people)), "writes": writes, "write_share": round(writes / len(record), 2)}
    figures["reviews_available"] = sum(len(person.get("reviews", [])) for person in people[:users])
    figures["written"] = account(sent, server.django("bench.rush", "count", run))
    figures["passed"] = figures["passed"] and figures["written"]["passed"]
    verdict = "" if figures["passed"] else f"  FAILED: {figures['errors']} errors {figures['errors_by_url']}"
    share = figures["write_share"]
    print(f"  rush {figures['rps']:>7.0f} req/s, p95 {figures['p95_ms']} ms, writes {share:.0%}{verdict}")
    for kind, row in figures["written"]["by_kind"].items():
        print(
            f"    {kind:<12} {row['succeeded']:>5} written, {row['rows']:>5} rows, lost {row['lost']}, "
            f"duplicated {row['duplicated']}, unreported {row['unreported']}"
        )
    return figures


P95_TARGET_MS = 500.0


def figures(result: dict) -> list[dict]:
    """The rush's rows of the bench table: errors and lost or duplicated writes fail it; its throughput is set
    against the pages mix of the same run."""
    from bench.report import _row

    rush = (result.get("load") or {}).get("rush")
    if not rush:
        return []
    written = rush["written"]["by_kind"]
    rows = [
        _row(
            f"month-end rush, {rush['people']} people, {rush['write_share']:.0%} writes",
            f"{rush['rps']:.0f} req/s" if rush["passed"] else f"{rush['errors']} errors",
            "",
            "0 errors",
            rush["passed"],
        ),
        _row("  rush p50 / p95", f"{rush['p50_ms']} / {rush['p95_ms']}", "ms", f"p95 < {P95_TARGET_MS:.0f}", None),
        _row(
            "  writes: " + ", ".join(f"{kind} {row['succeeded']}" for kind, row in written.items()),
            sum(row["lost"] + row["duplicated"] + row["unreported"] for row in written.values()),
            "",
            "0 lost / dup",
            rush["written"]["passed"],
        ),
    ]
    rows[1]["result"] = "pass" if rush["p95_ms"] is not None and rush["p95_ms"] < P95_TARGET_MS else "MISS"
    pages = result["load"].get("pages", {})
    if rush["passed"] and pages.get("passed"):
        rows.append(_row("  rush / pages mix", f"{rush['rps'] / pages['rps']:.2f}", "", "", None))
    return rows


if __name__ == "__main__" and sys.argv[1:2] in (["people"], ["count"]):
    from bench.setup import ROOT

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from bench import rush_data

    answer = rush_data.people(int(sys.argv[2])) if sys.argv[1] == "people" else rush_data.count(sys.argv[2])
    print(json.dumps(answer))
