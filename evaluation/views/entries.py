"""One data entry: the PIC's form, the verifier's decision, the evidence."""

import functools
import os

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from agencies.indicator_sources import source_label
from common import held_uploads
from common.http import open_stored, post_only_back_to

from .. import checks, permissions, selectors, services
from ..forms import EntryForm, ReopenForm, ReturnForm


def _page(request, entry, *, entry_form=None, return_form=None, reopen_form=None, status=200):
    can_enter = permissions.can_enter(request.user, entry)
    can_verify = permissions.can_verify(request.user, entry)
    context = {
        "entry": entry,
        "history": selectors.recent_values(entry=entry),
        "checks": [checks.describe(code, schedule=entry.schedule) for code in entry.checks],
        "entry_form": entry_form or (EntryForm(initial={"value": entry.value}, entry=entry) if can_enter else None),
        "return_form": return_form or (ReturnForm() if can_verify else None),
        "can_verify": can_verify,
        "reopen_form": reopen_form or (ReopenForm() if permissions.can_reopen(request.user, entry) else None),
        "corrections": selectors.corrections_of(entry=entry),
        "own_figure": entry.entered_by_id == request.user.pk and entry.status == "submitted",
        "opens_on_message": permissions.upcoming_message(entry)
        if permissions.waits_for_its_period(request.user, entry)
        else "",
        # An IKU computed from a source (IKM, complaints): its figure arrives by itself once the period has ended.
        "source_label": source_label(entry.schedule.indicator.source) if entry.schedule.indicator.source else "",
    }
    return render(request, "evaluation/entry_detail.html", context, status=status)


def entry_detail(request, entry_id):
    return _page(request, selectors.get_entry_for_user(user=request.user, entry_id=entry_id))


def _done(request, entry, message):
    messages.success(request, message)
    return redirect("evaluation:entry_detail", entry.pk)


@post_only_back_to("evaluation:entry_detail", "entry_id")
def entry_submit(request, entry_id):
    entry = selectors.get_entry_for_user(user=request.user, entry_id=entry_id)
    if permissions.waits_for_its_period(request.user, entry):  # a page kept open from before, say
        messages.error(request, permissions.upcoming_message(entry))
        return redirect("evaluation:entry_detail", entry.pk)
    permissions.check_enter(request.user, entry)
    form = EntryForm(request.POST, request.FILES, entry=entry)
    if form.is_valid():
        try:
            services.submit_entry(entry=entry, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add(form, error)
        except services.StepAlreadyHandled:
            return _done(request, entry, _("This figure was already submitted."))
        else:
            transaction.on_commit(functools.partial(held_uploads.release, form.cleaned_data["evidence"]))
            return _done(request, entry, _("The figure is submitted for verification."))
    form.keep_files()
    return _page(request, entry, entry_form=form, status=400)


def _add(form, error):
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages_ in error.message_dict.items():
        for message in messages_:
            form.add_error(field if field in form.fields else None, message)


@post_only_back_to("evaluation:entry_detail", "entry_id")
def entry_verify(request, entry_id):
    entry = selectors.get_entry_for_user(user=request.user, entry_id=entry_id)
    try:
        services.verify_entry(entry=entry, by=request.user)
    except services.StepAlreadyHandled:
        return _done(request, entry, _("This figure was already handled."))
    return _done(request, entry, _("The figure is verified and published."))


@post_only_back_to("evaluation:entry_detail", "entry_id")
def entry_return(request, entry_id):
    entry = selectors.get_entry_for_user(user=request.user, entry_id=entry_id)
    permissions.check_verify(request.user, entry)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.return_entry(entry=entry, by=request.user, reason=form.cleaned_data["reason"])
        except services.StepAlreadyHandled:
            return _done(request, entry, _("This figure was already handled."))
        return _done(request, entry, _("The figure is returned to the PIC."))
    return _page(request, entry, return_form=form, status=400)


@post_only_back_to("evaluation:entry_detail", "entry_id")
def entry_reopen(request, entry_id):
    entry = selectors.get_entry_for_user(user=request.user, entry_id=entry_id)
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            services.reopen_entry(entry=entry, by=request.user, reason=form.cleaned_data["reason"])
        except services.StepAlreadyHandled:
            return _done(request, entry, _("This figure was already reopened."))
        return _done(request, entry, _("The figure is reopened: its PIC corrects it and someone else verifies it."))
    return _page(request, entry, reopen_form=form, status=400)


def evidence_download(request, entry_id):
    entry = selectors.get_entry_for_user(user=request.user, entry_id=entry_id)
    if not entry.evidence:
        raise Http404
    return FileResponse(open_stored(entry.evidence), as_attachment=True, filename=os.path.basename(entry.evidence.name))
