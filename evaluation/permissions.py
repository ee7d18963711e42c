"""Who does what in agency evaluation; every evaluation view and service asks here.

Scope comes from `agencies.access`: the evaluated reach (the agency's team members, its head, coordinators over it,
administrators) reads the team, the calendar and the entries; the overseen reach (head, coordinators) appoints the
team; the PIC enters a figure; anyone of the evaluated reach except the one who entered it verifies it (four eyes).
Someone outside the reach gets 404, so another agency's existence does not leak.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from agencies.access import coordinates_agency, evaluates_agency, oversees_agency
from agencies.roles import roles_for
from common.dates import long_date

from .models import TO_ENTER, DataEntry, EntryStatus


def check_see_agency(user, agency_id: int) -> None:
    if not evaluates_agency(user, agency_id):
        raise Http404


def can_manage_team(user, agency_id: int) -> bool:
    """The agency head signs the decree; a coordinator over the agency may record it too."""
    return oversees_agency(user, agency_id)


def check_manage_team(user, agency_id: int) -> None:
    check_see_agency(user, agency_id)
    if not can_manage_team(user, agency_id):
        raise PermissionDenied(_("Only the agency head or a coordinator appoints the evaluation team."))


def can_edit_schedule(user, agency_id: int) -> bool:
    return evaluates_agency(user, agency_id)


def check_edit_schedule(user, agency_id: int) -> None:
    check_see_agency(user, agency_id)


def can_open_calendar(user) -> bool:
    roles = roles_for(user)
    return roles.is_coordinator or roles.is_administrator


def check_open_calendar(user, agency_ids=()) -> None:
    """A coordinator opens the calendar, for agencies they coordinate only."""
    if not can_open_calendar(user) or not all(coordinates_agency(user, agency_id) for agency_id in agency_ids):
        raise PermissionDenied


def can_open_calendar_of(user, agency_id: int) -> bool:
    return can_open_calendar(user) and coordinates_agency(user, agency_id)


def is_pic(user, entry: DataEntry) -> bool:
    roles = roles_for(user)
    return roles.employee is not None and entry.schedule.pic_id == roles.employee.pk


def can_enter(user, entry: DataEntry) -> bool:
    return is_pic(user, entry) and entry.status in TO_ENTER and not entry.is_upcoming


def waits_for_its_period(user, entry: DataEntry) -> bool:
    """The PIC's entry of a period still to come: theirs to enter, from its first day (upcoming_message)."""
    return is_pic(user, entry) and entry.is_upcoming


def check_enter(user, entry: DataEntry) -> None:
    if not can_enter(user, entry):
        if waits_for_its_period(user, entry):
            raise PermissionDenied(upcoming_message(entry))
        raise PermissionDenied(_("Only the indicator's PIC enters its figure, while it is open."))


def upcoming_message(entry: DataEntry) -> str:
    return _("This figure can be entered from %(day)s, when its period begins.") % {"day": long_date(entry.starts_on)}


def can_verify(user, entry: DataEntry) -> bool:
    return (
        entry.status == EntryStatus.SUBMITTED
        and evaluates_agency(user, entry.schedule.indicator.agency_id)
        and entry.entered_by_id != user.pk
    )


def check_verify(user, entry: DataEntry) -> None:
    if entry.entered_by_id == user.pk:
        raise PermissionDenied(_("Four eyes: the person who entered a figure cannot verify it."))
    if not can_verify(user, entry):
        raise PermissionDenied(_("Only the agency's evaluation team verifies a submitted figure."))


def can_reopen(user, entry: DataEntry) -> bool:
    """A published figure found wrong is reopened by the agency's evaluated reach (its team, head, coordinators)."""
    return entry.status == EntryStatus.PUBLISHED and evaluates_agency(user, entry.schedule.indicator.agency_id)


def check_reopen(user, entry: DataEntry) -> None:
    if not can_reopen(user, entry):
        raise PermissionDenied(_("Only a published figure is reopened for correction, by the agency's team."))


def can_see_entry(user, entry: DataEntry) -> bool:
    return is_pic(user, entry) or evaluates_agency(user, entry.schedule.indicator.agency_id)


def can_run_review(user, agency_id: int) -> bool:
    """The agency's team (and its head, and coordinators over it) runs its monitoring reviews."""
    return evaluates_agency(user, agency_id)


def check_run_review(user, agency_id: int) -> None:
    check_see_agency(user, agency_id)


def is_head_of(user, agency_id: int) -> bool:
    roles = roles_for(user)
    return roles.headed_agency is not None and roles.headed_agency.pk == agency_id


def check_see_consultation(user, agency_id: int) -> None:
    """The agency's own staff, and the evaluated reach (its team, head, coordinators)."""
    roles = roles_for(user)
    if not (roles.employee is not None and roles.employee.agency_id == agency_id) and not evaluates_agency(
        user, agency_id
    ):
        raise Http404


def check_open_consultation(user, agency_id: int) -> None:
    check_see_consultation(user, agency_id)
    if not is_head_of(user, agency_id):
        raise PermissionDenied(_("Only the agency head opens the targets for comments."))


def can_comment(user, consultation) -> bool:
    roles = roles_for(user)
    return roles.employee is not None and roles.employee.agency_id == consultation.agency_id and consultation.is_open


def check_comment(user, consultation) -> None:
    if not can_comment(user, consultation):
        raise PermissionDenied(_("Only the agency's staff comment, while the window is open."))


def check_answer(user, comment) -> None:
    if not is_head_of(user, comment.consultation.agency_id):
        raise PermissionDenied(_("Only the agency head answers the comments."))
