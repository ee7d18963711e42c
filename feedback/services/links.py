"""Links of complaints (IKU, forum topic, a meeting's agenda), the audited look at a reporter's contact, and the
complaint officer role."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit import services as audit
from audit.models import AuditKind
from forums import services as forum_services
from forums.models import AgendaItem, Meeting, MeetingStatus

from .. import permissions
from ..models import (
    Category,
    Complaint,
    EventKind,
    Identity,
    Officer,
    Status,
)
from ._common import _event
from .public import forget_public_snapshots


def record_contact_view(*, complaint: Complaint, by, request=None) -> None:
    """Every look at a confidential reporter's contact leaves an audit entry."""
    permissions.check_see_contact(by, complaint)
    if complaint.identity == Identity.CONFIDENTIAL:
        audit.record_event(kind=AuditKind.CONTACT_READ, actor=by, request=request, target=complaint.code)


@transaction.atomic
def link_complaint(*, complaint: Complaint, by, indicator=None, topic=None) -> Complaint:
    permissions.check_link(by, complaint)
    if indicator is not None and indicator.agency_id != complaint.agency_id:
        raise ValidationError({"indicator": _("Link an IKU of the complaint's own agency.")})
    complaint.indicator, complaint.topic = indicator, topic
    complaint.save(update_fields=["indicator", "topic"])
    forget_public_snapshots(agency_id=complaint.agency_id)  # the IKU shown beside its answer changed
    _event(complaint, EventKind.LINKED, by=by, note=", ".join(str(x) for x in (indicator, topic) if x), public=False)
    return complaint


def next_meeting_item(*, agency_id: int) -> AgendaItem | None:
    """The agency's agenda item in the next scheduled evaluation meeting it is invited to."""
    meeting = (
        Meeting.objects.filter(status=MeetingStatus.SCHEDULED, agencies=agency_id, starts_at__gte=timezone.now())
        .order_by("starts_at")
        .first()
    )
    if meeting is None:
        return None
    return meeting.items.filter(agency_id=agency_id).first()


@transaction.atomic
def put_on_agenda(*, category: Category, by) -> AgendaItem:
    """Put "complaints about <category>" on the agency's item of its next evaluation meeting: a note with the
    figures, and the category's open complaints linked to that item."""
    if not permissions.desk_covers(by, category.agency_id):
        raise PermissionDenied(_("Only the complaint desk puts complaints on a meeting's agenda."))
    item = next_meeting_item(agency_id=category.agency_id)
    if item is None:
        raise ValidationError(_("No evaluation meeting is scheduled for this agency yet."))
    complaints = Complaint.objects.filter(category=category).exclude(status__in=(Status.SPAM, Status.DUPLICATE))
    count = complaints.count()
    complaints.update(agenda_item=item)
    with translation.override(settings.LANGUAGE_CODE):  # a meeting's note: in the Pemda's language, not the clicker's
        text = _("Complaints about %(category)s: %(count)d received.") % {"category": category.name, "count": count}
    forum_services.add_note(meeting=item.meeting, by=by, item=item, text=text)
    return item


@transaction.atomic
def grant_officer(*, agency, user, by) -> Officer:
    permissions.check_manage_officers(by, agency.pk)
    officer, _created = Officer.objects.get_or_create(agency=agency, user=user, defaults={"granted_by": by})
    audit.record_event(
        kind=AuditKind.ROLE_CHANGED,
        actor=by,
        target=f"{agency.code}:{user.get_username()}",
        role="complaint officer",
        change="granted",
    )
    return officer


@transaction.atomic
def withdraw_officer(*, officer: Officer, by) -> None:
    permissions.check_manage_officers(by, officer.agency_id)
    audit.record_event(
        kind=AuditKind.ROLE_CHANGED,
        actor=by,
        target=f"{officer.agency.code}:{officer.user.get_username()}",
        role="complaint officer",
        change="withdrawn",
    )
    officer.delete()
