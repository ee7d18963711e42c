"""The benchmark dataset: N employees over 50 agencies, plans in every stage with results and realisations, and a
forum of 100,000 posts (one topic with 500 of them).

A sample of plans is driven through the services and the engine by `seed_demo` itself (the named demo people);
the rest is written in bulk as the engine leaves it (`bench.dashboard.populate_plans`: plans, processes, open
tasks). Every run starts from an empty database (flush), so a run is repeatable: the same N gives the same data.
"""

import os
import time

AGENCIES = 50
FORUM_POSTS = 100_000
BIG_TOPIC_POSTS = 500
POSTS_PER_TOPIC = 100
SEARCH_TERM = "antrean"
BATCH = 5000

BODIES = (
    "Kami memangkas **antrean** loket dengan nomor urut daring; waktu tunggu turun dari 45 ke 15 menit.",
    "Apakah formulir ini bisa dipakai juga di kecamatan? Kami masih memakai *kertas* untuk pendaftaran.",
    "Terima kasih, kami coba bulan depan. Data capaian triwulan I akan kami bagikan di rapat evaluasi.",
    "Kendala kami: jaringan di puskesmas pembantu sering putus. Ada saran untuk layanan luring?",
    "Setuju. Indikator waktu penyelesaian dokumen sebaiknya diukur sejak berkas lengkap, bukan sejak diterima.",
    "- jadwal piket\n- papan informasi\n- survei kepuasan tiap bulan\n\nTiga hal ini yang paling membantu.",
)


def reset_and_seed(employees: int, *, log=print) -> float:
    """Empty the benchmark database and seed N employees over 50 agencies; returns the seconds it took."""
    from django.core.management import call_command

    started = time.perf_counter()
    quiet = open(os.devnull, "w")  # noqa: SIM115
    call_command("migrate", verbosity=0, interactive=False)
    call_command("flush", verbosity=0, interactive=False)
    # The flush also removes the rows data migrations put in (the distribution guideline): put them back.
    call_command("migrate", "reports", "zero", verbosity=0, interactive=False)
    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", employees=employees, agencies=AGENCIES, force=True, verbosity=0, stdout=quiet)
    quiet.close()
    seconds = time.perf_counter() - started
    log(f"seeded {employees} employees over {AGENCIES} agencies in {seconds:.1f} s")
    return seconds


def seed_plans(*, log=print) -> dict:
    """Plans of the current annual period in every stage (bulk), then RHK, indicators and realisations."""
    from bench.dashboard import populate_plans
    from reports.selectors import current_period

    started = time.perf_counter()
    period = current_period()
    populated = populate_plans(period)
    contents = seed_plan_contents(period)
    seconds = time.perf_counter() - started
    log(f"{populated['plans']} plans, {contents['realisations']} realisations in {seconds:.1f} s")
    return {**populated, **contents, "period_id": period.pk, "seconds": round(seconds, 1)}


def seed_plan_contents(period) -> dict:
    """Two RHK with one indicator each on every plan without any; realisations on plans past the review."""
    from decimal import Decimal

    from django.db import transaction

    from workflow.models import Plan, Realisation, ResultIndicator, ResultPlan

    reporting = {"realisation", "self_assessment", "rating", "coaching", "done"}
    plans = list(
        Plan.objects.filter(period=period, results__isnull=True).values_list("pk", "stage", "employee__user_id")
    )
    with transaction.atomic():
        results = ResultPlan.objects.bulk_create(
            [
                ResultPlan(plan_id=plan_id, text=f"Meningkatnya kualitas layanan {order + 1}", order=order)
                for plan_id, _, _ in plans
                for order in range(2)
            ],
            batch_size=BATCH,
        )
        indicators = ResultIndicator.objects.bulk_create(
            [
                ResultIndicator(
                    result_id=result.pk,
                    description="Persentase berkas selesai tepat waktu",
                    target_value=Decimal(90),
                    target_unit="%",
                )
                for result in results
            ],
            batch_size=BATCH,
        )
        owner = {plan_id: (stage, user_id) for plan_id, stage, user_id in plans}
        result_plan = {result.pk: result.plan_id for result in results}
        realisations = []
        for index, indicator in enumerate(indicators):
            stage, user_id = owner[result_plan[indicator.result_id]]
            if stage in reporting:
                for quarter in range(1 + index % 3):
                    realisations.append(
                        Realisation(
                            indicator_id=indicator.pk,
                            value=Decimal(70 + (index + quarter) % 30),
                            description=f"Capaian triwulan {quarter + 1}",
                            reported_by_id=user_id,
                        )
                    )
        Realisation.objects.bulk_create(realisations, batch_size=BATCH)
    return {"results": len(results), "indicators": len(indicators), "realisations": len(realisations)}


