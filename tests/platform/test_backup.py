"""Backup and restore as documented in the README ("Backup and restore"): a database holding plans at every stage with
their process history, ratings and coaching, the audit log, the forum and meetings, plus uploaded files, is backed
up and restored into a fresh database and media directory, and everything comes back.

- PostgreSQL: `deploy/backup.sh` (pg_dump --format=custom + a tar of MEDIA_ROOT) and `deploy/restore.sh`
  (pg_restore into a new, empty database); compared table by table, row by row, with working sequences afterwards.
  Run with e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/kinerja_h4 (skipped on SQLite); the restored
  databases are named after it (kinerja_h4_restore_…) and dropped at the end.
- Any database: the documented dumpdata/loaddata commands, loaded into a freshly migrated second database.
"""

import datetime
import hashlib
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent, AuditKind
from audit.services import record_event
from forums import services as forums
from forums.models import (
    ActionItem,
    Adoption,
    AgendaItem,
    Attachment,
    Meeting,
    MeetingNote,
    Notification,
    Post,
    PostRevision,
    Reaction,
    Topic,
)
from tests.factories import (
    CategoryFactory,
    EmployeeFactory,
    PlanFactory,
    ResultIndicatorFactory,
    ResultPlanFactory,
)
from workflow import services
from workflow.models import (
    BehaviourRating,
    CoachingSession,
    Evidence,
    Plan,
    PlanEvent,
    PlanProcess,
    ResultRating,
)

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
PDF = b"%PDF-1.4\n% Kinerja test evidence\n" + bytes(range(256)) + b"\n%%EOF\n"

# What must survive a restore, model by model (every concrete field is compared, see `snapshot`).
MEANINGFUL = [
    "auth.User",
    "agencies.Agency",
    "agencies.Employee",
    "workflow.Plan",
    "workflow.ResultPlan",
    "workflow.ResultIndicator",
    "workflow.Realisation",
    "workflow.Evidence",
    "workflow.Feedback",
    "workflow.BehaviourExpectation",
    "workflow.SelfAssessment",
    "workflow.ResultRating",
    "workflow.BehaviourRating",
    "workflow.CoachingPlan",
    "workflow.CoachingSession",
    "workflow.PlanEvent",
    "workflow.PlanProcess",
    "viewflow.Process",
    "viewflow.Task",
    "audit.AuditEvent",
    "axes.AccessAttempt",
    "forums.Topic",
    "forums.Post",
    "forums.PostRevision",
    "forums.Reaction",
    "forums.Attachment",
    "forums.Adoption",
    "forums.Notification",
    "forums.Meeting",
    "forums.AgendaItem",
    "forums.MeetingNote",
    "forums.ActionItem",
]


def pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


# ------------------------------------------------------------------------------------------------------ the data


@pytest.fixture
def cascade_rhk(supervisor, period):
    """The supervisor's approved RHK that every employee's plan supports (a cascade target only)."""
    plan = PlanFactory(employee=supervisor, period=period, stage="realisation", supervisor=supervisor.supervisor)
    result = ResultPlanFactory(plan=plan, text="Meningkatnya kecepatan layanan dokumen kependudukan")
    ResultIndicatorFactory(result=result)
    return result


