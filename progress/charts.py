"""Charts drawn on the server as accessible SVG: no JavaScript, no inline styles, printable.

Every chart is an ``<svg role="img">`` named by its ``<title>`` and described by its ``<desc>``;
the page lists the same numbers as text below it. Colours and sizes are SVG presentation
attributes (``fill=``, ``stroke=``), which the site's Content-Security-Policy allows, unlike
``style=`` attributes. All text is escaped.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

# Narrow enough that its text stays legible when the chart shrinks to a phone's width.
WIDTH, HEIGHT = 480, 240
LEFT, RIGHT, TOP, BOTTOM = 50, 12, 20, 40  # margins around the plot area
INK, MUTED, GRID, LINE, PASS = "#1b1f24", "#4f5b66", "#dde2ea", "#1d4ed8", "#1a7f3c"
# One colour and dash pattern per quiz, so lines stay apart without colour vision; every colour
# has at least 4.5:1 contrast on white. A seventh quiz starts the cycle again.
SERIES_STYLES: tuple[tuple[str, str], ...] = (
    (LINE, ""),
    ("#b45309", "7 4"),
    ("#7e22ce", "2 4"),
    ("#0f766e", "10 4 2 4"),
    ("#be123c", "4 4"),
    ("#374151", "12 4"),
)


@dataclass(frozen=True)
class ScorePoint:
    """One submitted attempt: what it was, when, and its score in percent (0..100).

    ``series`` names the line the point belongs to (its quiz): the chart joins only points of
    the same series, so a lesson quiz's scores are never joined to the exam's.
    """

    label: str  # a short name for the point's tooltip, e.g. "Introduction quiz, 3 Mar: 80%"
    percent: int
    series: str = ""


def series_names(points: Sequence[ScorePoint]) -> list[str]:
    """The series in the order their first point appears."""
    return list(dict.fromkeys(point.series for point in points))


def series_style(index: int) -> tuple[str, str]:
    """The (colour, dash pattern) of the index-th series."""
    return SERIES_STYLES[index % len(SERIES_STYLES)]


def _x(index: int, count: int) -> float:
    plot = WIDTH - LEFT - RIGHT
    if count == 1:
        return LEFT + plot / 2
    return LEFT + plot * index / (count - 1)


def _y(percent: float) -> float:
    plot = HEIGHT - TOP - BOTTOM
    return TOP + plot * (1 - max(0.0, min(100.0, percent)) / 100)


def _num(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def score_chart(
    *,
    points: Sequence[ScorePoint],
    title: str,
    description: str,
    first_label: str = "",
    last_label: str = "",
    pass_mark: int | None = None,
    pass_label: str = "",
    id_prefix: str = "score-chart",
) -> SafeString:
    """A line chart of scores (0–100 %), as an accessible SVG element.

    Points are placed left to right in the order given (oldest first); each series gets its own
    line, colour and dash pattern, joining only its own points.
    """
    count = len(points)
    ids = {"title": f"{id_prefix}-title", "desc": f"{id_prefix}-desc"}
    parts = [
        format_html(
            '<svg class="score-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}"'
            ' role="img" aria-labelledby="{} {}" font-family="system-ui, sans-serif"'
            ' font-size="15">',
            WIDTH,
            HEIGHT,
            ids["title"],
            ids["desc"],
        ),
        format_html('<title id="{}">{}</title>', ids["title"], title),
        format_html('<desc id="{}">{}</desc>', ids["desc"], description),
    ]
    # Grid and axis labels every 25 %.
    parts.append(mark_safe('<g aria-hidden="true">'))  # noqa: S308 - a constant
    for percent in (0, 25, 50, 75, 100):
        y = _num(_y(percent))
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>'
                '<text x="{}" y="{}" text-anchor="end" dominant-baseline="middle" fill="{}">'
                "{}%</text>",
                LEFT,
                y,
                WIDTH - RIGHT,
                y,
                INK if percent == 0 else GRID,
                LEFT - 8,
                y,
                MUTED,
                percent,
            )
        )
    if pass_mark is not None:
        y = _y(pass_mark)
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1.5"'
                ' stroke-dasharray="6 4"/>'
                # A white outline keeps the label readable where it crosses the line.
                '<text x="{}" y="{}" text-anchor="end" fill="{}" font-size="13" stroke="#fff"'
                ' stroke-width="4" paint-order="stroke">{}</text>',
                LEFT,
                _num(y),
                WIDTH - RIGHT,
                _num(y),
                PASS,
                WIDTH - RIGHT,
                _num(y - 6),
                PASS,
                pass_label,
            )
        )
    baseline = _num(HEIGHT - BOTTOM + 24)
    if first_label:
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="start" fill="{}">{}</text>',
                LEFT,
                baseline,
                MUTED,
                first_label,
            )
        )
    if last_label and count > 1:
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" fill="{}">{}</text>',
                WIDTH - RIGHT,
                baseline,
                MUTED,
                last_label,
            )
        )
    parts.append(mark_safe("</g>"))  # noqa: S308 - a constant
    coordinates = [(_num(_x(i, count)), _num(_y(p.percent))) for i, p in enumerate(points)]
    for index, name in enumerate(series_names(points)):
        colour, dash = series_style(index)
        mine = [
            (xy, point)
            for xy, point in zip(coordinates, points, strict=True)
            if point.series == name
        ]
        parts.append(format_html('<g class="score-series" data-series="{}">', index))
        if len(mine) > 1:
            parts.append(
                format_html(
                    '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"{}'
                    ' stroke-linejoin="round" stroke-linecap="round"/>',
                    " ".join(f"{x},{y}" for (x, y), _point in mine),
                    colour,
                    format_html(' stroke-dasharray="{}"', dash) if dash else "",
                )
            )
        # Each point carries its own <title>: a tooltip on hover, without JavaScript.
        parts.append(
            format_html_join(
                "",
                '<circle cx="{}" cy="{}" r="4.5" fill="#fff" stroke="{}" stroke-width="2.5">'
                "<title>{}</title></circle>",
                ((x, y, colour, point.label) for (x, y), point in mine),
            )
        )
        parts.append(mark_safe("</g>"))  # noqa: S308 - a constant
    parts.append(mark_safe("</svg>"))  # noqa: S308 - a constant
    return mark_safe("".join(conditional_escape(part) for part in parts))  # noqa: S308


def legend(*, names: Sequence[str]) -> SafeString:
    """The key to a chart's series: each name beside a sample of its line (names escaped)."""
    items = []
    for index, name in enumerate(names):
        colour, dash = series_style(index)
        items.append(
            format_html(
                '<li><svg class="legend-line" viewBox="0 0 28 8" aria-hidden="true"'
                ' focusable="false"><line x1="1" y1="4" x2="27" y2="4" stroke="{}"'
                ' stroke-width="2.5"{}/><circle cx="14" cy="4" r="3" fill="#fff" stroke="{}"'
                ' stroke-width="2"/></svg> {}</li>',
                colour,
                format_html(' stroke-dasharray="{}"', dash) if dash else "",
                colour,
                name,
            )
        )
    return format_html(
        '<ul class="chart-legend list-unstyled">{}</ul>',
        mark_safe("".join(items)),  # noqa: S308 - each item is built by format_html
    )


def bar(*, percent: int) -> SafeString:
    """A small horizontal bar for a percentage, hidden from assistive technology (text says it)."""
    width = max(0, min(100, int(percent)))
    return format_html(
        '<svg class="bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true"'
        ' focusable="false"><rect width="100" height="8" rx="4" fill="{}"/>'
        '<rect width="{}" height="8" rx="4" fill="{}"/></svg>',
        "#e6e9ef",
        width,
        PASS,
    )
