"""The demo: a Dukcapil service training of 16 JP for needs raised from an off-track IKU (and a coaching plan),
attended, with the IKU improving afterwards against other agencies."""

import pytest
from django.core.management import call_command

from development import effects
from development.models import AttendanceDay, DevelopmentNeed, NeedSource, Training

pytestmark = pytest.mark.django_db


class _Null:
    def write(self, *_):
        pass

    def flush(self):
        pass


def test_the_demo_training_shows_an_effect_and_seeding_twice_adds_nothing():
    call_command("seed_demo", force=True, verbosity=0, stdout=_Null())
    counts = (Training.objects.count(), DevelopmentNeed.objects.count(), AttendanceDay.objects.count())
    call_command("seed_demo", force=True, verbosity=0, stdout=_Null())
    assert (Training.objects.count(), DevelopmentNeed.objects.count(), AttendanceDay.objects.count()) == counts

    training = Training.objects.get(kind="pelatihan", agency__code="DUKCAPIL")
    assert training.jp == 16 and training.participants.filter(status="completed").count() == 3
    assert AttendanceDay.objects.filter(participation__training=training, present=True).count() == 6
    sources = set(DevelopmentNeed.objects.values_list("source", flat=True))
    assert {NeedSource.RED_IKU, NeedSource.COACHING} <= sources
    assert training.indicators.get().name.startswith("Rata-rata waktu penyelesaian dokumen")
    effect = effects.training_effect(training=training, months=6)
    assert effect.participants.rows[0].improved is True

    # The past trainings' invitations are dated before them and read, not waiting as new months later.
    from django.urls import reverse
    from django.utils import timezone

    from forums.models import Notification

    for each in Training.objects.filter(ends_on__lt=timezone.localdate()):
        invitations = Notification.objects.filter(url=reverse("development:training_detail", args=[each.pk]))
        assert invitations.exists()
        for invitation in invitations:
            assert invitation.created_at.date() < each.starts_on and invitation.read_at is not None