@pytest.fixture
def office(agency, unit, supervisor, employee, colleague, head, coordinator, outsider, period, cascade_rhk):
    """A working office, built through the services as people would: plans at several stages with their history,
    returns with comments, realisations with evidence files, ratings and coaching, a reassignment, sign-ins, a
    forum practice with an attachment, replies, an edit, reactions and an adoption, and a closed evaluation meeting.
    """
    # A database in use has gaps in its ids (rolled-back transactions, removed rows): one here, before everything.
    Notification.objects.create(user=employee.user, kind="reply", url="/").delete()
    people = [employee, colleague] + [
        EmployeeFactory(user__username=f"staff{n}", agency=agency, unit=unit, supervisor=supervisor) for n in range(3)
    ]

    def open_plan(person):
        plan = services.start_plan(employee=person, period=period)
        rhk = services.add_result(plan=plan, by=person.user, text="Terbitnya KTP-el tepat waktu", supports=cascade_rhk)
        services.add_indicator(
            result=rhk, by=person.user, description="KTP-el terbit", target_value=500, target_unit="dokumen"
        )
        return plan

    def realise(plan, person):
        services.record_realisation(
            indicator=plan.results.get().indicators.get(),
            by=person.user,
            value=480,
            description="Pelayanan keliling di kecamatan",
            files=[pdf("laporan-triwulan.pdf")],
            links=["https://kinerja.example.go.id/bukti/1"],
        )
        services.finish_realisation(plan=plan, by=person.user)
        services.submit_self_assessment(plan=plan, by=person.user, results_rating="AS_EXPECTED", summary="Tercapai")

    def rate(plan, rating):
        services.rate_plan(
            plan=plan,
            by=supervisor.user,
            results_rating=rating,
            behaviour_rating=rating,
            result_ratings={plan.results.get().pk: (rating, "Catatan atasan")},
            results_comment="Hasil kerja",
            behaviour_ratings={"service": (rating, "Ramah")},
        )

    # Returned with a comment, corrected, approved, realised with evidence, rated low, coached and closed.
    coached = open_plan(employee)
    services.submit_plan(plan=coached, by=employee.user)
    services.set_expectations(plan=coached, by=supervisor.user, expectations={"service": "Layanan tanpa antre"})
    services.return_plan(plan=coached, by=supervisor.user, comment="Lengkapi satuan target")
    services.submit_plan(plan=coached, by=employee.user)
    services.approve_plan(plan=coached, by=supervisor.user, comment="Setuju")
    services.add_feedback(plan=coached, by=supervisor.user, text="Pertahankan kecepatan layanan")
    realise(coached, employee)
    rate(coached, "BELOW")
    services.plan_coaching(
        plan=coached,
        by=supervisor.user,
        kind="konseling",
        problems="Antrean panjang",
        agreed_actions="Jadwal keliling",
        due_on=datetime.date(2027, 2, 1),
    )
    services.acknowledge_coaching(plan=coached, by=employee.user, note="Siap")
    services.add_coaching_session(plan=coached, by=supervisor.user, held_on=datetime.date(2027, 1, 15), notes="Sesi 1")
    services.close_coaching(plan=coached, by=supervisor.user, outcome="Membaik")
    # Rated as expected: done without coaching.
    done = open_plan(colleague)
    services.submit_plan(plan=done, by=colleague.user)
    services.approve_plan(plan=done, by=supervisor.user)
    realise(done, colleague)
    rate(done, "AS_EXPECTED")
    # Approved, then sent back for a revision.
    revised = open_plan(people[2])
    services.submit_plan(plan=revised, by=people[2].user)
    services.approve_plan(plan=revised, by=supervisor.user)
    services.request_revision(plan=revised, by=people[2].user, reason="Target berubah")
    # In review, handed to the head by the coordinator (audit log); and a draft.
    in_review = open_plan(people[3])
    services.submit_plan(plan=in_review, by=people[3].user)
    services.reassign_task(plan=in_review, by=coordinator, to=head, reason="Atasan cuti")
    open_plan(people[4])

    # The audit log and lockout records: a sign-in, a failed one, an export.
    Client().post(reverse("login"), {"username": "employee", "password": "kinerja-test-pass"})
    Client().post(reverse("login"), {"username": "employee", "password": "wrong"})
    record_event(kind=AuditKind.EXPORTED, actor=coordinator, target="Rekap predikat 2026")

    # The forum: a practice with an attachment, replies with a mention, an edit, reactions, an answer, an adoption.
    topic = forums.create_topic(
        author=employee.user,
        category=CategoryFactory(slug="pelayanan"),
        title="Jemput bola KTP-el",
        body="Kami membuka **layanan keliling**.",
        agency=agency,
        tags="ktp-el, pelayanan",
        files=[pdf("sop-keliling.pdf")],
    )
    answer = forums.post_reply(topic=topic, author=supervisor.user, body="Bagus, @employee, lanjutkan")
    forums.post_reply(topic=topic, author=colleague.user, body="Kami coba di kecamatan lain")
    forums.edit_post(post=topic.posts.earliest("pk"), editor=employee.user, body="Kami membuka layanan keliling.")
    forums.toggle_reaction(post=answer, user=employee.user, kind="like")
    forums.toggle_reaction(post=answer, user=colleague.user, kind="like")
    forums.set_accepted_answer(topic=topic, post=answer, by=employee.user)
    forums.adopt_practice(
        topic=topic,
        by=coordinator,
        agency=outsider.agency,
        responsible=outsider,
        follow_up_on=datetime.date(2026, 9, 1),
    )

    # An evaluation meeting, run and closed, with a decision and an action item.
    meeting = forums.schedule_meeting(
        by=coordinator,
        period=period,
        title="Forum Evaluasi IKU Triwulan II",
        starts_at=datetime.datetime(2026, 7, 15, 9, 0, tzinfo=datetime.UTC),
        agencies=[agency],
        place="Ruang Rapat Bupati",
    )
    item = meeting.items.get()
    forums.set_current_item(meeting=meeting, item=item, by=coordinator)
    forums.add_note(meeting=meeting, by=coordinator, text="Layanan keliling diperluas", item=item, is_decision=True)
    forums.add_action_item(
        meeting=meeting, by=coordinator, owner_agency=agency, text="Susun SOP", due_on=datetime.date(2026, 9, 30)
    )
    forums.close_meeting(meeting=meeting, by=coordinator, minutes="Notulen forum evaluasi")


