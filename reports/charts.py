"""Accessible, printable SVG charts drawn on the server (no JavaScript, no CDN).

Each chart carries a <title> and a <desc> listing every value, labels and values are written as text beside the
marks, and colours are dark enough to print in greyscale (lines also differ by dash pattern); a dashed line marks
the 100 % reference.
"""

import itertools
from decimal import Decimal

from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

INK, MUTED = "#1d2733", "#5b6775"
STATUS_FILL = {"green": "#1e7b34", "amber": "#a86400", "red": "#b3261e", "none": "#7a8794"}
SERIES_COLOURS = ["#0b5d8a", "#b3261e", "#1e7b34", "#a86400", "#5b3f8c", "#1d2733", "#00838f", "#8d6e63"]
SERIES_DASHES = ["", "6 3", "2 3", "8 3 2 3", "", "6 3", "2 3", "8 3 2 3"]
_ids = itertools.count(1)


def _number(value) -> str:
    if value is None:
        return "—"
    return formats.number_format(Decimal(str(value)).quantize(Decimal("0.1")), decimal_pos=1, force_grouping=True)


def _text(x, y, content, *, anchor: str = "start", fill: str = INK) -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}">{escape(content)}</text>'


def _line(x1, y1, x2, y2, *, stroke: str = INK, dash: str = "") -> str:
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{stroke}"{dashes}/>'


def _svg(width: int, height: int, title: str, desc: str, css_class: str, parts: list[str]) -> SafeString:
    uid = f"chart-{next(_ids)}"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {css_class}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{uid}-t {uid}-d" '
        f'font-family="system-ui, sans-serif" font-size="12">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(desc)}</desc>'
        f'<text x="0" y="16" font-size="14" font-weight="600" fill="{INK}">{escape(title)}</text>'
    )
    return mark_safe(head + "".join(parts) + "</svg>")  # every piece of text above went through escape()


def bar_chart(*, title: str, items: list[tuple], unit: str = "%", reference: float | None = 100) -> SafeString:
    """Horizontal bars: items are (label, value, status) with value None for "no data"."""
    label_width, bar_width, row, top = 170, 360, 24, 30
    width, height = label_width + bar_width + 70, top + row * max(len(items), 1) + 24
    values = [float(value) for _, value, _ in items if value is not None]
    scale_max = max([*values, reference or 0, 1]) * 1.05
    desc = "; ".join(f"{label}: {_number(value)}{unit if value is not None else ''}" for label, value, _ in items)
    parts = []
    for index, (label, value, status) in enumerate(items):
        y = top + index * row
        parts.append(_text(label_width - 6, y + 16, str(label)[:28], anchor="end"))
        if value is None:
            parts.append(_text(label_width + 4, y + 16, "—", fill=MUTED))
            continue
        length = max(1.0, float(value) / scale_max * bar_width)
        fill = STATUS_FILL.get(status or "none", SERIES_COLOURS[0])
        parts.append(
            f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="{row - 8}" fill="{fill}">'
            f"<title>{escape(str(label))}: {_number(value)}{escape(unit)}</title></rect>"
        )
        parts.append(_text(label_width + length + 4, y + 16, f"{_number(value)}{unit}"))
    if reference is not None:
        x = label_width + reference / scale_max * bar_width
        parts.append(_line(x, top - 4, x, height - 20, dash="4 3"))
        parts.append(_text(x, height - 6, f"{_number(reference)}{unit}", anchor="middle", fill=MUTED))
    return _svg(width, height, title, desc, "bar-chart", parts)


def line_chart(*, title: str, x_labels: list[str], series: list[tuple], unit: str = "%", reference=100) -> SafeString:
    """Lines over periods: series are (name, [value or None per x label]); gaps where there is no value."""
    left, right, top, plot_height = 50, 190, 30, 200
    plot_width = max(320, 84 * max(len(x_labels) - 1, 1))
    width, height = left + plot_width + right, top + plot_height + 44
    values = [float(v) for _, points in series for v in points if v is not None]
    high = max([*values, reference or 0, 1]) * 1.05
    low = max(0.0, min([*values, reference or high]) * 0.9) if values else 0.0

    def xy(index, value):
        x = left + plot_width * index / max(len(x_labels) - 1, 1)
        return x, top + plot_height - (float(value) - low) / (high - low or 1) * plot_height

    desc = "; ".join(
        f"{name}: " + ", ".join(f"{label} {_number(v)}" for label, v in zip(x_labels, points, strict=False))
        for name, points in series
    )
    parts = [_line(left, top + plot_height, left + plot_width, top + plot_height, stroke=MUTED)]
    for index, label in enumerate(x_labels):
        head, _, tail = label.rpartition(" ")
        x = xy(index, low)[0]
        parts.append(_text(x, top + plot_height + 16, head or tail, anchor="middle"))
        if head:
            parts.append(_text(x, top + plot_height + 30, tail, anchor="middle"))
    for tick in (low, (low + high) / 2, high):
        parts.append(_text(left - 6, xy(0, tick)[1] + 4, _number(tick), anchor="end", fill=MUTED))
    if reference is not None and low <= reference <= high:
        y = xy(0, reference)[1]
        parts.append(_line(left, y, left + plot_width, y, dash="4 3"))
    labels = []
    for number, (name, points) in enumerate(series):
        series_parts, label = _series(number, str(name), points, xy, unit)
        parts += series_parts
        if label:
            labels.append(label)
    parts += _end_labels(labels, left + plot_width + 8, top, top + plot_height + 8)
    return _svg(width, height, title, desc, "line-chart", parts)


def _end_labels(labels: list[tuple], x: float, top: float, bottom: float, gap: float = 14) -> list[str]:
    """Series names at the right end, pushed apart so that close values stay readable."""
    labels = sorted(labels)
    placed, previous = [], top - gap
    for y, text, colour in labels:
        y = max(y, previous + gap)
        placed.append((y, text, colour))
        previous = y
    overflow = previous - bottom
    if overflow > 0:
        placed = [(y - overflow, text, colour) for y, text, colour in placed]
    return [_text(x, y + 4, text, fill=colour) for y, text, colour in placed]


def _series(number: int, name: str, points: list, xy, unit: str) -> tuple[list[str], tuple | None]:
    colour, dash = SERIES_COLOURS[number % 8], SERIES_DASHES[number % 8]
    segments, current = [], []
    for index, value in enumerate(points):
        if value is None:
            if current:
                segments.append(current)
            current = []
        else:
            current.append(xy(index, value))
    if current:
        segments.append(current)
    parts = []
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    for segment in segments:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in segment)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dashes}/>')
        parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>' for x, y in segment]
    last = next(((i, v) for i, v in reversed(list(enumerate(points))) if v is not None), None)
    if last is None:
        return parts, None
    return parts, (xy(*last)[1], f"{name[:18]} {_number(last[1])}{unit}", colour)
