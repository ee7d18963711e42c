"""Who may do what with complaints. The complaint desk is the coordinators (within their agencies) and
administrators; an agency's complaint officers (Officer rows, granted by coordinators), its head and the unit or
employee a complaint was handed to act for the agency, and see a complaint only once the desk has verified it."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from agencies.roles import roles_for

from .exceptions import StepAlreadyHandled
from .models import AGENCY_STATUSES, Complaint, Identity, Officer, Status


def officer_agency_ids(user) -> frozenset:
    """Agencies for which `user` is a complaint officer (one query, cached on the user for the request)."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_complaint_officer_of", None)
    if cached is None:
        cached = frozenset(Officer.objects.filter(user=user).values_list("agency_id", flat=True))
        user._complaint_officer_of = cached
    return cached


def is_desk(user) -> bool:
    roles = roles_for(user)
    return roles.is_administrator or roles.is_coordinator


def desk_covers(user, agency_id: int) -> bool:
    roles = roles_for(user)
    return roles.is_administrator or (roles.is_coordinator and roles.coordinates(agency_id))


def acts_for_agency(user, complaint: Complaint) -> bool:
    """The agency side: its officers, its head, and the employee or unit head a complaint was handed to."""
    roles = roles_for(user)
    if complaint.agency_id in officer_agency_ids(user):
        return True
    if roles.headed_agency is not None and roles.headed_agency.pk == complaint.agency_id:
        return True
    employee = roles.employee
    return employee is not None and complaint.handler_id is not None and complaint.handler_id == employee.pk


def can_use_complaints(user) -> bool:
    """The desk, and anyone of an agency: its officers and head, and employees a complaint may be handed to."""
    roles = roles_for(user)
    return is_desk(user) or roles.is_employee or bool(officer_agency_ids(user))


def check_use_complaints(user) -> None:
    if not can_use_complaints(user):
        raise PermissionDenied(_("Only the complaint desk and agencies' staff work on complaints."))


def can_view_complaint(user, complaint: Complaint) -> bool:
    if desk_covers(user, complaint.agency_id):
        return True
    return complaint.status in AGENCY_STATUSES and acts_for_agency(user, complaint)


def check_view_complaint(user, complaint: Complaint) -> None:
    if not can_view_complaint(user, complaint):
        raise Http404


def can_verify(user, complaint: Complaint) -> bool:
    return complaint.status == Status.SUBMITTED and desk_covers(user, complaint.agency_id)


def check_verify(user, complaint: Complaint) -> None:
    """Someone of the desk who finds the complaint past verification (a colleague was quicker) is told so, not
    refused; anyone else is refused."""
    if not can_verify(user, complaint) and desk_covers(user, complaint.agency_id):
        raise StepAlreadyHandled()
    if not can_verify(user, complaint):
        raise PermissionDenied(_("Only the complaint desk verifies complaints waiting for verification."))


def can_answer(user, complaint: Complaint) -> bool:
    if complaint.status == Status.WITH_AGENCY:
        return acts_for_agency(user, complaint)
    if complaint.status == Status.REOPENED:
        roles = roles_for(user)
        return roles.headed_agency is not None and roles.headed_agency.pk == complaint.agency_id
    return False


def _agency_step_done(user, complaint: Complaint) -> bool:
    return complaint.status in (Status.ANSWERED, Status.CLOSED) and acts_for_agency(user, complaint)


def check_answer(user, complaint: Complaint) -> None:
    # Another officer (or this one's second click) answered already: a notice, not a refusal.
    if not can_answer(user, complaint) and _agency_step_done(user, complaint):
        raise StepAlreadyHandled()
    if not can_answer(user, complaint):
        raise PermissionDenied(_("This complaint is not waiting for your answer."))


def can_hand_over(user, complaint: Complaint) -> bool:
    if complaint.status != Status.WITH_AGENCY:
        return False
    roles = roles_for(user)
    is_head = roles.headed_agency is not None and roles.headed_agency.pk == complaint.agency_id
    return is_head or complaint.agency_id in officer_agency_ids(user)


def check_hand_over(user, complaint: Complaint) -> None:
    if not can_hand_over(user, complaint) and _agency_step_done(user, complaint):
        raise StepAlreadyHandled()
    if not can_hand_over(user, complaint):
        raise PermissionDenied(_("Only the agency's complaint officers hand complaints over."))


def can_see_contact(user, complaint: Complaint) -> bool:
    """Named: the desk and the agency; confidential: the desk only; anonymous: nobody (nothing is kept)."""
    if complaint.identity == Identity.ANONYMOUS or not complaint.has_contact:
        return False
    if desk_covers(user, complaint.agency_id):
        return True
    return complaint.identity == Identity.NAMED and can_view_complaint(user, complaint)


def check_see_contact(user, complaint: Complaint) -> None:
    if not can_see_contact(user, complaint):
        raise PermissionDenied(_("The reporter did not allow you to see their contact details."))


def can_link(user, complaint: Complaint) -> bool:
    return desk_covers(user, complaint.agency_id) or (
        complaint.status in AGENCY_STATUSES and complaint.agency_id in officer_agency_ids(user)
    )


def check_link(user, complaint: Complaint) -> None:
    if not can_link(user, complaint):
        raise PermissionDenied(_("Only the desk and the agency's complaint officers link complaints."))


def check_manage_officers(user, agency_id: int) -> None:
    if not desk_covers(user, agency_id):
        raise PermissionDenied(_("Only a coordinator over this agency grants the complaint officer role."))


def can_manage_categories(user, agency_id: int) -> bool:
    """A category's deadlines are the desk's: the coordinator over its agency (or an administrator)."""
    return desk_covers(user, agency_id)


def check_manage_categories(user, agency_id: int) -> None:
    if not can_manage_categories(user, agency_id):
        raise PermissionDenied(_("Only a coordinator over this agency sets its complaint deadlines."))
