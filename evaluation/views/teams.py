"""The evaluation team page: the decree and the members."""

import os

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.http import open_stored, post_only_back_to

from .. import permissions, selectors, services
from ..forms import MemberForm, TeamForm


def _page(request, agency, *, team_form=None, member_form=None, status=200):
    team = selectors.team_of(agency=agency)
    can_manage = permissions.can_manage_team(request.user, agency.pk)
    initial = {"decree_number": team.decree_number, "decree_date": team.decree_date} if team else None
    context = {
        "agency": agency,
        "team": team,
        "members": selectors.members_of(team=team),
        "can_manage": can_manage,
        "team_form": team_form or (TeamForm(initial=initial) if can_manage else None),
        "member_form": member_form or (MemberForm() if can_manage and team else None),
    }
    return render(request, "evaluation/team_detail.html", context, status=status)


def team_detail(request, agency_id):
    return _page(request, selectors.get_agency_for_user(user=request.user, agency_id=agency_id))


@post_only_back_to("evaluation:team_detail", "agency_id")
def team_save(request, agency_id):
    agency = selectors.get_agency_for_user(user=request.user, agency_id=agency_id)
    permissions.check_manage_team(request.user, agency.pk)
    form = TeamForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.save_team(agency=agency, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The decree is saved."))
            return redirect("evaluation:team_detail", agency.pk)
    return _page(request, agency, team_form=form, status=400)


@post_only_back_to("evaluation:team_detail", "agency_id")
def member_add(request, agency_id):
    team = selectors.get_team_for_user(user=request.user, agency_id=agency_id)
    permissions.check_manage_team(request.user, agency_id)
    form = MemberForm(request.POST)
    if form.is_valid():
        services.add_member(team=team, by=request.user, **form.cleaned_data)
        messages.success(request, _("The member is seated."))
        return redirect("evaluation:team_detail", agency_id)
    return _page(request, team.agency, member_form=form, status=400)


@require_POST
def member_remove(request, member_id):
    member = selectors.get_member_for_user(user=request.user, member_id=member_id)
    services.remove_member(member=member, by=request.user)
    messages.success(request, _("The member is removed from the team."))
    return redirect("evaluation:team_detail", member.team.agency_id)


def decree_download(request, agency_id):
    team = selectors.get_team_for_user(user=request.user, agency_id=agency_id)
    if not team.decree_file:
        raise Http404
    return FileResponse(
        open_stored(team.decree_file), as_attachment=True, filename=os.path.basename(team.decree_file.name)
    )
