"""SVG charts of the compliance board and the distribution page, drawn like reports.charts (title, desc, labels as
text, colours that survive greyscale printing); the page shows the same numbers in a table beside each chart."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .charts import MUTED, _ids, _number, _svg, _text

STATUS_COLOURS = {
    "not_started": "#b3261e",
    "drafted": "#a86400",
    "submitted": "#0b5d8a",
    "approved": "#2e7d32",
    "rated": "#14532d",
}


def progress_bar(*, title: str, segments: list[tuple[str, str, int]], total: int, width: int = 240) -> SafeString:
    """One stacked bar: segments are (key, label, n) out of `total`, drawn left to right; a small chart per table
    row, so it carries its own title and desc and no heading."""
    height = 16
    parts, x = [], 0.0
    desc = "; ".join(f"{label}: {n}" for _, label, n in segments)
    for key, label, n in segments:
        if not n or not total:
            continue
        length = n / total * width
        parts.append(
            f'<rect x="{x:.1f}" y="0" width="{length:.1f}" height="{height}" fill="{STATUS_COLOURS.get(key, MUTED)}">'
            f"<title>{escape(label)}: {n}</title></rect>"
        )
        x += length
    if not total:
        parts.append(f'<rect x="0" y="0" width="{width}" height="{height}" fill="#e3e7ec"/>')
    return _bare_svg(width, height, title, desc or "—", parts)


def _bare_svg(width, height, title, desc, parts) -> SafeString:
    """Like charts._svg without the visible heading: a bar inside a table row has its heading in the row."""
    uid = f"bar-{next(_ids)}"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart progress-chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{uid}-t {uid}-d">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(desc)}</desc>'
    )
    return mark_safe(head + "".join(parts) + "</svg>")  # every piece of text went through escape()


def band_chart(*, title: str, bands: list[tuple]) -> SafeString:
    """The predikat distribution of one agency against its guideline: bands are (label, share %, lowest %, highest
    %, within the guideline) with the guideline's limits drawn as a dashed range and the actual share as a bar,
    green within the guideline and red outside."""
    label_width, bar_width, row, top = 150, 300, 26, 30
    width, height = label_width + bar_width + 60, top + row * max(len(bands), 1) + 10
    parts = []
    desc_items = []
    for index, (label, share, low, high, ok) in enumerate(bands):
        y = top + index * row
        parts.append(_text(label_width - 6, y + 16, str(label)[:24], anchor="end"))
        if low is not None or high is not None:
            start = (low or 0) / 100 * bar_width
            end = (high if high is not None else 100) / 100 * bar_width
            parts.append(
                f'<rect x="{label_width + start:.1f}" y="{y + 2}" width="{max(end - start, 1):.1f}" height="{row - 4}" '
                f'fill="#dbe7f0" stroke="#0b5d8a" stroke-dasharray="3 2"/>'
            )
        length = max(share / 100 * bar_width, 1 if share else 0)
        fill = "#1e7b34" if ok else "#b3261e"
        if length:
            parts.append(
                f'<rect x="{label_width}" y="{y + 7}" width="{length:.1f}" height="{row - 14}" fill="{fill}"/>'
            )
        parts.append(_text(label_width + bar_width + 6, y + 16, f"{_number(share)}%"))
        limits = _limits(low, high)
        desc_items.append(f"{label}: {_number(share)}%" + (f" ({limits})" if limits else ""))
    return _svg(width, height, title, "; ".join(desc_items), "band-chart", parts)


def _limits(low, high) -> str:
    if low is not None and high is not None:
        return f"{_number(low)}–{_number(high)}%"
    if low is not None:
        return f"≥ {_number(low)}%"
    if high is not None:
        return f"≤ {_number(high)}%"
    return ""


def distribution_charts(rows) -> list[tuple]:
    """(row, chart) per agency of the distribution page: each guideline line of its organisation predikat against
    the actual share, or, before the organisation predikat is set, the plain shares per predikat."""
    charts = []
    for row in rows:
        if row.checks:
            bands = [
                (
                    check.description,
                    float(check.actual_percent or 0),
                    float(check.percent) if check.bound == "at_least" else None,
                    float(check.percent) if check.bound == "at_most" else None,
                    check.ok,
                )
                for check in row.checks
            ]
        else:
            bands = [(label, float(share or 0), None, None, True) for _code, label, _n, share in row.shares]
        charts.append((row, band_chart(title=str(row.name), bands=bands)))
    return charts