def seed_forum(*, posts: int = FORUM_POSTS, big_topic_posts: int = BIG_TOPIC_POSTS, log=print) -> dict:
    """Forum posts in bulk up to `posts` in all: one new topic with `big_topic_posts` posts, the rest in topics of
    100; counters as the services keep them (post count, last post)."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.db.models import Count, Max
    from django.utils import timezone

    from agencies.demo import COORDINATOR_USERNAME
    from agencies.models import Agency
    from forums.markdown import render_markdown
    from forums.models import Category, Post, Topic

    started = time.perf_counter()
    rendered = [(body, render_markdown(body)) for body in BODIES]
    authors = list(get_user_model().objects.filter(employee__isnull=False).order_by("pk").values_list("pk", flat=True))
    authors = authors[:: max(1, len(authors) // 2000)]  # some 2,000 different people write
    categories = list(Category.objects.values_list("pk", flat=True))
    agencies = list(Agency.objects.order_by("pk").values_list("pk", flat=True))
    coordinator = get_user_model().objects.get(username=COORDINATOR_USERNAME)
    existing = Post.objects.count()
    wanted = max(0, posts - existing)
    sizes = [big_topic_posts] + [POSTS_PER_TOPIC] * (max(0, wanted - big_topic_posts) // POSTS_PER_TOPIC)
    if wanted > sum(sizes):
        sizes.append(wanted - sum(sizes))
    start = timezone.now() - datetime.timedelta(days=300)
    with transaction.atomic():
        topics = Topic.objects.bulk_create(
            [
                Topic(
                    category_id=categories[index % len(categories)],
                    title=f"Praktik baik {index + 1}: layanan tanpa {SEARCH_TERM if index % 7 == 0 else 'berkas'}",
                    agency_id=agencies[index % len(agencies)],
                    author_id=coordinator.pk if index == 0 else authors[index % len(authors)],
                    created_at=start,
                )
                for index in range(len(sizes))
            ],
            batch_size=BATCH,
        )
        batch, written = [], 0
        for topic, size in zip(topics, sizes, strict=True):
            for number in range(size):
                body, html = rendered[(written + number) % len(rendered)]
                batch.append(
                    Post(
                        topic_id=topic.pk,
                        author_id=authors[(written + number * 7) % len(authors)],
                        body=body,
                        html=html,
                        created_at=start + datetime.timedelta(minutes=number),
                    )
                )
            written += size
            if len(batch) >= BATCH:
                Post.objects.bulk_create(batch)
                batch = []
        Post.objects.bulk_create(batch)
        stats = Post.objects.filter(topic__in=topics).values("topic").annotate(count=Count("pk"), last=Max("pk"))
        by_topic = {row["topic"]: row for row in stats}
        for topic in topics:
            topic.post_count = by_topic[topic.pk]["count"]
            topic.last_post_id_cache = by_topic[topic.pk]["last"]
            topic.last_post_at = start + datetime.timedelta(minutes=topic.post_count)
        Topic.objects.bulk_update(topics, ["post_count", "last_post_id_cache", "last_post_at"], batch_size=BATCH)
    seconds = time.perf_counter() - started
    total = Post.objects.count()
    log(f"{total} forum posts in {Topic.objects.count()} topics ({seconds:.1f} s)")
    return {"posts": total, "topics": len(topics), "big_topic_id": topics[0].pk, "seconds": round(seconds, 1)}


def analyse() -> None:
    """Planner statistics, as autovacuum (PostgreSQL) keeps them on a live database."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
