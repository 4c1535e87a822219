"""The timeline, the network and a mission's partners: valid SVG, titled, with text equivalents."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from catalogue import charts
from catalogue.models import Agency, Mission, Partnership
from tests.catalogue.factories import AgencyFactory, MissionFactory, PartnershipFactory

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def parse_xml(text: str) -> ET.Element:
    """Parse the app's own markup as XML: well-formed or the test fails."""
    return ET.fromstring(text)  # noqa: S314 - our own output, not untrusted input


def svg_of(html: str, css: str) -> ET.Element:
    start = html.index(f'<svg class="{css}"')
    return parse_xml(html[start : html.index("</svg>", start) + len("</svg>")])


def named(root: ET.Element) -> tuple[str, str]:
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    return title.text, desc.text


def texts(root: ET.Element) -> str:
    return " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))


def test_timeline_is_valid_titled_and_lists_what_the_table_lists(client, catalogue):
    html = client.get("/missions/").content.decode()
    root = svg_of(html, "timeline")
    title, desc = named(root)
    assert title == "Timeline of the missions" and "11 missions" in desc
    drawn = texts(root)
    for mission in Mission.objects.exclude(start_year=None):
        assert mission.label in drawn
        assert f'href="{mission.get_absolute_url()}"' in html  # the table
    for year in ("1970", "1980", "2020"):
        assert year in drawn
    for lane in ("NASA + Soviet space programme", "ESA", "ISECG", "CNES"):
        assert lane in drawn


def test_network_draws_a_line_per_pair_thicker_for_more_missions(client, catalogue):
    html = client.get("/agencies/").content.decode()
    root = svg_of(html, "network")
    title, _ = named(root)
    assert title == "Partnership network"
    edges = [line for line in root.iter(f"{SVG}line") if line.get("class") == "edge"]
    pairs = client.get("/agencies/").context["edges"]
    assert len(edges) == len(pairs)
    widths = {e.find(f"{SVG}title").text.split(":")[0]: float(e.get("stroke-width")) for e in edges}
    assert widths["CSA – NASA"] > widths["CNES – NASA"]
    assert "Soviet space" in texts(root) and "SpaceX" in texts(root)


def test_mission_page_diagram_names_each_partner_and_role(client, catalogue):
    html = client.get(reverse("catalogue:mission", args=["jwst"])).content.decode()
    root = svg_of(html, "partners")
    title, desc = named(root)
    assert title == "Partners of JWST" and "3 partners" in desc
    drawn = texts(root)
    for text in ("NASA", "ESA", "CSA", "Lead", "Launch provider", "Instrument provider"):
        assert text in drawn


def test_text_from_the_admin_is_escaped_in_every_picture(client):
    evil = AgencyFactory(slug="evil", acronym="", name='<script>alert("x")</script>&')
    mission = MissionFactory(slug="m", short_name="</svg><b>M</b>", start_year=2000)
    PartnershipFactory(mission=mission, agency=evil)
    PartnershipFactory(mission=mission, agency=AgencyFactory(slug="good"), role="crew")
    for url, css in (
        ("/missions/", "timeline"),
        ("/agencies/", "network"),
        ("/missions/m/", "partners"),
    ):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html
        root = svg_of(html, css)
        assert "<script>" in texts(root) or "</svg><b>M</b>" in texts(root)


@pytest.mark.parametrize("count", [0, 1, 2, 7])
def test_pictures_of_any_size_are_valid_xml(count):
    nodes = [charts.Node(key=f"a{i}", label=f"Agency with a long name {i}") for i in range(count)]
    edges = [charts.Edge(f"a{i}", f"a{i + 1}", ("M",) * (i + 1)) for i in range(count - 1)]
    parse_xml(str(charts.network(nodes=nodes, edges=edges, title="t", desc="d")))
    items = [charts.TimelineItem(f"M{i}", 1960 + 5 * i, None, f"L{i % 3}") for i in range(count)]
    parse_xml(str(charts.timeline(items=items, now=2026, title="t", desc="d")))
    partners = [(node, ["Lead", "Crew"]) for node in nodes]
    parse_xml(str(charts.partner_diagram(centre="C", partners=partners, title="t", desc="d")))


def test_agency_and_partnership_kinds_used_by_the_pictures_exist():
    assert Partnership.Role.LEAD in Partnership.Role.values
    assert Agency.Kind.COMPANY not in Agency.SPACE_AGENCY_KINDS
