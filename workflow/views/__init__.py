"""Kinerja's own plan pages over the PlanFlow activations (viewflow's stock frontend is not mounted)."""

from .acting import acting_end, acting_list
from .documents import agency_export, evaluation_pdf, skp_pdf, team_export
from .editing import (
    expectations_edit,
    indicator_add,
    indicator_delete,
    indicator_edit,
    indicator_move,
    plan_copy,
    result_add,
    result_delete,
    result_edit,
    result_move,
)
from .evidence import evidence_download, evidence_thumbnail
from .objections import objection_decide, objection_detail, objection_evidence, objection_file
from .opening import period_open, period_opening
from .pages import home, inbox, plan_chart, plan_detail, plan_list, plan_process, plan_start, team
from .periodic import periodic_detail, periodic_realisation_add
from .review import bulk_review
from .tasks import (
    feedback_add,
    rating_preview,
    realisation_add,
    reassign,
    session_add,
    task_detail,
)
from .verify import verify

__all__ = [
    "acting_end",
    "acting_list",
    "bulk_review",
    "verify",
    "objection_decide",
    "objection_detail",
    "objection_evidence",
    "objection_file",
    "agency_export",
    "evaluation_pdf",
    "period_open",
    "periodic_detail",
    "periodic_realisation_add",
    "period_opening",
    "skp_pdf",
    "team_export",
    "evidence_download",
    "evidence_thumbnail",
    "expectations_edit",
    "feedback_add",
    "home",
    "inbox",
    "indicator_add",
    "indicator_delete",
    "indicator_edit",
    "indicator_move",
    "plan_chart",
    "plan_copy",
    "plan_detail",
    "plan_list",
    "plan_process",
    "plan_start",
    "rating_preview",
    "realisation_add",
    "reassign",
    "result_add",
    "result_delete",
    "result_edit",
    "result_move",
    "session_add",
    "task_detail",
    "team",
]
