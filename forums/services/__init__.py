"""Writes for forums, meetings and notifications (re-exported so callers write `services.post_reply`)."""

from .meetings import (  # noqa: F401
    add_action_item,
    add_note,
    build_agenda,
    close_meeting,
    join_meeting,
    leave_meeting,
    schedule_meeting,
    set_action_status,
    set_current_item,
)
from .moderation import (  # noqa: F401
    flag_post,
    move_topic,
    resolve_flags,
    set_post_hidden,
    set_topic_hidden,
    set_topic_locked,
)
from .notifications import (  # noqa: F401
    FINISHED,
    mark_all_notifications_read,
    mark_notification_read,
    notify,
    notify_task_assigned,
    notify_tasks_assigned_in_bulk,
    settle_notifications_leading_to,
    settle_task_notifications,
)
from .topics import (  # noqa: F401
    adopt_practice,
    create_topic,
    edit_post,
    mark_topic_read,
    normalise_tags,
    post_reply,
    set_accepted_answer,
    set_subscription,
    toggle_reaction,
)
