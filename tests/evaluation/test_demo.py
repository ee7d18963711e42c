"""The evaluation step of seed_demo: Disdukcapil's team, the amber quarter, the obstacle escalated to the next Pemda
meeting and the recovery; safe to repeat."""

import datetime

import pytest
from django.core.management import call_command

from agencies.models import EvaluationTeam
from evaluation.models import Action, DataEntry, ItemKind, Obstacle, Review

SEEDERS = ["agencies.demo.seed", "workflow.demo.seed", "forums.demo.seed", "evaluation.demo.seed"]


@pytest.fixture
def late_in_the_year(monkeypatch):
    """The story needs the third quarter to have ended: seed as on 4 December of the machine's year."""
    import agencies.management.commands.seed_demo as command

    today = datetime.date(datetime.date.today().year, 12, 4)
    monkeypatch.setattr(command.timezone, "localdate", lambda *args, **kwargs: today)
    return today


def test_seed_demo_tells_the_dukcapil_story_once(db, settings, late_in_the_year):
    settings.KINERJA_DEMO_SEEDERS = SEEDERS
    call_command("seed_demo", force=True, verbosity=0)
    team = EvaluationTeam.objects.get(agency__code="DUKCAPIL")
    assert team.decree_file and team.members.count() == 4
    assert team.members.exclude(employee__agency=team.agency).exists()  # a member from another agency
    entries = list(DataEntry.objects.filter(schedule__indicator__code="IKU-01", starts_on__year=late_in_the_year.year))
    assert [entry.status for entry in entries] == ["published"] * 3 + ["open"]
    review = Review.objects.get(agency=team.agency)
    assert review.items.filter(kind=ItemKind.IKU_AMBER, indicator__code="IKU-01").exists()
    obstacle = Obstacle.objects.get()
    assert obstacle.category == "system" and obstacle.status == "escalated"
    assert obstacle.escalated_to.meeting.status == "scheduled"
    assert Action.objects.get().status == "done"
    call_command("seed_demo", force=True, verbosity=0)
    assert (Review.objects.count(), Obstacle.objects.count(), Action.objects.count()) == (1, 1, 1)


def test_the_demo_decree_downloads_after_seeding_twice(db, settings, late_in_the_year, tmp_path, client):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    settings.KINERJA_DEMO_SEEDERS = SEEDERS
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", force=True, verbosity=0)
    call_command("seed_demo", force=True, verbosity=0)
    team = EvaluationTeam.objects.get(agency__code="DUKCAPIL")
    client.force_login(get_user_model().objects.filter(is_superuser=True).first() or team.agency.head.user)
    response = client.get(reverse("evaluation:decree_download", args=[team.agency_id]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_decree_whose_file_is_lost_answers_404_not_a_server_error(db, settings, late_in_the_year, tmp_path, client):
    import shutil

    from django.contrib.auth import get_user_model
    from django.urls import reverse

    settings.KINERJA_DEMO_SEEDERS = SEEDERS
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", force=True, verbosity=0)
    shutil.rmtree(tmp_path / "evaluation-teams")  # a restore without the media
    team = EvaluationTeam.objects.get(agency__code="DUKCAPIL")
    client.force_login(get_user_model().objects.filter(is_superuser=True).first() or team.agency.head.user)
    response = client.get(reverse("evaluation:decree_download", args=[team.agency_id]))
    assert response.status_code == 404


def test_the_demo_s_survey_figures_wait_in_the_data_calendar_not_on_the_iku_page(db, settings, late_in_the_year):
    """IKU-IKM is computed from the demo survey before the team schedules it: its finished quarters are the
    calendar's, verified by the team but the latest, which waits for a verifier."""
    from agencies.models import IndicatorRealisation

    settings.KINERJA_DEMO_SEEDERS = [*SEEDERS[:3], "surveys.demo.seed", SEEDERS[3]]
    call_command("seed_demo", force=True, verbosity=0)
    figures = IndicatorRealisation.objects.filter(indicator__code="IKU-IKM", indicator__agency__code="DUKCAPIL")
    assert figures.exists() and not figures.filter(verified_elsewhere=False).exists()
    entries = DataEntry.objects.filter(schedule__indicator__code="IKU-IKM", realisation__isnull=False)
    statuses = list(entries.order_by("starts_on").values_list("status", flat=True))
    assert len(statuses) == figures.count()
    assert statuses == ["published"] * (len(statuses) - 1) + ["submitted"]
    assert all(entry.source_origin == "computed" for entry in entries)
    # Dated as the team would have entered them, so the demo calendar is not all late.
    assert not any(entry.was_submitted_late for entry in DataEntry.objects.filter(submitted_at__isnull=False))
    assert all(figure.verified_at.date() <= late_in_the_year for figure in figures.exclude(verified_at=None))
