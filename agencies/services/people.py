"""Employees and their logins: NIP, reporting line (no loops), activity."""

from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction

from audit import services as audit

from .. import employee_changes
from ..models import Agency, Employee, EmployeeType, PositionType, Unit
from ..nip import normalise_nip
from ._common import _apply

EMPLOYEE_FIELDS = frozenset(
    {
        "nip",
        "employee_type",
        "front_title",
        "name",
        "back_title",
        "position_title",
        "rank",
        "position_type",
        "agency",
        "unit",
        "supervisor",
        "is_active",
    }
)


@transaction.atomic
def create_employee(
    *,
    nip: str,
    name: str,
    agency: Agency,
    position_title: str,
    rank: str = "",
    position_type: str = PositionType.PELAKSANA,
    employee_type: str = EmployeeType.PNS,
    front_title: str = "",
    back_title: str = "",
    unit: Unit | None = None,
    supervisor: Employee | None = None,
    email: str = "",
    username: str = "",
    password: str | None = None,
    is_active: bool = True,
) -> Employee:
    """Create an employee and the login that goes with it (username defaults to the NIP).

    Without a password the login gets an unusable one: the person sets it through a reset.
    """
    nip = normalise_nip(nip)
    User = get_user_model()
    user = User(username=(username or nip).strip(), email=email.strip(), is_active=is_active)
    user.first_name, user.last_name = _split_name(name)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    try:
        user.full_clean()
    except ValidationError as error:
        raise ValidationError(_login_errors(error)) from None
    user.save()
    employee = Employee(
        user=user,
        nip=nip,
        employee_type=employee_type,
        front_title=front_title.strip(),
        name=name.strip(),
        back_title=back_title.strip(),
        position_title=position_title.strip(),
        rank=rank.strip(),
        position_type=position_type,
        agency=agency,
        unit=unit,
        supervisor=supervisor,
        is_active=is_active,
    )
    employee.full_clean()
    employee.save()
    return employee


@transaction.atomic
def update_employee(
    *,
    employee: Employee,
    email: str | None = None,
    username: str | None = None,
    by=None,
    announce: bool = True,
    **changes,
) -> Employee:
    """Change an employee's fields (and their login's email/username); the supervisor rule is checked as on create.

    A new supervisor or agency is announced to `agencies.employee_changes` handlers (the plan moves with it), unless
    `announce` is False: the import announces each person once, after its last pass."""
    supervisor_before, agency_before = employee.supervisor_id, employee.agency_id
    if "nip" in changes:
        changes["nip"] = normalise_nip(changes["nip"])
    fields = _apply(employee, changes, EMPLOYEE_FIELDS)
    employee.full_clean()
    if fields:
        employee.save(update_fields=fields)
    user_fields = []
    user = employee.user
    if email is not None and email.strip() != user.email:
        user.email, user_fields = email.strip(), [*user_fields, "email"]
    if username and username.strip() != user.username:
        user.username, user_fields = username.strip(), [*user_fields, "username"]
    if "is_active" in changes and user.is_active != employee.is_active:
        user.is_active, user_fields = employee.is_active, [*user_fields, "is_active"]
    if "name" in changes:
        user.first_name, user.last_name = _split_name(employee.name)
        user_fields += ["first_name", "last_name"]
    if user_fields:
        try:
            user.full_clean()
        except ValidationError as error:
            raise ValidationError(_login_errors(error)) from None
        user.save(update_fields=user_fields)
    if announce:
        employee_changes.announce(
            employee=employee, supervisor_before=supervisor_before, agency_before=agency_before, by=by
        )
    return employee


@transaction.atomic
def set_supervisor(*, employee: Employee, supervisor: Employee | None, by=None, request=None) -> Employee:
    """Make `supervisor` the direct supervisor (atasan langsung); refuses self-supervision and reporting loops."""
    # Lock the row so two concurrent changes cannot each pass the loop check and together close a loop.
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    previous = employee.supervisor_id
    employee = update_employee(employee=employee, supervisor=supervisor, by=by)
    if previous != employee.supervisor_id:
        audit.record_event(
            kind=audit.AuditKind.ROLE_CHANGED,
            actor=by,
            request=request,
            target=employee,
            change="supervisor",
            old=previous,
            new=employee.supervisor_id,
        )
    return employee


def _split_name(name: str) -> tuple[str, str]:
    first, _sep, last = name.strip().partition(" ")
    return first[:150], last[:150]


def _login_errors(error: ValidationError) -> dict:
    """Errors of the login, keyed so that a form can show them: username and email by name, the rest as general."""
    errors: dict[str, list] = {}
    for key, messages in error.message_dict.items():
        errors.setdefault(key if key in ("username", "email") else NON_FIELD_ERRORS, []).extend(messages)
    return errors
