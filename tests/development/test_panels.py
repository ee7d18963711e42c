"""What development shows on workflow's and forums' pages, through the panel registry (common/panels.py)."""

import datetime

import pytest
from django.template import Context, Template
from django.urls import reverse

from common import panels
from development.models import NeedSource
from forums import services as forum_services
from tests.development.factories import ParticipationFactory, TrainingFactory
from tests.workflow.conftest import advance, open_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def coached(filled_plan, employee, supervisor):
    return advance(filled_plan, "close_coaching", employee, supervisor)


def test_closing_coaching_shows_trainings_completed_since_it_opened_and_raises_a_need(
    client_for, coached, employee, supervisor, agency
):
    opened = coached.coaching.created_at.date()
    before = TrainingFactory(
        agency=agency,
        name="Pelatihan lama",
        starts_on=opened - datetime.timedelta(days=40),
        ends_on=opened - datetime.timedelta(days=39),
    )
    after = TrainingFactory(agency=agency, name="Pelatihan baru", starts_on=opened, ends_on=opened)
    for training in (before, after):
        ParticipationFactory(training=training, employee=employee, status="completed")
    task = open_task(coached, "close_coaching")
    task_url = reverse("workflow:task_detail", args=[coached.pk, task.pk])
    page = client_for(supervisor).get(task_url).content.decode()
    assert "Pelatihan baru" in page and "Pelatihan lama" not in page
    assert "Raise a development need" in page

    url = reverse("development:need_create") + f"?plan={coached.pk}"
    response = client_for(supervisor).post(
        url, {"competence": "Penyusunan target", "gap": "Target tidak realistis", "source": NeedSource.COACHING}
    )
    assert response.status_code == 302
    need = coached.coaching.development_needs.get()
    assert need.employee == employee and need.status == "agreed"
    assert "Penyusunan target" in client_for(supervisor).get(task_url).content.decode()


def test_an_evaluation_meeting_agenda_item_shows_the_effect_of_trainings_on_its_iku(
    client_for, coordinator, training, agency, period
):
    meeting = forum_services.schedule_meeting(
        by=coordinator,
        period=period,
        title="Forum Evaluasi IKU",
        starts_at=datetime.datetime(2026, 7, 15, 9, tzinfo=datetime.UTC),
        place="Ruang Rapat",
        agencies=[agency],
    )
    page = client_for(coordinator).get(reverse("forums:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Trainings aimed at these IKU" in page and "Pelatihan Manajemen Waktu: before and after" in page


def test_a_slot_with_nothing_registered_renders_empty():
    html = Template('{% load panels %}[{% render_panels "nobody.here" obj %}]').render(Context({"obj": 1}))
    assert html == "[]"


def test_a_registered_panel_renders_its_context_and_none_hides_it(rf):
    template = "development/_agenda_panel.html"
    shown = {"value": {"rows": []}}
    panels.register_panel("test.slot", template=template, context=lambda request, obj: shown["value"])
    panels.register_panel("test.slot", template=template, context=lambda request, obj: shown["value"])
    try:
        html = panels.render_panels("test.slot", request=rf.get("/"), obj=1)
        assert html.count("Trainings aimed at these IKU") == 1  # registering twice keeps one
        shown["value"] = None
        assert panels.render_panels("test.slot", request=rf.get("/"), obj=1) == ""
    finally:
        panels.unregister_panel("test.slot", template=template)
