"""The forums step of seed_demo: the story a new user meets, and safe to repeat."""

from django.core.management import call_command

from forums.demo import PRACTICE_TITLE
from forums.models import ActionItem, Adoption, Category, Meeting, Topic


def test_seed_demo_creates_the_forum_story_once(db, settings):
    settings.KINERJA_DEMO_SEEDERS = ["agencies.demo.seed", "workflow.demo.seed", "forums.demo.seed"]
    call_command("seed_demo", force=True, verbosity=0)
    topic = Topic.objects.get(title=PRACTICE_TITLE)
    assert topic.agency.code == "DUKCAPIL" and topic.indicators.filter(code="IKU-01").exists()
    assert topic.posts.count() == 4 and topic.accepted_post is not None
    assert Adoption.objects.get(topic=topic).agency.code == "DINKES"
    past = topic.meeting
    assert past.status == "closed" and past.items.count() == 5 and past.notes.filter(is_decision=True).exists()
    assert ActionItem.objects.filter(meeting=past).exclude(status="done").exists()
    upcoming = Meeting.objects.exclude(pk=past.pk).get()
    assert upcoming.series == past.series and upcoming.status == "scheduled"
    counts = (Category.objects.count(), Topic.objects.count(), Meeting.objects.count(), ActionItem.objects.count())
    call_command("seed_demo", force=True, verbosity=0)
    assert (
        Category.objects.count(),
        Topic.objects.count(),
        Meeting.objects.count(),
        ActionItem.objects.count(),
    ) == counts


def test_the_demo_s_next_forum_meets_on_a_working_day(db, settings, monkeypatch):
    """Seeded on a Sunday, a week on is a Sunday too: the next forum moves to the Monday."""
    import datetime

    import agencies.management.commands.seed_demo as command

    sunday = datetime.date(datetime.date.today().year, 12, 6)
    sunday -= datetime.timedelta(days=(sunday.weekday() - 6) % 7)
    monkeypatch.setattr(command.timezone, "localdate", lambda *args, **kwargs: sunday)
    settings.KINERJA_DEMO_SEEDERS = ["agencies.demo.seed", "workflow.demo.seed", "forums.demo.seed"]
    call_command("seed_demo", force=True, verbosity=0)
    upcoming = Meeting.objects.get(status="scheduled")
    assert upcoming.starts_at.date().weekday() < 5
