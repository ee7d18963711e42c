"""Every URL of the project × every kind of visitor: the expected status, and no foreign name or NIP in a page.

The URL list comes from the URLconf (`get_resolver()`, walked recursively) and the websocket routes from
`forums.routing`, so a new URL is covered the moment it exists: until its expectation is declared in EXPECTED below,
`test_every_url_has_a_declared_expectation` fails and says what to add.

Visitors (the "roles" of the matrix):
- anonymous: not logged in;
- stranger: an employee of the other agency (Dinkes) with no tie to the data;
- foreign_boss: a supervisor in the other agency;
- foreign_coordinator: a coordinator whose scope is only the other agency;
- rightful: the person the URL is for (named per URL in EXPECTED).
All the data a URL is built with belongs to Dukcapil; its people's names and NIPs must not appear in a 200 answered
to anyone but the rightful user.
"""

import datetime
import re
from dataclasses import dataclass, field

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from forums import services as forum_services
from forums.models import NotificationKind
from forums.routing import websocket_urlpatterns
from surveys.models import SurveyResponse
from tests.factories import (
    AgencyFactory,
    CategoryFactory,
    CoordinatorFactory,
    EmployeeFactory,
    IndicatorFactory,
    IndicatorRealisationFactory,
    IndicatorTargetFactory,
    PeriodFactory,
    PlanFactory,
    PublicServiceFactory,
    ResultIndicatorFactory,
    ResultPlanFactory,
    UnitFactory,
    UserFactory,
)
from tests.images import png_bytes
from workflow import opening
from workflow import services as plan_services
from workflow.models import ActingAppointment, IssuedDocument, PeriodicReview, Stage
from workflow.objections.services import file_objection

FOREIGN_ROLES = ("anonymous", "stranger", "foreign_boss", "foreign_coordinator")
ROLES = (*FOREIGN_ROLES, "rightful")
LOGIN = "login"  # expectation: a redirect to the login page


# --------------------------------------------------------------------------------------------- the fixture world


@dataclass
class World:
    users: dict = field(default_factory=dict)
    secrets: list = field(default_factory=list)  # names and NIPs of Dukcapil people
    kwargs: dict = field(default_factory=dict)  # URL keyword argument values


