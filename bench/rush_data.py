"""The database side of the month-end rush (bench/rush.py), run inside the servers' settings: who writes what,
and afterwards how many rows carry each write's mark."""

from django.db.models import Exists, OuterRef
from django.urls import reverse

REVIEWS_PER_SUPERVISOR = 12  # plans each supervisor of the rush has waiting in review, seeded before it


def seed_reviews(*, period, supervisors: int, per_supervisor: int = REVIEWS_PER_SUPERVISOR) -> int:
    """Plans waiting for a review decision, as submitted plans are at the month's end: the draft plans (with their
    RHK) of the `supervisors` supervisors with most drafts below them are submitted in bulk (their open draft task
    becomes the supervisor's review task, as the engine leaves it), up to `per_supervisor` each, minus those they
    already have. Returns how many were submitted."""
    from django.db import transaction
    from django.db.models import Count
    from viewflow.workflow.models import Task

    from workflow.flows import PlanFlow
    from workflow.models import OPEN_STATUSES, Plan, PlanEvent

    drafts = Plan.objects.filter(
        period=period, stage="draft", employee__supervisor__user__isnull=False, results__isnull=False
    )
    bosses = (
        drafts.values("employee__supervisor", "employee__supervisor__user_id")
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n", "employee__supervisor")
    )[:supervisors]
    waiting = dict(
        Task.objects.filter(
            flow_task=PlanFlow.review, status__in=OPEN_STATUSES, process__planprocess__plan__period=period
        )
        .values_list("owner_id")
        .annotate(n=Count("pk"))
    )
    submitted = 0
    with transaction.atomic():
        for row in bosses:
            boss = row["employee__supervisor__user_id"]
            wanted = per_supervisor - waiting.get(boss, 0)
            mine = drafts.filter(employee__supervisor=row["employee__supervisor"])
            plan_ids = list(mine.values_list("pk", flat=True).distinct()[: max(wanted, 0)])
            if not plan_ids:
                continue
            tasks = list(
                Task.objects.filter(
                    flow_task=PlanFlow.draft, status__in=OPEN_STATUSES, process__planprocess__plan_id__in=plan_ids
                ).select_related("process__planprocess")
            )
            for task in tasks:
                task.flow_task, task.owner_id = PlanFlow.review, boss
            Task.objects.bulk_update(tasks, ["flow_task", "owner"])
            plan_ids = [task.process.planprocess.plan_id for task in tasks]
            Plan.objects.filter(pk__in=plan_ids).update(stage="review", supervisor=row["employee__supervisor"])
            owners = dict(Plan.objects.filter(pk__in=plan_ids).values_list("pk", "employee__user_id"))
            PlanEvent.objects.bulk_create(
                [PlanEvent(plan_id=plan_id, actor_id=owners[plan_id], action="submitted") for plan_id in plan_ids]
            )
            submitted += len(plan_ids)
    return submitted


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
    seed_reviews(period=period, supervisors=users // 2)
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
    # The supervisors with most plans waiting for them (a plan they supervise to give feedback on), then employees.
    supervised = dict(Plan.objects.filter(period=period).exclude(stage="done").values_list("supervisor__user_id", "pk"))
    for boss in sorted(open_reviews, key=lambda owner: (-len(open_reviews[owner]), owner))[: users // 2]:
        if boss in boss_names and boss in supervised:
            seen.add(boss)
            supervisors.append((supervised[boss], boss, boss_names[boss]))
    for plan_id, user_id, username, _ in rows.iterator(chunk_size=2000):
        if user_id not in seen and len(employees) < users - len(supervisors):
            seen.add(user_id)
            employees.append((plan_id, user_id, username))
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
