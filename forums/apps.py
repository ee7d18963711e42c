from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def _task_saved(sender, instance, **kwargs):
    """viewflow has no "task assigned" or "task finished" signal: when a task has an owner, let the service notify
    them once (the service dedupes and broadcasts on commit); once it is done or cancelled, its notifications stop
    counting as new. Bulk period opening sends its own signal, below.
    Not while loaddata restores a dump (raw): the dump already holds the notifications."""
    if kwargs.get("raw"):
        return
    from . import services

    if instance.status in services.FINISHED:
        services.settle_task_notifications(task_id=instance.pk)
    elif instance.owner_id:
        services.notify_task_assigned(task=instance)


def _tasks_assigned_in_bulk(sender, tasks, flow_task, subject="", due=None, **kwargs):
    """Bulk period opening inserts tasks without save(): notify their owners in one go."""
    from . import services

    services.notify_tasks_assigned_in_bulk(tasks=tasks, flow_task=flow_task, subject=subject, due=due)


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("Evaluation forums")

    def ready(self):
        from viewflow.workflow.models import Task

        from workflow.opening import tasks_assigned_in_bulk

        post_save.connect(_task_saved, sender=Task, dispatch_uid="forums.task_assigned")
        tasks_assigned_in_bulk.connect(_tasks_assigned_in_bulk, dispatch_uid="forums.tasks_assigned_in_bulk")
