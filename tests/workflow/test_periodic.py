"""Periodic evaluation within the annual plan (evaluasi kinerja periodik): the windows by the Pemda's frequency, the
reviews opened per started window (at approval and by the daily job, idempotent), each step of PeriodicReviewFlow
through its page by the rightful person and refused for others, the coaching branch after a poor periodic predikat,
the periodic results beside the annual rating form, acting officials, and cancellation when the plan ends."""

import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS

from agencies.models import Period
from agencies.review_windows import review_windows
from agencies.services import update_employee
from forums.models import Notification
from tests.factories import EmployeeFactory, PeriodFactory
from tests.workflow.conftest import open_task
from workflow import services
from workflow.acting.services import appoint_acting, sync_acting
from workflow.models import OPEN_STATUSES, Action, PeriodicReview, PlanEvent, Stage
from workflow.periodic import services as periodic
from workflow.periodic.flows import PeriodicReviewFlow
from workflow.periodic.models import ReviewStep


def local_today():
    # Read at each use, not at import: a suite that runs across midnight (Asia/Jakarta) would otherwise test yesterday.
    return timezone.localdate()


EVIDENCE = b"%PDF-1.4\nlaporan triwulan\n"


def detail_url(review):
    return reverse("workflow:periodic_detail", args=[review.pk])


def realisation_url(review, indicator):
    return reverse("workflow:periodic_realisation_add", args=[review.pk, indicator.pk])


def review_task(review, node=None):
    tasks = Task.objects.filter(process__periodicreviewprocess__review=review, status__in=OPEN_STATUSES)
    return tasks.filter(flow_task=node).first() if node is not None else tasks.first()


def events(plan, action):
    return list(PlanEvent.objects.filter(plan=plan, action=action).order_by("pk"))


@pytest.fixture
def approved(filled_plan, employee, supervisor):
    services.submit_plan(plan=filled_plan, by=employee.user)
    plan = services.approve_plan(plan=filled_plan, by=supervisor.user)
    plan.refresh_from_db()
    return plan


@pytest.fixture
def current(approved):
    """The review of the window running today, opened by the approval."""
    return PeriodicReview.objects.get(plan=approved, starts_on__lte=local_today(), ends_on__gte=local_today())


def report_through_pages(client, review, *, value="120"):
    indicator = review.plan.results.get().indicators.get()
    upload = SimpleUploadedFile("laporan.pdf", EVIDENCE, content_type="application/pdf")
    data = {"value": value, "description": "KTP-el terbit", "obstacles": "", "files": [upload], "links": ""}
    assert client.post(realisation_url(review, indicator), data).status_code == 302
    assert client.post(detail_url(review), {"summary": "Target triwulan tercapai"}).status_code == 302


def rate_through_pages(client, review, results, behaviour):
    data = {"feedback": "Pertahankan", "results_rating": results, "behaviour_rating": behaviour}
    return client.post(detail_url(review), data)


# --------------------------------------------------------------------------------------------- windows