def assert_the_office_is_all_there(using: str = "default") -> None:
    """Spot checks, by meaning, that the data a restore must keep is present (and that `office` built it)."""
    plans = Plan.objects.using(using)
    assert set(plans.values_list("stage", flat=True)) >= {"done", "draft", "review", "realisation"}
    assert sorted(plans.exclude(predikat="").values_list("predikat", flat=True)) == ["BAIK", "SANGAT_KURANG"]
    events = PlanEvent.objects.using(using)
    assert events.filter(action="returned", comment="Lengkapi satuan target").exists()
    assert events.filter(action="reassigned").exists() and events.filter(action="coaching_closed").exists()
    assert PlanProcess.objects.using(using).count() == 5
    assert ResultRating.objects.using(using).count() == BehaviourRating.objects.using(using).count() == 2
    assert CoachingSession.objects.using(using).get().coaching.outcome == "Membaik"
    assert Evidence.objects.using(using).exclude(file="").count() == 2
    assert set(AuditEvent.objects.using(using).values_list("kind", flat=True)) >= {
        "login",
        "login_failed",
        "reassigned",
        "exported",
    }
    topic = Topic.objects.using(using).get()
    assert topic.accepted_post_id and topic.post_count == 3
    assert PostRevision.objects.using(using).count() == 1 and Reaction.objects.using(using).count() == 2
    assert Attachment.objects.using(using).get().original_name == "sop-keliling.pdf"
    assert Adoption.objects.using(using).exists() and Notification.objects.using(using).exists()
    meeting = Meeting.objects.using(using).get()
    assert meeting.status == "closed" and meeting.minutes == "Notulen forum evaluasi"
    assert AgendaItem.objects.using(using).exists() and ActionItem.objects.using(using).exists()
    assert MeetingNote.objects.using(using).get(meeting=meeting).is_decision


def snapshot(using: str, *, milliseconds: bool = False) -> dict:
    """Every concrete field of every meaningful model (and their many-to-many rows), in a database-independent form:
    foreign keys to users and content types by natural key (dumpdata renumbers those), others by id. With
    `milliseconds`, times are cut to the precision dumpdata's JSON keeps."""
    user_model = get_user_model()
    view = {}
    for label in MEANINGFUL:
        model = apps.get_model(label)
        fields, many = [], []
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is user_model:
                fields.append(f"{field.name}__username")
            elif field.is_relation and field.related_model is ContentType:
                fields += [f"{field.name}__app_label", f"{field.name}__model"]
            elif not (model is user_model and field.primary_key):
                fields.append(field.attname)
        many = [field.name for field in model._meta.local_many_to_many]
        order = "username" if model is user_model else "pk"
        rows = model.objects.using(using).order_by(order)
        view[label] = [tuple(map(cut, row)) if milliseconds else row for row in rows.values_list(*fields)]
        for name in many:
            view[f"{label}.{name}"] = sorted(rows.filter(**{f"{name}__isnull": False}).values_list(order, f"{name}"))
        assert view[label], f"{label} has no rows: the data set must exercise it"
    return view


