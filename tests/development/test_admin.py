"""The development admin writes through the services: a need typed there is raised by `raise_need` (checked, agreed
by the administrator), a training is created and edited by the services (audited, people told) and cancelled with a
reason; participation and external trainings are read-only and nothing is deleted."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent, AuditKind
from development.models import DevelopmentNeed, NeedStatus, Training, TrainingStatus
from forums.models import Notification
from tests.development.factories import ExternalTrainingFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def _data(response, **changes) -> dict:
    """What the admin change page would post back: the form's initial values and each inline's management form."""
    form = response.context["adminform"].form
    data = {}
    for name in response.context["adminform"].form.fields:
        value = form[name].value()
        if isinstance(value, list | tuple):
            data[name] = [getattr(item, "pk", item) for item in value]
        elif value is not None:
            data[name] = value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for index, inline_form in enumerate(formset.forms):
            data[f"{formset.prefix}-{index}-id"] = inline_form.instance.pk
            data[f"{formset.prefix}-{index}-training"] = inline_form.instance.training_id
    return data | changes


def test_a_need_typed_in_the_admin_is_raised_by_the_service(client_for, admin_user, employee, iku):
    client = client_for(admin_user)
    url = reverse("admin:development_developmentneed_add")
    data = {"employee": employee.pk, "competence": "Pelayanan  prima", "gap": "Antrean", "source": "coaching"}
    response = client.post(url, data)
    assert response.status_code == 200 and "Name the coaching plan" in response.content.decode()
    response = client.post(url, data | {"source": "supervisor", "indicator": iku.pk})
    assert response.status_code == 302
    need = DevelopmentNeed.objects.get()
    assert need.competence == "Pelayanan prima" and need.agency == employee.agency
    assert need.raised_by == admin_user and need.status == NeedStatus.AGREED


def test_a_training_created_and_moved_in_the_admin_goes_through_the_services(
    client_for, admin_user, agency, iku, employee
):
    client = client_for(admin_user)
    data = {"kind": "pelatihan", "name": "Pelatihan Loket", "organiser": "BKPSDM", "agency": agency.pk}
    data |= {"starts_on": "2026-02-10", "ends_on": "2026-02-11", "place": "Aula", "jp": 16, "capacity": 20}
    data |= {"indicators": [iku.pk], "participants-TOTAL_FORMS": 0, "participants-INITIAL_FORMS": 0}
    response = client.post(reverse("admin:development_training_add"), data | {"ends_on": "2026-02-01"})
    assert response.status_code == 200 and "end on or after" in response.content.decode()
    assert client.post(reverse("admin:development_training_add"), data).status_code == 302
    training = Training.objects.get()
    assert training.created_by == admin_user and list(training.indicators.all()) == [iku]

    ParticipationFactory(training=training, employee=employee, status="registered")
    url = reverse("admin:development_training_change", args=[training.pk])
    response = client.post(url, _data(client.get(url), place="Pendopo"))
    assert response.status_code == 302
    training.refresh_from_db()
    assert training.place == "Pendopo"
    assert AuditEvent.objects.get(kind=AuditKind.TRAINING_CHANGED).detail["changed"] == "place"
    assert Notification.objects.get().user == employee.user


def test_a_training_is_cancelled_in_the_admin_with_its_reason_and_never_deleted(
    client_for, admin_user, training, employee
):
    ParticipationFactory(training=training, employee=employee, status="registered")
    client = client_for(admin_user)
    url = reverse("admin:development_training_change", args=[training.pk])
    response = client.post(url, _data(client.get(url), cancel_reason="Anggaran dialihkan"))
    assert response.status_code == 302
    training.refresh_from_db()
    assert training.status == TrainingStatus.CANCELLED and training.cancellation_reason == "Anggaran dialihkan"
    assert AuditEvent.objects.get(kind=AuditKind.TRAINING_CANCELLED).actor == admin_user
    assert Notification.objects.get().user == employee.user
    page = client.get(url).content.decode()  # cancelled: kept for the record, nothing left to edit
    assert 'name="cancel_reason"' not in page and 'name="name"' not in page and "Anggaran dialihkan" in page
    assert client.get(reverse("admin:development_training_delete", args=[training.pk])).status_code == 403


def test_participation_and_external_trainings_are_read_only(client_for, admin_user, training, employee):
    participation = ParticipationFactory(training=training, employee=employee, status="completed")
    external = ExternalTrainingFactory(employee=employee)
    client = client_for(admin_user)
    for model, obj in (("participation", participation), ("externaltraining", external)):
        page = client.get(reverse(f"admin:development_{model}_change", args=[obj.pk]))
        assert page.status_code == 200 and not page.context["has_change_permission"]
        assert client.get(reverse(f"admin:development_{model}_add")).status_code == 403
    assert client.get(reverse("admin:development_developmentneed_changelist")).status_code == 200
