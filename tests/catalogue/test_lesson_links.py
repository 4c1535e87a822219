"""Lessons link missions and agencies and show "In this lesson" chips, through the hook."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from catalogue.models import Mission
from lessons.models import Lesson

pytestmark = pytest.mark.django_db


def parse_xml(text: str) -> ET.Element:
    """Parse the app's own markup as XML: well-formed or the test fails."""
    return ET.fromstring(text)  # noqa: S314 - our own output, not untrusted input


def body(response) -> str:
    html = response.content.decode()
    return html[html.index('<p id="p1"') : html.index('id="finish-heading"')]


def paragraphs(response) -> list[str]:
    return re.findall(r'<p id="p\d+" class="paragraph-anchor">(.*?)</p>', response.content.decode())


def test_every_lesson_links_mentions_without_changing_the_article(client, course, catalogue):
    for lesson in Lesson.objects.all():
        response = client.get(lesson.get_absolute_url())
        rendered = paragraphs(response)
        assert len(rendered) == len(lesson.paragraphs)
        for markup, text in zip(rendered, lesson.paragraphs, strict=True):
            root = parse_xml(f"<p>{markup}</p>")
            assert "".join(root.itertext()) == text
            assert all(a.find(".//a") is None for a in root.iter("a"))
            hrefs = [a.get("href") for a in root.iter("a")]
            assert len(hrefs) == len(set(hrefs)), "one link per thing per paragraph"


def test_the_iss_paragraph_links_each_partner_once(client, course, catalogue):
    response = client.get(reverse("lessons:detail", args=["historical-context"]))
    second = paragraphs(response)[1]
    for slug in ("nasa", "roscosmos", "esa", "jaxa", "csa"):
        assert second.count(f'href="/agencies/{slug}/"') == 1
    assert second.count('href="/missions/iss/"') == 1
    assert (
        '<a class="mention" href="/missions/iss/">International Space Station</a> (ISS)' in second
    )


def test_lowercase_words_are_not_linked(client, course, catalogue):
    response = client.get(reverse("lessons:detail", args=["historical-context"]))
    assert "scientific curiosity" in paragraphs(response)[0]
    assert 'href="/missions/curiosity/">curiosity' not in body(response)


def test_chips_list_the_lesson_missions_and_agencies(client, course, catalogue):
    response = client.get(reverse("lessons:detail", args=["historical-context"]))
    html = response.content.decode()
    chips = html[
        html.index('id="in-this-lesson"') : html.index("</nav>", html.index('id="in-this-lesson"'))
    ]
    assert re.findall(r'href="(/missions/[^"]+)"', chips) == [
        "/missions/apollo-soyuz/",
        "/missions/iss/",
    ]
    assert "/agencies/jaxa/" in chips and "/agencies/spacex/" not in chips


def test_without_a_catalogue_the_lesson_has_no_links_or_chips(client, course):
    response = client.get(reverse("lessons:detail", args=["historical-context"]))
    assert 'class="mention"' not in response.content.decode()
    assert b"In this lesson" not in response.content


def test_an_edited_catalogue_reaches_the_cached_lesson_body(client, course, catalogue):
    url = reverse("lessons:detail", args=["historical-context"])
    assert 'href="/missions/apollo-soyuz/"' in body(client.get(url))
    mission = Mission.objects.get(slug="apollo-soyuz")
    mission.slug = "astp"
    mission.save()
    html = body(client.get(url))
    assert 'href="/missions/astp/"' in html and "/missions/apollo-soyuz/" not in html


def test_an_edited_lesson_drops_its_cached_body(client, course, catalogue):
    url = reverse("lessons:detail", args=["historical-context"])
    client.get(url)
    lesson = Lesson.objects.get(slug="historical-context")
    lesson.paragraphs = ["Only CSA here.", *lesson.paragraphs[1:]]
    lesson.save()
    assert (
        paragraphs(client.get(url))[0]
        == 'Only <a class="mention" href="/agencies/csa/">CSA</a> here.'
    )


@pytest.mark.parametrize("size", [0, 30])
def test_links_and_chips_cost_no_query_once_the_terms_are_cached(
    client, course, catalogue, django_assert_num_queries, size
):
    from tests.catalogue.factories import grow_catalogue

    grow_catalogue(size)
    url = reverse("lessons:detail", args=["historical-context"])
    client.get(url)
    # lessons with their course, fact checks, the lesson's quiz: as without a catalogue
    with django_assert_num_queries(3):
        assert client.get(url).status_code == 200


def test_building_the_terms_is_one_query(course, catalogue, django_assert_num_queries):
    from catalogue.terms import catalogue_terms, forget_terms

    forget_terms()
    with django_assert_num_queries(1):
        terms = catalogue_terms()
    assert {"mission:iss", "agency:nasa", "agency:spacex"} <= {t.key for t in terms}
    with django_assert_num_queries(0):
        assert catalogue_terms() == terms
