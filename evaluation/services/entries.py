"""A data entry's steps: the PIC submits the figure, someone else verifies it or returns it with a reason.

Steps complete their task under the process lock with the entry's status re-checked inside it, so a second click
gets a harmless StepAlreadyHandled instead of a double verification.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from agencies.models import Period
from agencies.services import publish_realisation, publish_verified_figure, withdraw_realisation
from common.uploads import validate_upload
from forums import task_links

from .. import checks, permissions, selectors
from ..flows import DataEntryFlow
from ..models import DataCorrection, DataEntry, DataEntryProcess, EntryStatus

OPEN_TASK_STATUSES = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)


class StepAlreadyHandled(Exception):
    """The task was completed meanwhile (a second click, or a colleague was quicker)."""


def open_task(*, process_pk: int, node) -> Task | None:
    return (
        Task.objects.filter(process_id=process_pk, flow_task=node, status__in=OPEN_TASK_STATUSES)
        .order_by("-pk")
        .first()
    )


def run_task(task: Task, *, node, by) -> None:
    """Complete an open task of the flow (the caller holds the process lock); `by` None: a source, not a person."""
    activation = node.activation_class(task)
    with task_links.taking_to_complete(task):
        if task.status == STATUS.NEW and by is not None:
            activation.assign(by)
        if task.status in (STATUS.NEW, STATUS.ASSIGNED):
            activation.start(None)
        activation.execute()


def _complete(*, entry: DataEntry, node, by, check, apply) -> DataEntry:
    process_pk = DataEntryProcess.objects.filter(entry_id=entry.pk).values_list("pk", flat=True).get()
    with DataEntryFlow.lock(process_pk):
        task = open_task(process_pk=process_pk, node=node)
        if task is None:
            raise StepAlreadyHandled()
        fresh = DataEntry.objects.select_for_update(of=("self",)).select_related("schedule__indicator").get(pk=entry.pk)
        check(by, fresh)
        apply(fresh)
        run_task(task, node=node, by=by)
    return fresh


def submit_entry(
    *, entry: DataEntry, by, value: Decimal, evidence=None, evidence_note: str = "", explanation: str = ""
) -> DataEntry:
    """The PIC's figure with its evidence (a file or a note); a figure failing a plausibility check needs an
    explanation, else a ValidationError names the checks."""
    found = checks.find(schedule=entry.schedule, value=value, history=selectors.recent_values(entry=entry))
    if found and not explanation.strip():
        raise ValidationError(
            {
                "explanation": [checks.describe(code, schedule=entry.schedule) for code in found]
                + [_("Explain the figure before submitting it.")]
            }
        )
    if evidence is None and not evidence_note.strip() and not entry.evidence:
        raise ValidationError({"evidence": _("Attach the evidence or describe where it is.")})
    checked = validate_upload(evidence) if evidence is not None else None

    def apply(fresh: DataEntry) -> None:
        fresh.value, fresh.evidence_note, fresh.explanation = value, evidence_note.strip(), explanation.strip()
        fresh.checks, fresh.entered_by, fresh.submitted_at = found, by, timezone.now()
        fresh.status, fresh.rejection_reason = EntryStatus.SUBMITTED, ""
        fresh.source_origin, fresh.source_note = "", ""  # the PIC's own figure now, whatever a source had brought
        if checked is not None:
            fresh.evidence.save(checked.name, evidence, save=False)
        fresh.save()

    with transaction.atomic():
        return _complete(entry=entry, node=DataEntryFlow.enter, by=by, check=permissions.check_enter, apply=apply)


def verify_entry(*, entry: DataEntry, by) -> DataEntry:
    def apply(fresh: DataEntry) -> None:
        fresh.status, fresh.verified_by, fresh.verified_at = EntryStatus.PUBLISHED, by, timezone.now()
        fresh.save(update_fields=["status", "verified_by", "verified_at"])
        if fresh.realisation_id is not None:  # a figure from another source is published to the IKU only now
            publish_realisation(
                realisation=fresh.realisation,
                by=by,
                value=fresh.value,
                entered_by=fresh.entered_by,
                reason=fresh.rejection_reason or _("Corrected in the data calendar."),
            )
        else:
            _publish_hand_entered(fresh, by=by)

    with transaction.atomic():
        return _complete(entry=entry, node=DataEntryFlow.verify, by=by, check=permissions.check_verify, apply=apply)


def _publish_hand_entered(entry: DataEntry, *, by) -> None:
    """The PIC's verified figure becomes the IKU's realisation of the IKU period spanning exactly the entry's window
    (an annual entry and the year's period, say), linked to the entry so that a correction withdraws and
    republishes it as a source's figure is. Entries of windows without such a period stay the calendar's."""
    period = Period.objects.filter(starts_on=entry.starts_on, ends_on=entry.ends_on).order_by("pk").first()
    if period is None:
        return
    realisation = publish_verified_figure(
        indicator=entry.schedule.indicator,
        period=period,
        value=entry.value,
        entered_by=entry.entered_by,
        by=by,
        evidence_note=entry.evidence_note or entry.explanation,
    )
    if realisation is not None:
        entry.realisation = realisation
        entry.save(update_fields=["realisation"])


def return_entry(*, entry: DataEntry, by, reason: str) -> DataEntry:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the figure is returned.")})

    def apply(fresh: DataEntry) -> None:
        fresh.status, fresh.rejection_reason = EntryStatus.RETURNED, reason.strip()
        fresh.save(update_fields=["status", "rejection_reason"])

    with transaction.atomic():
        return _complete(entry=entry, node=DataEntryFlow.verify, by=by, check=permissions.check_verify, apply=apply)


def reopen_entry(*, entry: DataEntry, by, reason: str) -> DataEntry:
    """A published figure found wrong goes back to its PIC through the same flow: the finished process runs again
    from a new `enter` task (then verification by someone else, as the first time), and the reopening is kept as a
    DataCorrection, which the data-quality score counts as a figure changed after verification."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say what is wrong with the published figure.")})
    process_pk = DataEntryProcess.objects.filter(entry_id=entry.pk).values_list("pk", flat=True).get()
    with transaction.atomic(), DataEntryFlow.lock(process_pk):
        fresh = DataEntry.objects.select_for_update(of=("self",)).select_related("schedule__indicator").get(pk=entry.pk)
        if fresh.status != EntryStatus.PUBLISHED and fresh.corrections.exists():
            raise StepAlreadyHandled()  # a second click, or a colleague reopened it meanwhile
        permissions.check_reopen(by, fresh)
        reopen_published(fresh, process_pk=process_pk, reason=reason.strip(), by=by)
    return fresh


