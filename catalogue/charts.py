"""The catalogue's pictures drawn on the server as accessible SVG: timeline, network, partners.

Like ``progress.charts``: an ``<svg role="img">`` named by its ``<title>`` and described by its
``<desc>``, presentation attributes instead of ``style=`` (the Content-Security-Policy allows no
inline style), all text escaped, and the page shows the same data as a table. The drawings are
narrow (360 units) so that their text stays legible on a 375 px phone, and print in black ink.
"""

import math
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

WIDTH = 360
INK, MUTED, GRID, PAPER = "#1b1f24", "#4f5b66", "#dde2ea", "#ffffff"
# Lane colours: dark enough for white-on-colour and AA contrast on white.
PALETTE = ("#1d4ed8", "#b45309", "#047857", "#7c3aed", "#be123c", "#0e7490", "#4d7c0f")


@dataclass(frozen=True)
class TimelineItem:
    label: str  # "ISS"
    start: int
    end: int | None  # None: still going
    lane: str  # the lead agency (or agencies)


@dataclass(frozen=True)
class Edge:
    a: str  # node keys
    b: str
    missions: tuple[str, ...]  # the shared missions' labels


@dataclass(frozen=True)
class Node:
    key: str
    label: str


def _wrap(text: str, width: int = 12) -> list[str]:
    """A label on at most two lines, split at the space nearest the middle."""
    if len(text) <= width or " " not in text:
        return [text]
    spaces = [i for i, char in enumerate(text) if char == " "]
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return [text[:cut], text[cut + 1 :]]


def _num(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _open(*, height: float, title: str, desc: str, id_prefix: str, css: str) -> list[SafeString]:
    ids = (f"{id_prefix}-title", f"{id_prefix}-desc")
    return [
        format_html(
            '<svg class="{}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img"'
            ' aria-labelledby="{} {}" font-family="system-ui, sans-serif" font-size="14">',
            css,
            WIDTH,
            _num(height),
            *ids,
        ),
        format_html('<title id="{}">{}</title>', ids[0], title),
        format_html('<desc id="{}">{}</desc>', ids[1], desc),
    ]


def _close(parts: list) -> SafeString:
    parts.append(mark_safe("</svg>"))  # noqa: S308 - a constant
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 - each part is escaped


def timeline(
    *, items: list[TimelineItem], now: int, title: str, desc: str, id_prefix: str = "timeline"
) -> SafeString:
    """Missions as bars on a years axis, one row each, grouped in lanes by lead agency."""
    left, right, top = 22, 22, 34
    first = min((item.start for item in items), default=now) // 10 * 10
    last = max(now, *(item.end or now for item in items)) if items else now
    last = -(-(last + 1) // 10) * 10
    plot = WIDTH - left - right

    def x(year: float) -> float:
        return left + plot * (year - first) / max(1, last - first)

    lanes: dict[str, list[TimelineItem]] = {}
    for item in sorted(items, key=lambda i: (i.start, i.label)):
        lanes.setdefault(item.lane, []).append(item)
    lane_height, row_height = 24, 34
    height = top + sum(lane_height + row_height * len(rows) for rows in lanes.values()) + 8
    parts = _open(height=height, title=title, desc=desc, id_prefix=id_prefix, css="timeline")
    # The years axis: a tick and label each decade, repeated as light grid lines.
    parts.append(mark_safe('<g aria-hidden="true">'))  # noqa: S308 - a constant
    for year in range(first, last + 1, 10):
        parts.append(
            format_html(
                '<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="{3}"/>'
                '<text x="{0}" y="20" text-anchor="{4}" fill="{5}">{6}</text>',
                _num(x(year)),
                top - 8,
                _num(height - 8),
                GRID,
                "middle",
                MUTED,
                year,
            )
        )
    parts.append(mark_safe("</g>"))  # noqa: S308 - a constant
    y = top
    for index, (lane, rows) in enumerate(lanes.items()):
        colour = PALETTE[index % len(PALETTE)]
        parts.append(
            format_html(
                '<g class="lane"><text x="{}" y="{}" font-weight="700" fill="{}">{}</text>',
                left,
                _num(y + 17),
                colour,
                lane,
            )
        )
        y += lane_height
        for item in rows:
            x1, x2 = x(item.start), x(item.end if item.end is not None else now)
            x2 = max(x2, x1 + 6)
            years = f"{item.start}–{item.end or ''}" if item.end != item.start else str(item.start)
            anchor_end = x1 > WIDTH * 0.55
            parts.append(
                format_html(
                    '<g class="mission"><title>{}</title>'
                    '<text x="{}" y="{}" text-anchor="{}" fill="{}">{} <tspan fill="{}">{}</tspan>'
                    "</text>"
                    '<rect x="{}" y="{}" width="{}" height="9" rx="4.5" fill="{}"/></g>',
                    f"{item.label} ({years}): {lane}",
                    _num(x2 if anchor_end else x1),
                    _num(y + 14),
                    "end" if anchor_end else "start",
                    INK,
                    item.label,
                    MUTED,
                    years,
                    _num(x1),
                    _num(y + 20),
                    _num(x2 - x1),
                    colour,
                )
            )
            y += row_height
        parts.append(mark_safe("</g>"))  # noqa: S308 - a constant
    return _close(parts)


def network(
    *, nodes: list[Node], edges: list[Edge], title: str, desc: str, id_prefix: str = "network"
) -> SafeString:
    """Agencies on a circle, a line between two for the missions they share, thicker for more.

    Hovering an agency highlights its lines (CSS in site.css), without JavaScript.
    """
    height = 330
    cx, cy, radius = WIDTH / 2, height / 2, 112
    labels = {node.key: node.label for node in nodes}
    where: dict[str, tuple[float, float, float]] = {}
    for index, node in enumerate(nodes):
        angle = -math.pi / 2 + 2 * math.pi * index / max(1, len(nodes))
        where[node.key] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle), angle)
    parts = _open(height=height, title=title, desc=desc, id_prefix=id_prefix, css="network")

    def line(edge: Edge, css: str, colour: str) -> SafeString:
        (x1, y1, _), (x2, y2, _) = where[edge.a], where[edge.b]
        count = len(edge.missions)
        return format_html(
            '<line class="{}" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"'
            ' stroke-linecap="round"><title>{}</title></line>',
            css,
            _num(x1),
            _num(y1),
            _num(x2),
            _num(y2),
            colour,
            _num(1.5 + 2.5 * (count - 1)),
            f"{labels[edge.a]} – {labels[edge.b]}: " + ", ".join(edge.missions),
        )

    known = [edge for edge in edges if edge.a in where and edge.b in where]
    parts.append(format_html_join("", "{}", ((line(e, "edge", "#9aa5b1"),) for e in known)))
    for node in nodes:
        x, y, angle = where[node.key]
        mine = [edge for edge in known if node.key in (edge.a, edge.b)]
        shared = sum(len(edge.missions) for edge in mine)
        above = math.sin(angle) < -0.2
        lines = _wrap(node.label)
        first_y = y - 16 - 16 * (len(lines) - 1) if above else y + 26
        label = format_html_join(
            "",
            '<tspan x="{}" y="{}">{}</tspan>',
            ((_num(x), _num(first_y + 16 * i), text) for i, text in enumerate(lines)),
        )
        parts.append(
            format_html(
                '<g class="node"><title>{}</title>{}'
                '<circle cx="{}" cy="{}" r="9" fill="{}" stroke="{}" stroke-width="2"/>'
                '<text text-anchor="middle" fill="{}" stroke="{}" stroke-width="4"'
                ' paint-order="stroke">{}</text></g>',
                f"{node.label}: {len(mine)} partners, {shared} shared missions",
                format_html_join("", "{}", ((line(e, "halo", PALETTE[0]),) for e in mine)),
                _num(x),
                _num(y),
                PALETTE[0],
                PAPER,
                INK,
                PAPER,
                label,
            )
        )
    return _close(parts)


