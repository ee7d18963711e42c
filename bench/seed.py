"""The benchmark dataset: N employees over 50 agencies (one per 250 employees beyond 12,500: 400 at 100,000),
plans in every stage with results and realisations, and a
forum of 100,000 posts (one topic with 500 of them).

A sample of plans is driven through the services and the engine by `seed_demo` itself (the named demo people);
the rest is written in bulk as the engine leaves it (`bench.dashboard.populate_plans`: plans, processes, open
tasks). Every run starts from an empty database (flush), so a run is repeatable: the same N gives the same data.
"""

import os
import time
from decimal import Decimal

AGENCIES = 50  # at least; a province's 100,000 people work in some 400 agencies
EMPLOYEES_PER_AGENCY = 250
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


def agencies_for(employees: int) -> int:
    """How many agencies N employees work in: 50 up to 12,500 employees, then one per 250 (BENCH_AGENCIES: fixed)."""
    from agencies.demo.bulk import MAX_AGENCIES

    if os.environ.get("BENCH_AGENCIES"):
        return int(os.environ["BENCH_AGENCIES"])
    return min(MAX_AGENCIES, max(AGENCIES, round(employees / EMPLOYEES_PER_AGENCY)))


def reset_and_seed(employees: int, *, log=print) -> float:
    """Empty the benchmark database and seed N employees over `agencies_for(N)` agencies; returns the seconds."""
    from django.core.management import call_command

    started = time.perf_counter()
    quiet = open(os.devnull, "w")  # noqa: SIM115
    call_command("migrate", verbosity=0, interactive=False)
    call_command("flush", verbosity=0, interactive=False)
    # The flush also removes the rows data migrations put in (the distribution guideline): put them back.
    call_command("migrate", "reports", "zero", verbosity=0, interactive=False)
    call_command("migrate", verbosity=0, interactive=False)
    agencies = agencies_for(employees)
    call_command("seed_demo", employees=employees, agencies=agencies, force=True, verbosity=0, stdout=quiet)
    quiet.close()
    seconds = time.perf_counter() - started
    log(f"seeded {employees} employees over {agencies} agencies in {seconds:.1f} s")
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


RHK_TEXTS = (
    "Meningkatnya ketepatan waktu pelayanan perizinan",
    "Tersusunnya laporan kinerja triwulanan unit kerja",
    "Terlaksananya pembinaan dan pengawasan layanan di kecamatan",
    "Meningkatnya kualitas data kepegawaian yang mutakhir",
    "Terselesaikannya pengaduan masyarakat sesuai standar pelayanan",
    "Terwujudnya tata kelola keuangan yang akuntabel",
)
INDICATOR_TEXTS = (
    ("Persentase berkas selesai tepat waktu", Decimal(90), "%"),
    ("Jumlah laporan yang disampaikan", Decimal(4), "laporan"),
    ("Rata-rata waktu penyelesaian layanan", Decimal(3), "hari"),
)
FEEDBACK_TEXTS = (
    "Capaian triwulan ini sudah baik, mohon lampirkan daftar hadir kegiatan sebagai bukti dukung.",
    "Terima kasih atas masukannya, bukti akan saya unggah minggu ini setelah rapat koordinasi.",
    "Indikator waktu penyelesaian perlu dipantau lebih ketat; mari kita bahas pada pertemuan bulanan.",
)
EVIDENCE_FILES = 20  # evidence rows share a few real files (a download serves one of them)
EVIDENCE_BYTES = 64 * 1024
REPORTING = ("realisation", "self_assessment", "rating", "coaching", "done")
# The history every plan has by its stage, before its realisations and feedback add theirs.
STAGE_EVENTS = {
    "draft": ("started",),
    "review": ("started", "submitted"),
    "realisation": ("started", "submitted", "approved"),
    "self_assessment": ("started", "submitted", "approved", "realisation_finished"),
    "rating": ("started", "submitted", "approved", "realisation_finished", "self_assessed"),
    "coaching": ("started", "submitted", "approved", "realisation_finished", "self_assessed", "rated"),
    "done": ("started", "submitted", "approved", "realisation_finished", "self_assessed", "rated"),
}
SUPERVISOR_ACTIONS = {"approved", "rated", "returned"}


