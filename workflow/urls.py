"""Plan pages under the "workflow" namespace; `home` stays un-namespaced (the whole site links to it)."""

from django.urls import include, path

from . import views

plan_patterns = [
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/start/", views.plan_start, name="plan_start"),
    path("plans/<int:plan_id>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:plan_id>/chart.svg", views.plan_chart, name="plan_chart"),
    path("plans/<int:plan_id>/tasks/<int:task_id>/", views.task_detail, name="task_detail"),
    path("plans/<int:plan_id>/copy/", views.plan_copy, name="plan_copy"),
    # Plan pages' experience: the process diagram page, reordering, the rating preview.
    path("plans/<int:plan_id>/process/", views.plan_process, name="plan_process"),
    path("plans/<int:plan_id>/results/<int:result_id>/move/", views.result_move, name="result_move"),
    path("plans/<int:plan_id>/indicators/<int:indicator_id>/move/", views.indicator_move, name="indicator_move"),
    path("plans/<int:plan_id>/tasks/<int:task_id>/rating-preview/", views.rating_preview, name="rating_preview"),
    path("plans/<int:plan_id>/results/add/", views.result_add, name="result_add"),
    path("plans/<int:plan_id>/results/<int:result_id>/edit/", views.result_edit, name="result_edit"),
    path("plans/<int:plan_id>/results/<int:result_id>/delete/", views.result_delete, name="result_delete"),
    path("plans/<int:plan_id>/results/<int:result_id>/indicators/add/", views.indicator_add, name="indicator_add"),
    path("plans/<int:plan_id>/indicators/<int:indicator_id>/edit/", views.indicator_edit, name="indicator_edit"),
    path("plans/<int:plan_id>/indicators/<int:indicator_id>/delete/", views.indicator_delete, name="indicator_delete"),
    path(
        "plans/<int:plan_id>/indicators/<int:indicator_id>/realisation/",
        views.realisation_add,
        name="realisation_add",
    ),
    path("plans/<int:plan_id>/expectations/", views.expectations_edit, name="expectations_edit"),
    path("plans/<int:plan_id>/evidence/<int:evidence_id>/", views.evidence_download, name="evidence_download"),
    path(
        "plans/<int:plan_id>/evidence/<int:evidence_id>/thumbnail/",
        views.evidence_thumbnail,
        name="evidence_thumbnail",
    ),
    path("plans/<int:plan_id>/feedback/", views.feedback_add, name="feedback_add"),
    path("plans/<int:plan_id>/coaching/sessions/", views.session_add, name="session_add"),
    path("plans/<int:plan_id>/reassign/", views.reassign, name="reassign"),
    # Objections (keberatan) to a final predikat (workflow/views/objections.py)
    path("plans/<int:plan_id>/objection/", views.objection_file, name="objection_file"),
    path("objections/<int:objection_id>/", views.objection_detail, name="objection_detail"),
    path("objections/<int:objection_id>/decide/", views.objection_decide, name="objection_decide"),
    path("objections/<int:objection_id>/evidence/", views.objection_evidence, name="objection_evidence"),
    # Periodic evaluations (quarters or months) of a plan (workflow/views/periodic.py)
    path("periodic/<int:review_id>/", views.periodic_detail, name="periodic_detail"),
    path(
        "periodic/<int:review_id>/indicators/<int:indicator_id>/realisation/",
        views.periodic_realisation_add,
        name="periodic_realisation_add",
    ),
    path("inbox/", views.inbox, name="inbox"),
    path("team/", views.team, name="team"),
    path("team/review/", views.bulk_review, name="bulk_review"),
    # Acting officials, Plt/Plh (workflow/views/acting.py)
    path("acting/", views.acting_list, name="acting_list"),
    path("acting/<int:appointment_id>/end/", views.acting_end, name="acting_end"),
    # Documents and exports (workflow/views/documents.py)
    path("plans/<int:plan_id>/skp.pdf", views.skp_pdf, name="plan_skp_pdf"),
    path("plans/<int:plan_id>/evaluation.pdf", views.evaluation_pdf, name="plan_evaluation_pdf"),
    # The public verification page of an issued PDF (workflow/views/verify.py)
    path("verify/<str:code>/", views.verify, name="verify"),
    path("team/export.xlsx", views.team_export, name="team_export"),
    path("agency/<int:agency_id>/plans.xlsx", views.agency_export, name="agency_plans_export"),
    # Opening a period for whole agencies (workflow/views/opening.py)
    path("periods/<int:period_id>/open/", views.period_open, name="period_open"),
    path("periods/<int:period_id>/openings/<int:opening_id>/", views.period_opening, name="period_opening"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("", include((plan_patterns, "workflow"))),
]
