"""The database side of the month-end rush (bench/rush.py), run inside the servers' settings: who writes what,
and afterwards how many rows carry each write's mark."""

from django.db.models import Exists, OuterRef
from django.urls import reverse


def people(users: int) -> list[dict]:
    """Half employees whose plan is in realisation (they record realisations on its indicators, give feedback and
    reply in the forum), half supervisors with plans in review to decide and a subordinate's plan in realisation
    (approvals, feedback, replies); agency by agency in turn, each person once."""
    from viewflow.workflow.models import Task

    from forums.models import Topic
    from reports.selectors import current_period
    from workflow.flows import PlanFlow
    from workflow.models import OPEN_STATUSES, Plan, ResultIndicator

    period = current_period()
    realising = (
        Plan.objects.filter(period=period, stage="realisation", employee__is_active=True, employee__user__isnull=False)
        .filter(Exists(ResultIndicator.objects.filter(result__plan=OuterRef("pk"))))
        .order_by("employee__agency_id", "pk")
    )
    topics = list(
        Topic.objects.filter(is_hidden=False, is_locked=False).order_by("-pk").values_list("pk", flat=True)[:50]
    )
    open_reviews: dict[int, list] = {}
    reviews = Task.objects.filter(
        flow_task=PlanFlow.review, status__in=OPEN_STATUSES, process__planprocess__plan__period=period
    ).values_list("owner_id", "process__planprocess__plan_id", "pk")
    for owner, plan_id, task_id in reviews:
        open_reviews.setdefault(owner, []).append([plan_id, task_id])
    employees, supervisors, seen = [], [], set()
    rows = realising.values_list("pk", "employee__user_id", "employee__user__username", "supervisor__user_id")
    boss_names = dict(
        Plan.objects.filter(period=period).values_list("supervisor__user_id", "supervisor__user__username").distinct()
    )
    for plan_id, user_id, username, boss in rows.iterator(chunk_size=2000):
        if user_id not in seen and len(employees) < (users + 1) // 2:
            seen.add(user_id)
            employees.append((plan_id, user_id, username))
        elif boss and boss not in seen and len(supervisors) < users // 2:
            seen.add(boss)
            supervisors.append((plan_id, boss, boss_names[boss]))
        if len(employees) + len(supervisors) >= users:
            break
    indicators: dict[int, list] = {}
    plan_ids = [plan_id for plan_id, _, _ in employees]
    for plan_id, indicator in ResultIndicator.objects.filter(result__plan_id__in=plan_ids).values_list(
        "result__plan_id", "pk"
    ):
        indicators.setdefault(plan_id, []).append(indicator)
    inbox, plan_list, team = reverse("workflow:inbox"), reverse("workflow:plan_list"), reverse("workflow:team")
    chosen = []
    for number, (plan_id, _, username) in enumerate(employees):
        detail, topic = reverse("workflow:plan_detail", args=[plan_id]), topics[number % len(topics)]
        reads = [("my plan", plan_list), ("plan detail", detail), ("inbox", inbox), ("forum topic", _topic(topic))]
        chosen.append(
            {"username": username, "role": "employee", "plan_id": plan_id, "indicators": indicators[plan_id][:3]}
            | {"topic_id": topic, "reads": reads, "token_page": detail}
        )
    for number, (plan_id, user_id, username) in enumerate(supervisors):
        detail, topic = reverse("workflow:plan_detail", args=[plan_id]), topics[(number + 7) % len(topics)]
        reads = [("team view", team), ("inbox", inbox), ("plan detail", detail), ("forum topic", _topic(topic))]
        chosen.append(
            {"username": username, "role": "supervisor", "plan_id": plan_id, "reviews": open_reviews.get(user_id, [])}
            | {"topic_id": topic, "reads": reads, "token_page": detail}
        )
    # Employees and supervisors alternate, so a smaller number of people still mixes both.
    staff, bosses = chosen[: len(employees)], chosen[len(employees) :]
    paired = min(len(staff), len(bosses))
    return [person for pair in zip(staff, bosses, strict=False) for person in pair] + staff[paired:] + bosses[paired:]


def _topic(topic_id: int) -> str:
    return reverse("forums:topic_detail", args=[topic_id])


def count(run: str) -> dict[str, int]:
    """Rows carrying each mark of run `run`, over the four kinds of write (realisations only with their 1 MB
    evidence file attached: one without it is not a complete write)."""
    from forums.models import Post
    from workflow.models import Feedback, PlanEvent, Realisation

    from .rush import EVIDENCE_BYTES, MARK

    prefix = f"rush-{run}-"
    texts = [
        Realisation.objects.filter(description__contains=prefix, evidence__size__gte=EVIDENCE_BYTES).values_list(
            "description", flat=True
        ),
        PlanEvent.objects.filter(action="approved", comment__contains=prefix).values_list("comment", flat=True),
        Feedback.objects.filter(text__contains=prefix).values_list("text", flat=True),
        Post.objects.filter(body__contains=prefix).values_list("body", flat=True),
    ]
    found: dict[str, int] = {}
    for query in texts:
        for text in query:
            for mark in MARK.findall(text):
                found[mark] = found.get(mark, 0) + 1
    return found
