"""Server time and SQL queries of the main pages, measured in-process through Django's test client.

Server time is `time.perf_counter()` around `client.get()` (middleware, view, selectors, template rendering: all
that a worker does for the request, without the network); queries are counted with `CaptureQueriesContext`.
"""

import os
import statistics
import time
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.stats import percentile  # noqa: F401 (other phases import it from here)

PAGE_TARGET_MS = 100.0
OVERVIEW_TARGET_MS = 300.0
MAX_QUERIES = 15
# A page far over its target would make the run long: after a minute, stop at MIN_REQUESTS (the count is recorded).
PAGE_BUDGET_SECONDS = 60.0
MIN_REQUESTS = 10


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    username: str
    target_ms: float = PAGE_TARGET_MS


def personas(*, period_id: int, big_topic_id: int) -> dict:
    """The people the pages are seen as: the supervisor (not an agency head) with the largest team (inbox, team
    view), one of their staff whose plan is in realisation with realisations (my plan, plan detail), and the
    coordinator."""
    from agencies.demo import COORDINATOR_USERNAME
    from agencies.models import Employee
    from workflow.models import Plan

    largest = (
        Employee.objects.filter(is_active=True, supervisor__isnull=False, supervisor__user__isnull=False)
        .filter(supervisor__headed_agency__isnull=True)  # a head's team view adds the agency: compare like with like
        .values("supervisor")
        .annotate(size=Count("pk"))
        .order_by("-size", "supervisor")
        .first()
    )
    supervisor = Employee.objects.select_related("user").get(pk=largest["supervisor"])
    # A generated person (who signs in with their NIP), never a named demo account: those have roles of their own
    # (an evaluation team, say) and their pages more queries, so sizes would not compare like with like.
    reporting = Plan.objects.filter(
        period_id=period_id,
        stage="realisation",
        results__indicators__realisations__isnull=False,
        employee__user__username=F("employee__nip"),
    )
    plan = (
        reporting.filter(employee__supervisor=supervisor).select_related("employee__user").order_by("pk").first()
    ) or reporting.select_related("employee__user").order_by("pk").first()
    return {
        "supervisor": supervisor.user.username,
        "team_size": largest["size"],
        "employee": plan.employee.user.username,
        "plan_id": plan.pk,
        "coordinator": COORDINATOR_USERNAME,
        "period_id": period_id,
        "big_topic_id": big_topic_id,
        "agency_id": plan.employee.agency_id,  # board: the compliance list of one agency
    }


IDENTITIES = 200


def identities(*, period_id: int, count: int = IDENTITIES) -> list[dict]:
    """`count` people of every agency for the HTTP load, each with their own everyday pages: half employees whose
    plan is past the review (my plan, their plan, inbox), half supervisors (team view, inbox, a subordinate's
    plan), taken agency by agency in turn."""
    from workflow.models import Plan

    plans = (
        Plan.objects.filter(period_id=period_id, stage__in=("realisation", "self_assessment", "rating", "done"))
        .filter(employee__is_active=True, employee__user__isnull=False, employee__supervisor__user__isnull=False)
        .values_list("pk", "employee__agency_id", "employee__user__username", "employee__supervisor__user__username")
        .order_by("pk")
    )
    by_agency: dict[int, list] = {}
    for row in plans.iterator(chunk_size=5000):
        by_agency.setdefault(row[1], []).append(row)
    plan_list, inbox, team = reverse("workflow:plan_list"), reverse("workflow:inbox"), reverse("workflow:team")
    chosen, seen = [], set()
    queues = [iter(rows) for _, rows in sorted(by_agency.items())]
    while queues and len(chosen) < count:
        for queue in list(queues):
            row = next(queue, None)
            if row is None:
                queues.remove(queue)
                continue
            plan_id, agency_id, employee, supervisor = row
            detail = reverse("workflow:plan_detail", args=[plan_id])
            if len(chosen) % 2 == 0 and employee not in seen:
                pages = [("my plan", plan_list), ("plan detail", detail), ("inbox", inbox)]
                chosen.append({"username": employee, "agency_id": agency_id, "role": "employee", "pages": pages})
                seen.add(employee)
            elif supervisor not in seen:
                pages = [("team view", team), ("inbox", inbox), ("plan detail", detail)]
                chosen.append({"username": supervisor, "agency_id": agency_id, "role": "supervisor", "pages": pages})
                seen.add(supervisor)
            if len(chosen) >= count:
                break
    return chosen


