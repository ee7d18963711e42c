"""Who is who: the one place where Kinerja decides a user's roles (their reach over agencies: `agencies.access`).

Roles: employee (everyone with an Employee record), supervisor (has active subordinates), agency head
(Agency.head), evaluation team member (a TeamMember seat whose term covers today, on one or more agencies' teams),
coordinator (Coordinator record, whole Pemda or a set of agencies), administrator (an active superuser).

A staff account is not an administrator: it gets only what its Django permissions grant, in the admin site and on
the site (`has_admin_permission`: "Can view plan (SKP)" lets it read every plan), and nothing else.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Agency, Coordinator, Employee, TeamMember


@dataclass
class Roles:
    employee: Employee | None = None
    is_supervisor: bool = False
    headed_agency: Agency | None = None
    coordinator: Coordinator | None = None
    is_administrator: bool = False
    uses_admin_site: bool = False
    sits_on_team: bool = False
    _coordinated_ids: frozenset | None = field(default=None, repr=False)
    _team_ids: frozenset | None = field(default=None, repr=False)

    @property
    def is_employee(self) -> bool:
        return self.employee is not None

    @property
    def is_head(self) -> bool:
        return self.headed_agency is not None

    @property
    def is_coordinator(self) -> bool:
        return self.coordinator is not None

    def coordinated_agency_ids(self) -> frozenset | None:
        """Agency ids in the coordinator's scope; None means every agency."""
        if self.coordinator is None:
            return frozenset()
        if self.coordinator.all_agencies:
            return None
        if self._coordinated_ids is None:
            self._coordinated_ids = frozenset(self.coordinator.agencies.values_list("pk", flat=True))
        return self._coordinated_ids

    def team_agency_ids(self) -> frozenset:
        """Agencies whose evaluation team the person sits on today (one query, only for team members)."""
        if not self.sits_on_team or self.employee is None:
            return frozenset()
        if self._team_ids is None:
            self._team_ids = frozenset(current_seats(self.employee.pk).values_list("team__agency_id", flat=True))
        return self._team_ids

    @property
    def is_team_member(self) -> bool:
        return bool(self.team_agency_ids())

    def coordinates(self, agency_id: int) -> bool:
        ids = self.coordinated_agency_ids()
        return ids is None or agency_id in ids

    @property
    def labels(self) -> list[str]:
        labels = []
        if self.is_employee:
            labels.append(_("Employee"))
        if self.is_supervisor:
            labels.append(_("Supervisor"))
        if self.is_head:
            labels.append(_("Agency head"))
        if self.is_team_member:
            labels.append(_("Evaluation team member"))
        if self.is_coordinator:
            labels.append(_("Coordinator"))
        if self.is_administrator:
            labels.append(_("Administrator"))
        return labels


def is_administrator(user) -> bool:
    """The one definition: an active superuser. Being staff adds nothing beyond the permissions granted."""
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_superuser)


def has_admin_permission(user, permission: str) -> bool:
    """Whether `user` holds an administrator's reach named by a Django permission ("workflow.view_plan"): an
    administrator holds every one, an active staff account only those granted to it (or its groups) in the admin."""
    if is_administrator(user):
        return True
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_staff) and user.has_perm(
        permission
    )


def current_seats(employee_id) -> QuerySet:
    """The team seats whose term covers today: the one definition of a sitting team member."""
    today = timezone.localdate()
    return TeamMember.objects.filter(employee_id=employee_id, starts_on__lte=today, ends_on__gte=today)


def with_role_rows(users: QuerySet) -> QuerySet:
    """Users with everything `roles_for` reads: the person, their agency head seat, their coordinator record and
    whether anyone active reports to them or they sit on an evaluation team. The authentication backend
    (agencies/auth.py) loads the signed-in user this way, so the roles of every page cost no query."""
    return users.select_related(
        "employee__agency", "employee__unit", "employee__supervisor", "employee__headed_agency", "coordinator"
    ).annotate(
        has_subordinates=Exists(Employee.objects.filter(supervisor__user=OuterRef("pk"), is_active=True)),
        sits_on_team=Exists(current_seats(OuterRef("employee__pk"))),
    )


def roles_for(user) -> Roles:
    """Compute (and cache on the user object for the request) the roles of `user`."""
    if user is None or not user.is_authenticated:
        return Roles()
    cached = getattr(user, "_kinerja_roles", None)
    if cached is not None:
        return cached
    # A user loaded by the authentication backend carries the rows already; any other (a test's, a consumer's
    # scope user from an older session) costs one query.
    me = (
        user
        if hasattr(user, "has_subordinates")
        else next(iter(with_role_rows(get_user_model().objects.filter(pk=user.pk))), None)
    )
    employee = getattr(me, "employee", None)
    roles = Roles(
        employee=employee,
        is_supervisor=bool(employee and me.has_subordinates),
        sits_on_team=bool(employee and me.sits_on_team),
        headed_agency=getattr(employee, "headed_agency", None) if employee else None,
        coordinator=getattr(me, "coordinator", None),
        is_administrator=is_administrator(user),
        uses_admin_site=user.is_active and user.is_staff,
    )
    user._kinerja_roles = roles
    return roles
