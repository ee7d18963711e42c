from django.urls import path

from .views import meetings, mentions, notifications, topics

app_name = "forums"

urlpatterns = [
    path("forums/", topics.forum_index, name="index"),
    path("forums/c/<slug:slug>/", topics.forum_index, name="category"),
    path("forums/new/", topics.topic_create, name="topic_create"),
    path("forums/search/", topics.search, name="search"),
    path("forums/people/", mentions.mention_suggestions, name="mention_suggestions"),  # board
    path("forums/flags/", topics.flag_queue, name="flag_queue"),
    path("forums/t/<int:topic_id>/", topics.topic_detail, name="topic_detail"),
    path("forums/t/<int:topic_id>/reply/", topics.reply_create, name="reply_create"),
    path("forums/t/<int:topic_id>/subscribe/", topics.topic_subscribe, name="topic_subscribe"),
    path("forums/t/<int:topic_id>/read/", topics.topic_read, name="topic_read"),
    path("forums/t/<int:topic_id>/adopt/", topics.topic_adopt, name="topic_adopt"),
    path("forums/t/<int:topic_id>/moderate/<slug:action>/", topics.topic_moderate, name="topic_moderate"),
    path("forums/p/<int:post_id>/", topics.post_fragment, name="post_fragment"),
    path("forums/p/<int:post_id>/edit/", topics.post_edit, name="post_edit"),
    path("forums/p/<int:post_id>/history/", topics.post_history, name="post_history"),
    path("forums/p/<int:post_id>/react/", topics.post_react, name="post_react"),
    path("forums/p/<int:post_id>/flag/", topics.post_flag, name="post_flag"),
    path("forums/p/<int:post_id>/hide/", topics.post_hide, name="post_hide"),
    path("forums/p/<int:post_id>/accept/", topics.post_accept, name="post_accept"),
    path("forums/p/<int:post_id>/resolve/", topics.flag_resolve, name="flag_resolve"),
    path("forums/files/<int:attachment_id>/", topics.attachment_download, name="attachment_download"),
    path("meetings/", meetings.meeting_list, name="meeting_list"),
    path("meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:meeting_id>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:meeting_id>/current/", meetings.meeting_current, name="meeting_current"),
    path("meetings/<int:meeting_id>/notes/", meetings.meeting_note, name="meeting_note"),
    path("meetings/<int:meeting_id>/actions/", meetings.meeting_action, name="meeting_action"),
    path("meetings/<int:meeting_id>/agenda/", meetings.meeting_rebuild, name="meeting_rebuild"),
    path("meetings/<int:meeting_id>/close/", meetings.meeting_close, name="meeting_close"),
    path("meetings/actions/<int:action_id>/status/", meetings.action_status, name="action_status"),
    path("notifications/", notifications.notification_list, name="notification_list"),
    path("notifications/badge/", notifications.notification_badge, name="notification_badge"),
    path("notifications/read-all/", notifications.notification_read_all, name="notification_read_all"),
    path("notifications/<int:notification_id>/open/", notifications.notification_open, name="notification_open"),
]
