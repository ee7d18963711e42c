"""Services for practices, discussion, adoption and notifications, tested against the database."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from forums import services
from forums.models import (
    Adoption,
    Flag,
    ModerationAction,
    Notification,
    NotificationKind,
    Post,
    PostRevision,
    Reaction,
    ReadMarker,
    Subscription,
    Topic,
)


def test_sharing_a_practice_creates_the_topic_with_its_first_post_tags_and_iku(employee, agency, category, iku):
    topic = services.create_topic(
        author=employee.user,
        category=category,
        title="Jemput bola KTP-el",
        body="We went to the **villages**.",
        agency=agency,
        tags=" KTP-el, antrian ,ktp-el",
        indicators=[iku],
    )
    assert topic.post_count == 1
    post = topic.posts.get()
    assert "<strong>villages</strong>" in post.html
    assert sorted(topic.tags.values_list("name", flat=True)) == ["antrian", "ktp-el"]
    assert list(topic.indicators.all()) == [iku]
    assert Subscription.objects.filter(topic=topic, user=employee.user).exists()
    assert topic.last_post_id_cache == post.pk


def test_an_employee_cannot_share_a_practice_in_another_agencys_name(employee, other_agency, category):
    with pytest.raises(PermissionDenied):
        services.create_topic(author=employee.user, category=category, title="Not ours", body="x", agency=other_agency)


def test_a_reply_notifies_subscribers_but_not_its_author(topic, employee, outsider, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        post = services.post_reply(topic=topic, author=outsider.user, body="We will try this at Dinkes.")
    notification = Notification.objects.get(user=employee.user)
    assert notification.kind == NotificationKind.REPLY
    assert notification.url.endswith(f"#post-{post.pk}")
    assert not Notification.objects.filter(user=outsider.user).exists()
    assert len(callbacks) >= 2  # the topic's live event and the subscriber's badge
    topic.refresh_from_db()
    assert (topic.post_count, topic.last_post_id_cache) == (2, post.pk)
    assert Subscription.objects.filter(topic=topic, user=outsider.user).exists()


def test_a_mention_notifies_the_mentioned_user_once(topic, outsider, colleague):
    services.post_reply(topic=topic, author=outsider.user, body="@colleague what do you think? @colleague")
    assert Notification.objects.filter(user=colleague.user, kind=NotificationKind.MENTION).count() == 1


def test_nobody_is_notified_about_a_topic_they_may_not_open(topic, outsider, coordinator, employee):
    from tests.factories import UserFactory

    UserFactory(username="no_roles")
    services.post_reply(topic=topic, author=outsider.user, body="@no_roles have a look")
    assert not Notification.objects.filter(user__username="no_roles").exists()
    services.set_topic_hidden(topic=topic, by=coordinator, hidden=True)
    hidden_reply = services.post_reply(topic=topic, author=coordinator, body="@outsider moderator note")
    assert not Notification.objects.filter(user=outsider.user, kind=NotificationKind.MENTION).exists()
    assert not Notification.objects.filter(user=employee.user, data__post_id=hidden_reply.pk).exists()


def test_an_edit_keeps_the_previous_version_and_notifies_only_new_mentions(topic, employee, colleague, outsider):
    post = topic.posts.get()
    services.edit_post(post=post, editor=employee.user, body="Now with @colleague")
    services.edit_post(post=post, editor=employee.user, body="Now with @colleague and @outsider")
    post.refresh_from_db()
    assert post.edited_at is not None
    assert list(PostRevision.objects.filter(post=post).values_list("body", flat=True)) == [
        "Now with @colleague",
        "We moved KTP-el printing to the kecamatan.",
    ]
    assert Notification.objects.filter(user=colleague.user, kind=NotificationKind.MENTION).count() == 1
    assert Notification.objects.filter(user=outsider.user, kind=NotificationKind.MENTION).count() == 1


def test_only_the_author_may_edit_a_post(topic, colleague):
    with pytest.raises(PermissionDenied):
        services.edit_post(post=topic.posts.get(), editor=colleague.user, body="mine now")


def test_a_reaction_toggles_and_is_unique_per_user_and_kind(topic, outsider):
    post = topic.posts.get()
    assert services.toggle_reaction(post=post, user=outsider.user, kind="like") is True
    assert services.toggle_reaction(post=post, user=outsider.user, kind="thanks") is True
    assert Reaction.objects.filter(post=post).count() == 2
    assert services.toggle_reaction(post=post, user=outsider.user, kind="like") is False
    assert list(Reaction.objects.filter(post=post).values_list("kind", flat=True)) == ["thanks"]


def test_the_topic_author_or_a_coordinator_marks_the_answer(topic, employee, outsider, coordinator):
    reply = services.post_reply(topic=topic, author=outsider.user, body="Use a queue number system.")
    with pytest.raises(PermissionDenied):
        services.set_accepted_answer(topic=topic, post=reply, by=outsider.user)
    services.set_accepted_answer(topic=topic, post=reply, by=employee.user)
    assert Topic.objects.get(pk=topic.pk).accepted_post == reply
    services.set_accepted_answer(topic=topic, post=None, by=coordinator)
    assert Topic.objects.get(pk=topic.pk).accepted_post is None


def test_a_locked_topic_refuses_replies_until_unlocked(topic, coordinator, outsider):
    services.set_topic_locked(topic=topic, by=coordinator, locked=True, note="Resolved")
    with pytest.raises(PermissionDenied):
        services.post_reply(topic=topic, author=outsider.user, body="late")
    services.set_topic_locked(topic=topic, by=coordinator, locked=False)
    services.post_reply(topic=topic, author=outsider.user, body="thanks")
    assert list(ModerationAction.objects.filter(topic=topic).values_list("kind", flat=True)) == ["unlock", "lock"]


def test_only_moderators_lock_hide_and_move(topic, employee, other_category):
    with pytest.raises(PermissionDenied):
        services.set_topic_locked(topic=topic, by=employee.user, locked=True)
    with pytest.raises(PermissionDenied):
        services.set_topic_hidden(topic=topic, by=employee.user, hidden=True)
    with pytest.raises(PermissionDenied):
        services.move_topic(topic=topic, by=employee.user, category=other_category)


def test_moving_a_topic_is_logged_with_both_categories(topic, coordinator, other_category):
    services.move_topic(topic=topic, by=coordinator, category=other_category)
    action = ModerationAction.objects.get(topic=topic)
    assert action.kind == "move" and "Administrasi Kependudukan → Kesehatan" in action.note


def test_a_hidden_post_keeps_its_text_and_history(topic, employee, coordinator):
    post = topic.posts.get()
    services.edit_post(post=post, editor=employee.user, body="second version")
    services.set_post_hidden(post=post, by=coordinator, hidden=True, note="off topic")
    post.refresh_from_db()
    assert post.is_hidden and post.body == "second version" and post.revisions.count() == 1
    assert post.hidden_by == coordinator
    with pytest.raises(Http404):  # its author no longer sees it
        services.edit_post(post=post, editor=employee.user, body="third")


def test_flagging_twice_keeps_one_flag_and_moderators_resolve_it(topic, outsider, coordinator):
    post = topic.posts.get()
    services.flag_post(post=post, user=outsider.user, reason="spam")
    services.flag_post(post=post, user=outsider.user, reason="spam, really")
    assert Flag.objects.get().reason == "spam, really"
    assert services.resolve_flags(post=post, by=coordinator) == 1
    assert Flag.objects.get().resolved_by == coordinator


def test_nobody_flags_their_own_post(topic, employee):
    with pytest.raises(PermissionDenied):
        services.flag_post(post=topic.posts.get(), user=employee.user, reason="oops")


def test_another_agency_adopts_a_practice_with_a_responsible_person(topic, outsider, other_agency):
    adoption = services.adopt_practice(
        topic=topic,
        by=outsider.user,
        agency=other_agency,
        responsible=outsider,
        follow_up_on=datetime.date(2026, 10, 1),
    )
    assert Adoption.objects.get() == adoption and adoption.adopted_on is not None


def test_the_sharing_agency_cannot_adopt_its_own_practice(topic, employee, agency):
    with pytest.raises(PermissionDenied):
        services.adopt_practice(
            topic=topic, by=employee.user, agency=agency, responsible=employee, follow_up_on=datetime.date(2026, 10, 1)
        )


def test_the_responsible_person_must_work_at_the_adopting_agency(topic, outsider, other_agency, employee):
    with pytest.raises(ValidationError):
        services.adopt_practice(
            topic=topic,
            by=outsider.user,
            agency=other_agency,
            responsible=employee,
            follow_up_on=datetime.date(2026, 10, 1),
        )


def test_an_agency_adopts_a_practice_once(topic, outsider, other_agency):
    kwargs = {"topic": topic, "by": outsider.user, "agency": other_agency, "responsible": outsider,
              "follow_up_on": datetime.date(2026, 10, 1)}  # fmt: skip
    services.adopt_practice(**kwargs)
    with pytest.raises(ValidationError):
        services.adopt_practice(**kwargs)


def test_attachments_follow_the_evidence_limits(topic, outsider, settings):
    settings.KINERJA_UPLOAD_MAX_BYTES = 10
    with pytest.raises(ValidationError):
        services.post_reply(
            topic=topic, author=outsider.user, body="x", files=[SimpleUploadedFile("big.pdf", b"x" * 11)]
        )
    with pytest.raises(ValidationError):
        services.post_reply(topic=topic, author=outsider.user, body="x", files=[SimpleUploadedFile("run.exe", b"x")])
    post = services.post_reply(
        topic=topic, author=outsider.user, body="x", files=[SimpleUploadedFile("sop.pdf", b"%PDF-")]
    )
    attachment = post.attachments.get()
    assert attachment.original_name == "sop.pdf" and attachment.size == 5
    assert not attachment.file.name.endswith("sop.pdf")  # stored under a random name


def test_reading_moves_the_marker_forward_only(topic, outsider):
    first = topic.posts.get()
    reply = services.post_reply(topic=topic, author=outsider.user, body="second")
    topic.refresh_from_db()
    services.mark_topic_read(topic=topic, user=outsider.user, post_id=first.pk)
    assert ReadMarker.objects.get(topic=topic, user=outsider.user).last_read_post_id == reply.pk


def test_a_task_getting_an_owner_notifies_that_owner_once(employee):
    from viewflow.workflow.models import Process, Task

    from workflow.flows import PlanFlow

    process = Process.objects.create(flow_class=PlanFlow)
    task = Task.objects.create(process=process, flow_task=PlanFlow.draft, status="NEW")
    assert not Notification.objects.filter(kind=NotificationKind.TASK).exists()
    task.owner = employee.user
    task.save()
    task.save()
    notification = Notification.objects.get(user=employee.user, kind=NotificationKind.TASK)
    assert notification.data["task_id"] == task.pk and notification.message
    assert notification.url == "/inbox/"  # a process without a plan: the inbox lists the task


def test_a_plan_task_notification_links_to_the_task_page(employee, period):
    from viewflow.workflow.models import Task

    from workflow import services as workflow_services

    plan = workflow_services.start_plan(employee=employee, period=period, by=employee.user)
    task = Task.objects.filter(process__planprocess__plan=plan, owner=employee.user).first()
    assert task is not None
    notification = Notification.objects.get(user=employee.user, kind=NotificationKind.TASK, data__task_id=task.pk)
    assert notification.url == f"/plans/{plan.pk}/tasks/{task.pk}/"


def test_marking_notifications_read(topic, employee, outsider):
    services.post_reply(topic=topic, author=outsider.user, body="hi")
    notification = Notification.objects.get(user=employee.user)
    with pytest.raises(Http404):
        services.mark_notification_read(notification=notification, user=outsider.user)
    services.mark_notification_read(notification=notification, user=employee.user)
    assert Notification.objects.get(pk=notification.pk).read_at is not None
    services.post_reply(topic=topic, author=outsider.user, body="again")
    assert services.mark_all_notifications_read(user=employee.user) == 1


def test_post_counts_stay_right_after_many_replies(topic, outsider):
    for number in range(3):
        services.post_reply(topic=topic, author=outsider.user, body=f"reply {number}")
    assert Topic.objects.get(pk=topic.pk).post_count == Post.objects.filter(topic=topic).count() == 4
