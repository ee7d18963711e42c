"""Evaluation meetings: the agenda built from data, running the meeting, minutes and action items."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from forums import selectors, services
from forums.models import ActionItem, Attendance, MeetingSeries, MeetingStatus, Notification, NotificationKind
from tests.factories import IndicatorRealisationFactory


def test_the_agenda_has_one_item_per_invited_agency_with_iku_figures_trend_and_status(
    meeting, iku, dinkes_iku, coordinator
):
    services.build_agenda(meeting=meeting, by=coordinator)
    items = {item.agency.code: item for item in selectors.list_agenda(meeting=meeting)}
    assert set(items) == {"DUKCAPIL", "DINKES"}
    (row,) = items["DUKCAPIL"].snapshot["iku"]
    assert row["code"] == "IKU1"
    assert Decimal(row["achievement"]) == Decimal("110.00")  # lower is better: (2 - 9/10) * 100
    assert row["status"] == "green"
    assert Decimal(row["previous_achievement"]) == Decimal("80.00")
    assert row["trend"]["direction"] == "up" and Decimal(row["trend"]["delta"]) == Decimal("30.00")
    (dinkes_row,) = items["DINKES"].snapshot["iku"]
    assert Decimal(dinkes_row["previous_achievement"]) == Decimal("66.67")
    assert items["DUKCAPIL"].changed_since_build is False


def test_live_figures_show_a_change_after_the_agenda_was_built(meeting, iku, period, coordinator):
    services.build_agenda(meeting=meeting, by=coordinator)
    iku.realisations.filter(period=period).update(value=Decimal("11"))
    item = next(i for i in selectors.list_agenda(meeting=meeting) if i.agency_id == iku.agency_id)
    assert item.changed_since_build is True
    assert item.live["iku"][0]["status"] == "amber"
    assert Decimal(item.snapshot["iku"][0]["achievement"]) == Decimal("110.00")


def test_an_iku_without_realisation_shows_no_data(meeting, agency, coordinator):
    from tests.factories import IndicatorFactory

    IndicatorFactory(agency=agency, code="IKU9")
    services.build_agenda(meeting=meeting, by=coordinator)
    item = next(i for i in selectors.list_agenda(meeting=meeting) if i.agency_id == agency.pk)
    assert item.snapshot["iku"][0]["status"] == "none" and item.snapshot["iku"][0]["trend"]["direction"] == "none"


def test_plan_figures_come_from_the_workflow_when_it_offers_them(meeting, agency, employee, period):
    from tests.factories import PlanFactory

    PlanFactory(employee=employee, period=period)
    figures = selectors.agenda_figures(period=period, agency_ids=[agency.pk])
    plans = figures[agency.pk]["plans"]
    assert plans["plans"] == 1 and plans["agreed"] == 0
    assert ["Draft", 1] in plans["stage_rows"]


def test_the_meeting_page_lists_each_agencys_plans_by_stage_without_empty_ones(
    meeting, agency, employee, period, coordinator, client_for
):
    from django.urls import reverse

    from tests.factories import PlanFactory

    services.build_agenda(meeting=meeting, by=coordinator)
    url = reverse("forums:meeting_detail", args=[meeting.pk])
    assert "Plans by stage</dt><dd>—</dd>" in client_for(coordinator).get(url).content.decode()  # no plan yet
    PlanFactory(employee=employee, period=period)
    page = client_for(coordinator).get(url).content.decode()
    assert 'Plans by stage</dt><dd><ul class="stage-counts"><li>Draft: 1</li></ul></dd>' in page


def test_a_quarterly_meeting_shows_the_plans_of_the_year(agency, employee, period):
    from tests.factories import PeriodFactory, PlanFactory

    PlanFactory(employee=employee, period=period)
    quarter = PeriodFactory(kind="quarterly", name="Triwulan II 2026", starts_on=datetime.date(2026, 4, 1),
                            ends_on=datetime.date(2026, 6, 30))  # fmt: skip
    assert selectors.agenda_figures(period=quarter, agency_ids=[agency.pk])[agency.pk]["plans"]["plans"] == 1


def test_building_the_agenda_costs_a_fixed_number_of_queries(
    meeting, iku, dinkes_iku, coordinator, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        services.build_agenda(meeting=meeting, by=coordinator)


def test_only_coordinators_schedule_and_a_meeting_needs_agencies(employee, period, coordinator):
    kwargs = {"period": period, "title": "x", "starts_at": datetime.datetime(2026, 7, 1, tzinfo=datetime.UTC)}
    with pytest.raises(PermissionDenied):
        services.schedule_meeting(by=employee.user, agencies=[employee.agency], **kwargs)
    with pytest.raises(ValidationError):
        services.schedule_meeting(by=coordinator, agencies=[], **kwargs)


def test_a_coordinator_cannot_invite_agencies_outside_their_scope(scoped_coordinator, period, agency, other_agency):
    with pytest.raises(PermissionDenied):
        services.schedule_meeting(
            by=scoped_coordinator,
            period=period,
            title="x",
            starts_at=datetime.datetime(2026, 7, 1, tzinfo=datetime.UTC),
            agencies=[agency, other_agency],
        )


def test_moving_to_an_item_starts_the_meeting_and_a_second_click_is_harmless(
    meeting, coordinator, django_capture_on_commit_callbacks
):
    item = meeting.items.first()
    with django_capture_on_commit_callbacks() as callbacks:
        services.set_current_item(meeting=meeting, item=item, by=coordinator)
        services.set_current_item(meeting=meeting, item=item, by=coordinator)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.LIVE and meeting.current_item == item
    assert len(callbacks) == 1


def test_an_item_of_another_meeting_is_refused(meeting, coordinator, period, agency):
    other = services.schedule_meeting(
        by=coordinator, period=period, title="Other", starts_at=meeting.starts_at, agencies=[agency], place="x"
    )
    with pytest.raises(PermissionDenied):
        services.set_current_item(meeting=meeting, item=other.items.first(), by=coordinator)


def test_a_closed_meeting_cannot_move_on(meeting, coordinator):
    services.close_meeting(meeting=meeting, by=coordinator, minutes="Done.")
    with pytest.raises(PermissionDenied):
        services.set_current_item(meeting=meeting, item=meeting.items.first(), by=coordinator)
    meeting.refresh_from_db()
    assert meeting.minutes == "Done."


def test_a_decision_becomes_an_action_item_and_the_owner_agencys_head_is_notified(meeting, coordinator, agency, head):
    note = services.add_note(meeting=meeting, by=coordinator, text="Dukcapil shares its SOP", is_decision=True)
    action = services.add_action_item(
        meeting=meeting, by=coordinator, owner_agency=agency, text="Share the SOP", due_on=datetime.date(2026, 8, 1)
    )
    assert note.is_decision and action.status == "open"
    notification = Notification.objects.get(user=head.user)
    assert notification.kind == NotificationKind.ACTION and "Share the SOP" in notification.message


def test_overdue_is_derived_from_the_due_date_and_status(meeting, coordinator, agency):
    action = services.add_action_item(
        meeting=meeting, by=coordinator, owner_agency=agency, text="Old", due_on=datetime.date(2020, 1, 1)
    )
    assert action.is_overdue
    services.set_action_status(action=action, by=coordinator, status="done")
    assert not ActionItem.objects.get(pk=action.pk).is_overdue


def test_open_items_carry_over_to_the_next_meeting_of_the_series_and_the_owner_agency(
    coordinator, period, agency, other_agency
):
    series = MeetingSeries.objects.create(name="Forum Evaluasi Triwulanan")
    first = services.schedule_meeting(
        by=coordinator, period=period, title="Q1", place="x", series=series, agencies=[agency, other_agency],
        starts_at=datetime.datetime(2026, 4, 10, tzinfo=datetime.UTC),
    )  # fmt: skip
    open_item = services.add_action_item(
        meeting=first, by=coordinator, owner_agency=agency, text="Open", due_on=datetime.date(2026, 6, 1)
    )
    done_item = services.add_action_item(
        meeting=first, by=coordinator, owner_agency=agency, text="Done", due_on=datetime.date(2026, 6, 1)
    )
    services.set_action_status(action=done_item, by=coordinator, status="done")
    second = services.schedule_meeting(
        by=coordinator, period=period, title="Q2", place="x", series=series, agencies=[agency],
        starts_at=datetime.datetime(2026, 7, 10, tzinfo=datetime.UTC),
    )  # fmt: skip
    assert list(selectors.carried_over_actions(meeting=second)) == [open_item]
    assert list(selectors.carried_over_actions(meeting=first)) == []
    assert list(selectors.open_actions_for_agency(agency_id=agency.pk)) == [open_item]


def test_presence_counts_sockets_so_a_second_tab_closing_keeps_the_user_present(meeting, employee):
    services.join_meeting(meeting=meeting, user=employee.user)
    services.join_meeting(meeting=meeting, user=employee.user)
    services.leave_meeting(meeting_id=meeting.pk, user=employee.user)
    assert [a.user for a in selectors.list_present(meeting_id=meeting.pk)] == [employee.user]
    services.leave_meeting(meeting_id=meeting.pk, user=employee.user)
    services.leave_meeting(meeting_id=meeting.pk, user=employee.user)
    assert list(selectors.list_present(meeting_id=meeting.pk)) == []
    assert Attendance.objects.get().connections == 0


def test_a_stranger_cannot_join_a_meeting(meeting, db):
    from django.http import Http404

    from tests.factories import EmployeeFactory

    stranger = EmployeeFactory()
    with pytest.raises(Http404):
        services.join_meeting(meeting=meeting, user=stranger.user)


def test_the_adoption_trend_compares_before_and_after_the_adoption_date(
    topic, outsider, other_agency, dinkes_iku, previous_period, period
):
    adoption = services.adopt_practice(
        topic=topic, by=outsider.user, agency=other_agency, responsible=outsider,
        follow_up_on=datetime.date(2026, 3, 1), adopted_on=datetime.date(2026, 1, 15),
    )  # fmt: skip
    (row,) = selectors.adoption_trends([adoption])[adoption.pk]
    assert row["before_period"] == previous_period and row["after_period"] == period
    assert row["before"].raw == Decimal("66.67") and row["after"].raw == Decimal("100.00")
    assert row["trend"]["direction"] == "up"


def test_an_adoption_without_later_figures_has_no_trend_yet(topic, outsider, other_agency, dinkes_iku):
    adoption = services.adopt_practice(
        topic=topic, by=outsider.user, agency=other_agency, responsible=outsider,
        follow_up_on=datetime.date(2027, 3, 1), adopted_on=datetime.date(2027, 1, 15),
    )  # fmt: skip
    (row,) = selectors.adoption_trends([adoption])[adoption.pk]
    assert row["after"] is None and row["trend"]["direction"] == "none"


def test_realisations_of_other_periods_do_not_leak_into_the_agenda(meeting, iku, coordinator, db):
    from tests.factories import PeriodFactory

    monthly = PeriodFactory(kind="monthly", name="Juni 2026", starts_on=datetime.date(2026, 6, 1))
    IndicatorRealisationFactory(indicator=iku, period=monthly, value=Decimal("1"))
    services.build_agenda(meeting=meeting, by=coordinator)
    item = meeting.items.get(agency=iku.agency)
    assert item.snapshot["iku"][0]["realisation"] == "9"
