"""What each dashboard shows, assembled from the selectors once, for the page, its exports and the recap PDF.

`tables` maps a table name to a callable that builds it: only exports and the PDF pay for building them.
"""

from decimal import Decimal
from functools import partial

from django.utils.translation import gettext as _

from agencies.achievement import status_for
from agencies.models import Agency, Period

from . import charts, selectors, tables

MAX_BARS = 24  # above this many IKU the bar chart shows one bar per agency


def _band(value) -> str:
    return status_for(value, green_from=Decimal(100), amber_from=Decimal(75))


def overview_data(*, agencies, period: Period, judged=None) -> dict:
    overview = selectors.period_overview(period=period, agencies=agencies)
    owners = overview.owners
    rules = selectors.rules_for_year(period.year)
    if judged is None:  # the same agencies as the rows, read through the scope rather than a list of their ids
        judged = selectors.judged_agencies(period=period, agencies=agencies, judged_only=True)
    distribution = selectors.predikat_distribution(
        period=period, overview_rows=overview.rows, rules=rules, judged=judged
    )
    return {
        "overview": overview,
        "owners": owners,
        "distribution_rows": distribution,
        "unjustified": [row for row in distribution if row.flagged and row.override is None],
        "rules": rules,
        "buckets": selectors.BUCKETS,
        "tables": {
            "overview": partial(tables.overview_table, overview),
            "overdue": partial(tables.overdue_owner_table, owners),
        },
    }


def distribution_data(*, agencies, period: Period, rows=None, rules=None) -> dict:
    if rules is None:
        rules = selectors.rules_for_year(period.year)
    if rows is None:
        counts = selectors.predikat_counts(period=period, agencies=agencies)
        rows = selectors.predikat_distribution(period=period, overview_rows=counts, rules=rules)
    return {
        "distribution": rows,
        "flagged": [row for row in rows if row.flagged],
        "rules": rules,
        "tables": {"distribution": partial(tables.distribution_table, rows)},
    }


def iku_data(*, agencies, period: Period, all_periods: list[Period] | None = None) -> dict:
    """`all_periods`: every period as read by `period_with_choices(figures_of=agencies)`, so that choosing the
    figures' period and the trend costs no query."""
    shown = selectors.figures_period(period=period, agencies=agencies, periods=all_periods)
    periods = selectors.trend_periods(period=shown, periods=all_periods)  # ends with `shown`: one load for both
    loaded = selectors.load_iku(agencies=agencies, periods=periods)
    iku_rows = selectors.iku_achievement(period=shown, agencies=agencies, loaded=loaded)
    trend_rows, overall = selectors.iku_trend(periods=periods, agencies=agencies, loaded=loaded)
    return {
        "figures_period": shown,
        "iku_rows": iku_rows,
        "trend_periods": periods,
        "trend_rows": trend_rows,
        "overall": overall,
        "tables": {
            "iku": partial(tables.iku_table, iku_rows),
            "trend": partial(tables.trend_table, periods, trend_rows, overall),
        },
    }


def iku_charts(data: dict) -> dict:
    """The achievement bars (status colours) and the trend lines (one per agency up to eight, plus the mean)."""
    if len(data["iku_rows"]) <= MAX_BARS:
        bars = [
            (f"{row.agency_name} {row.indicator.code}", row.achievement.capped, row.achievement.status)
            for row in data["iku_rows"]
        ]
        title = _("IKU achievement (capped), %")
    else:  # many agencies: one bar per agency, its mean over its IKU in the latest period
        bars = [(row.name, row.values[-1], _band(row.values[-1])) for row in data["trend_rows"]]
        title = _("Mean IKU achievement per agency (capped), %")
    series = [(row.name, row.values) for row in data["trend_rows"]] if len(data["trend_rows"]) <= 8 else []
    if len(data["trend_rows"]) != 1:
        series.append((_("All agencies"), data["overall"]))
    return {
        "achievement_chart": charts.bar_chart(title=title, items=bars),
        "trend_chart": charts.line_chart(
            title=_("Mean IKU achievement over periods, %"),
            x_labels=[str(p) for p in data["trend_periods"]],
            series=series,
        ),
    }


def agency_data(*, agency: Agency, period: Period, all_periods: list[Period] | None = None) -> dict:
    """`agency` as read by `get_agency_for_user(period=period)`, with its organisation predikat and override."""
    agencies = Agency.objects.filter(pk=agency.pk)
    overview = overview_data(agencies=agencies, period=period, judged=[agency])
    distribution = distribution_data(
        agencies=agencies, period=period, rows=overview["distribution_rows"], rules=overview["rules"]
    )
    iku = iku_data(agencies=agencies, period=period, all_periods=all_periods)
    actions = list(selectors.open_actions(agency_id=agency.pk))
    return {
        **iku,
        **distribution,
        **overview,
        "row": overview["overview"].rows[0],
        "actions": actions,
        "tables": {
            **overview["tables"],
            **distribution["tables"],
            **iku["tables"],
            "actions": partial(tables.actions_table, actions),
        },
    }


def team_data(*, user, period: Period | None) -> dict:
    rows = selectors.team_rows(user=user, period=period)
    return {
        "team_rows": rows,
        "without_plan": list(selectors.team_without_plan(user=user, period=period)),
        "tables": {"team": partial(tables.team_table, rows)},
    }
