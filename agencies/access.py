"""Which agencies a user reaches: the one home of agency scope. Every app asks here.

Four reaches, each widening the coordinated one by a seat (roles from `agencies.roles`):

- **coordinated**: the agencies the user coordinates (all of them for an administrator). Acting for whole agencies:
  opening periods, judging the predikat distribution.
- **overseen**: coordinated, plus the agency the user heads. Whole-agency figures: dashboards, drill-down lists,
  exports of an agency's plans, recording and verifying IKU realisations.
- **affiliated**: coordinated, plus the agency the user works in, plus the agencies whose evaluation team the user
  sits on. Reading an agency's IKU, sharing and adopting forum practices for an agency.
- **evaluated**: overseen, plus the agencies whose evaluation team the user sits on (a member may work elsewhere).
  Reading every plan, IKU and complaint figure of the agency, entering and verifying its IKU data, running its
  monitoring reviews. A team seat adds nothing else: no management of the agency's trainings, surveys or people.

Each reach comes as ids (`…_agency_ids`, None meaning every agency, no query), as a queryset of agencies, and as a
yes/no for one agency (no query), all three from the same rule.
"""

from django.db.models import QuerySet

from .models import Agency
from .roles import roles_for

EVERY_AGENCY = None


def _agency_ids(user, *, headed: bool = False, own: bool = False, team: bool = False) -> frozenset | None:
    roles = roles_for(user)
    if roles.is_administrator:
        return EVERY_AGENCY
    ids = roles.coordinated_agency_ids()
    if ids is EVERY_AGENCY:
        return EVERY_AGENCY
    if headed and roles.headed_agency is not None:
        ids = ids | {roles.headed_agency.pk}
    if own and roles.employee is not None:
        ids = ids | {roles.employee.agency_id}
    if team:
        ids = ids | roles.team_agency_ids()
    return ids


def _agencies(ids: frozenset | None) -> QuerySet:
    return Agency.objects.all() if ids is EVERY_AGENCY else Agency.objects.filter(pk__in=ids)


def _reaches(ids: frozenset | None, agency_id: int) -> bool:
    return ids is EVERY_AGENCY or agency_id in ids


# Coordinated: acting for whole agencies.


def coordinated_agency_ids(user) -> frozenset | None:
    return _agency_ids(user)


def agencies_coordinated_by(user) -> QuerySet:
    return _agencies(coordinated_agency_ids(user))


def coordinates_agency(user, agency_id: int) -> bool:
    return _reaches(coordinated_agency_ids(user), agency_id)


# Overseen: whole-agency figures.


def overseen_agency_ids(user) -> frozenset | None:
    return _agency_ids(user, headed=True)


def agencies_overseen_by(user) -> QuerySet:
    return _agencies(overseen_agency_ids(user))


def oversees_agency(user, agency_id: int) -> bool:
    return _reaches(overseen_agency_ids(user), agency_id)


# Affiliated: an agency's IKU and its shared practices.


def affiliated_agency_ids(user) -> frozenset | None:
    return _agency_ids(user, own=True, team=True)


def agencies_affiliated_with(user) -> QuerySet:
    return _agencies(affiliated_agency_ids(user))


def is_affiliated_with_agency(user, agency_id: int) -> bool:
    return _reaches(affiliated_agency_ids(user), agency_id)


# Evaluated: the evaluation team's work on an agency.


def evaluated_agency_ids(user) -> frozenset | None:
    return _agency_ids(user, headed=True, team=True)


def agencies_evaluated_by(user) -> QuerySet:
    return _agencies(evaluated_agency_ids(user))


def evaluates_agency(user, agency_id: int) -> bool:
    return _reaches(evaluated_agency_ids(user), agency_id)
