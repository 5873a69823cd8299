"""Inline SVG bar charts: no script, no font or image to fetch.

Both charts draw in a narrow coordinate system (360 units wide) and scale to
their container, so that on a phone (about 360 CSS pixels) the text keeps
close to its nominal size; on a wide screen the stylesheet caps their width.
Labels stand above the bars rather than beside them, so that long Chinese
names of bodies keep the full width.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import attrs

from .markup import esc

__all__ = ["Bar", "Column", "bar_chart", "column_chart"]

WIDTH: Final = 360
_LABEL_UNITS: Final = 46  # about the width of 46 Latin letters at the label size


@attrs.frozen(kw_only=True, slots=True)
class Bar:
    """One horizontal bar: a label (linked to *href*) and its parts, drawn end to end."""

    label: str
    href: str
    parts: tuple[int, ...]


@attrs.frozen(kw_only=True, slots=True)
class Column:
    """One vertical column: a label under it and its height."""

    label: str
    value: int


def _units(ch: str) -> int:
    # East Asian wide characters take about two Latin letters' width.
    return 2 if ord(ch) >= 0x1100 else 1


def shorten(label: str, limit: int = _LABEL_UNITS) -> str:
    """*label* cut to about *limit* Latin letters' width, ending in ``…`` when cut."""
    used = 0
    for index, ch in enumerate(label):
        used += _units(ch)
        if used > limit:
            return label[: max(index - 1, 1)] + "…"
    return label


def bar_chart(
    bars: Sequence[Bar], *, title: str, part_names: Sequence[str], part_classes: Sequence[str]
) -> str:
    """Horizontal stacked bars, one row per bar, scaled to the longest; with a legend."""
    row = 34
    legend = 22
    height = legend + row * len(bars) + 4
    largest = max((sum(b.parts) for b in bars), default=0) or 1
    span = WIDTH - 40  # room for the count after the longest bar
    out = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{esc(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{esc(title)}</title>",
    ]
    left = 0
    for name, css in zip(part_names, part_classes, strict=True):
        out.append(f'<rect class="{css}" x="{left}" y="4" width="10" height="10"/>')
        out.append(f'<text class="legend" x="{left + 14}" y="13">{esc(name)}</text>')
        left += 14 + 7 * len(name) + 18
    for index, bar in enumerate(bars):
        top = legend + index * row
        total = sum(bar.parts)
        out.append(f'<a href="{esc(bar.href)}">')
        out.append(f"<title>{esc(bar.label)}: {total}</title>")
        out.append(f'<text class="name" x="0" y="{top + 12}">{esc(shorten(bar.label))}</text>')
        x = 0.0
        for part, css in zip(bar.parts, part_classes, strict=False):
            if part <= 0:
                continue
            width = round(part * span / largest, 2)
            out.append(
                f'<rect class="{css}" x="{round(x, 2)}" y="{top + 16}" '
                f'width="{width}" height="12"/>'
            )
            x += width
        out.append(f'<text class="value" x="{round(x + 4, 2)}" y="{top + 26}">{total}</text>')
        out.append("</a>")
    out.append("</svg>")
    return "".join(out)


def column_chart(columns: Sequence[Column], *, title: str, css: str) -> str:
    """Vertical columns with their value on top and their label below."""
    top = 16
    plot = 150
    count = max(len(columns), 1)
    slot = WIDTH / count
    rotated = slot < 34  # labels would touch: turn them
    bottom = 48 if rotated else 20
    height = top + plot + bottom
    largest = max((c.value for c in columns), default=0) or 1
    out = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{esc(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{esc(title)}</title>",
        f'<line class="axis" x1="0" y1="{top + plot}" x2="{WIDTH}" y2="{top + plot}"/>',
    ]
    for index, column in enumerate(columns):
        bar_height = round(column.value * plot / largest, 2)
        width = round(slot * 0.7, 2)
        x = round(index * slot + (slot - width) / 2, 2)
        middle = round(index * slot + slot / 2, 2)
        y = round(top + plot - bar_height, 2)
        out.append(f"<g><title>{esc(column.label)}: {column.value}</title>")
        out.append(f'<rect class="{css}" x="{x}" y="{y}" width="{width}" height="{bar_height}"/>')
        out.append(
            f'<text class="value" x="{middle}" y="{round(y - 3, 2)}" '
            f'text-anchor="middle">{column.value}</text>'
        )
        label = esc(shorten(column.label, 10))
        if rotated:
            out.append(
                f'<text class="name" x="{middle}" y="{top + plot + 12}" text-anchor="end" '
                f'transform="rotate(-45 {middle} {top + plot + 12})">{label}</text>'
            )
        else:
            out.append(
                f'<text class="name" x="{middle}" y="{top + plot + 15}" '
                f'text-anchor="middle">{label}</text>'
            )
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)