def build_world() -> World:
    world = World()
    period = PeriodFactory(year=2026, status="running")
    previous = PeriodFactory(year=2025, name="Tahunan 2025", status="closed")
    dukcapil = AgencyFactory(code="DUKCAPIL", name="Dinas Kependudukan", short_name="Dukcapil")
    dinkes = AgencyFactory(code="DINKES", name="Dinas Kesehatan", short_name="Dinkes")
    unit = UnitFactory(agency=dukcapil)
    head = EmployeeFactory(user__username="head", name="Budi Santoso", agency=dukcapil, position_type="jpt")
    dukcapil.head = head
    dukcapil.save(update_fields=["head"])
    supervisor = EmployeeFactory(
        user__username="supervisor", name="Siti Rahayu", agency=dukcapil, unit=unit, supervisor=head
    )
    employee = EmployeeFactory(
        user__username="employee", name="Andi Wijaya", agency=dukcapil, unit=unit, supervisor=supervisor
    )
    colleague = EmployeeFactory(
        user__username="colleague", name="Dewi Lestari", agency=dukcapil, unit=unit, supervisor=supervisor
    )
    newcomer = EmployeeFactory(
        user__username="newcomer", name="Joko Prasetyo", agency=dukcapil, unit=unit, supervisor=supervisor
    )
    objector = EmployeeFactory(
        user__username="objector", name="Eko Saputra", agency=dukcapil, unit=unit, supervisor=supervisor
    )
    foreign_boss = EmployeeFactory(
        user__username="foreign_boss", name="Rina Marlina", agency=dinkes, position_type="administrator"
    )
    stranger = EmployeeFactory(user__username="stranger", name="Rudi Hartono", agency=dinkes, supervisor=foreign_boss)
    dinkes_head = EmployeeFactory(user__username="dinkes_head", name="Agus Salim", agency=dinkes)
    dinkes.head = dinkes_head
    dinkes.save(update_fields=["head"])
    coordinator = UserFactory(username="coordinator")
    CoordinatorFactory(user=coordinator, all_agencies=False).agencies.set([dukcapil])
    foreign_coordinator = UserFactory(username="foreign_coordinator")
    CoordinatorFactory(user=foreign_coordinator, all_agencies=False).agencies.set([dinkes])
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    world.users = {
        "anonymous": None,
        "stranger": stranger.user,
        "foreign_boss": foreign_boss.user,
        "foreign_coordinator": foreign_coordinator,
        "employee": employee.user,
        "colleague": colleague.user,
        "newcomer": newcomer.user,
        "objector": objector.user,
        "supervisor": supervisor.user,
        "head": head.user,
        "coordinator": coordinator,
        "admin": admin,
    }
    for person in (head, supervisor, employee, colleague, newcomer, objector):
        world.secrets += [person.name, person.nip]

    # Plans: the supervisor's approved plan to cascade from; the employee's running plan with evidence; the
    # colleague's plan waiting for review; the newcomer's draft; a plan of the stranger in Dinkes.
    boss_plan = PlanFactory(employee=supervisor, period=period, stage="realisation", supervisor=head)
    boss_result = ResultPlanFactory(plan=boss_plan, text="Meningkatnya layanan adminduk")
    ResultIndicatorFactory(result=boss_result)

    def filled(person):
        plan = plan_services.start_plan(employee=person, period=period)
        result = plan_services.add_result(
            plan=plan, by=person.user, text=f"Terbitnya KTP-el tepat waktu {person.name}", supports=boss_result
        )
        indicator = plan_services.add_indicator(
            result=result, by=person.user, description="KTP-el terbit", target_value=500, target_unit="dokumen"
        )
        return plan, result, indicator

    running, running_result, running_indicator = filled(employee)
    plan_services.submit_plan(plan=running, by=employee.user)
    plan_services.approve_plan(plan=running, by=supervisor.user)
    evidence_file = SimpleUploadedFile("rahasia.pdf", b"%PDF-1.4\nsecret evidence\n", content_type="application/pdf")
    photo_file = SimpleUploadedFile("foto-kegiatan.png", png_bytes(), content_type="image/png")
    plan_services.record_realisation(
        indicator=running_indicator, by=employee.user, value=10, files=[evidence_file, photo_file]
    )
    evidence, photo_evidence = running_indicator.realisations.get().evidence.order_by("pk")
    # The approval opened the periodic evaluation of the quarter running now, waiting for the employee's report.
    periodic_review = PeriodicReview.objects.get(plan=running)
    review, _, _ = filled(colleague)
    plan_services.submit_plan(plan=review, by=colleague.user)
    draft, draft_result, draft_indicator = filled(newcomer)
    # The objector's plan, rated Sangat Kurang, with an objection (and its evidence) waiting for the head's decision.
    objected, objected_result, objected_indicator = filled(objector)
    plan_services.submit_plan(plan=objected, by=objector.user)
    plan_services.approve_plan(plan=objected, by=supervisor.user)
    plan_services.record_realisation(indicator=objected_indicator, by=objector.user, value=1)
    plan_services.finish_realisation(plan=objected, by=objector.user)
    plan_services.submit_self_assessment(plan=objected, by=objector.user, results_rating="ABOVE", summary="s")
    plan_services.rate_plan(
        plan=objected,
        by=supervisor.user,
        results_rating="BELOW",
        behaviour_rating="BELOW",
        result_ratings={objected_result.pk: ("BELOW", "")},
    )
    objection_evidence = SimpleUploadedFile("keberatan.pdf", b"%PDF-1.4\nkeberatan\n", content_type="application/pdf")
    objection = file_objection(plan=objected, by=objector.user, reasons="Target tercapai", evidence=objection_evidence)
    # A planned acting appointment (Plh) for the supervisor's position: nothing moves before its start.
    acting = ActingAppointment.objects.create(
        holder=supervisor,
        acting=colleague,
        kind="plh",
        starts_on=datetime.date(2099, 1, 1),
        ends_on=datetime.date(2099, 1, 5),
        reason="Cuti",
    )
    # An issued document for the public verification page; its owner's name is a stand-in (the page shows the name
    # to anyone with the code, by design), so the check for Dukcapil names still means something on it.
    issued = IssuedDocument.objects.create(
        code="VERFY00001",
        plan=draft,
        kind="skp",
        fingerprint="0" * 64,
        content_hash="1" * 64,
        owner_name="Pemilik Dokumen",
        period_name=str(period),
    )
    from tests.workflow.conftest import open_task

    review_task = open_task(review, "review")
    review.refresh_from_db()
    assert review.stage == Stage.REVIEW and review_task is not None

    # IKU of Dukcapil with a realisation to verify.
    iku = IndicatorFactory(agency=dukcapil, code="IKU1", unit_of_measure="hari")
    IndicatorTargetFactory(indicator=iku, year=2026, value=10)
    iku_realisation = IndicatorRealisationFactory(indicator=iku, period=previous, value=12)

    # Opening of the next period for Dukcapil (runs inline in tests).
    next_period = PeriodFactory(year=2027, name="Tahunan 2027", status="planning")
    period_opening = opening.request_period_opening(period=next_period, agency_ids=[dukcapil.pk], by=coordinator)

    # Forums: a practice shared by the Dukcapil coordinator (no employee record, so no Dukcapil name on it), an
    # attachment, a flagged reply, a meeting of both agencies with an action item, a notification for the employee.
    category = CategoryFactory(name="Administrasi Kependudukan", slug="adminduk")
    attachment = SimpleUploadedFile("sop.pdf", b"%PDF-1.4\nsop\n", content_type="application/pdf")
    topic = forum_services.create_topic(
        author=coordinator,
        category=category,
        title="Jemput bola KTP-el",
        body="Layanan keliling di kecamatan.",
        agency=dukcapil,
        files=[attachment],
    )
    post = topic.posts.get()
    forum_services.flag_post(post=post, user=stranger.user, reason="spam")
    meeting = forum_services.schedule_meeting(
        by=coordinator,
        period=period,
        title="Forum Evaluasi IKU",
        starts_at=datetime.datetime(2026, 7, 15, 9, 0, tzinfo=datetime.UTC),
        place="Ruang Rapat",
        agencies=[dukcapil],
    )
    action = forum_services.add_action_item(
        meeting=meeting, by=coordinator, owner_agency=dukcapil, text="Susun SOP", due_on=datetime.date(2026, 9, 30)
    )
    (notification,) = forum_services.notify(
        user_ids=[employee.user.pk], kind=NotificationKind.REPLY, data={"title": topic.title}, url="/forums/"
    )

    # --- surveys --- a public service of Dukcapil with a survey answer.
    survey_service = PublicServiceFactory(agency=dukcapil, name="Penerbitan KTP-el", slug="ktp-el")
    SurveyResponse.objects.create(service=survey_service, **{f"u{n}": 3 for n in range(1, 10)})

    world.kwargs = {
        "survey_service": survey_service.slug,
        "running_plan": running.pk,
        "review_plan": review.pk,
        "draft_plan": draft.pk,
        "draft_result": draft_result.pk,
        "draft_indicator": draft_indicator.pk,
        "running_indicator": running_indicator.pk,
        "running_result": running_result.pk,
        "periodic_review": periodic_review.pk,
        "evidence": evidence.pk,
        "photo_evidence": photo_evidence.pk,
        "review_task": review_task.pk,
        "objected_plan": objected.pk,
        "objection": objection.pk,
        "issued_code": issued.code,
        "acting": acting.pk,
        "iku": iku.pk,
        "iku_realisation": iku_realisation.pk,
        "period": period.pk,
        "next_period": next_period.pk,
        "opening": period_opening.pk,
        "agency": dukcapil.pk,
        "topic": topic.pk,
        "post": post.pk,
        "attachment": post.attachments.get().pk,
        "category": category.slug,
        "meeting": meeting.pk,
        "action": action.pk,
        "notification": notification.pk,
    }

    # --- development ---
    # A Dukcapil training on its IKU: the employee completed it (with a certificate), proposed a need and recorded an
    # external training waiting for the supervisor.
    from development import services as development_services
    from tests.development.factories import ExternalTrainingFactory, TrainingFactory

    training = TrainingFactory(agency=dukcapil, name="Pelatihan Layanan Dukcapil", indicators=[iku])
    development_services.invite(training=training, by=coordinator, employees=[employee])
    participation = training.participants.get()
    certificate = SimpleUploadedFile("sertifikat.pdf", b"%PDF-1.4\nsertifikat\n", content_type="application/pdf")
    development_services.record_result(
        participation=participation, by=coordinator, completed=True, certificate_number="C-1", certificate=certificate
    )
    need = development_services.raise_need(
        by=employee.user, employee=employee, competence="Manajemen waktu", gap="Berkas menumpuk", source="employee"
    )
    external = ExternalTrainingFactory(employee=employee)
    world.kwargs |= {
        "training": training.pk,
        "participation": participation.pk,
        "need": need.pk,
        "external": external.pk,
    }
    # --- end development ---
    # --- feedback ---: a verified complaint with a named reporter and a photo, the colleague as Dukcapil's complaint
    # officer, and a second complaint still waiting for the desk. The reporter's name and e-mail count as secrets.
    from feedback import services as complaint_services
    from tests.feedback.factories import ComplaintCategoryFactory, OfficerFactory, submit

    complaint_category = ComplaintCategoryFactory(agency=dukcapil, name="Penerbitan KTP-el")
    complaint_officer = OfficerFactory(agency=dukcapil, user=colleague.user)
    photo = SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDRrest", content_type="image/png")
    complaint, complaint_secret = submit(
        complaint_category, name="Warga Rahasia", email="rahasia@example.org", files=[photo]
    )
    complaint_services.verify_complaint(complaint=complaint, by=coordinator, decision="verify")
    waiting, _secret = submit(complaint_category, name="Warga Rahasia", email="rahasia@example.org")
    world.secrets += ["Warga Rahasia", "rahasia@example.org"]
    world.kwargs |= {
        "complaint": complaint.pk,
        "complaint_code": complaint.code,
        "complaint_secret": complaint_secret,
        "complaint_waiting": waiting.pk,
        "complaint_attachment": complaint.files.get().pk,
        "complaint_officer": complaint_officer.pk,
        "complaint_category": complaint_category.pk,
    }
    # --- end feedback ---
    # --- evaluation ---: Dukcapil's evaluation team (the colleague chairs it) with its decree; the employee is PIC of
    # the IKU, one month submitted by the employee and waiting for a verifier, the next still open.
    from agencies.models import EvaluationTeam, TeamMember
    from evaluation import services as evaluation_services
    from evaluation.models import DataSchedule

    decree = SimpleUploadedFile("sk-tim.pdf", b"%PDF-1.4\nsk\n", content_type="application/pdf")
    team = evaluation_services.save_team(
        agency=dukcapil,
        by=head.user,
        decree_number="800/1/2026",
        decree_date=datetime.date(2026, 1, 5),
        decree_file=decree,
    )
    term = {"starts_on": datetime.date(2026, 1, 1), "ends_on": datetime.date(2099, 12, 31)}
    seat = TeamMember.objects.create(team=team, employee=colleague, role="chair", **term)
    assert EvaluationTeam.objects.count() == 1
    DataSchedule.objects.create(indicator=iku, frequency="monthly", pic=employee, due_day=10)
    evaluation_services.open_data_entries(year=2026, agency_ids=[dukcapil.pk], by=coordinator)
    submitted, waiting_entry = iku.data_schedule.entries.order_by("starts_on")[:2]
    evaluation_services.submit_entry(
        entry=submitted,
        by=employee.user,
        value=12,
        evidence=SimpleUploadedFile("bukti.pdf", b"%PDF-1.4\nbukti\n", content_type="application/pdf"),
    )
    world.kwargs |= {"team_member": seat.pk, "entry": waiting_entry.pk, "submitted_entry": submitted.pk}
    member = type(colleague.user).objects.get(pk=colleague.user_id)  # fresh roles: the seat is new
    review = evaluation_services.open_review(
        agency=dukcapil,
        by=member,
        held_on=datetime.date(2026, 4, 5),
        covers_from=datetime.date(2026, 1, 1),
        covers_to=datetime.date(2026, 3, 31),
    )
    review_item = review.items.first()
    obstacle = evaluation_services.add_obstacle(
        item=review_item, by=member, category="system", description="Antrean manual", root_cause="Tanpa sistem"
    )
    review_action = evaluation_services.add_action(
        obstacle=obstacle, by=member, owner=employee, text="Antrean daring", due_on=datetime.date(2026, 6, 30)
    )
    today = datetime.date.today()
    consultation = evaluation_services.open_consultation(
        agency=dukcapil, by=head.user, year=2027, opens_on=today, closes_on=today + datetime.timedelta(days=14)
    )
    staff = type(employee.user).objects.get(pk=employee.user_id)
    comment = evaluation_services.add_comment(consultation=consultation, by=staff, indicator=iku, text="Terlalu tinggi")
    world.kwargs |= {
        "comment": comment.pk,
        "review": review.pk,
        "review_item": review_item.pk,
        "obstacle": obstacle.pk,
        "review_action": review_action.pk,
    }
    # --- end evaluation ---
    return world


