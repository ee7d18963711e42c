"""The workflow step of seed_demo gives the demo accounts plans in realistic stages, through the engine, once."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.workflow.conftest import open_task
from workflow.models import Evidence, Plan, PlanEvent


@pytest.fixture
def seeded(db, settings):
    settings.KINERJA_DEMO_SEEDERS = ["agencies.demo.seed", "workflow.demo.seed"]
    call_command("seed_demo", "--force", verbosity=0)


def current_plan(username):
    return Plan.objects.select_related("period").filter(employee__user__username=username).latest("period__starts_on")


def test_the_demo_accounts_have_plans_in_realistic_stages(seeded):
    assert current_plan("pegawai").stage == "draft" and not current_plan("pegawai").results.exists()
    assert current_plan("pegawai2").stage == "realisation"
    assert open_task(current_plan("pegawai2"), "realisation").owner.username == "pegawai2"
    assert current_plan("atasan").stage == "realisation"
    dinkes = current_plan("pegawai.dinkes")
    assert (dinkes.stage, dinkes.predikat) == ("coaching", "BUTUH_PERBAIKAN")
    assert open_task(dinkes, "coaching").owner.username == "atasan.dinkes"
    previous = Plan.objects.filter(employee__user__username="pegawai").earliest("period__starts_on")
    assert previous.stage == "done" and previous.results.exists()


def test_the_supervisor_sees_a_photo_among_the_demo_evidence(seeded, client_for):
    plan = current_plan("pegawai2")
    photo = Evidence.objects.get(realisation__indicator__result__plan=plan, content_type="image/jpeg")
    supervisor = client_for(plan.employee.supervisor)
    thumbnail = reverse("workflow:evidence_thumbnail", args=[plan.pk, photo.pk])
    assert thumbnail in supervisor.get(reverse("workflow:plan_detail", args=[plan.pk])).content.decode()
    assert supervisor.get(thumbnail)["Content-Type"] == "image/webp"


def test_seeding_again_changes_nothing(seeded):
    plans, events, evidence = Plan.objects.count(), PlanEvent.objects.count(), Evidence.objects.count()
    call_command("seed_demo", "--force", verbosity=0)
    assert (Plan.objects.count(), PlanEvent.objects.count(), Evidence.objects.count()) == (plans, events, evidence)


def test_the_demo_holds_a_transfer_with_both_plans_of_the_year(seeded, client_for):
    closed, continued = Plan.objects.filter(employee__name="Yuliana Sari").order_by("pk").select_related("employee")
    assert closed.ended_on and closed.ended_agency.code == "DUKCAPIL" and closed.stage == "done"
    assert continued.previous_plan == closed and continued.stage == "draft" and continued.period == closed.period
    assert continued.employee.agency.code == "DINKES"
    page = client_for(continued.employee).get(reverse("workflow:plan_detail", args=[continued.pk])).content.decode()
    assert reverse("workflow:plan_detail", args=[closed.pk]) in page


def test_the_demo_plans_an_acting_official_for_a_leave(seeded, client_for):
    from workflow.models import ActingAppointment

    appointment = ActingAppointment.objects.select_related("acting").get()
    assert appointment.kind == "plh" and appointment.handed_over_at is None
    page = client_for(appointment.created_by).get(reverse("workflow:acting_list")).content.decode()
    assert appointment.acting.name in page


def test_the_demo_year_has_quarters_rated_one_poor_with_coaching_and_a_decided_objection(seeded, client_for):
    from django.utils import timezone

    from workflow.models import Objection, PeriodicReview

    plan = current_plan("pegawai2")
    ended = [review for review in PeriodicReview.objects.filter(plan=plan) if review.ends_on < timezone.localdate()]
    rated = [review for review in ended if review.number <= 3]
    assert rated and all(review.predikat for review in rated)
    poor = next(review for review in rated if review.number == 2) if len(rated) >= 2 else None
    if poor is not None:
        assert poor.predikat == "BUTUH_PERBAIKAN" and poor.acknowledged_at is not None
    page = client_for(plan.employee.user).get(reverse("workflow:plan_detail", args=[plan.pk])).content.decode()
    assert "Periodic evaluations" in page
    objection = Objection.objects.get(plan__employee__user__username="pegawai")
    assert objection.plan.period.status == "closed" and objection.decider.user.username == "kepala.dukcapil"
    assert objection.decision == "rejected" and objection.decided_at is not None
