"""The export to the national performance system: each final evaluation of an agency in a period as one record
with the fields that system takes for periodic performance. Nothing here talks to it; its credentials are never
stored in Kinerja."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from common.spreadsheets import SheetColumn
from workflow.models import Plan, Stage

FIELDS = (
    ("period_kind", _("Period kind"), "text"),
    ("period_start_month", _("Start month"), "int"),
    ("period_start_year", _("Start year"), "int"),
    ("period_end_month", _("End month"), "int"),
    ("period_end_year", _("End year"), "int"),
    ("results_rating", _("Results rating"), "text"),
    ("behaviour_rating", _("Behaviour rating"), "text"),
    ("predikat", _("Predikat"), "text"),
    ("assessor_nip", _("Assessor's NIP"), "code"),
    ("assessor_name", _("Assessor's name"), "text"),
    ("assessor_position", _("Assessor's position"), "text"),
    ("assessor_rank", _("Assessor's rank"), "text"),
    ("assessor_unit", _("Assessor's unit"), "text"),
    ("assessor_status", _("Assessor's status"), "text"),
    ("employee_nip", _("Employee's NIP"), "code"),
)
COLUMNS = [SheetColumn(label, kind) for _name, label, kind in FIELDS]


def final_evaluations(*, agency_id: int, period_id: int) -> QuerySet:
    """The agency's plans of the period whose evaluation is final (done), assessor loaded: one query."""
    return (
        Plan.objects.filter(employee__agency_id=agency_id, period_id=period_id, stage=Stage.DONE)
        .select_related("employee", "period", "rated_by__unit")
        .order_by("employee__nip")
    )


def record(plan: Plan) -> dict:
    assessor = plan.rated_by
    return {
        "period_kind": plan.period.kind,
        "period_start_month": plan.period.starts_on.month,
        "period_start_year": plan.period.starts_on.year,
        "period_end_month": plan.period.ends_on.month,
        "period_end_year": plan.period.ends_on.year,
        "results_rating": plan.results_rating,
        "behaviour_rating": plan.behaviour_rating,
        "predikat": plan.predikat,
        "assessor_nip": assessor.nip if assessor else None,
        "assessor_name": assessor.full_name if assessor else None,
        "assessor_position": assessor.position_title if assessor else None,
        "assessor_rank": (assessor.rank or None) if assessor else None,
        "assessor_unit": assessor.unit.name if assessor and assessor.unit else None,
        "assessor_status": assessor.employee_type if assessor else None,
        "employee_nip": plan.employee.nip,
    }


def row(record_: dict) -> list:
    return [record_[name] for name, _label, _kind in FIELDS]
