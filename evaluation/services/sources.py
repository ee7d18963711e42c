"""Figures from other sources in the data calendar: an IKU figure computed from its source (IKM from the survey,
complaint figures), or pushed by another system through the API, fills the data-entry task of its indicator and
period as an entry recorded by the source, and waits for the same four-eyes verification as the PIC's figure.

agencies/ records the figure as an unverified realisation and announces it (`agencies.arriving_figures`); this
handler, registered in EvaluationConfig.ready(), takes over its verification when the IKU is on the data calendar:

- the period's entry (opened here if the calendar has none) is submitted by the source: its value, the provenance as
  evidence, the plausibility checks it fails (shown to the verifier; a source cannot explain them), and who brought
  it in (`entered_by`: the importer, the API token's person; none for a computed figure, which any team member may
  verify). Four eyes, verification, return and reopening are then the hand-entered figure's (services/entries.py);
- a figure still waiting for verification is replaced in place;
- a different value after verification is a correction: the entry is reopened by its source (a DataCorrection
  without a person, counted as "changed after verification") and waits again;
- once verified, the entry publishes the realisation to the IKU (`agencies.services.publish_realisation`).

An IKU without a schedule, or whose calendar period does not match the figure's period, keeps the IKU page's
verification (the realisation is not taken over). When such an IKU is put on the calendar, the computed and pushed
figures still waiting for verification on the IKU page are taken over as if they arrived then
(`adopt_waiting_figures`), so the team does not verify them in two places or enter them again.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agencies.arriving_figures import ArrivingFigure, FigureOrigin
from agencies.models import IndicatorRealisation
from agencies.services import publish_realisation

from .. import checks, selectors
from ..flows import DataEntryFlow
from ..models import DataEntry, DataEntryProcess, DataSchedule, EntryStatus, period_bounds
from .entries import open_task, reopen_published, run_task


@transaction.atomic
def take_source_figure(figure: ArrivingFigure) -> bool:
    """The handler of `agencies.arriving_figures`: True when the figure is now the calendar's to verify."""
    realisation = figure.realisation
    schedule = DataSchedule.objects.filter(indicator_id=realisation.indicator_id).select_related("indicator").first()
    if schedule is None:
        return False
    period = realisation.period
    if (period.starts_on, period.ends_on) not in period_bounds(period.starts_on.year, schedule.frequency):
        return False  # e.g. an annual figure of a monthly IKU: not one of its calendar's periods
    entry = DataEntry.objects.filter(schedule=schedule, starts_on=period.starts_on).first()
    if entry is None:
        entry = DataEntry.objects.create(
            schedule=schedule,
            starts_on=period.starts_on,
            ends_on=period.ends_on,
            due_on=period.ends_on + datetime.timedelta(days=schedule.due_day),
        )
        DataEntryFlow.start.run(entry=entry)
    elif entry.ends_on != period.ends_on:
        return False  # the calendar's period was changed since the entry was opened
    if not realisation.verified_elsewhere:  # from now on the calendar verifies and publishes it
        realisation.verified_elsewhere = True
        realisation.save(update_fields=["verified_elsewhere"])
    process_pk = DataEntryProcess.objects.filter(entry_id=entry.pk).values_list("pk", flat=True).get()
    with DataEntryFlow.lock(process_pk):
        fresh = DataEntry.objects.select_for_update(of=("self",)).select_related("schedule__indicator").get(pk=entry.pk)
        if fresh.status == EntryStatus.PUBLISHED:
            if fresh.value == realisation.value:
                # The figure already verified (a different sample, or the PIC had entered the same): it stays so.
                fresh.realisation = realisation
                fresh.save(update_fields=["realisation"])
                publish_realisation(realisation=realisation, by=fresh.verified_by, value=fresh.value)
                return True
            reopen_published(fresh, process_pk=process_pk, reason=_reopen_reason(figure), by=None)
        _fill(fresh, figure)
        if fresh.status != EntryStatus.SUBMITTED:
            task = open_task(process_pk=process_pk, node=DataEntryFlow.enter)
            fresh.status = EntryStatus.SUBMITTED
            fresh.save()
            run_task(task, node=DataEntryFlow.enter, by=None)
        else:  # waiting for verification: the newer figure replaces the one waiting, the verify task stays
            fresh.save()
    return True


def adopt_waiting_figures(schedule: DataSchedule) -> int:
    """Take over the IKU's computed and pushed figures that still wait for verification on the IKU page (they
    arrived before the IKU was on the calendar, or for periods its former frequency did not have); returns how many.

    A figure someone already verified stays published as it is. A figure a person typed or imported on the IKU page
    stays there too: nothing on it tells which of the two it was, and both are verified on that page.
    """
    waiting = (
        IndicatorRealisation.objects.filter(
            indicator_id=schedule.indicator_id, verified_at__isnull=True, verified_elsewhere=False
        )
        .select_related("period", "entered_by")
        .order_by("period__starts_on")
    )
    taken = 0
    for realisation in waiting:
        figure = _waiting_figure(realisation)
        if figure is not None and take_source_figure(figure):
            taken += 1
    return taken


def _waiting_figure(realisation: IndicatorRealisation) -> ArrivingFigure | None:
    """The figure as it arrived, rebuilt from what the realisation kept of its source."""
    if realisation.is_computed:
        # The computation's own note ("Computed from … on 312 responses."), in the Pemda's language.
        return ArrivingFigure(
            realisation=realisation,
            origin=FigureOrigin.COMPUTED,
            recorded_by=None,
            provenance=realisation.evidence_note,
        )
    pushed = realisation.provenance.get("pushed")
    if pushed:
        with translation.override(settings.LANGUAGE_CODE):  # stored text: in the Pemda's language
            provenance = _("Pushed through the API with the token %(token)s.") % {"token": pushed.get("token", "")}
        if realisation.evidence_note.strip():
            provenance = f"{provenance} {realisation.evidence_note.strip()}"
        # The token's person never verifies their own push, as when the figure arrived.
        return ArrivingFigure(
            realisation=realisation,
            origin=FigureOrigin.PUSHED,
            recorded_by=realisation.entered_by,
            provenance=provenance,
        )
    return None


def _fill(entry: DataEntry, figure: ArrivingFigure) -> None:
    value = figure.realisation.value
    entry.value, entry.realisation = value, figure.realisation
    entry.checks = checks.find(schedule=entry.schedule, value=value, history=selectors.recent_values(entry=entry))
    entry.explanation, entry.rejection_reason = "", ""
    entry.evidence_note = figure.provenance
    entry.source_origin, entry.source_note = figure.origin, figure.provenance
    entry.entered_by = figure.recorded_by
    entry.submitted_at = timezone.now()


def _reopen_reason(figure: ArrivingFigure) -> str:
    with translation.override(settings.LANGUAGE_CODE):  # stored text: in the Pemda's language
        return _("The source brought another value after verification: %(provenance)s") % {
            "provenance": figure.provenance
        }
