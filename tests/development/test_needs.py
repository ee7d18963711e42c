"""Development needs: who raises them, who agrees them, and the agency's view by competence."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from development import services
from development.models import DevelopmentNeed, NeedSource, NeedStatus
from tests.development.factories import NeedFactory
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_an_employee_proposes_a_need_and_the_supervisor_agrees_it(client_for, employee, supervisor, iku):
    response = client_for(employee).post(
        reverse("development:need_create"),
        {"competence": "Manajemen  waktu", "gap": "Berkas menumpuk", "source": "employee", "indicator": iku.pk},
    )
    assert response.status_code == 302
    need = DevelopmentNeed.objects.get()
    assert (need.status, need.competence, need.indicator) == (NeedStatus.PROPOSED, "Manajemen waktu", iku)

    page = client_for(supervisor).get(reverse("development:need_list")).content.decode()
    assert "Berkas menumpuk" in page
    response = client_for(supervisor).post(reverse("development:need_decide", args=[need.pk]), {"decision": "agree"})
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.status == NeedStatus.AGREED and need.decided_by == supervisor.user


def test_a_second_decision_is_refused_with_a_message_and_changes_nothing(client_for, employee, supervisor):
    need = NeedFactory(employee=employee, status=NeedStatus.PROPOSED)
    client = client_for(supervisor)
    client.post(reverse("development:need_decide", args=[need.pk]), {"decision": "agree"})
    response = client.post(reverse("development:need_decide", args=[need.pk]), {"decision": "decline"}, follow=True)
    assert "already decided" in response.content.decode()
    need.refresh_from_db()
    assert need.status == NeedStatus.AGREED


def test_an_employee_cannot_agree_their_own_need(employee):
    need = NeedFactory(employee=employee, status=NeedStatus.PROPOSED)
    with pytest.raises(Exception) as error:
        services.decide_need(need=need, by=employee.user, agree=True)
    assert error.type.__name__ == "PermissionDenied"


def test_someone_of_another_agency_gets_404_on_a_need(client_for, employee, outsider):
    need = NeedFactory(employee=employee, status=NeedStatus.PROPOSED)
    response = client_for(outsider).post(reverse("development:need_decide", args=[need.pk]), {"decision": "agree"})
    assert response.status_code == 404


def test_a_need_raised_by_the_supervisor_is_agreed_at_once(supervisor, employee):
    need = services.raise_need(
        by=supervisor.user, employee=employee, competence="Pelayanan prima", gap="Keluhan warga", source="supervisor"
    )
    assert need.status == NeedStatus.AGREED


def test_each_source_asks_for_its_reference(supervisor, employee):
    for source, field in (
        (NeedSource.COACHING, "coaching"),
        (NeedSource.PREDIKAT, "rated_plan"),
        (NeedSource.RED_IKU, "source_indicator"),
        (NeedSource.IKM_ELEMENT, "source_reference"),
    ):
        with pytest.raises(ValidationError) as error:
            services.raise_need(by=supervisor.user, employee=employee, competence="X", gap="Y", source=source)
        assert field in error.value.message_dict
    need = services.raise_need(
        by=supervisor.user,
        employee=employee,
        competence="Pelayanan",
        gap="Waktu penyelesaian",
        source=NeedSource.IKM_ELEMENT,
        source_reference="U3 waktu penyelesaian, survei triwulan II",
    )
    assert need.source_reference.startswith("U3")


def test_a_unit_need_needs_someone_overseeing_the_agency(head, unit, employee):
    need = services.raise_need(by=head.user, unit=unit, competence="Arsip digital", gap="Arsip", source="supervisor")
    assert need.unit == unit and need.status == NeedStatus.AGREED
    with pytest.raises(Exception) as error:
        services.raise_need(by=employee.user, unit=unit, competence="Arsip", gap="Arsip", source="employee")
    assert error.type.__name__ == "PermissionDenied"


def test_the_form_re_renders_with_errors_and_keeps_the_input(client_for, employee):
    response = client_for(employee).post(reverse("development:need_create"), {"competence": "Manajemen waktu"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="Manajemen waktu"' in page and "This field is required" in page
    assert not DevelopmentNeed.objects.exists()


def test_the_agency_sees_agreed_needs_grouped_by_competence(client_for, head, employee, colleague, agency):
    NeedFactory(employee=employee, competence="Manajemen waktu pelayanan")
    NeedFactory(employee=colleague, competence="Manajemen waktu pelayanan")
    NeedFactory(employee=None, unit=UnitFactory(agency=agency), competence="Arsip digital")
    NeedFactory(employee=colleague, competence="Tidak disetujui", status=NeedStatus.DECLINED)
    page = client_for(head).get(reverse("development:need_list")).content.decode()
    groups = page.split('id="by-competence"')[1].split('id="all-needs"')[0]
    assert "Manajemen waktu pelayanan" in groups and "Arsip digital" in groups
    assert "Tidak disetujui" not in groups


def test_an_employee_without_a_team_may_not_open_the_agency_needs(client_for, employee):
    assert client_for(employee).get(reverse("development:need_list")).status_code == 403


def test_a_head_raises_a_whole_units_need_from_the_needs_page(client_for, head, unit, employee, outsider, iku):
    page = client_for(head).get(reverse("development:need_list")).content.decode()
    assert f'<option value="{unit.pk}">' in page
    url = reverse("development:need_create") + f"?unit={unit.pk}"
    response = client_for(head).post(url, {"competence": "Arsip digital", "gap": "", "source": "red_iku"})
    assert response.status_code == 400 and DevelopmentNeed.objects.count() == 0
    data = {"competence": "Arsip digital", "gap": "Arsip masih kertas", "source": "red_iku", "source_indicator": iku.pk}
    assert client_for(head).post(url, data | {"indicator": iku.pk}).status_code == 302
    need = DevelopmentNeed.objects.get()
    assert (need.unit, need.employee, need.status, need.indicator) == (unit, None, NeedStatus.AGREED, iku)
    assert client_for(employee).get(url).status_code == 404
    assert client_for(outsider).get(url).status_code == 404