def cut(value):
    if isinstance(value, datetime.datetime | datetime.time):
        return value.replace(microsecond=value.microsecond // 1000 * 1000)
    return value


def assert_same(restored: dict, expected: dict) -> None:
    assert restored.keys() == expected.keys()
    for label, rows in expected.items():
        assert restored[label] == rows, f"{label} differs after the restore"


# --------------------------------------------------------------------------------------------- a second database


def libpq_url(settings_dict: dict, name: str) -> str:
    user = quote(settings_dict["USER"] or "", safe="")
    password = f":{quote(settings_dict['PASSWORD'], safe='')}" if settings_dict["PASSWORD"] else ""
    host = settings_dict["HOST"] or "127.0.0.1"
    port = f":{settings_dict['PORT']}" if settings_dict["PORT"] else ""
    return f"postgresql://{user}{password}@{host}{port}/{name}"


def connect_restored() -> None:
    """Open the "restored" connection directly: a Django test only lets `ensure_connection` reach the aliases it
    declared when it started, and this one is added during the test."""
    if connections["restored"].connection is None:
        connections["restored"].connect()


@pytest.fixture
def fresh_database(tmp_path):
    """A new, empty database next to the test database, reachable as Django alias "restored"; dropped afterwards."""
    source = connection.settings_dict
    if connection.vendor == "postgresql":
        name = f"{source['NAME'].removeprefix('test_')}_restore_{uuid.uuid4().hex[:12]}"  # e.g. kinerja_restore_…
        maintenance = libpq_url(source, "postgres")
        with psycopg.connect(maintenance, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
    else:
        name = str(tmp_path / "restored.sqlite3")
    connections.databases["restored"] = {**source, "NAME": name, "TEST": {**source["TEST"], "NAME": name}}
    connect_restored()
    try:
        yield libpq_url(source, name) if connection.vendor == "postgresql" else f"sqlite:///{name}"
    finally:
        connections["restored"].close()
        del connections["restored"]
        del connections.databases["restored"]
        if connection.vendor == "postgresql":
            with psycopg.connect(maintenance, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# ----------------------------------------------------------------------------------------- pg_dump / pg_restore


def table_fingerprints(using: str) -> dict[str, tuple[int, str]]:
    """Row count and an md5 of all rows' text, for every table of the database."""
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [row[0] for row in cursor.fetchall()]
        prints = {}
        for table in tables:
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM \"{table}\" t"
            )
            prints[table] = cursor.fetchone()
    return prints


def sequences_behind_their_tables(using: str) -> list[str]:
    """Tables whose id sequence would hand out an id that is already taken."""
    behind = []
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'id'"
            " AND pg_get_serial_sequence(quote_ident(table_name), 'id') IS NOT NULL"
        )
        for (table,) in cursor.fetchall():
            cursor.execute(
                f"SELECT nextval(pg_get_serial_sequence('\"{table}\"', 'id')) <= coalesce(max(id), 0) FROM \"{table}\""
            )
            if cursor.fetchone()[0]:
                behind.append(table)
    return behind


def manage(*args, database_url: str) -> None:
    environment = {**os.environ, "DATABASE_URL": database_url}
    done = subprocess.run(
        [sys.executable, "manage.py", *map(str, args)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr


def run_script(script: str, *args, database_url: str, media: Path) -> str:
    environment = {**os.environ, "DATABASE_URL": database_url, "DJANGO_MEDIA_ROOT": str(media)}
    done = subprocess.run(
        [str(DEPLOY / script), *map(str, args)], env=environment, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def media_files(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


def skip_unless_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: pg_dump and pg_restore back up the production database")
    if not (shutil.which("pg_dump") and shutil.which("pg_restore") and shutil.which("psql")):
        pytest.skip("needs the PostgreSQL client programs pg_dump, pg_restore and psql on PATH")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_pg_dump_backup_restored_into_a_fresh_database_gives_the_same_plans_histories_audit_log_and_forum(
    office, fresh_database, tmp_path
):
    skip_unless_postgresql()
    assert_the_office_is_all_there()
    media = Path(django_settings.MEDIA_ROOT)
    uploaded = media_files(media)
    assert len(uploaded) == 3  # two evidence files and the forum attachment, stored under MEDIA_ROOT
    expected_tables, expected = table_fingerprints("default"), snapshot("default")

    source_url = libpq_url(connection.settings_dict, connection.settings_dict["NAME"])
    folder = Path(run_script("backup.sh", tmp_path / "backups", database_url=source_url, media=media).strip())
    assert sorted(path.name for path in folder.iterdir()) == ["database.dump", "media.tar.gz"]
    assert {path.stat().st_mode & 0o777 for path in [folder, *folder.iterdir()]} <= {0o700, 0o600}  # private
    restored_media = tmp_path / "restored-media"
    report = run_script("restore.sh", folder, database_url=fresh_database, media=restored_media)

    # Every table, row for row; then the same by meaning through the ORM.
    assert table_fingerprints("restored") == expected_tables
    assert_same(snapshot("restored"), expected)
    assert_the_office_is_all_there("restored")
    # Every uploaded file is back, byte for byte, where the restored rows point.
    assert media_files(restored_media) == uploaded
    stored = {str(row.file) for row in Evidence.objects.using("restored").exclude(file="")}
    stored |= {str(row.file) for row in Attachment.objects.using("restored")}
    assert stored == set(uploaded)
    # The restore says what came back.
    counts = [f"plans: {Plan.objects.count()}", f"plan events: {PlanEvent.objects.count()}"]
    counts += [f"forum posts: {Post.objects.count()}", f"media files: {len(uploaded)}"]
    assert all(f"\n{line}\n" in report for line in counts), report
    manage("migrate", "--check", database_url=fresh_database)  # the schema is the code's: nothing to apply
    # Sequences carry on: new rows get fresh ids.
    assert sequences_behind_their_tables("restored") == []
    plan = Plan.objects.using("restored").get(stage="realisation")
    event = PlanEvent.objects.using("restored").create(plan=plan, action="feedback", comment="Setelah pemulihan")
    assert event.pk > PlanEvent.objects.latest("pk").pk
    post = Post.objects.using("restored").create(
        topic=Topic.objects.using("restored").get(), author=plan.employee.user, body="Pulih", html="<p>Pulih</p>"
    )
    assert post.pk > Post.objects.latest("pk").pk


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty(office, tmp_path):
    skip_unless_postgresql()
    url = libpq_url(connection.settings_dict, connection.settings_dict["NAME"])
    media = Path(django_settings.MEDIA_ROOT)
    folder = Path(run_script("backup.sh", tmp_path / "backups", database_url=url, media=media).strip())
    before = Plan.objects.count(), PlanEvent.objects.count()

    environment = {**os.environ, "DATABASE_URL": url, "DJANGO_MEDIA_ROOT": str(tmp_path / "other-media")}
    done = subprocess.run([str(DEPLOY / "restore.sh"), str(folder)], env=environment, capture_output=True, text=True)

    assert done.returncode == 1 and "restore into a fresh one" in done.stderr
    assert (Plan.objects.count(), PlanEvent.objects.count()) == before
    assert not (tmp_path / "other-media").exists()


# ---------------------------------------------------------------------------------------------- dumpdata / loaddata


@pytest.mark.django_db(transaction=True)
def test_dumpdata_loaded_into_a_freshly_migrated_database_gives_the_same_plans_histories_audit_log_and_forum(
    office, fresh_database, tmp_path
):
    """The README's dumpdata/loaddata commands (the SQLite demo, or moving between databases), on any database."""
    assert_the_office_is_all_there()
    expected = snapshot("default", milliseconds=True)
    dump = tmp_path / "kinerja.json"
    call_command(
        "dumpdata",
        "--natural-foreign",
        "--natural-primary",
        "--exclude=contenttypes",
        "--exclude=auth.permission",
        "--exclude=sessions",
        output=str(dump),
        verbosity=0,
    )

    # Into the fresh database as the README says, in a process of its own where it is the only database.
    manage("migrate", database_url=fresh_database)
    manage("loaddata", dump, database_url=fresh_database)

    assert_same(snapshot("restored", milliseconds=True), expected)
    assert_the_office_is_all_there("restored")
    plan = Plan.objects.using("restored").get(stage="realisation")
    event = PlanEvent.objects.using("restored").create(plan=plan, action="feedback", comment="Setelah pemulihan")
    assert event.pk > PlanEvent.objects.latest("pk").pk
