"""Appointing an agency's evaluation team: the decree and the members' seats."""

from django.db import transaction

from agencies.models import EvaluationTeam, TeamMember
from common.uploads import validate_upload

from .. import permissions


@transaction.atomic
def save_team(*, agency, by, decree_number: str, decree_date, decree_file=None) -> EvaluationTeam:
    """Record (or correct) the decree appointing the agency's team; a new file replaces the old one."""
    permissions.check_manage_team(by, agency.pk)
    team = EvaluationTeam.objects.filter(agency=agency).first() or EvaluationTeam(agency=agency)
    team.decree_number, team.decree_date = decree_number.strip(), decree_date
    if decree_file is not None:
        checked = validate_upload(decree_file)
        team.decree_file.save(checked.name, decree_file, save=False)
    team.full_clean()
    team.save()
    return team


@transaction.atomic
def add_member(*, team: EvaluationTeam, by, employee, role: str, starts_on, ends_on) -> TeamMember:
    """Seat an employee (of any agency) on the team for a term; seating them again updates role and term."""
    permissions.check_manage_team(by, team.agency_id)
    member = TeamMember.objects.filter(team=team, employee=employee).first() or TeamMember(team=team, employee=employee)
    member.role, member.starts_on, member.ends_on = role, starts_on, ends_on
    member.full_clean(validate_unique=False)
    member.save()
    return member


@transaction.atomic
def remove_member(*, member: TeamMember, by) -> None:
    permissions.check_manage_team(by, member.team.agency_id)
    member.delete()
