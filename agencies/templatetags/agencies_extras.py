"""Small display helpers for IKU figures: plain numbers, achievement badges and a server-side sparkline."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from common.numbers import quantity

register = template.Library()


@register.filter
def figure(value) -> str:
    """A stored decimal without trailing zeros, localised (9.5000 → 9,5 in Indonesian)."""
    return quantity(value) or "—"


@register.simple_tag
def achievement_badge(achievement):
    """Capped achievement in a coloured badge; the raw (uncapped) value is in the tooltip."""
    if achievement is None or achievement.capped is None:
        return format_html('<span class="badge status-none">{}</span>', _("No data"))
    return format_html(
        '<span class="badge {}" title="{}">{} %</span>',
        achievement.status,
        _("%(label)s · uncapped %(raw)s %%") % {"label": achievement.status_label, "raw": figure(achievement.raw)},
        figure(achievement.capped),
    )


@register.simple_tag
def sparkline(values, width=240, height=48):
    """An inline SVG polyline of `values` (None gaps skipped), scaled to the box; empty below two points."""
    points = [float(value) for value in values if value is not None]
    if len(points) < 2:
        return ""
    low, high = min(points), max(points)
    spread = (high - low) or 1.0
    step = (width - 4) / (len(points) - 1)
    coordinates = " ".join(
        f"{2 + i * step:.1f},{height - 2 - (value - low) / spread * (height - 4):.1f}" for i, value in enumerate(points)
    )
    return format_html(
        '<svg class="sparkline" width="{}" height="{}" viewBox="0 0 {} {}" '
        'role="img" aria-label="{}">'
        '<polyline fill="none" stroke="#0b5d8a" stroke-width="2" points="{}"/></svg>',
        width,
        height,
        width,
        height,
        _("Trend from %(first)s to %(last)s") % {"first": f"{points[0]:g}", "last": f"{points[-1]:g}"},
        coordinates,
    )
