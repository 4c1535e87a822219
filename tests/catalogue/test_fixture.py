"""The catalogue fixture says what ../shared/content/FACTS.md says, and loads idempotently."""

import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from catalogue.models import Agency, Mission, Partnership
from catalogue.services import catalogue_load

pytestmark = pytest.mark.django_db
FIXTURE = Path("fixtures/catalogue.json")


def partners(slug: str) -> set[str]:
    return set(
        Partnership.objects.filter(mission__slug=slug).values_list("agency__slug", flat=True)
    )


def test_the_iss_has_five_partner_agencies(catalogue):
    assert partners("iss") == {"nasa", "roscosmos", "esa", "jaxa", "csa"}
    assert all(Agency.objects.get(slug=slug).is_space_agency for slug in partners("iss"))


def test_voyager_was_nasa_only(catalogue):
    assert partners("voyager") == {"nasa"}


def test_spacex_is_a_company_not_an_agency(catalogue):
    spacex = Agency.objects.get(slug="spacex")
    assert spacex.kind == Agency.Kind.COMPANY
    assert not spacex.is_space_agency
    assert spacex.founded == 2002


def test_coordination_bodies_are_not_space_agencies(catalogue):
    for slug in ("itu", "isecg"):
        assert not Agency.objects.get(slug=slug).is_space_agency


@pytest.mark.parametrize(
    ("slug", "agencies"),
    [
        ("apollo-soyuz", {"nasa", "soviet-space-programme"}),
        ("rosetta", {"esa", "nasa"}),
        ("jwst", {"nasa", "esa", "csa"}),
        ("commercial-crew", {"nasa", "spacex"}),
        ("space-rider", {"esa"}),
    ],
)
def test_partners_match_the_fact_sheet(catalogue, slug, agencies):
    assert partners(slug) == agencies


def test_leads_match_the_fact_sheet(catalogue):
    leads = dict(
        Partnership.objects.filter(role="lead")
        .exclude(mission__slug="apollo-soyuz")
        .values_list("mission__slug", "agency__slug")
    )
    assert leads["rosetta"] == "esa"
    assert leads["voyager"] == "nasa"
    assert leads["artemis"] == "nasa"
    assert leads["global-exploration-roadmap"] == "isecg"
    assert leads["space-climate-observatory"] == "cnes"


@pytest.mark.parametrize(
    ("slug", "start", "end"),
    [
        ("apollo-soyuz", 1975, 1975),
        ("voyager", 1977, None),
        ("iss", 1998, None),
        ("rosetta", 2004, 2016),
        ("jwst", 2021, None),
        ("artemis", 2022, None),
        ("commercial-crew", 2020, None),
        ("global-exploration-roadmap", 2011, None),
        ("space-climate-observatory", 2019, None),
        ("space-rider", None, None),
    ],
)
def test_years_match_the_fact_sheet(catalogue, slug, start, end):
    mission = Mission.objects.get(slug=slug)
    assert (mission.start_year, mission.end_year) == (start, end)


@pytest.mark.parametrize(
    ("slug", "founded"),
    [("nasa", 1958), ("esa", 1975), ("jaxa", 2003), ("csa", 1989), ("itu", 1865)],
)
def test_founding_years_match_the_fact_sheet(catalogue, slug, founded):
    assert Agency.objects.get(slug=slug).founded == founded


def test_historical_names_are_right_for_their_time(catalogue):
    """NASDA until 2003, then JAXA; the Soviet programme until 1991, then Russia's agency."""
    nasda, soviet = (
        Agency.objects.get(slug="nasda"),
        Agency.objects.get(slug="soviet-space-programme"),
    )
    assert (nasda.ended, nasda.successor.slug) == (2003, "jaxa")
    assert (soviet.ended, soviet.successor.slug) == (1991, "roscosmos")
    assert "roscosmos" not in partners("apollo-soyuz")
    # A partner that did not exist yet when the mission began says under which name it took part.
    for row in Partnership.objects.select_related("agency", "mission"):
        agency, mission = row.agency, row.mission
        if agency.founded and mission.start_year and agency.founded > mission.start_year:
            predecessors = [p.acronym or p.name for p in agency.predecessors.all()]
            assert any(f"as {name}" in row.contribution for name in predecessors), row
        if agency.ended and mission.start_year:
            assert mission.start_year <= agency.ended, row


def test_every_agency_and_mission_the_article_names_is_there(catalogue, article_text):
    for name in ["NASA", "Roscosmos", "ESA", "JAXA", "CSA", "ITU", "CNES", "SpaceX", "ISECG"]:
        assert Agency.objects.filter(acronym=name).exists() or Agency.objects.filter(name=name)
    names = {name for mission in Mission.objects.all() for name in mission.names}
    for name in [
        "Apollo-Soyuz Test Project",
        "International Space Station",
        "Rosetta",
        "Voyager",
        "Curiosity",
        "Perseverance",
        "James Webb Space Telescope",
        "Artemis",
        "Commercial Crew Program",
        "Space Rider",
        "Global Exploration Roadmap",
        "Space Climate Observatory",
    ]:
        assert name in article_text
        assert name in names


def test_every_mission_and_agency_tag_of_the_question_bank_is_there(catalogue):
    bank = json.loads(Path("fixtures/questions.json").read_text(encoding="utf-8"))
    tags = set(bank["tags"])
    mission_tags = {m.question_tag or f"mission:{m.slug}" for m in Mission.objects.all()}
    agency_tags = {a.tag_slug for a in Agency.objects.all()}
    assert {t for t in tags if t.startswith("mission:")} <= mission_tags
    assert {t for t in tags if t.startswith("agency:")} <= agency_tags


def test_organisations_the_question_bank_names_are_there(catalogue):
    text = Path("fixtures/questions.json").read_text(encoding="utf-8")
    known = {name for agency in Agency.objects.all() for name in agency.names}
    for acronym in ("NASDA", "ISAS", "NAL", "JPL", "UN", "Soviet space programme"):
        assert re.search(rf"\b{acronym}\b", text)
        assert acronym in known


def test_loading_twice_changes_nothing(catalogue):
    before = list(Partnership.objects.order_by("pk").values())
    result = catalogue_load(data=json.loads(FIXTURE.read_text(encoding="utf-8")))
    assert (result.created, result.updated) == (0, 0)
    assert list(Partnership.objects.order_by("pk").values()) == before


def test_an_edited_file_updates_in_place(catalogue):
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    voyager = next(m for m in data["missions"] if m["slug"] == "voyager")
    voyager["partners"].append({"agency": "esa", "role": "partner"})
    result = catalogue_load(data=data)
    assert (result.created, result.updated) == (0, 1)
    assert partners("voyager") == {"nasa", "esa"}
    voyager["partners"].pop()
    catalogue_load(data=data)
    assert partners("voyager") == {"nasa"}


def test_an_unknown_agency_is_refused_and_nothing_is_written(db, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(
            {
                "agencies": [],
                "missions": [
                    {
                        "slug": "x",
                        "name": "X",
                        "status": "active",
                        "summary": "",
                        "partners": [{"agency": "nope", "role": "lead"}],
                    }
                ],
            }
        )
    )
    with pytest.raises(CommandError, match="nope"):
        call_command("load_catalogue", str(path), stdout=io.StringIO())
    assert not Mission.objects.exists()