def pages_for(people: dict) -> list[Page]:
    from bench.seed import SEARCH_TERM

    return [
        Page("inbox", reverse("workflow:inbox"), people["supervisor"]),
        Page("my plan", reverse("workflow:plan_list"), people["employee"]),
        Page("plan detail", reverse("workflow:plan_detail", args=[people["plan_id"]]), people["employee"]),
        Page("team view", reverse("workflow:team"), people["supervisor"]),
        Page(
            "coordinator overview",
            reverse("reports:period_overview", args=[people["period_id"]]),
            people["coordinator"],
            OVERVIEW_TARGET_MS,
        ),
        Page(
            "forum topic, 500 posts",
            reverse("forums:topic_detail", args=[people["big_topic_id"]]),
            people["coordinator"],
        ),
        Page("search", reverse("forums:search") + f"?q={SEARCH_TERM}", people["coordinator"]),
        # --- board: the compliance board and one agency's late people
        Page(
            "compliance board",
            reverse("reports:compliance", args=[people["period_id"]]),
            people["coordinator"],
            OVERVIEW_TARGET_MS,
        ),
        Page(
            "compliance people",
            reverse("reminders:agency_people", args=[people["period_id"], people["agency_id"]]) + "?status=late",
            people["coordinator"],
        ),
    ]


def client_for(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def count_queries(client: Client, url: str) -> tuple[int, int]:
    """(status code, number of SQL queries) of one request."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response.status_code, len(captured.captured_queries)


def measure_pages(people: dict, *, requests: int = 30, log=print) -> list[dict]:
    figures = []
    for page in pages_for(people):
        client = client_for(page.username)
        for _ in range(3):  # warm-up: template loading, first connection, caches
            response = client.get(page.url)
            if response.status_code != 200:
                raise RuntimeError(f"{page.name}: {page.url} answered {response.status_code} for {page.username}")
        timings, cpu, budget_ends = [], [], time.perf_counter() + PAGE_BUDGET_SECONDS
        while len(timings) < requests and (len(timings) < MIN_REQUESTS or time.perf_counter() < budget_ends):
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(page.url)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        _, queries = count_queries(client, page.url)
        row = {
            "page": page.name,
            "url": page.url,
            "as": page.username,
            "requests": len(timings),
            "p50_ms": round(statistics.median(timings), 1),
            "p95_ms": round(percentile(timings, 0.95), 1),
            # This process's CPU per request (Django; not the database server's): on a busy shared machine the
            # wall-clock time also counts waiting for a core, this does not.
            "cpu_p95_ms": round(percentile(cpu, 0.95), 1),
            "queries": queries,
            "target_ms": page.target_ms,
            "max_queries": MAX_QUERIES,
            "load_average_1min": round(os.getloadavg()[0], 2),
        }
        log(
            f"  {page.name:<24} p50 {row['p50_ms']:>7.1f} ms  p95 {row['p95_ms']:>7.1f} ms  "
            f"cpu p95 {row['cpu_p95_ms']:>7.1f} ms  {queries:>3} queries"
        )
        figures.append(row)
    return figures


def compare_queries(figures: list[dict], reference: list[dict], *, log=print) -> None:
    """Mark each page with the query count it had on the reference dataset (10,000 employees) and whether it kept
    it: a count that grows with the data is a query per row somewhere, whatever the timings say."""
    counts = {page["page"]: page["queries"] for page in reference}
    for page in figures:
        page["reference_queries"] = counts.get(page["page"])
        page["same_queries_as_reference"] = page["queries"] == page["reference_queries"]
        if not page["same_queries_as_reference"]:
            log(f"  {page['page']}: {page['queries']} queries, {page['reference_queries']} at the reference size")