def reopen_published(fresh: DataEntry, *, process_pk: int, reason: str, by) -> None:
    """Send a published entry back to `enter` (the caller holds the process lock), keeping the correction; `by`
    None: its source brought another value. Its IKU realisation, if any, is unpublished until verified again."""
    DataCorrection.objects.create(
        entry=fresh,
        previous_value=fresh.value,
        previously_verified_by_id=fresh.verified_by_id,
        reason=reason,
        requested_by=by,
    )
    fresh.status, fresh.rejection_reason = EntryStatus.RETURNED, reason
    fresh.verified_by, fresh.verified_at = None, None
    fresh.save(update_fields=["status", "rejection_reason", "verified_by", "verified_at"])
    if fresh.realisation_id is not None:
        withdraw_realisation(realisation=fresh.realisation)
    process = DataEntryProcess.objects.get(pk=process_pk)
    process.status, process.finished = PROCESS.NEW, None  # as viewflow's own undo of an End does
    process.save(update_fields=["status", "finished"])
    end = Task.objects.filter(process_id=process_pk, flow_task=DataEntryFlow.end).order_by("-pk").first()
    # The node's own create: a task assigned to the PIC (DataEntryFlow.pic_user), following the end task.
    DataEntryFlow.enter.activation_class.create(DataEntryFlow.enter, DataEntryFlow.end.activation_class(end), end.token)