def test_a_year_has_four_quarters_by_default_each_due_some_days_after_it_ends(period):
    windows = review_windows(period)
    assert [w.label for w in windows] == ["Quarter I 2026", "Quarter II 2026", "Quarter III 2026", "Quarter IV 2026"]
    assert (windows[0].starts_on, windows[0].ends_on) == (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    assert windows[0].due_on == datetime.date(2026, 4, 10) and windows[3].ends_on == datetime.date(2026, 12, 31)


def test_a_monthly_pemda_has_twelve_windows_cut_at_the_periods_end(db):
    period = PeriodFactory(year=2030, review_frequency="monthly", review_due_days=5, ends_on=datetime.date(2030, 6, 15))
    windows = review_windows(period)
    assert len(windows) == 6 and windows[-1].ends_on == datetime.date(2030, 6, 15)
    assert windows[1].starts_on == datetime.date(2030, 2, 1) and windows[1].due_on == datetime.date(2030, 3, 5)


def test_the_coordinator_chooses_the_frequency_where_periods_are_edited(period, coordinator, client_for):
    url = reverse("agencies:period_edit", args=[period.pk])
    page = client_for(coordinator).get(url)
    assert b"review_frequency" in page.content
    data = {
        "name": period.name, "year": 2026, "kind": "annual", "starts_on": "2026-01-01", "ends_on": "2026-12-31",
        "plan_due": "2026-01-31", "evaluation_due": "2027-01-10", "status": "running",
        "review_frequency": "monthly", "review_due_days": 7,
    }  # fmt: skip
    assert client_for(coordinator).post(url, data).status_code == 302
    period.refresh_from_db()
    assert (period.review_frequency, period.review_due_days) == ("monthly", 7)


# --------------------------------------------------------------------------------------------- opening


def test_approval_opens_the_window_running_now_with_a_report_task_for_the_employee(
    approved, current, employee, client_for
):
    assert list(PeriodicReview.objects.filter(plan=approved).values_list("number", flat=True)) == [current.number]
    task = review_task(current, PeriodicReviewFlow.report)
    assert task.owner == employee.user and current.step == ReviewStep.REPORT
    assert events(approved, Action.PERIODIC_OPENED)[0].shown_comment == current.label
    inbox = client_for(employee).get(reverse("workflow:inbox"))
    assert detail_url(current).encode() in inbox.content
    assert Notification.objects.get(user=employee.user, data__task_id=task.pk).url == detail_url(current)
    page = client_for(employee).get(reverse("workflow:plan_detail", args=[approved.pk]))
    assert b"Periodic evaluations" in page.content and detail_url(current).encode() in page.content


def test_a_periodic_task_s_notice_names_its_window_in_the_reader_s_language(approved, current, employee):
    task = review_task(current, PeriodicReviewFlow.report)
    notice = Notification.objects.get(user=employee.user, data__task_id=task.pk)
    for language in ("en", "id"):
        with translation.override(language):
            label = current.label  # "Quarter IV 2026", "Triwulan IV 2026" (or the month, for monthly windows)
            assert notice.message.endswith(f", {label}") and approved.period.name not in notice.message


def test_the_opening_service_is_idempotent_and_back_fills_started_windows_on_request(approved, current):
    mine = [approved.pk]
    assert periodic.open_periodic_reviews(today=local_today(), plan_ids=mine) == 0  # nothing new since the approval
    opened = periodic.open_periodic_reviews(today=local_today(), plan_ids=mine, all_started=True)
    started = [w for w in review_windows(approved.period) if w.starts_on <= local_today()]
    assert opened == len(started) - 1
    assert PeriodicReview.objects.filter(plan=approved).count() == len(started)
    assert periodic.open_periodic_reviews(today=local_today(), plan_ids=mine, all_started=True) == 0
    reports = Task.objects.filter(process__periodicreviewprocess__review__plan=approved)
    assert reports.filter(flow_task=PeriodicReviewFlow.report).count() == len(started)


def test_monthly_frequency_opens_the_month_and_drafts_and_closed_periods_get_none(approved, plan, colleague, db):
    Period.objects.filter(pk=approved.period_id).update(review_frequency="monthly")
    PeriodicReview.objects.all().delete()
    assert periodic.open_periodic_reviews(today=local_today(), plan_ids=[approved.pk]) == 1
    review = PeriodicReview.objects.get(plan=approved)
    assert review.starts_on == local_today().replace(day=1) and review.label == review.starts_on.strftime("%B %Y")
    draft = services.start_plan(employee=colleague, period=approved.period)
    assert periodic.open_periodic_reviews(today=local_today(), plan_ids=[draft.pk], all_started=True) == 0
    Period.objects.filter(pk=approved.period_id).update(status="closed")
    assert periodic.open_periodic_reviews(today=local_today(), all_started=True) == 0


def test_the_daily_command_opens_a_new_window(approved, current):
    current.delete()
    out = io.StringIO()
    call_command("open_periodic_reviews", stdout=out)
    assert "periodic evaluation(s) opened" in out.getvalue()
    assert PeriodicReview.objects.filter(plan=approved).count() == 1


# --------------------------------------------------------------------------------------------- the flow


def test_poor_quarter_leads_to_coaching_then_acknowledgement_each_step_by_the_rightful_person(
    current, employee, supervisor, colleague, outsider, coordinator, client_for
):
    me, boss = client_for(employee), client_for(supervisor)
    # Strangers do not see it; a colleague neither; the coordinator reads but cannot act.
    assert client_for(outsider).get(detail_url(current)).status_code == 404
    assert client_for(colleague).get(detail_url(current)).status_code == 404
    assert client_for(coordinator).get(detail_url(current)).status_code == 200
    assert client_for(coordinator).post(detail_url(current), {"summary": "x"}).status_code == 403
    # The supervisor cannot report nor record the period's realisation for the employee.
    indicator = current.plan.results.get().indicators.get()
    assert boss.post(detail_url(current), {"summary": "x"}).status_code == 403
    assert boss.post(realisation_url(current, indicator), {"value": "1"}).status_code == 403
    # Reporting needs the period's own realisation first.
    response = me.post(detail_url(current), {"summary": "Belum ada"})
    assert response.status_code == 200 and b"at least one indicator" in response.content
    report_through_pages(me, current)
    current.refresh_from_db()
    realisation = current.realisations.get()
    assert current.step == ReviewStep.RATE and realisation.evidence.get().original_name == "laporan.pdf"
    assert review_task(current, PeriodicReviewFlow.rate).owner == supervisor.user
    assert me.get(detail_url(current)).status_code == 200 and b"laporan.pdf" in boss.get(detail_url(current)).content
    # The employee cannot rate themselves; the supervisor rates below on both: Sangat Kurang, coaching follows.
    assert rate_through_pages(me, current, "ABOVE", "ABOVE").status_code == 403
    assert rate_through_pages(boss, current, "BELOW", "BELOW").status_code == 302
    current.refresh_from_db()
    assert (current.predikat, current.step) == ("SANGAT_KURANG", ReviewStep.COACHING)
    assert current.rated_by == supervisor and current.feedback == "Pertahankan"
    coaching = {
        "kind": "bimbingan",
        "problems": "Berkas menumpuk",
        "agreed_actions": "Pendampingan",
        "due_on": "2027-01-31",
    }
    assert me.post(detail_url(current), coaching).status_code == 403
    assert boss.post(detail_url(current), coaching).status_code == 302
    current.refresh_from_db()
    assert current.step == ReviewStep.ACKNOWLEDGE and current.coaching_problems == "Berkas menumpuk"
    assert boss.post(detail_url(current), {"note": ""}).status_code == 403
    assert me.post(detail_url(current), {"note": "Saya setuju"}).status_code == 302
    current.refresh_from_db()
    assert current.step == ReviewStep.DONE and current.acknowledged_at is not None
    assert current.process.status == PROCESS.DONE
    actions = [
        Action.PERIODIC_REPORTED, Action.PERIODIC_RATED, Action.PERIODIC_COACHING, Action.PERIODIC_ACKNOWLEDGED,
    ]  # fmt: skip
    for action in actions:
        (event,) = events(current.plan, action)
        assert event.shown_comment.startswith(current.label)
    # The history names the window and the predikat in each reader's language, whoever rated.
    plan_url = reverse("workflow:plan_detail", args=[current.plan_id])
    english = me.get(plan_url).content.decode().split("History", 1)[1]
    me.cookies["django_language"] = "id"
    indonesian = me.get(plan_url).content.decode().split("Riwayat", 1)[1]
    with translation.override("en"):
        label_en = current.label  # "Quarter IV 2026"
    with translation.override("id"):
        label_id = current.label  # "Triwulan IV 2026"
    assert f"{label_en}: Very poor" in english and f"{label_en}: Guidance (bimbingan)" in english
    assert f"{label_id}: Sangat Kurang" in indonesian and f"{label_id}: Saya setuju" in indonesian
    # The plan itself stays in realisation: the year goes on.
    current.plan.refresh_from_db()
    assert current.plan.stage == Stage.REALISATION
    # A second click is harmless.
    response = me.post(detail_url(current), {"note": "lagi"})
    assert response.status_code == 403
    with pytest.raises(services.StepAlreadyHandled):
        periodic.acknowledge_period_coaching(review=current, by=employee.user)


def test_a_good_quarter_ends_without_coaching(current, employee, supervisor, client_for):
    report_through_pages(client_for(employee), current)
    assert rate_through_pages(client_for(supervisor), current, "AS_EXPECTED", "ABOVE").status_code == 302
    current.refresh_from_db()
    assert (current.predikat, current.step) == ("BAIK", ReviewStep.DONE)
    assert not Task.objects.filter(
        process__periodicreviewprocess__review=current, flow_task=PeriodicReviewFlow.coaching
    )
    page = client_for(employee).get(reverse("workflow:plan_detail", args=[current.plan_id])).content.decode()
    assert "Good" in page and "Pertahankan" in page


def test_rating_needs_feedback(current, employee, supervisor, client_for):
    report_through_pages(client_for(employee), current)
    data = {"feedback": "", "results_rating": "ABOVE", "behaviour_rating": "ABOVE"}
    response = client_for(supervisor).post(detail_url(current), data)
    assert response.status_code == 200
    current.refresh_from_db()
    assert current.step == ReviewStep.RATE


def test_the_annual_rating_page_shows_every_periodic_result_beside_the_form(current, employee, supervisor, client_for):
    report_through_pages(client_for(employee), current)
    rate_through_pages(client_for(supervisor), current, "BELOW", "AS_EXPECTED")
    plan = current.plan
    services.finish_realisation(plan=plan, by=employee.user)
    services.submit_self_assessment(plan=plan, by=employee.user, results_rating="AS_EXPECTED", summary="s")
    task = open_task(plan, "rating")
    page = client_for(supervisor).get(reverse("workflow:task_detail", args=[plan.pk, task.pk])).content.decode()
    aside = page.split('id="periodic-aside-title"')[1].split("</aside>")[0]
    assert current.label in aside and "Needs improvement" in aside and "not an average" in aside


# --------------------------------------------------------------------------------------------- who rates, and the end


def test_an_acting_official_rates_the_period_on_behalf_of_the_position(
    current, employee, supervisor, head, coordinator, agency, unit, client_for
):
    deputy = EmployeeFactory(user__username="deputy", name="Wati Susanti", agency=agency, unit=unit, supervisor=head)
    report_through_pages(client_for(employee), current)
    appoint_acting(
        by=coordinator, holder=supervisor, acting=deputy, kind="plh", starts_on=local_today(),
        ends_on=local_today() + datetime.timedelta(days=5), reason="Cuti",
    )  # fmt: skip
    assert review_task(current, PeriodicReviewFlow.rate).owner == deputy.user
    assert rate_through_pages(client_for(supervisor), current, "ABOVE", "ABOVE").status_code == 403
    assert rate_through_pages(client_for(deputy), current, "ABOVE", "ABOVE").status_code == 302
    current.refresh_from_db()
    assert current.rated_by == deputy and current.predikat == "SANGAT_BAIK"
    assert (
        sync_acting(today=local_today() + datetime.timedelta(days=10))["returned"] == 0
    )  # nothing left open to return


def test_a_rating_step_left_without_a_rater_waits_in_the_coordinators_inbox_until_they_assign_one(
    current, employee, supervisor, head, coordinator, agency, unit, client_for
):
    """The supervisor leaves and nobody replaces them: the quarter's rating has no one to act on it. The coordinator
    sees it among the steps waiting for a reviewer and hands it (with the plan) to someone, who then rates."""
    deputy = EmployeeFactory(user__username="deputy", name="Wati Susanti", agency=agency, unit=unit, supervisor=head)
    report_through_pages(client_for(employee), current)
    update_employee(employee=employee, agency=agency, unit=unit, supervisor=None)
    assert review_task(current, PeriodicReviewFlow.rate).owner is None

    inbox = client_for(coordinator).get(reverse("workflow:inbox")).content.decode()
    assert "Waiting for a reviewer" in inbox and current.label in inbox and employee.full_name in inbox
    assert reverse("workflow:reassign", args=[current.plan.pk]) in inbox

    reassign = reverse("workflow:reassign", args=[current.plan.pk])
    response = client_for(coordinator).post(reassign, {"to": deputy.pk, "reason": "Atasan pensiun"})
    assert response.status_code == 302
    assert review_task(current, PeriodicReviewFlow.rate).owner == deputy.user
    assert current.label not in client_for(coordinator).get(reverse("workflow:inbox")).content.decode()
    assert "Atasan pensiun" in events(current.plan, Action.REASSIGNED)[0].comment
    assert rate_through_pages(client_for(deputy), current, "ABOVE", "ABOVE").status_code == 302
    current.refresh_from_db()
    assert current.rated_by == deputy


def test_reassigning_the_plan_moves_the_open_quarter_rating_with_it(
    current, employee, supervisor, head, coordinator, client_for
):
    report_through_pages(client_for(employee), current)
    assert review_task(current, PeriodicReviewFlow.rate).owner == supervisor.user

    services.reassign_task(plan=current.plan, by=coordinator, to=head, reason="Atasan cuti panjang")

    assert review_task(current, PeriodicReviewFlow.rate).owner == head.user
    assert rate_through_pages(client_for(supervisor), current, "ABOVE", "ABOVE").status_code == 403


def test_a_transfer_cancels_the_open_periodic_evaluation(current, employee, other_agency):
    update_employee(employee=employee, agency=other_agency, unit=None, supervisor=None)
    current.refresh_from_db()
    assert current.step == ReviewStep.CANCELLED and current.process.status == PROCESS.DONE
    assert not review_task(current)
    [cancelled] = events(current.plan, Action.PERIODIC_CANCELLED)
    assert cancelled.shown_comment.endswith(": the employee moved to another agency")
    with translation.override("id"):  # stored as its code, read in each reader's language
        assert cancelled.shown_comment.endswith(": pegawai pindah ke perangkat daerah lain")


def test_the_years_rating_cancels_what_is_still_open(current, employee, supervisor):
    plan = current.plan
    services.record_realisation(indicator=plan.results.get().indicators.get(), by=employee.user, value=1)
    services.finish_realisation(plan=plan, by=employee.user)
    services.submit_self_assessment(plan=plan, by=employee.user, results_rating="ABOVE", summary="s")
    services.rate_plan(
        plan=plan, by=supervisor.user, results_rating="ABOVE", behaviour_rating="ABOVE",
        result_ratings={plan.results.get().pk: ("ABOVE", "")},
    )  # fmt: skip
    current.refresh_from_db()
    assert current.step == ReviewStep.CANCELLED
    assert PlanEvent.objects.filter(plan=plan).order_by("-pk").first().action == Action.RATED


def test_a_closed_period_refuses_every_periodic_step(current, employee, client_for):
    Period.objects.filter(pk=current.plan.period_id).update(status="closed")
    response = client_for(employee).post(detail_url(current), {"summary": "x"})
    assert response.status_code == 403 and b"closed" in response.content
    indicator = current.plan.results.get().indicators.get()
    assert client_for(employee).post(realisation_url(current, indicator), {"value": "1"}).status_code == 403
    assert client_for(employee).get(detail_url(current)).status_code == 200  # still read
    assert detail_url(current).encode() not in client_for(employee).get(reverse("workflow:inbox")).content


def test_the_plan_page_says_which_quarter_a_report_belongs_to_and_the_form_asks_for_the_year_to_date(
    current, employee, client_for
):
    client = client_for(employee)
    form = client.get(detail_url(current)).content.decode()
    assert "not this quarter alone" in form  # a count is reported year to date: the latest value meets the target
    report_through_pages(client, current, value="120")
    page = client.get(reverse("workflow:plan_detail", args=[current.plan.pk])).content.decode()
    assert f"({current.label}, " in page


def test_the_evidence_of_a_refused_period_realisation_is_kept(current, employee, client_for):
    """Neither a value nor a description: refused, with the quarter's report listed as kept for the next attempt."""
    indicator = current.plan.results.get().indicators.get()
    client = client_for(employee)
    upload = SimpleUploadedFile("laporan.pdf", EVIDENCE, content_type="application/pdf")
    refused = client.post(realisation_url(current, indicator), {"value": "", "description": "", "files": [upload]})
    page = refused.content.decode()
    assert "Give the achieved value" in page and "Leave out laporan.pdf" in page
    token = re.search(r'name="held_files" value="([^"]+)"', page).group(1)
    response = client.post(realisation_url(current, indicator), {"value": "5", "held_files": token})
    assert response.status_code == 302
    assert current.realisations.get().evidence.get().file.read() == EVIDENCE
