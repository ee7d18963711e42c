"""Every dashboard table as data (columns with kinds, rows of plain values): the exports write these, and the
pages show the same selector results, so a spreadsheet and the page carry the same numbers."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from workflow.predikat import Predikat

from .selectors import BUCKETS


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = "text"  # text | int | decimal | date


@dataclass
class Table:
    name: str
    title: str
    columns: list[Column]
    rows: list[list]


def overview_table(overview) -> Table:
    columns = [Column(_("Agency")), Column(_("Active employees"), "int"), Column(_("Plans"), "int")]
    columns += [Column(bucket.label, "int") for bucket in BUCKETS] + [Column(_("Overdue tasks"), "int")]
    rows = [
        [row.name, row.employees, row.plans, *[row.counts[b.key] for b in BUCKETS], row.overdue]
        for row in [*overview.rows, overview.totals]
    ]
    return Table("overview", str(_("Period overview")), columns, rows)


def overdue_owner_table(owners) -> Table:
    columns = [Column(_("Task owner")), Column(_("Agency")), Column(_("Overdue tasks"), "int")]
    rows = [[owner["name"], owner["agency"], owner["overdue"]] for owner in owners]
    return Table("overdue", str(_("Overdue tasks by owner")), columns, rows)


def distribution_table(rows) -> Table:
    columns = [Column(_("Agency")), Column(_("Organisation predikat")), Column(_("Rated plans"), "int")]
    for label in Predikat.labels:
        columns += [Column(label, "int"), Column(_("%(label)s (%%)") % {"label": label}, "decimal")]
    columns += [Column(_("Within guideline")), Column(_("Findings")), Column(_("Override"))]
    table_rows = []
    for row in rows:
        organisation = row.organisation_predikat
        values = [row.name, organisation.get_predikat_display() if organisation else "", row.rated]
        for code in Predikat.values:
            share = row.share(code)
            values += [row.by_predikat[code], Decimal(str(share)) if share is not None else None]
        findings = "; ".join(f"{c.description}: {c.actual}/{c.allowed}" for c in row.checks if not c.ok)
        status = "" if organisation is None else str(_("no") if row.flagged else _("yes"))
        values += [status, findings, row.override.justification if row.override else ""]
        table_rows.append(values)
    return Table("distribution", str(_("Predikat distribution against the guideline")), columns, table_rows)


def iku_table(iku_rows) -> Table:
    columns = [
        Column(_("Agency")),
        Column(_("Code")),
        Column(_("IKU")),
        Column(_("Unit of measure")),
        Column(_("Direction")),
        Column(_("Target"), "decimal"),
        Column(_("Upper bound"), "decimal"),
        Column(_("Realisation"), "decimal"),
        Column(_("Achievement (%)"), "decimal"),
        Column(_("Raw achievement (%)"), "decimal"),
        Column(_("Status")),
    ]
    rows = [
        [
            row.agency_name,
            row.indicator.code,
            row.indicator.name,
            row.indicator.unit_of_measure,
            row.indicator.get_direction_display(),
            row.target.value if row.target else None,
            row.target.upper_value if row.target else None,
            row.realisation,
            row.achievement.capped,
            row.achievement.raw,
            str(row.achievement.status_label),
        ]
        for row in iku_rows
    ]
    return Table("iku", str(_("IKU achievement")), columns, rows)


def trend_table(periods, trend_rows, overall) -> Table:
    columns = [Column(_("Agency"))] + [Column(f"{period} (%)", "decimal") for period in periods]
    rows = [[row.name, *row.values] for row in trend_rows]
    rows.append([str(_("All agencies")), *overall])
    return Table("trend", str(_("Mean IKU achievement over periods")), columns, rows)


def team_table(team_rows) -> Table:
    columns = [
        Column(_("Employee")),
        Column(_("Stage")),
        Column(_("Due"), "date"),
        Column(_("Indicators"), "int"),
        Column(_("Indicators realised"), "int"),
        Column(_("Results rating")),
        Column(_("Behaviour rating")),
        Column(_("Predikat")),
    ]
    rows = [
        [
            row["plan"].employee.full_name,
            row["plan"].get_stage_display(),
            row["due"].date() if row["due"] else None,
            row["plan"].indicator_count,
            row["plan"].realised_count,
            row["plan"].get_results_rating_display(),
            row["plan"].get_behaviour_rating_display(),
            row["plan"].get_predikat_display(),
        ]
        for row in team_rows
    ]
    return Table("team", str(_("My team")), columns, rows)


def actions_table(actions) -> Table:
    columns = [Column(_("Action item")), Column(_("Meeting")), Column(_("Due"), "date"), Column(_("Status"))]
    rows = [[item.text, item.meeting.title, item.due_on, item.get_status_display()] for item in actions]
    return Table("actions", str(_("Open forum action items")), columns, rows)
