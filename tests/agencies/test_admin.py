"""Admin: every master-data model's changelist and add page, the import pages, and the employee form's rules."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agencies.models import Employee
from tests.factories import (
    CoordinatorFactory,
    EmployeeFactory,
    IndicatorFactory,
    IndicatorRealisationFactory,
    IndicatorTargetFactory,
    make_nip,
)

pytestmark = pytest.mark.django_db
MODELS = ["agency", "unit", "employee", "coordinator", "period", "indicator", "indicatortarget", "indicatorrealisation"]


@pytest.fixture
def filled(employee, colleague, outsider, coordinator, period):
    indicator = IndicatorFactory(agency=employee.agency)
    IndicatorTargetFactory(indicator=indicator)
    IndicatorRealisationFactory(indicator=indicator, period=period)
    CoordinatorFactory(all_agencies=False).agencies.set([employee.agency])
    return indicator


@pytest.mark.parametrize("model", MODELS)
def test_changelist_search_filters_and_add_pages_load(client_for, admin_user, filled, model):
    client = client_for(admin_user)
    assert client.get(reverse(f"admin:agencies_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:agencies_{model}_changelist"), {"q": "1985"}).status_code == 200
    assert client.get(reverse(f"admin:agencies_{model}_add")).status_code == 200


@pytest.mark.parametrize("model", ["agency", "employee", "indicator", "indicatorrealisation"])
def test_change_pages_load(client_for, admin_user, filled, model, employee):
    objects = {
        "agency": employee.agency,
        "employee": employee,
        "indicator": filled,
        "indicatorrealisation": filled.realisations.get(),
    }
    url = reverse(f"admin:agencies_{model}_change", args=[objects[model].pk])
    assert client_for(admin_user).get(url).status_code == 200


def test_employee_changelist_query_count_does_not_grow_with_rows(
    client_for, admin_user, agency, django_assert_max_num_queries
):
    client = client_for(admin_user)
    EmployeeFactory.create_batch(30, agency=agency)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("admin:agencies_employee_changelist"))
    assert response.status_code == 200 and len(response.context["cl"].result_list) == 30


def test_employee_supervisor_loop_is_refused_on_the_admin_form(client_for, admin_user, head, supervisor, employee):
    url = reverse("admin:agencies_employee_change", args=[head.pk])
    data = {
        "user": head.user_id,
        "nip": head.nip,
        "employee_type": "PNS",
        "is_active": "on",
        "name": head.name,
        "position_title": head.position_title,
        "position_type": head.position_type,
        "agency": head.agency_id,
        "supervisor": employee.pk,
    }
    response = client_for(admin_user).post(url, data)
    assert response.status_code == 200
    assert "loop" in str(response.context["adminform"].form.errors["supervisor"])
    head.refresh_from_db()
    assert head.supervisor is None
    data["supervisor"] = head.pk
    response = client_for(admin_user).post(url, data)
    assert "themselves" in str(response.context["adminform"].form.errors["supervisor"])


def test_the_admin_form_normalises_a_typed_nip(client_for, admin_user, employee):
    url = reverse("admin:agencies_employee_change", args=[employee.pk])
    nip = make_nip(777)
    spaced = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    data = {
        "user": employee.user_id,
        "nip": spaced,
        "employee_type": "PNS",
        "is_active": "on",
        "name": employee.name,
        "position_title": "Analis",
        "position_type": "pelaksana",
        "agency": employee.agency_id,
    }
    response = client_for(admin_user).post(url, data)
    assert response.status_code == 302
    employee.refresh_from_db()
    assert employee.nip == nip


@pytest.mark.parametrize("model", ["agency", "unit", "employee"])
def test_the_import_page_is_linked_from_the_changelist(client_for, admin_user, model):
    response = client_for(admin_user).get(reverse(f"admin:agencies_{model}_changelist"))
    assert reverse(f"admin:agencies_{model}_import") in response.content.decode()
    page = client_for(admin_user).get(reverse(f"admin:agencies_{model}_import"))
    assert page.status_code == 200 and b"kode_opd" in page.content


def test_importing_through_the_admin_shows_counts(client_for, admin_user, agency):
    csv = f"nip,nama,jabatan,kode_opd\n{make_nip(11)},Andi,Analis,DUKCAPIL\n{make_nip(12)},Siti,Analis,DUKCAPIL\n"
    response = client_for(admin_user).post(
        reverse("admin:agencies_employee_import"), {"file": SimpleUploadedFile("p.csv", csv.encode())}
    )
    assert response.status_code == 200
    assert "2 rows: 2 created, 0 updated, 0 unchanged." in response.content.decode()
    assert Employee.objects.count() == 2


def test_a_bad_file_in_the_admin_shows_the_error_table_and_writes_nothing(client_for, admin_user, agency):
    csv = f"nip,nama,jabatan,kode_opd\n{make_nip(11)},Andi,Analis,DUKCAPIL\n123,Siti,Analis,NOPE\n"
    response = client_for(admin_user).post(
        reverse("admin:agencies_employee_import"), {"file": SimpleUploadedFile("p.csv", csv.encode())}
    )
    content = response.content.decode()
    assert 'id="import-errors"' in content and "No agency with code NOPE" in content
    assert [(e.row, e.column) for e in response.context["result"].errors] == [(3, "nip"), (3, "kode_opd")]
    assert not Employee.objects.exists()


def test_a_dry_run_in_the_admin_writes_nothing(client_for, admin_user, agency):
    csv = f"nip,nama,jabatan,kode_opd\n{make_nip(11)},Andi,Analis,DUKCAPIL\n"
    response = client_for(admin_user).post(
        reverse("admin:agencies_employee_import"),
        {"file": SimpleUploadedFile("p.csv", csv.encode()), "dry_run": "on"},
    )
    assert "Dry run" in response.content.decode()
    assert not Employee.objects.exists()


def test_the_import_form_without_a_file_re_renders_with_an_error(client_for, admin_user):
    response = client_for(admin_user).post(reverse("admin:agencies_unit_import"), {})
    assert response.status_code == 200 and response.context["form"].errors["file"]


def test_people_without_admin_rights_cannot_import(client_for, employee, coordinator):
    for person in (employee, coordinator):
        response = client_for(person).get(reverse("admin:agencies_employee_import"))
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize(
    ("nip", "message"), [("198504120000031001", "appointment month"), ("١٩٨٥٠٤١٢٢٠١٠٠٣١٠٠١", "0–9")]
)
def test_an_impossible_nip_is_a_form_error_in_the_admin_not_a_server_error(client_for, admin_user, employee, nip,
                                                                            message):  # fmt: skip
    data = {
        "user": employee.user_id,
        "nip": nip,
        "employee_type": "PNS",
        "is_active": "on",
        "name": employee.name,
        "position_title": "Analis",
        "position_type": "pelaksana",
        "agency": employee.agency_id,
    }
    response = client_for(admin_user).post(reverse("admin:agencies_employee_change", args=[employee.pk]), data)
    assert response.status_code == 200 and message in str(response.context["adminform"].form.errors["nip"])
