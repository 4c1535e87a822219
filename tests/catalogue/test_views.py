"""The /missions/ and /agencies/ pages: lists, filters, a page per mission and agency."""

import re

import pytest
from django.urls import reverse

from quizzes.models import Choice, Question
from tests.catalogue.factories import grow_catalogue

pytestmark = pytest.mark.django_db


def test_mission_list_shows_every_mission_with_its_lead(client, catalogue):
    response = client.get("/missions/")
    assert response.status_code == 200
    html = response.content.decode()
    for slug in ("apollo-soyuz", "iss", "voyager", "rosetta", "jwst", "artemis", "space-rider"):
        assert f'href="/missions/{slug}/"' in html
    assert '<svg class="timeline"' in html


def test_missions_filter_by_agency_and_decade(client, catalogue):
    response = client.get("/missions/", {"agency": "esa", "decade": "2000"})
    assert [m.slug for m in response.context["page"].missions] == ["rosetta"]
    response = client.get("/missions/", {"decade": "1970"})
    assert [m.slug for m in response.context["page"].missions] == ["apollo-soyuz", "voyager"]
    response = client.get("/missions/", {"agency": "spacex"})
    assert [m.slug for m in response.context["page"].missions] == ["commercial-crew"]


@pytest.mark.parametrize(
    "query",
    [{"decade": "abc"}, {"decade": "1975"}, {"decade": "9" * 40}, {"agency": "<script>"}],
)
def test_a_bad_filter_gets_a_400_with_a_message(client, catalogue, query):
    response = client.get("/missions/", query)
    assert response.status_code == 400
    assert b"cannot be used" in response.content


def test_an_unknown_agency_filter_or_page_is_a_404(client, catalogue):
    assert client.get("/missions/", {"agency": "nope"}).status_code == 404
    assert client.get("/missions/nope/").status_code == 404
    assert client.get("/agencies/nope/").status_code == 404


def test_agencies_filter_by_kind_and_decade(client, catalogue):
    response = client.get("/agencies/", {"kind": "company"})
    assert [a.slug for a in response.context["page"].agencies] == ["spacex"]
    response = client.get("/agencies/", {"decade": "1950"})
    assert [a.slug for a in response.context["page"].agencies] == ["nasa"]
    assert client.get("/agencies/", {"kind": "planet"}).status_code == 400


@pytest.mark.parametrize(
    ("url", "label", "any_decade", "other_filter"),
    [
        ("/missions/", "Decade", "All decades", {"agency": "nasa"}),
        ("/agencies/", "Founded in", "Any decade", {"kind": "company"}),
    ],
)
def test_both_lists_share_one_decade_filter(
    client, catalogue, url, label, any_decade, other_filter
):
    """One include draws the decade select, "Show" and "Show all": each list keeps its words."""
    response = client.get(url)
    assert "catalogue/includes/decade_filter.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert f'<label class="form-label" for="id_decade">{label}</label>' in html
    assert f'<option value="">{any_decade}</option>' in html
    assert '<option value="1970">1970s</option>' in html
    assert "Show all" not in html
    html = client.get(url, {"decade": "1970"}).content.decode()
    assert '<option value="1970" selected>1970s</option>' in html
    assert f'<a class="btn btn-link" href="{url}">Show all</a>' in html
    assert "Show all" in client.get(url, other_filter).content.decode()


def test_agency_list_draws_the_network_and_lists_each_pair(client, catalogue):
    html = client.get("/agencies/").content.decode()
    assert '<svg class="network"' in html
    pairs = client.get("/agencies/").context["edges"]
    nasa_esa = next(p for p in pairs if {p.a.slug, p.b.slug} == {"nasa", "esa"})
    assert {m.slug for m in nasa_esa.missions} == {
        "iss",
        "rosetta",
        "jwst",
        "artemis",
        "global-exploration-roadmap",
    }
    assert [len(p.missions) for p in pairs] == sorted(
        (len(p.missions) for p in pairs), reverse=True
    )


def test_mission_page_shows_partners_roles_lessons_and_questions(client, bank, catalogue):
    response = client.get(reverse("catalogue:mission", args=["iss"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<svg class="partners"' in html
    for text in ("Module provider", "Robotics provider", "as NASDA until 2003", "Columbus"):
        assert text in html
    assert 'href="/lessons/historical-context/#p2"' in html
    assert 'href="/lessons/economic-considerations/#p2"' in html
    questions = Question.objects.filter(tags__slug="mission:iss", is_active=True, exam_only=False)
    assert questions.exists()
    assert len(response.context["page"].mentions.questions) == questions.count()
    practice = {item.practice.slug for item in response.context["page"].mentions.questions}
    assert all(f'href="/quizzes/{slug}/"' in html for slug in practice)


def test_question_links_never_carry_answers(client, bank, catalogue):
    html = client.get(reverse("catalogue:mission", args=["iss"])).content.decode()
    for question in Question.objects.filter(tags__slug="mission:iss"):
        assert question.general_feedback not in html
        for choice in Choice.objects.filter(question=question).exclude(feedback=""):
            assert choice.feedback not in html
    assert "fraction" not in html


def test_exam_only_and_disabled_questions_are_not_listed(client, bank, catalogue):
    question = Question.objects.filter(tags__slug="mission:voyager").first()
    question.exam_only = True
    question.save()
    other = Question.objects.filter(tags__slug="mission:voyager").exclude(pk=question.pk).first()
    other.is_active = False
    other.save()
    page = client.get(reverse("catalogue:mission", args=["voyager"])).context["page"]
    listed = {item.question.pk for item in page.mentions.questions}
    assert question.pk not in listed and other.pk not in listed


def test_agency_page_shows_missions_history_and_mentions(client, bank, catalogue):
    html = client.get(reverse("catalogue:agency", args=["jaxa"])).content.decode()
    assert 'href="/missions/iss/"' in html and 'href="/missions/artemis/"' in html
    assert 'href="/agencies/nasda/"' in html  # an earlier name
    nasda = client.get(reverse("catalogue:agency", args=["nasda"])).content.decode()
    assert "2003" in nasda and 'href="/agencies/jaxa/"' in nasda
    spacex = client.get(reverse("catalogue:agency", args=["spacex"])).content.decode()
    assert "not a space agency" in spacex
    assert re.search(r'href="/lessons/technological-innovation/#p2"', spacex)


def test_the_navbar_links_the_missions(client, catalogue):
    html = client.get("/").content.decode()
    assert 'href="/missions/"' in html


@pytest.mark.parametrize("size", [0, 12])
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/missions/", 3),
        ("/agencies/", 3),
        ("/missions/iss/", 5),
        ("/agencies/nasa/", 6),
    ],
)
def test_pages_run_a_fixed_number_of_queries(
    client, bank, catalogue, django_assert_num_queries, size, url, queries
):
    grow_catalogue(size)
    client.get(url)  # the terms are cached once per catalogue version
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
