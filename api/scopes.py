"""What a token may do: its scopes, and the agencies each scope reaches. The one home of API reach.

A service account holds the scopes an administrator gave it, each over the service account's own agencies. A
personal token acts as its person on the site: every scope, each reaching what the site lets that person reach
(`agencies.access`), so a token never widens a person's rights.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies import access
from agencies.roles import roles_for

EVERY_AGENCY = access.EVERY_AGENCY


class Scope(models.TextChoices):
    PEOPLE_READ = "people:read", _("Read agencies' units and employees")
    PEOPLE_WRITE = "people:write", _("Create and update employees")
    IKU_READ = "iku:read", _("Read IKU, targets and realisations")
    IKU_WRITE = "iku:write", _("Push IKU realisations")
    PLANS_READ = "plans:read", _("Read plans (SKP)")
    COMPLAINTS_READ = "complaints:read", _("Read complaints in full")
    EXPORT_READ = "export:read", _("Export evaluations for the national performance system")


def _administrators_only(user) -> frozenset | None:
    return EVERY_AGENCY if roles_for(user).is_administrator else frozenset()


# A person's reach per scope: the same rule the site applies to the same thing.
PERSON_REACH = {
    Scope.PEOPLE_READ: access.overseen_agency_ids,  # agency-wide lists of people
    Scope.PEOPLE_WRITE: _administrators_only,  # the people import is the administrator's (agencies admin)
    Scope.IKU_READ: access.affiliated_agency_ids,
    Scope.IKU_WRITE: access.overseen_agency_ids,  # agencies.permissions.can_record_realisation
    Scope.PLANS_READ: access.overseen_agency_ids,  # plus own and team plans: workflow.permissions
    Scope.COMPLAINTS_READ: access.overseen_agency_ids,
    Scope.EXPORT_READ: access.overseen_agency_ids,  # workflow.permissions.can_export_agency_plans
}


def reach(token, scope: str) -> frozenset | None:
    """The agency ids `token` reaches with `scope` (None: every agency; empty: none). No token: none."""
    if token is None:
        return frozenset()
    if token.is_service:
        return frozenset(token.agency_ids) if scope in token.scopes else frozenset()
    return PERSON_REACH[scope](token.user)


def has_scope(token, scope: str) -> bool:
    """Whether the token holds `scope` at all (a person's token holds every scope; its reach may still be empty)."""
    return token is not None and (not token.is_service or scope in token.scopes)


def in_reach(ids: frozenset | None, agency_id: int) -> bool:
    return ids is EVERY_AGENCY or agency_id in ids
