"""The plan process diagram: viewflow's layout of PlanFlow, drawn by Kinerja's own SVG template.

viewflow's template scales the drawing to its container (text shrinks to a few pixels), title-cases the first line
of each task ("Susun Skp") and labels gateway branches "yes"/"no" in English. Here the layout and the step status
are viewflow's; the labels are translated and the drawing keeps its natural size, so 13 px text stays 13 px.
"""

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from viewflow.workflow import chart

from .flows import PlanFlow

BRANCH_LABELS = {"yes": _("yes"), "no": _("no")}


def plan_chart_svg(*, process_pk: int) -> str:
    grid = chart.calc_layout_data(PlanFlow)
    chart.calc_cell_status(PlanFlow, grid, process_pk)
    for edge in grid.edges:
        edge.label = BRANCH_LABELS.get(edge.label, edge.label)
    return render_to_string("workflow/flow_chart.svg", {"grid": grid, "cells": grid.cells, "edges": grid.edges})
