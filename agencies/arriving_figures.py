"""Who is told when an IKU figure arrives from another source than a person typing it on the IKU page: computed
from a source (`indicator_sources`, the scheduled run or the "Compute now" button) or pushed by another system
through the API. A registry, because the agency evaluation team's data calendar, which verifies such figures with
its four-eyes flow, lives in evaluation/, above agencies/, which must not be imported from here. Such an app
registers a handler in its AppConfig.ready().

A handler is a callable `handler(figure: ArrivingFigure) -> bool`, run inside the recording's transaction (an error
rolls the figure back). It returns True when it takes over the figure's verification: the realisation is then
marked `verified_elsewhere`, the IKU page no longer verifies it, and the handler publishes it once verified
(`services.publish_realisation`) or withdraws a publication (`services.withdraw_realisation`).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from .models import IndicatorRealisation


class FigureOrigin(models.TextChoices):
    COMPUTED = "computed", _("Computed from its source")
    PUSHED = "pushed", _("Pushed through the API")
    IMPORTED = "imported", _("Imported from a file")


@dataclass(frozen=True)
class ArrivingFigure:
    realisation: "IndicatorRealisation"
    origin: str  # a FigureOrigin
    # Who brought the figure in (the importer, the API token's user); None for a computed figure, which no person
    # entered, so that anyone on the team may verify it.
    recorded_by: object
    provenance: str  # for the verifier, in the Pemda's language: "Computed from … on 312 responses."


FigureHandler = Callable[[ArrivingFigure], bool]

_handlers: list[FigureHandler] = []


def register_figure_handler(handler: FigureHandler) -> None:
    """Add a handler (idempotent, so a re-run ready() adds nothing twice)."""
    if handler not in _handlers:
        _handlers.append(handler)


def unregister_figure_handler(handler: FigureHandler) -> None:
    if handler in _handlers:
        _handlers.remove(handler)


def announce(figure: ArrivingFigure) -> bool:
    """Tell every handler; marks the realisation `verified_elsewhere` (saved) when one of them takes it over."""
    taken = False
    for handler in _handlers:
        taken = bool(handler(figure)) or taken
    realisation = figure.realisation
    if realisation.verified_elsewhere != taken:
        realisation.verified_elsewhere = taken
        realisation.save(update_fields=["verified_elsewhere"])
    return taken
