"""Sources that compute an IKU's realisation instead of a person typing it in.

An IKU (`Indicator`) whose `source` names a registered key takes its figure from that source: at a period's end
(`manage.py compute_indicator_sources`, scheduled, idempotent) or on demand (the "Compute from the source" button on
the IKU page), `agencies.services.record_computed_realisation` asks the source for the value and records it through
the ordinary `record_realisation` service with its provenance, unverified, so it waits for verification like any
other figure; it is announced (`arriving_figures`), and the evaluation team's data calendar verifies it when the IKU
is scheduled there. Changing a computed figure by hand needs a reason and is written to the audit log.

The contract, for apps above agencies (surveys, feedback, …) that provide a source:

Register in your AppConfig.ready()::

    from agencies.indicator_sources import SourceResult, register_source

    register_source(
        key="surveys.ikm",                  # unique, stable: stored on Indicator.source; "<app>.<name>"
        label=_("IKM of these services"),   # shown when an IKU's source is chosen (a lazy translation)
        compute=compute_ikm,                # see below
        help_text=_("…"),                   # optional: what the source measures and what its parameters are
        validate_params=validate_ikm_params,  # optional: params -> cleaned params, or raise ValidationError
    )

`compute(*, indicator, period, params) -> SourceResult | None`
    indicator: the `agencies.Indicator` being computed (its `agency` is loaded);
    period: the `agencies.Period` whose figure is wanted (use `period.starts_on`/`period.ends_on` for dates);
    params: `indicator.source_params`, a JSON dict already passed through `validate_params` when it was saved
    (e.g. ``{"services": [3, 5]}``). Keyword-only; read-only (no writes); a constant number of queries.
    Return None when there is nothing to measure yet (no answers, no complaints): no figure is recorded.
    Raise `django.core.exceptions.ValidationError` with a message for the user when the parameters no longer make
    sense (e.g. a service was deleted).

`SourceResult(value, sample_size, provenance)`
    value: `Decimal`, in the IKU's unit of measure, at most 4 decimal places (it is quantised to 4);
    sample_size: `int`, how many answers, complaints … the value rests on;
    provenance: a JSON-serialisable dict saying where the figure comes from, shown to the verifier and kept with
    the realisation: at least ``{"source": key}`` is added for you; add what a verifier needs to retrace the figure
    (which services, which responses — ids or a date range and counts —, flags such as ``"under_sampled": true``).
    Recorded on `IndicatorRealisation`: `source`, `sample_size`, `computed_at` (now) and `provenance`.

Sources are looked up by key at compute time; an IKU whose key is no longer registered (the app was removed) is
reported and skipped, never guessed.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class SourceResult:
    value: Decimal
    sample_size: int
    provenance: dict = field(default_factory=dict)
    # What the figure covers, as plain data for the verifier's note (e.g. the services' names); not translated.
    detail: str = ""


@dataclass(frozen=True)
class Source:
    key: str
    label: str
    compute: Callable
    help_text: str = ""
    validate_params: Callable | None = None

    def clean_params(self, params) -> dict:
        params = params if isinstance(params, dict) else {}
        return self.validate_params(params) if self.validate_params else params


_REGISTRY: dict[str, Source] = {}


def register_source(
    *, key: str, label, compute: Callable, help_text="", validate_params: Callable | None = None
) -> Source:
    """Register a source under `key`; registering the same key again replaces it (a reloaded app)."""
    if not key or not callable(compute):
        raise ValueError("A source needs a key and a compute callable.")
    source = Source(key=key, label=label, compute=compute, help_text=help_text, validate_params=validate_params)
    _REGISTRY[key] = source
    return source


def unregister_source(key: str) -> None:
    _REGISTRY.pop(key, None)


def get_source(key: str) -> Source:
    try:
        return _REGISTRY[key]
    except KeyError:
        raise ValidationError(
            _("The data source “%(key)s” is not available in this installation.") % {"key": key}, code="no_source"
        ) from None


def registered_sources() -> list[Source]:
    return sorted(_REGISTRY.values(), key=lambda source: str(source.label))


def source_choices() -> list[tuple[str, str]]:
    """Choices for a form: "entered by a person" first, then every registered source."""
    return [("", _("Entered by a person")), *((source.key, source.label) for source in registered_sources())]


def source_label(key: str) -> str:
    source = _REGISTRY.get(key)
    return str(source.label) if source else key
