"""The data of each picture, from the selectors' rows: the same data the tables show."""

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from catalogue import charts
from catalogue.models import Agency, Mission
from catalogue.selectors import Partner, leads_of


def lane_of(mission: Mission) -> str:
    """The timeline lane: the lead agency, or the leads joined for a joint mission."""
    leads = leads_of(mission)
    return " + ".join(agency.label for agency in leads) if leads else _("No lead")


def timeline_items(missions: list[Mission]) -> list[charts.TimelineItem]:
    return [
        charts.TimelineItem(label=m.label, start=m.start_year, end=m.end_year, lane=lane_of(m))
        for m in missions
        if m.start_year is not None
    ]


def mission_timeline(missions: list[Mission]) -> SafeString:
    items = timeline_items(missions)
    return charts.timeline(
        items=items,
        now=timezone.now().year,
        title=_("Timeline of the missions"),
        desc=_(
            "%(count)d missions on a years axis, grouped by lead agency; a bar runs from the "
            "year a mission began to the year it ended, or to today. The table below lists "
            "the same missions."
        )
        % {"count": len(items)},
    )


@dataclass(frozen=True)
class SharedMissions:
    """Two agencies and the missions they share: a line of the network, a row of its table."""

    a: Agency
    b: Agency
    missions: list[Mission]

    @property
    def edge(self) -> charts.Edge:
        return charts.Edge(self.a.slug, self.b.slug, tuple(m.label for m in self.missions))


def shared_missions(missions: list[Mission]) -> list[SharedMissions]:
    """Each pair of agencies that share missions, with those missions (most shared first)."""
    pairs: dict[tuple[int, int], SharedMissions] = {}
    for mission in missions:
        agencies = {row.agency.pk: row.agency for row in mission.partnerships.all()}
        ordered = sorted(agencies.values(), key=lambda a: a.label)
        for a, b in combinations(ordered, 2):
            pairs.setdefault((a.pk, b.pk), SharedMissions(a, b, [])).missions.append(mission)
    return sorted(pairs.values(), key=lambda p: (-len(p.missions), p.a.label, p.b.label))


def network_nodes(missions: list[Mission]) -> list[charts.Node]:
    """Every agency with a partnership, most connected first around the circle."""
    count: dict[str, int] = defaultdict(int)
    labels: dict[str, str] = {}
    for mission in missions:
        for row in mission.partnerships.all():
            count[row.agency.slug] += 1
            labels[row.agency.slug] = row.agency.label
    order = sorted(count, key=lambda slug: (-count[slug], labels[slug]))
    return [charts.Node(key=slug, label=labels[slug]) for slug in order]


def partnership_network(missions: list[Mission]) -> tuple[SafeString, list[SharedMissions]]:
    nodes, pairs = network_nodes(missions), shared_missions(missions)
    svg = charts.network(
        nodes=nodes,
        edges=[pair.edge for pair in pairs],
        title=_("Partnership network"),
        desc=_(
            "%(agencies)d agencies and organisations; a line joins two of them for the "
            "missions they share, thicker for more. The table below lists each pair and "
            "its missions."
        )
        % {"agencies": len(nodes)},
    )
    return svg, pairs


def mission_partners(mission: Mission, partners: list[Partner]) -> SafeString:
    return charts.partner_diagram(
        centre=mission.label,
        partners=[
            (
                charts.Node(key=p.agency.slug, label=p.agency.label),
                [str(row.get_role_display()) for row in p.roles],
            )
            for p in partners
        ],
        title=_("Partners of %(mission)s") % {"mission": mission.label},
        desc=_(
            "%(mission)s in the middle and its %(count)d partners around it, each with its "
            "roles. The table below lists the same partners and roles."
        )
        % {"mission": mission.label, "count": len(partners)},
    )