def partner_diagram(
    *, centre: str, partners: list[tuple[Node, list[str]]], title: str, desc: str
) -> SafeString:
    """A mission in the middle, its partners around it, each with its roles under its name."""
    count = len(partners)
    height = 300 if count > 2 else 200
    cx, cy = WIDTH / 2, height / 2
    rx, ry = 114, (height / 2 - 48)
    parts = _open(height=height, title=title, desc=desc, id_prefix="partners", css="partners")
    spots = []
    for index in range(count):
        angle = -math.pi / 2 + 2 * math.pi * index / count if count > 1 else math.pi
        spots.append((cx + rx * math.cos(angle), cy + ry * math.sin(angle)))
    for x, y in spots:
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#9aa5b1" stroke-width="2"/>',
                _num(cx),
                _num(cy),
                _num(x),
                _num(y),
            )
        )
    pill = max(110, 9 * len(centre) + 24)
    parts.append(
        format_html(
            '<rect x="{}" y="{}" width="{}" height="36" rx="18" fill="{}"/>'
            '<text x="{}" y="{}" text-anchor="middle" dominant-baseline="middle" fill="{}"'
            ' font-weight="700">{}</text>',
            _num(cx - pill / 2),
            _num(cy - 18),
            pill,
            PALETTE[0],
            _num(cx),
            _num(cy),
            PAPER,
            centre,
        )
    )
    for (node, roles), (x, y) in zip(partners, spots, strict=True):
        lines = _wrap(node.label, 13)
        box = 14 + 16 * len(lines) + 14 * len(roles)
        top = y - box / 2
        name = format_html_join(
            "",
            '<tspan x="{}" y="{}">{}</tspan>',
            ((_num(x), _num(top + 18 + 16 * i), text) for i, text in enumerate(lines)),
        )
        role_lines = format_html_join(
            "",
            '<tspan x="{}" y="{}">{}</tspan>',
            (
                (_num(x), _num(top + 18 + 16 * len(lines) + 14 * i), text)
                for i, text in enumerate(roles)
            ),
        )
        parts.append(
            format_html(
                '<g class="partner"><title>{}</title>'
                '<rect x="{}" y="{}" width="124" height="{}" rx="8" fill="{}" stroke="{}"'
                ' stroke-width="2"/>'
                '<text text-anchor="middle" font-weight="700" fill="{}">{}</text>'
                '<text text-anchor="middle" font-size="11" fill="{}">{}</text></g>',
                f"{node.label}: {', '.join(roles)}",
                _num(x - 62),
                _num(top),
                box,
                PAPER,
                PALETTE[0],
                INK,
                name,
                MUTED,
                role_lines,
            )
        )
    return _close(parts)