def evidence_files() -> list[str]:
    """A few real PDF-like files under MEDIA_ROOT/evidence/bench/, written once."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    names = []
    for number in range(EVIDENCE_FILES):
        name = f"evidence/bench/bukti-{number:02d}.pdf"
        if not default_storage.exists(name):
            body = b"%PDF-1.4\n" + bytes((number + i) % 251 for i in range(EVIDENCE_BYTES))
            default_storage.save(name, ContentFile(body))
        names.append(name)
    return names


def _shape(plan_index: int) -> list[int]:
    """Indicators per RHK of one plan: 4 to 6 RHK with 1 to 3 indicators each, varied but repeatable."""
    return [1 + (plan_index + rhk * 2) % 3 for rhk in range(4 + plan_index % 3)]


CONTENTS_UP_TO = 20_000  # plans with contents; beyond, an even sample of them (BENCH_PLAN_CONTENTS_EVERY)


def contents_every(plans: int) -> int:
    """Every how many plans gets contents: all up to 20,000 plans, then an even sample of about 20,000 (seeding
    the contents of 90,000 plans would take the best part of an hour on a busy machine)."""
    if os.environ.get("BENCH_PLAN_CONTENTS_EVERY"):
        return int(os.environ["BENCH_PLAN_CONTENTS_EVERY"])
    return max(1, -(-plans // CONTENTS_UP_TO))


def seed_plan_contents(period) -> dict:
    """Every plan without RHK (or an even sample of them: `contents_every`) gets 4-6 RHK with 1-3 indicators
    each; plans past the review get a realisation per quarter so far on each indicator, evidence files on most of
    them, feedback between the employee and the supervisor, and the history (events) that their stage implies."""
    import datetime

    from django.db import transaction
    from django.utils import timezone

    from workflow.models import Evidence, Feedback, Plan, PlanEvent, Realisation, ResultIndicator, ResultPlan

    plans = list(
        Plan.objects.filter(period=period, results__isnull=True)
        .values_list("pk", "stage", "employee__user_id", "supervisor__user_id")
        .order_by("pk")
    )
    every = contents_every(len(plans))
    plans = plans[::every]
    files = evidence_files()
    start = timezone.now() - datetime.timedelta(days=400)  # the year began a while ago; everything is in the past
    counts = dict.fromkeys(("results", "indicators", "realisations", "evidence", "feedback", "events"), 0)
    with transaction.atomic():
        for offset in range(0, len(plans), 1000):  # bounded memory at 100,000 employees
            chunk = plans[offset : offset + 1000]
            results, shapes = [], []
            for index, (plan_id, _, _, _) in enumerate(chunk, start=offset):
                shape = _shape(index)
                shapes.append(shape)
                results += [
                    ResultPlan(plan_id=plan_id, text=RHK_TEXTS[(index + order) % len(RHK_TEXTS)], order=order)
                    for order in range(len(shape))
                ]
            results = ResultPlan.objects.bulk_create(results, batch_size=BATCH)
            indicators, position = [], 0
            for shape in shapes:
                for count in shape:
                    result = results[position]
                    position += 1
                    for order in range(count):
                        text, target, unit = INDICATOR_TEXTS[order]
                        indicators.append(
                            ResultIndicator(
                                result_id=result.pk,
                                description=text,
                                target_value=target,
                                target_unit=unit,
                                order=order,
                            )
                        )
            indicators = ResultIndicator.objects.bulk_create(indicators, batch_size=BATCH)
            plan_of_result = {result.pk: result.plan_id for result in results}
            owner = {plan_id: (stage, user_id, boss) for plan_id, stage, user_id, boss in chunk}
            realisations, authors = [], []
            for index, indicator in enumerate(indicators):
                plan_id = plan_of_result[indicator.result_id]
                stage, user_id, _ = owner[plan_id]
                if stage not in REPORTING:
                    continue
                quarters = 4 if stage in ("rating", "coaching", "done") else 1 + (plan_id + index) % 3
                for quarter in range(quarters):
                    realisations.append(
                        Realisation(
                            indicator_id=indicator.pk,
                            value=indicator.target_value * Decimal(70 + (index + quarter) % 35) / 100,
                            description=f"Capaian triwulan {quarter + 1}: kegiatan terlaksana sesuai jadwal",
                            obstacles="Keterbatasan jaringan di kecamatan." if (index + quarter) % 4 == 0 else "",
                            reported_at=start + datetime.timedelta(days=90 + 91 * quarter + index % 5),
                            reported_by_id=user_id,
                        )
                    )
                    authors.append(plan_id)
            realisations = Realisation.objects.bulk_create(realisations, batch_size=BATCH)
            evidence = [
                Evidence(
                    realisation_id=realisation.pk,
                    file=files[number % len(files)],
                    original_name=f"bukti-triwulan-{number % 4 + 1}.pdf",
                    content_type="application/pdf",
                    size=EVIDENCE_BYTES + 9,
                    uploaded_at=realisation.reported_at,
                    uploaded_by_id=realisation.reported_by_id,
                )
                for number, realisation in enumerate(realisations)
                if number % 5 != 4  # most realisations carry a file
            ]
            Evidence.objects.bulk_create(evidence, batch_size=BATCH)
            feedback, events = [], []
            for index, (plan_id, stage, user_id, boss) in enumerate(chunk, start=offset):
                for step, action in enumerate(STAGE_EVENTS[stage]):
                    # The plan is agreed in the first weeks; the year's reporting and rating come after its end.
                    days = 3 * step + index % 5 + (0 if step < 3 else 366)
                    day = start + datetime.timedelta(days=days)
                    actor = boss if action in SUPERVISOR_ACTIONS and boss else user_id
                    events.append(PlanEvent(plan_id=plan_id, actor_id=actor, action=action, created_at=day))
                if stage in REPORTING:
                    for number in range(1 + index % 3):
                        author = (boss or user_id) if number % 2 == 0 else user_id
                        at = start + datetime.timedelta(days=60 + 90 * number)
                        text = FEEDBACK_TEXTS[(index + number) % len(FEEDBACK_TEXTS)]
                        feedback.append(Feedback(plan_id=plan_id, author_id=author, text=text, created_at=at))
                        events.append(PlanEvent(plan_id=plan_id, actor_id=author, action="feedback", created_at=at))
            events += [
                PlanEvent(
                    plan_id=plan_id,
                    actor_id=realisation.reported_by_id,
                    action="realisation_recorded",
                    created_at=realisation.reported_at,
                )
                for plan_id, realisation in zip(authors, realisations, strict=True)
            ]
            Feedback.objects.bulk_create(feedback, batch_size=BATCH)
            PlanEvent.objects.bulk_create(events, batch_size=BATCH)
            for name, rows in (
                ("results", results),
                ("indicators", indicators),
                ("realisations", realisations),
                ("evidence", evidence),
                ("feedback", feedback),
                ("events", events),
            ):
                counts[name] += len(rows)
    return {**counts, "plans_with_contents": len(plans), "contents_every": every}


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
    # Posts of realistic length: one to four paragraphs (a reply is short, a shared practice is long).
    bodies = ["\n\n".join(BODIES[(i + k) % len(BODIES)] for k in range(1 + i % 4)) for i in range(2 * len(BODIES))]
    rendered = [(body, render_markdown(body)) for body in bodies]
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
    """Planner statistics and the visibility map, as autovacuum (PostgreSQL) keeps them on a live database: without
    the VACUUM, index-only scans (the partial index of open tasks, say) read the table anyway. VACUUM cannot run
    inside a transaction (the bench's own tests run in one): ANALYZE alone there."""
    from django.db import connection

    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