# --------------------------------------------------------------------------------------------- walking the URLconf


def walk(resolver=None, namespace=None):
    """(qualified name, pattern) of every named URL pattern, recursively."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), pattern


ALL_URLS = dict(walk())


# --------------------------------------------------------------------------------------------- the one table


@dataclass(frozen=True)
class Case:
    """What one URL expects.

    args: URL keyword -> World.kwargs key (or a literal in `literal`); rightful: who the URL is for;
    get/post: the rightful user's status on GET and on an empty POST (None: not tried);
    deny: what the other agency's people get (GET, and an empty POST); 200 only where the page is Pemda-wide by design
    (its content is then still checked for Dukcapil names and NIPs); deny_for: per-role exceptions to deny (a
    coordinator of any agency moderates the Pemda-wide forums and runs the Pemda-wide periods; a supervisor elsewhere
    has a team of their own); anonymous: what a visitor who is not logged in gets (LOGIN: sent to the login page).
    """

    args: dict = field(default_factory=dict)
    rightful: str = "employee"
    get: int = 200
    post: int | None = None
    deny: int = 404
    literal: dict = field(default_factory=dict)
    deny_for: dict = field(default_factory=dict)
    anonymous: int | str = LOGIN
    # design: a form's POST-only URL answers a GET (a reload after an error) with a redirect back to the form's page
    # (common.http.post_only_back_to), for everyone signed in; its POST is checked like any POST-only URL's.
    back_to_page: bool = False

    def denied(self, role: str) -> int | str:
        if role == "anonymous":
            return self.anonymous
        if self.get == 405 or self.back_to_page:
            return self.get
        return self.deny_for.get(role, self.deny)


PLAN = {"plan_id": "running_plan"}
DRAFT = {"plan_id": "draft_plan"}
PERIOD = {"period_id": "period"}
TOPIC = {"topic_id": "topic"}
POST = {"post_id": "post"}
MEETING = {"meeting_id": "meeting"}
TRAINING = {"training_id": "training"}  # development
COMPLAINT = {"complaint_id": "complaint"}  # feedback
ANY_COORDINATOR = {"foreign_coordinator": 200}  # pages any coordinator sees (scoped to their agencies)
ANY_MODERATOR = {"foreign_coordinator": 302}  # forum moderation, done by a coordinator of any agency
OWN_PAGE = 200  # deny=OWN_PAGE: everyone gets their own version of the page (their plans, their inbox…)

EXPECTED: dict[str, Case] = {
    # Accounts and language: public or per-user.
    "login": Case(get=302, deny=302, anonymous=200),
    "logout": Case(get=405, post=302, deny=302, anonymous=302),
    "password_change": Case(deny=OWN_PAGE),
    "password_change_done": Case(deny=OWN_PAGE),
    # A forgotten password (agencies/accounts.py): for anyone, signed in or not; a link that is not one says so.
    "password_reset": Case(deny=200, anonymous=200, post=400),  # an empty form: its error
    "password_reset_done": Case(deny=200, anonymous=200),
    "password_reset_confirm": Case(literal={"uidb64": "MQ", "token": "not-a-token"}, deny=200, anonymous=200),
    "password_reset_complete": Case(deny=200, anonymous=200),
    "set_language": Case(get=302, post=302, deny=302, anonymous=302),
    "javascript-catalog": Case(deny=200, anonymous=200),
    "home": Case(deny=OWN_PAGE),
    # Master data and IKU.
    "agencies:iku_list": Case(rightful="head", deny=OWN_PAGE),
    "agencies:iku_detail": Case(args={"indicator_id": "iku"}, rightful="head"),
    "agencies:realisation_record": Case(
        args={"indicator_id": "iku"}, rightful="head", get=302, back_to_page=True, post=200
    ),
    "agencies:realisation_verify": Case(
        args={"realisation_id": "iku_realisation"}, rightful="coordinator", get=405, post=302
    ),
    "agencies:period_list": Case(rightful="coordinator", deny=403, deny_for=ANY_COORDINATOR),
    "agencies:period_create": Case(rightful="coordinator", deny=403, deny_for=ANY_COORDINATOR),
    "agencies:period_year": Case(rightful="coordinator", deny=403, deny_for=ANY_COORDINATOR),
    "agencies:period_advance": Case(
        args=PERIOD, rightful="coordinator", get=302, post=302, back_to_page=True, deny=403, deny_for=ANY_MODERATOR
    ),
    "agencies:period_edit": Case(args=PERIOD, rightful="coordinator", deny=403, deny_for=ANY_COORDINATOR),
    # Plans.
    "workflow:plan_list": Case(deny=OWN_PAGE),
    "workflow:plan_start": Case(get=405, post=302, deny=302, deny_for={"foreign_coordinator": 403}),
    "workflow:plan_detail": Case(args=PLAN),
    "workflow:plan_chart": Case(args=PLAN),
    "workflow:task_detail": Case(args={"plan_id": "review_plan", "task_id": "review_task"}, rightful="supervisor"),
    "workflow:plan_copy": Case(args=DRAFT, rightful="newcomer", get=405, post=302),
    "workflow:result_add": Case(args=DRAFT, rightful="newcomer"),
    "workflow:result_edit": Case(args={**DRAFT, "result_id": "draft_result"}, rightful="newcomer"),
    "workflow:result_delete": Case(args={**DRAFT, "result_id": "draft_result"}, rightful="newcomer", get=405, post=302),
    "workflow:indicator_add": Case(args={**DRAFT, "result_id": "draft_result"}, rightful="newcomer"),
    "workflow:indicator_edit": Case(args={**DRAFT, "indicator_id": "draft_indicator"}, rightful="newcomer"),
    "workflow:indicator_delete": Case(
        args={**DRAFT, "indicator_id": "draft_indicator"}, rightful="newcomer", get=405, post=302
    ),
    "workflow:realisation_add": Case(
        args={**PLAN, "indicator_id": "running_indicator"}, get=302, back_to_page=True, post=200
    ),
    # Plan pages' experience. The rating preview answers only on an open rating task (its rightful
    # use is tested in tests/workflow/test_plan_page_ux.py); on the review task it is 404 even for its owner.
    "workflow:plan_process": Case(args=PLAN),
    "workflow:result_move": Case(args={**DRAFT, "result_id": "draft_result"}, rightful="newcomer", get=405, post=302),
    "workflow:indicator_move": Case(
        args={**DRAFT, "indicator_id": "draft_indicator"}, rightful="newcomer", get=405, post=302
    ),
    "workflow:rating_preview": Case(
        args={"plan_id": "review_plan", "task_id": "review_task"}, rightful="supervisor", get=404
    ),
    "workflow:expectations_edit": Case(args=DRAFT, rightful="supervisor"),
    "workflow:evidence_download": Case(args={**PLAN, "evidence_id": "evidence"}),
    "workflow:evidence_thumbnail": Case(args={**PLAN, "evidence_id": "photo_evidence"}),
    "workflow:feedback_add": Case(args=PLAN, rightful="supervisor", get=302, back_to_page=True, post=200),
    "workflow:session_add": Case(args=PLAN, rightful="supervisor", get=302, back_to_page=True, post=200),
    "workflow:reassign": Case(args={"plan_id": "review_plan"}, rightful="coordinator"),
    # Objections (keberatan): the objector's plan has one already, so filing again leads to it.
    "workflow:objection_file": Case(args={"plan_id": "objected_plan"}, rightful="objector", get=302),
    "workflow:objection_detail": Case(args={"objection_id": "objection"}, rightful="objector"),
    "workflow:objection_decide": Case(args={"objection_id": "objection"}, rightful="head"),
    "workflow:objection_evidence": Case(args={"objection_id": "objection"}, rightful="objector"),
    # The public verification page of an issued PDF: anyone with the code, signed in or not (POST: the empty copy
    # form re-rendered with its error).
    "workflow:verify": Case(args={"code": "issued_code"}, deny=200, anonymous=200, post=200),
    # Periodic evaluations: read by whoever reads the plan; the employee holds the report (an empty POST is the report
    # form in error), and records the period's realisation from the page.
    "workflow:periodic_detail": Case(args={"review_id": "periodic_review"}, post=200),
    "workflow:periodic_realisation_add": Case(
        args={"review_id": "periodic_review", "indicator_id": "running_indicator"}, get=302, back_to_page=True, post=200
    ),
    "workflow:inbox": Case(deny=OWN_PAGE),
    "workflow:team": Case(rightful="supervisor", deny=403, deny_for={"foreign_boss": OWN_PAGE}),
    "workflow:acting_list": Case(rightful="coordinator", post=200, deny=403, deny_for=ANY_COORDINATOR),
    "workflow:acting_end": Case(
        args={"appointment_id": "acting"},
        rightful="coordinator",
        get=405,
        post=302,
        deny=403,
        deny_for={"foreign_coordinator": 404},
    ),  # fmt: skip
    "workflow:bulk_review": Case(rightful="supervisor", post=302, deny=403, deny_for={"foreign_boss": OWN_PAGE}),
    "workflow:plan_skp_pdf": Case(args=PLAN),
    "workflow:plan_evaluation_pdf": Case(args=PLAN, get=302),
    "workflow:team_export": Case(rightful="supervisor", deny=403, deny_for={"foreign_boss": OWN_PAGE}),
    "workflow:agency_plans_export": Case(args={"agency_id": "agency"}, rightful="head"),
    "workflow:period_open": Case(
        args={"period_id": "next_period"}, rightful="coordinator", deny=403, deny_for=ANY_COORDINATOR
    ),
    "workflow:period_opening": Case(
        args={"period_id": "next_period", "opening_id": "opening"},
        rightful="coordinator",
        deny=403,
        deny_for={"foreign_coordinator": 404},
    ),
    # Forums: Pemda-wide by design (practices are shared between agencies); the topic here is Dukcapil's, posted by
    # its coordinator, so Dukcapil people's names must still not show.
    "forums:index": Case(deny=OWN_PAGE),
    "forums:category": Case(args={"slug": "category"}, deny=OWN_PAGE),
    "forums:topic_create": Case(deny=OWN_PAGE),
    "forums:search": Case(deny=OWN_PAGE),
    "forums:flag_queue": Case(rightful="coordinator", deny=403, deny_for=ANY_COORDINATOR),
    "forums:topic_detail": Case(args=TOPIC, deny=OWN_PAGE),
    "forums:reply_create": Case(args=TOPIC, get=302, back_to_page=True, post=400, deny=400),
    "forums:topic_subscribe": Case(args=TOPIC, get=405, post=302, deny=302),
    # A live page says up to which post its reader saw; an empty POST names none (400).
    "forums:topic_read": Case(args=TOPIC, get=405, post=400, deny=400),
    # The head may not adopt a practice of their own agency; others reach the form (and get its 400).
    "forums:topic_adopt": Case(args=TOPIC, rightful="head", get=405, post=403, deny=400),
    "forums:topic_moderate": Case(
        args=TOPIC,
        literal={"action": "lock"},
        rightful="coordinator",
        get=405,
        post=302,
        deny=403,
        deny_for=ANY_MODERATOR,
    ),
    "forums:post_fragment": Case(args=POST, deny=OWN_PAGE),
    "forums:post_edit": Case(args=POST, rightful="coordinator", deny=403),
    "forums:post_history": Case(args=POST, deny=OWN_PAGE),
    "forums:post_react": Case(args=POST, get=405, post=302, deny=302),
    "forums:post_flag": Case(args=POST, get=405, post=302, deny=302),
    "forums:post_hide": Case(args=POST, rightful="coordinator", get=405, post=302, deny=403, deny_for=ANY_MODERATOR),
    "forums:post_accept": Case(args=POST, rightful="coordinator", get=405, post=302, deny=403, deny_for=ANY_MODERATOR),
    "forums:flag_resolve": Case(args=POST, rightful="coordinator", get=405, post=302, deny=403, deny_for=ANY_MODERATOR),
    "forums:attachment_download": Case(args={"attachment_id": "attachment"}, deny=OWN_PAGE),
    "forums:meeting_list": Case(rightful="coordinator", deny=OWN_PAGE),
    "forums:meeting_create": Case(rightful="coordinator", deny=403, deny_for=ANY_COORDINATOR),
    "forums:meeting_detail": Case(args=MEETING, rightful="coordinator"),
    "forums:meeting_current": Case(args=MEETING, rightful="coordinator", get=405, post=302),
    "forums:meeting_note": Case(args=MEETING, rightful="coordinator", get=405, post=302),
    "forums:meeting_action": Case(args=MEETING, rightful="coordinator", get=405, post=400),
    "forums:meeting_rebuild": Case(args=MEETING, rightful="coordinator", get=405, post=302),
    "forums:meeting_close": Case(args=MEETING, rightful="coordinator", get=405, post=302),
    "forums:action_status": Case(args={"action_id": "action"}, rightful="head", get=405, post=302),
    "forums:notification_list": Case(deny=OWN_PAGE),
    "forums:notification_badge": Case(deny=OWN_PAGE),
    "forums:notification_read_all": Case(get=405, post=302, deny=302),
    "forums:notification_open": Case(args={"notification_id": "notification"}, get=405, post=302),
    # Reports.
    "reports:dashboard": Case(rightful="coordinator", get=302, deny=302),
    "reports:index": Case(rightful="coordinator", deny=OWN_PAGE),
    "reports:period_overview": Case(args=PERIOD, rightful="coordinator", deny=403, deny_for=ANY_COORDINATOR),
    "reports:drill_down": Case(args=PERIOD, rightful="coordinator", deny=403, deny_for=ANY_COORDINATOR),
    "reports:distribution": Case(args=PERIOD, rightful="coordinator", deny=403, deny_for=ANY_COORDINATOR),
    "reports:set_organisation_predikat": Case(
        args={**PERIOD, "agency_id": "agency"}, rightful="coordinator", get=405, post=302
    ),
    "reports:record_override": Case(args={**PERIOD, "agency_id": "agency"}, rightful="coordinator", post=200),
    "reports:iku": Case(args=PERIOD, rightful="coordinator", deny=403, deny_for=ANY_COORDINATOR),
    "reports:agency_dashboard": Case(args={**PERIOD, "agency_id": "agency"}, rightful="head"),
    "reports:team_dashboard": Case(args=PERIOD, rightful="supervisor", deny=403, deny_for={"foreign_boss": OWN_PAGE}),
    "reports:export": Case(
        args=PERIOD,
        literal={"table": "overdue", "fmt": "csv"},
        rightful="coordinator",
        deny=403,
        deny_for=ANY_COORDINATOR,
    ),
    "reports:recap_pdf": Case(args=PERIOD, rightful="coordinator", deny=403, deny_for=ANY_COORDINATOR),
    # --- surveys --- the survey, its thanks page and poster are public; results follow the agency scope.
    "surveys:form": Case(args={"slug": "survey_service"}, deny=200, anonymous=200),
    "surveys:thanks": Case(args={"slug": "survey_service"}, deny=200, anonymous=200),
    "surveys:poster": Case(args={"slug": "survey_service"}, deny=200, anonymous=200),
    "surveys:results": Case(rightful="head", deny=OWN_PAGE),
    "surveys:service_results": Case(args={"slug": "survey_service"}, rightful="head"),
    "surveys:export": Case(args={"agency_id": "agency", "period_id": "period"}, rightful="head"),
    "agencies:realisation_compute": Case(args={"indicator_id": "iku"}, rightful="head", get=405, post=200),
    # --- development ---
    "development:my_development": Case(deny=OWN_PAGE),
    "development:need_list": Case(
        rightful="supervisor", deny=403, deny_for={"foreign_boss": OWN_PAGE, "foreign_coordinator": OWN_PAGE}
    ),
    "development:need_create": Case(post=200, deny=OWN_PAGE, deny_for={"foreign_coordinator": 302}),
    "development:need_decide": Case(args={"need_id": "need"}, rightful="supervisor", get=405, post=302),
    "development:training_list": Case(rightful="coordinator", deny=OWN_PAGE),
    "development:training_create": Case(rightful="coordinator", post=200, deny=403, deny_for=ANY_COORDINATOR),
    "development:training_detail": Case(args=TRAINING, rightful="coordinator"),
    "development:training_edit": Case(args=TRAINING, rightful="coordinator", post=200),
    "development:training_cancel": Case(args=TRAINING, rightful="coordinator", post=200),
    "development:training_invite": Case(args=TRAINING, rightful="coordinator", get=405, post=302),
    "development:training_register": Case(args=TRAINING, get=405, post=302),
    "development:attendance_import": Case(args=TRAINING, rightful="coordinator", post=200),
    "development:attendance_sheet": Case(args=TRAINING, rightful="coordinator"),
    "development:participant_result": Case(
        args={**TRAINING, "participation_id": "participation"}, rightful="coordinator", post=200
    ),
    "development:training_feedback": Case(args=TRAINING, get=405, post=302),
    "development:training_report": Case(args=TRAINING, rightful="coordinator", get=405, post=400),  # empty: its error
    "development:training_effect": Case(args=TRAINING, rightful="coordinator"),
    "development:certificate_download": Case(args={"participation_id": "participation"}),
    "development:external_create": Case(post=200, deny=OWN_PAGE, deny_for={"foreign_coordinator": 403}),
    "development:external_verify": Case(args={"external_id": "external"}, rightful="supervisor", get=405, post=302),
    "development:external_certificate": Case(args={"external_id": "external"}),
    "development:jp_ledger": Case(rightful="coordinator", deny=403, deny_for=ANY_COORDINATOR),
    "development:completed_export": Case(literal={"fmt": "csv"}, rightful="head", deny=OWN_PAGE),
    "development:coverage": Case(rightful="coordinator", deny=403, deny_for=ANY_COORDINATOR),
    # --- end development ---
    # --- feedback ---: citizens' pages are public and show nothing personal; the secret link is a bearer link (a
    # wrong secret is a 404: tests/feedback/test_public_pages.py); the desk's and officers' pages are scoped.
    "feedback:complaint_form": Case(post=400, deny=200, anonymous=200),
    "feedback:complaint_lookup": Case(deny=200, anonymous=200),
    "feedback:complaint_status": Case(args={"code": "complaint_code"}, deny=200, anonymous=200),
    "feedback:follow_up": Case(
        args={"code": "complaint_code", "secret": "complaint_secret"}, post=400, deny=200, anonymous=200
    ),
    "feedback:public_page": Case(deny=200, anonymous=200),
    "feedback:public_csv": Case(deny=200, anonymous=200),
    "feedback:desk_list": Case(rightful="coordinator", deny=OWN_PAGE),
    "feedback:put_on_agenda": Case(rightful="coordinator", get=405, post=404),
    "feedback:officer_list": Case(rightful="coordinator", post=400, deny=403, deny_for=ANY_COORDINATOR),
    "feedback:officer_withdraw": Case(
        args={"officer_id": "complaint_officer"}, rightful="coordinator", get=405, post=302
    ),
    "feedback:category_list": Case(rightful="coordinator", deny=403, deny_for=ANY_COORDINATOR),
    "feedback:category_deadlines": Case(args={"category_id": "complaint_category"}, rightful="coordinator", post=400),
    "feedback:complaint_detail": Case(args=COMPLAINT, rightful="colleague"),
    "feedback:verify": Case(args={"complaint_id": "complaint_waiting"}, rightful="coordinator", get=405, post=400),
    "feedback:hand_over": Case(args=COMPLAINT, rightful="colleague", get=405, post=400),
    "feedback:answer": Case(args=COMPLAINT, rightful="colleague", get=405, post=400),
    "feedback:link": Case(args=COMPLAINT, rightful="coordinator", get=405, post=302),
    "feedback:contact": Case(args=COMPLAINT, rightful="colleague"),
    "feedback:attachment_download": Case(
        args={**COMPLAINT, "attachment_id": "complaint_attachment"}, rightful="colleague"
    ),
    # --- end feedback ---
    # --- evaluation ---: the head appoints the team; its members (the colleague) keep the calendar and verify;
    # the PIC (the employee) enters. Other agencies' people get 404, a non-coordinator cannot open the calendar.
    "evaluation:my_entries": Case(deny=OWN_PAGE),
    "evaluation:calendar_open": Case(rightful="coordinator", post=400, deny=403, deny_for=ANY_COORDINATOR),
    "evaluation:team_detail": Case(args={"agency_id": "agency"}, rightful="head"),
    "evaluation:team_save": Case(args={"agency_id": "agency"}, rightful="head", get=302, back_to_page=True, post=400),
    "evaluation:decree_download": Case(args={"agency_id": "agency"}, rightful="head"),
    "evaluation:member_add": Case(args={"agency_id": "agency"}, rightful="head", get=302, back_to_page=True, post=400),
    "evaluation:member_remove": Case(args={"member_id": "team_member"}, rightful="head", get=405, post=302),
    "evaluation:calendar": Case(args={"agency_id": "agency"}, rightful="colleague"),
    "evaluation:schedule_edit": Case(args={"indicator_id": "iku"}, rightful="colleague", post=400),
    "evaluation:entry_detail": Case(args={"entry_id": "entry"}),
    "evaluation:entry_submit": Case(args={"entry_id": "entry"}, get=302, back_to_page=True, post=400),
    "evaluation:entry_verify": Case(
        args={"entry_id": "submitted_entry"}, rightful="colleague", get=302, back_to_page=True, post=302
    ),
    "evaluation:entry_return": Case(
        args={"entry_id": "submitted_entry"}, rightful="colleague", get=302, back_to_page=True, post=400
    ),
    # A figure is reopened for correction once published; the submitted one answers an empty form with its errors.
    "evaluation:entry_reopen": Case(
        args={"entry_id": "submitted_entry"}, rightful="colleague", get=302, back_to_page=True, post=400
    ),
    "evaluation:evidence_download": Case(args={"entry_id": "submitted_entry"}, rightful="colleague"),
    "evaluation:review_list": Case(args={"agency_id": "agency"}, rightful="colleague"),
    "evaluation:review_open": Case(
        args={"agency_id": "agency"}, rightful="colleague", get=302, back_to_page=True, post=400
    ),
    "evaluation:review_detail": Case(args={"review_id": "review"}, rightful="colleague"),
    "evaluation:item_add": Case(
        args={"review_id": "review"}, rightful="colleague", get=302, back_to_page=True, post=400
    ),
    "evaluation:minutes_pdf": Case(args={"review_id": "review"}, rightful="colleague"),
    "evaluation:obstacle_add": Case(args={"item_id": "review_item"}, rightful="colleague", get=405, post=400),
    "evaluation:action_add": Case(args={"obstacle_id": "obstacle"}, rightful="colleague", get=405, post=400),
    "evaluation:obstacle_escalate": Case(args={"obstacle_id": "obstacle"}, rightful="colleague", get=405, post=302),
    "evaluation:obstacle_resolve": Case(args={"obstacle_id": "obstacle"}, rightful="colleague", get=405, post=302),
    "evaluation:action_update": Case(args={"action_id": "review_action"}, rightful="colleague", get=405, post=302),
    "evaluation:consultation": Case(args={"agency_id": "agency"}, literal={"year": 2027}),
    "evaluation:consultation_open": Case(
        args={"agency_id": "agency"}, literal={"year": 2027}, rightful="head", get=302, back_to_page=True, post=400
    ),
    "evaluation:comment_add": Case(
        args={"agency_id": "agency"}, literal={"year": 2027}, get=302, back_to_page=True, post=400
    ),
    "evaluation:comment_answer": Case(
        args={"agency_id": "agency", "comment_id": "comment"},
        literal={"year": 2027},
        rightful="head",
        get=302,
        back_to_page=True,
        post=302,
    ),
    # --- end evaluation ---
    # --- board ---
    "reports:compliance": Case(args=PERIOD, rightful="coordinator", deny=403, deny_for=ANY_COORDINATOR),
    "reminders:agency_people": Case(args={**PERIOD, "agency_id": "agency"}, rightful="coordinator"),
    "reminders:remind_agency": Case(args={**PERIOD, "agency_id": "agency"}, rightful="coordinator", get=405, post=302),
    "reminders:preferences": Case(deny=OWN_PAGE, post=302),
    "forums:mention_suggestions": Case(deny=OWN_PAGE, get=200),  # without ?q= it names nobody
}


def body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


WEBSOCKETS: dict[str, dict] = {
    # route -> URL arguments, who it is for, and whether the other agency's people may connect.
    "ws/forums/t/<int:topic_id>/": {"args": TOPIC, "rightful": "employee", "foreign_connects": True},
    "ws/meetings/<int:meeting_id>/": {"args": MEETING, "rightful": "coordinator", "foreign_connects": False},
    "ws/notifications/": {"args": {}, "rightful": "employee", "foreign_connects": True},
}

ADMIN_URLS = sorted(name for name in ALL_URLS if name.startswith("admin:"))
# The API (api:…) answers tokens, not sessions: its operations × tokens matrix is tests/api/test_access.py.
SITE_URLS = sorted(name for name in ALL_URLS if not name.startswith(("admin:", "api:")))
# Admin pages a visitor may see without being staff: the admin's own login form (and its logout).
ADMIN_OPEN = {"admin:login", "admin:logout"}


# --------------------------------------------------------------------------------------------- the tests


def client_for_role(world: World, role: str) -> Client:
    client = Client()
    if world.users[role] is not None:
        client.force_login(world.users[role])
    return client


def assert_status(response, expected, what: str):
    if expected == LOGIN:
        assert response.status_code == 302, f"{what}: {response.status_code}, expected a redirect to the login page"
        assert response["Location"].startswith("/accounts/login/"), f"{what}: sent to {response['Location']}"
    else:
        assert response.status_code == expected, f"{what}: {response.status_code}, expected {expected}"


def assert_nothing_foreign(response, world: World, what: str):
    if response.status_code != 200:
        return
    content = body(response).decode("utf-8", errors="replace")
    leaked = [secret for secret in world.secrets if secret in content]
    assert not leaked, f"{what}: Dukcapil data in the page: {leaked}"


def assert_ids_sound(response, what: str):
    """Each id once, and each label and ARIA reference pointing at one: two forms on a page sharing an id, or a help
    text announced by a screen reader that is not there, lead a person to the wrong field or to nothing."""
    if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
        return
    content = re.sub(r"<template\b.*?</template>", "", body(response).decode("utf-8", errors="replace"), flags=re.S)
    ids = re.findall(r'\sid="([^"]+)"', content)
    repeated = sorted({each for each in ids if ids.count(each) > 1})
    assert not repeated, f"{what}: ids used twice: {repeated}"
    references = re.findall(r'<label\b[^>]*\sfor="([^"]+)"', content)
    for listed in re.findall(r'\saria-(?:labelledby|describedby|controls)="([^"]+)"', content):
        references.extend(listed.split())
    missing = sorted(set(references) - set(ids))
    assert not missing, f"{what}: labels or ARIA references to no element: {missing}"


def test_every_url_has_a_declared_expectation():
    undeclared = [name for name in SITE_URLS if name not in EXPECTED]
    assert not undeclared, (
        "These URL names have no access expectation. Declare who may open them in EXPECTED in "
        f"tests/test_access_matrix.py: {undeclared}"
    )
    stale = [name for name in EXPECTED if name not in ALL_URLS]
    assert not stale, f"EXPECTED names URLs that no longer exist; remove them: {stale}"
    unnamed = [str(p.pattern) for _, p in walk_unnamed() if not str(p.pattern).startswith(("admin/", "^"))]
    assert not unnamed, f"Give these URL patterns a name so the access matrix can cover them: {unnamed}"


def walk_unnamed(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from walk_unnamed(pattern, prefix + str(pattern.pattern))
        elif not pattern.name and not prefix.startswith("admin/"):
            yield prefix, pattern


@pytest.mark.parametrize("name", SITE_URLS)
def test_url_answers_every_role_by_the_matrix_and_shows_no_foreign_data(db, name):
    case = EXPECTED[name]
    world = build_world()
    url = reverse(name, kwargs={key: world.kwargs[value] for key, value in case.args.items()} | case.literal)
    for role in FOREIGN_ROLES:
        client = client_for_role(world, role)
        response = client.get(url)
        assert_status(response, case.denied(role), f"GET {url} as {role}")
        assert_nothing_foreign(response, world, f"GET {url} as {role}")
        if case.get == 405 or case.back_to_page or case.denied(role) in (403, 404, LOGIN):
            expected = case.anonymous if role == "anonymous" else case.deny_for.get(role, case.deny)
            if role == "anonymous" and expected == 200:
                continue  # a public page: nothing to post
            response = client.post(url, {})
            assert_status(response, expected, f"POST {url} as {role}")
            assert_nothing_foreign(response, world, f"POST {url} as {role}")
    client = client_for_role(world, case.rightful)
    response = client.get(url)
    assert_status(response, case.get, f"GET {url} as the rightful {case.rightful}")
    assert_ids_sound(response, f"GET {url} as the rightful {case.rightful}")
    if case.post is not None:
        assert_status(client.post(url, {}), case.post, f"POST {url} as the rightful {case.rightful}")


def admin_url(name: str) -> str:
    pattern = ALL_URLS[name].pattern
    kwargs = dict.fromkeys(pattern.converters, "1")
    regex_groups = getattr(pattern, "regex", None)
    if name == "admin:app_list":
        return reverse(name, kwargs={"app_label": "agencies"})
    if regex_groups is not None and regex_groups.groupindex and not kwargs:
        kwargs = dict.fromkeys(regex_groups.groupindex, "1")
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("name", ADMIN_URLS)
def test_admin_urls_refuse_everyone_but_staff(db, name):
    world = build_people_only()
    url = admin_url(name)
    for role in ("anonymous", "stranger", "foreign_boss", "foreign_coordinator", "employee", "coordinator"):
        response = client_for_role(world, role).get(url)
        if name in ADMIN_OPEN:
            assert response.status_code in (200, 302, 405), f"{url} as {role}: {response.status_code}"
            continue
        assert response.status_code == 302, f"{url} as {role}: {response.status_code}"
        assert response["Location"].startswith(("/admin/login/", "/accounts/login/")), f"{url} as {role}"
    response = client_for_role(world, "admin").get(url)
    assert response.status_code < 500, f"{url} as admin: {response.status_code}"


def build_people_only() -> World:
    world = World()
    dukcapil, dinkes = AgencyFactory(code="DUKCAPIL"), AgencyFactory(code="DINKES")
    boss = EmployeeFactory(user__username="foreign_boss", agency=dinkes)
    coordinator, foreign_coordinator = UserFactory(username="coordinator"), UserFactory(username="foreign_coordinator")
    CoordinatorFactory(user=coordinator, all_agencies=False).agencies.set([dukcapil])
    CoordinatorFactory(user=foreign_coordinator, all_agencies=False).agencies.set([dinkes])
    world.users = {
        "anonymous": None,
        "stranger": EmployeeFactory(user__username="stranger", agency=dinkes, supervisor=boss).user,
        "foreign_boss": boss.user,
        "foreign_coordinator": foreign_coordinator,
        "employee": EmployeeFactory(user__username="employee", agency=dukcapil).user,
        "coordinator": coordinator,
        "admin": UserFactory(username="admin", is_staff=True, is_superuser=True),
    }
    return world


# An administrator (Django superuser) reads every plan, its evidence and its documents, and acts on none: no task is
# theirs, and editing, feedback, realisation, expectations and reassignment stay with the people of the plan.
# URL name -> (GET status, POST status or None, POST data). Every plan URL must be declared here.
ADMINISTRATOR: dict[str, tuple[int, int | None, dict]] = {
    "workflow:plan_detail": (200, None, {}),
    "workflow:plan_chart": (200, None, {}),
    "workflow:evidence_download": (200, None, {}),
    "workflow:evidence_thumbnail": (200, None, {}),
    "workflow:plan_skp_pdf": (200, None, {}),
    "workflow:plan_evaluation_pdf": (302, None, {}),  # not rated yet: back to the plan page, as for anyone
    "workflow:task_detail": (404, 404, {}),
    "workflow:plan_copy": (405, 403, {}),
    "workflow:result_add": (403, 403, {"kind": "main", "text": "Sisipan admin"}),
    "workflow:result_edit": (403, 403, {"kind": "main", "text": "Sisipan admin"}),
    "workflow:result_delete": (405, 403, {}),
    "workflow:indicator_add": (403, 403, {}),
    "workflow:indicator_edit": (403, 403, {}),
    "workflow:indicator_delete": (405, 403, {}),
    "workflow:realisation_add": (302, 403, {"value": "1"}),  # GET: back to the plan page
    "workflow:expectations_edit": (403, 403, {}),
    "workflow:feedback_add": (302, 403, {"text": "Catatan admin"}),
    "workflow:session_add": (302, 403, {"held_on": "2026-07-01", "notes": "Sesi admin"}),
    "workflow:reassign": (403, 403, {}),
    "workflow:objection_file": (403, 403, {"reasons": "Sisipan admin"}),  # an objection is not theirs to see
    # Plan pages' experience.
    "workflow:plan_process": (200, None, {}),
    "workflow:result_move": (405, 403, {"direction": "up"}),
    "workflow:indicator_move": (405, 403, {"direction": "up"}),
    "workflow:rating_preview": (404, None, {}),
}


# --- evaluation ---
# A seat on an agency's evaluation team (the role in agencies/roles.py) opens that agency's plans, IKU, complaint
# figures, data calendar and entries to the member, even one working in another agency, and nothing more: no step of
# a plan to act on, no other agency's data, no team appointment; the seat ends with its term.
TEAM_MEMBER_READS = {
    "workflow:plan_detail": {"plan_id": "running_plan"},
    "workflow:agency_plans_export": {"agency_id": "agency"},
    "agencies:iku_detail": {"indicator_id": "iku"},
    "evaluation:team_detail": {"agency_id": "agency"},
    "evaluation:calendar": {"agency_id": "agency"},
    "evaluation:entry_detail": {"entry_id": "submitted_entry"},
    "evaluation:review_detail": {"review_id": "review"},
}


def test_a_team_member_from_another_agency_reads_that_agency_only_while_seated(db):
    from agencies.models import EvaluationTeam, TeamMember

    world = build_world()
    stranger = world.users["stranger"]  # works in Dinkes
    client = client_for_role(world, "stranger")
    urls = [
        reverse(name, kwargs={k: world.kwargs[v] for k, v in args.items()}) for name, args in TEAM_MEMBER_READS.items()
    ]
    assert [client.get(url).status_code for url in urls] == [404] * len(urls)
    seat = TeamMember.objects.create(
        team=EvaluationTeam.objects.get(agency_id=world.kwargs["agency"]),
        employee=stranger.employee,
        role="member",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2099, 12, 31),
    )
    assert [client.get(url).status_code for url in urls] == [200] * len(urls)
    verify = reverse("evaluation:entry_verify", args=[world.kwargs["submitted_entry"]])
    assert client.post(verify).status_code == 302  # a member verifies what someone else entered
    assert client.post(reverse("evaluation:team_save", args=[world.kwargs["agency"]]), {}).status_code == 403
    assert (
        client.get(
            reverse("workflow:task_detail", args=[world.kwargs["review_plan"], world.kwargs["review_task"]])
        ).status_code
        == 404
    )
    seat.ends_on = datetime.date(2025, 12, 31)
    seat.starts_on = datetime.date(2025, 1, 1)
    seat.save()
    assert [client.get(url).status_code for url in urls] == [404] * len(urls)


def test_an_administrator_reads_every_plan_and_acts_on_none(db):
    plan_urls = sorted(name for name, case in EXPECTED.items() if "plan_id" in case.args)
    assert sorted(ADMINISTRATOR) == plan_urls, "Declare what an administrator gets on every plan URL in ADMINISTRATOR"
    world = build_world()
    client = client_for_role(world, "admin")
    for name in plan_urls:
        case, (get, post, data) = EXPECTED[name], ADMINISTRATOR[name]
        url = reverse(name, kwargs={key: world.kwargs[value] for key, value in case.args.items()} | case.literal)
        assert_status(client.get(url), get, f"GET {url} as the administrator")
        if post is not None:
            assert_status(client.post(url, data), post, f"POST {url} as the administrator")
    plan = world.kwargs["running_plan"]
    page = client.get(reverse("workflow:plan_detail", args=[plan])).content.decode()
    assert "Andi Wijaya" in page and "Terbitnya KTP-el" in page
    assert reverse("workflow:task_detail", args=[plan, 1])[: -len("1/")] not in page  # no step to act on


def test_every_websocket_route_has_a_declared_expectation():
    routes = [str(route.pattern) for route in websocket_urlpatterns]
    undeclared = [route for route in routes if route not in WEBSOCKETS]
    assert not undeclared, f"Declare who may connect to these websocket routes in WEBSOCKETS: {undeclared}"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("route", [str(route.pattern) for route in websocket_urlpatterns])
def test_websocket_route_admits_by_the_matrix(route):
    from config.asgi import application

    world = build_world()
    declared = WEBSOCKETS[route]
    path = "/" + route
    for key, value in declared["args"].items():
        path = path.replace(f"<int:{key}>", str(world.kwargs[value]))

    def connects(role) -> bool:
        headers = [(b"origin", b"http://testserver")]
        if world.users[role] is not None:
            client = client_for_role(world, role)
            headers.append((b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode()))

        async def attempt():
            communicator = WebsocketCommunicator(application, path, headers=headers)
            connected, _ = await communicator.connect()
            await communicator.disconnect()
            return connected

        return async_to_sync(attempt)()

    assert not connects("anonymous"), f"{path} admitted an anonymous visitor"
    for role in ("stranger", "foreign_boss", "foreign_coordinator"):
        assert connects(role) is declared["foreign_connects"], f"{path} as {role}"
    assert connects(declared["rightful"]), f"{path} refused the rightful {declared['rightful']}"


# --------------------------------------------------------------------------------------------- staff and query strings
# (structure branch: one definition of the administrator, least privilege; scope by query parameters.)
#
# A staff account is not an administrator: on the site it gets only what its Django permissions grant. One without
# any permission is a person without a role: every URL answers it exactly as it answers a signed-in account that is
# neither staff, employee nor coordinator ("nobody"), and what that is, is declared here: the URL's `deny`, except
# where a role-less person has a page of their own (NO_ROLE).
NO_ROLE: dict[str, int] = {
    "agencies:iku_list": 200,  # an empty list: no agency of their own, none coordinated
    "surveys:results": 403,  # IKM results are per agency: no agency of their own, none coordinated
    "feedback:desk_list": 403,  # complaints are handled by the desk, officers and agencies' people
    "forums:mention_suggestions": 403,  # naming people is for forum members
    "development:external_create": 403,  # an external training is recorded by an employee
    "development:need_create": 302,  # back to the development page: no employee to raise a need for
    # POST-only form URLs: a GET goes back to the page (which then answers as it does for anyone).
    "agencies:realisation_record": 302,
    "agencies:period_advance": 302,
    "forums:reply_create": 302,
    "workflow:feedback_add": 302,
    "workflow:realisation_add": 302,
    "workflow:periodic_realisation_add": 302,
    "workflow:session_add": 302,
    "forums:index": 403,
    "forums:category": 403,
    "forums:topic_create": 403,
    "forums:search": 403,
    "forums:topic_detail": 404,
    "forums:post_fragment": 404,
    "forums:post_history": 404,
    "forums:post_edit": 404,
    "forums:attachment_download": 404,
    "forums:topic_subscribe": 404,
    "forums:topic_adopt": 404,
    "forums:post_react": 404,
    "forums:post_flag": 404,
    "forums:notification_read_all": 302,
    "reports:dashboard": 302,
    "reports:index": 200,
    "workflow:plan_start": 403,
    "workflow:team": 403,
    "workflow:team_export": 403,
    "reports:team_dashboard": 403,
    # --- evaluation ---: POST-only forms send a GET back to their page.
    "evaluation:team_save": 302,
    "evaluation:member_add": 302,
    "evaluation:entry_submit": 302,
    "evaluation:entry_verify": 302,
    "evaluation:entry_return": 302,
    "evaluation:entry_reopen": 302,
    "evaluation:review_open": 302,
    "evaluation:item_add": 302,
    "evaluation:consultation_open": 302,
    "evaluation:comment_add": 302,
    "evaluation:comment_answer": 302,
}


def build_world_with_staff() -> World:
    world = build_world()
    world.users["staff"] = UserFactory(username="staff", is_staff=True)
    world.users["nobody"] = UserFactory(username="nobody")
    return world


def no_role_status(name: str) -> int:
    case = EXPECTED[name]
    if case.get == 405:
        return 405
    return NO_ROLE.get(name, OWN_PAGE if case.deny == OWN_PAGE else case.deny)


@pytest.mark.parametrize("name", SITE_URLS)
def test_a_staff_account_without_permissions_gets_only_what_a_person_without_a_role_gets(db, name):
    case = EXPECTED[name]
    world = build_world_with_staff()
    url = reverse(name, kwargs={key: world.kwargs[value] for key, value in case.args.items()} | case.literal)
    for role in ("staff", "nobody"):
        client = client_for_role(world, role)
        response = client.get(url)
        assert_status(response, no_role_status(name), f"GET {url} as {role}")
        assert_nothing_foreign(response, world, f"GET {url} as {role}")
        response = client.post(url, {})
        if no_role_status(name) in (403, 404) and response.status_code != 405:  # 405: a read-only URL, nothing told
            assert_status(response, no_role_status(name), f"POST {url} as {role}")
        assert response.status_code != 200 or name in NO_ROLE or case.deny == OWN_PAGE, f"POST {url} as {role}"
        assert_nothing_foreign(response, world, f"POST {url} as {role}")


# Every report and export URL, asked for another agency or period in its query string. Whatever a parameter
# names, the answer holds only what the visitor may see: the other agency's people see nothing of Dukcapil, and
# Dukcapil's own coordinator and head see nothing of Dinkes.
REPORT_URLS = sorted(name for name in SITE_URLS if name.startswith("reports:") or name.endswith(("_export", "_pdf")))
DINKES_SECRETS = ["Rudi Hartono", "Rina Marlina", "Agus Salim", "Dinas Kesehatan"]
DUKCAPIL_NAMES = ["Dukcapil", "Dinas Kependudukan"]


def query_strings(world: World, agency: str) -> list[str]:
    agency_id, period_id = world.kwargs[agency], world.kwargs["period"]
    return [
        f"agency={agency_id}",
        f"period={period_id}",
        f"agency={agency_id}&period={period_id}",
        f"view=agency&agency={agency_id}",
        f"view=distribution&agency={agency_id}",
        f"agency={agency_id}&owner=1&stage=overdue",
    ]


def assert_absent(response, secrets: list[str], what: str):
    if response.status_code != 200:
        return
    content = body(response).decode("utf-8", errors="replace")
    leaked = [secret for secret in secrets if secret in content]
    assert not leaked, f"{what}: {leaked} in the answer"


def test_every_report_url_is_covered_by_the_query_string_cases():
    assert "reports:export" in REPORT_URLS and "workflow:agency_plans_export" in REPORT_URLS
    assert "workflow:team_export" in REPORT_URLS and "reports:recap_pdf" in REPORT_URLS


@pytest.mark.parametrize("name", REPORT_URLS)
def test_a_report_url_shows_no_other_agency_whatever_its_query_string_names(db, name):
    case = EXPECTED[name]
    world = build_world_with_staff()
    world.kwargs["other_agency"] = world.users["stranger"].employee.agency_id
    url = reverse(name, kwargs={key: world.kwargs[value] for key, value in case.args.items()} | case.literal)
    for role in ("stranger", "foreign_boss", "foreign_coordinator", "staff"):
        client = client_for_role(world, role)
        for query in query_strings(world, "agency"):
            response = client.get(f"{url}?{query}", follow=True)
            assert_nothing_foreign(response, world, f"GET {url}?{query} as {role}")
            assert_absent(response, DUKCAPIL_NAMES, f"GET {url}?{query} as {role}")
    for role in ("coordinator", "head", "supervisor"):
        client = client_for_role(world, role)
        for query in query_strings(world, "other_agency"):
            response = client.get(f"{url}?{query}", follow=True)
            assert_absent(response, DINKES_SECRETS, f"GET {url}?{query} as {role}")
