"""Appointing an evaluation team through its page: the decree with its file, members from any agency with a role and
a term, and who may do it."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agencies.models import EvaluationTeam, TeamMember


def decree(content=b"%PDF-1.4\nsk\n", name="sk.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_the_head_records_the_decree_and_seats_a_planner_of_another_agency(client_for, head, agency, planner):
    client = client_for(head)
    saved = client.post(
        reverse("evaluation:team_save", args=[agency.pk]),
        {"decree_number": "800/12/2026", "decree_date": "2026-01-05", "decree_file": decree()},
    )
    assert saved.status_code == 302
    team = EvaluationTeam.objects.get(agency=agency)
    assert team.decree_number == "800/12/2026" and team.decree_file.name.endswith("sk.pdf")
    download = client.get(reverse("evaluation:decree_download", args=[agency.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")

    seated = client.post(
        reverse("evaluation:member_add", args=[agency.pk]),
        {"employee": planner.pk, "role": "secretary", "starts_on": "2026-01-01", "ends_on": "2027-12-31"},
    )
    assert seated.status_code == 302
    member = TeamMember.objects.get(team=team)
    assert (member.employee, member.role) == (planner, "secretary")
    page = client.get(reverse("evaluation:team_detail", args=[agency.pk])).content.decode()
    assert "Rina Perencana" in page and "other agency" in page


def test_bad_input_re_renders_with_errors(client_for, head, agency, planner):
    client = client_for(head)
    disguised = client.post(
        reverse("evaluation:team_save", args=[agency.pk]),
        {"decree_number": "800/1", "decree_date": "2026-01-05", "decree_file": decree(b"MZ\x90\x00program", "sk.pdf")},
    )
    assert disguised.status_code == 400 and not EvaluationTeam.objects.exists()
    client.post(
        reverse("evaluation:team_save", args=[agency.pk]), {"decree_number": "800/1", "decree_date": "2026-01-05"}
    )
    backwards = client.post(
        reverse("evaluation:member_add", args=[agency.pk]),
        {"employee": planner.pk, "role": "member", "starts_on": "2027-01-01", "ends_on": "2026-01-01"},
    )
    assert backwards.status_code == 400
    assert "The term must end after it starts." in backwards.content.decode()
    assert not TeamMember.objects.exists()


def test_a_member_reads_the_team_but_does_not_appoint_it(client_for, team, colleague, agency, planner):
    client = client_for(colleague)
    assert client.get(reverse("evaluation:team_detail", args=[agency.pk])).status_code == 200
    assert client.post(reverse("evaluation:team_save", args=[agency.pk]), {}).status_code == 403
    seat = TeamMember.objects.get(employee=planner)
    assert client.post(reverse("evaluation:member_remove", args=[seat.pk])).status_code == 403
    assert TeamMember.objects.filter(pk=seat.pk).exists()


def test_the_head_removes_a_member_and_the_reach_goes_with_the_seat(client_for, team, head, agency, planner):
    seat = TeamMember.objects.get(employee=planner)
    assert client_for(planner).get(reverse("evaluation:calendar", args=[agency.pk])).status_code == 200
    assert client_for(head).post(reverse("evaluation:member_remove", args=[seat.pk])).status_code == 302
    assert client_for(planner).get(reverse("evaluation:calendar", args=[agency.pk])).status_code == 404


def test_the_pic_is_chosen_on_the_schedule_page(client_for, team, colleague, iku, employee):
    url = reverse("evaluation:schedule_edit", args=[iku.pk])
    data = {"frequency": "quarterly", "pic": employee.pk, "due_day": 15, "value_kind": "number"}
    bad = client_for(colleague).post(url, data | {"min_value": "10", "max_value": "5"})
    assert bad.status_code == 400
    assert client_for(colleague).post(url, data).status_code == 302
    assert (iku.data_schedule.frequency, iku.data_schedule.pic) == ("quarterly", employee)
