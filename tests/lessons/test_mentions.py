"""Linking the first mention of a mission or agency in a paragraph: pure and HTML-safe."""

import html
import re
import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from lessons.mentions import Term, find_mentions, link_first_mentions, mentioned_terms
from lessons.selectors import paragraph_html

ESA = Term("agency:esa", "ESA", "/agencies/esa/", ("ESA", "European Space Agency"), "agency")
CSA = Term("agency:csa", "CSA", "/agencies/csa/", ("CSA", "Canadian Space Agency"), "agency")
CURIOSITY = Term("mission:curiosity", "Curiosity", "/missions/curiosity/", ("Curiosity",))
ISS = Term("mission:iss", "ISS", "/missions/iss/", ("International Space Station", "ISS"))
TERMS = (ESA, CSA, CURIOSITY, ISS)


def parse_xml(text: str) -> ET.Element:
    """Parse the app's own markup as XML: well-formed or the test fails."""
    return ET.fromstring(text)  # noqa: S314 - our own output, not untrusted input


def text_of(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", markup))


def links(markup: str) -> list[tuple[str, str]]:
    return re.findall(r'<a class="mention" href="([^"]*)">(.*?)</a>', markup)


def test_the_first_mention_of_each_term_is_linked_once():
    markup = link_first_mentions("ESA and CSA; then ESA again and the ISS.", TERMS)
    assert links(markup) == [
        ("/agencies/esa/", "ESA"),
        ("/agencies/csa/", "CSA"),
        ("/missions/iss/", "ISS"),
    ]


def test_the_longest_name_wins_and_counts_as_the_mention():
    markup = link_first_mentions("The European Space Agency (ESA) flew.", TERMS)
    assert links(markup) == [("/agencies/esa/", "European Space Agency")]


def test_matching_is_case_sensitive_and_on_whole_words():
    markup = link_first_mentions("scientific curiosity, csa, ESAS, NESA, ESA-led", TERMS)
    assert links(markup) == [("/agencies/esa/", "ESA")]
    assert "curiosity" in markup and "ESAS" in markup


def test_never_inside_another_link():
    markup = link_first_mentions('See <a href="/x">the ESA page</a> about ESA.', TERMS)
    linked = '<a class="mention" href="/agencies/esa/">ESA</a>'
    assert markup == f'See <a href="/x">the ESA page</a> about {linked}.'


def test_inside_a_fact_check_mark_the_markup_stays_nested():
    markup = str(
        paragraph_html("NASA, ESA, Roscosmos, and SpaceX.", quotes=["ESA, Roscosmos"], terms=TERMS)
    )
    parse_xml(f"<p>{markup}</p>")
    linked = '<a class="mention" href="/agencies/esa/">ESA</a>'
    assert f'<mark class="fact-checked">{linked}, Roscosmos</mark>' in markup


def test_text_is_escaped_and_names_with_apostrophes_match():
    cnes = Term("agency:cnes", "CNES", "/agencies/cnes/", ("Centre national d'études spatiales",))
    markup = str(
        paragraph_html("<b>Centre national d'études spatiales</b> & co", quotes=[], terms=(cnes,))
    )
    assert "<b>" not in markup and "&amp; co" in markup
    assert links(markup) == [("/agencies/cnes/", "Centre national d&#x27;études spatiales")]
    assert text_of(markup) == "<b>Centre national d'études spatiales</b> & co"


def test_no_terms_no_change():
    assert link_first_mentions("ESA", ()) == "ESA"


def test_mentions_in_plain_text_and_mentioned_terms_in_order():
    assert [m.term for m in find_mentions("ISS, ESA, ISS", TERMS)] == [ISS, ESA, ISS]
    assert mentioned_terms(["CSA here", "then ESA and CSA"], TERMS) == [CSA, ESA]


words = st.sampled_from(
    [
        "ESA",
        "CSA",
        "ISS",
        "Curiosity",
        "curiosity",
        "the",
        "<a>",
        "&",
        "'",
        "European Space Agency",
        "International",
        "Space",
        "Station",
        "-",
        "(",
        ")",
        ".",
        "ESA's",
        "é",
    ]
)


@given(st.lists(words, max_size=40), st.lists(st.sampled_from(["ESA", "ISS", "the"]), max_size=2))
def test_linking_never_changes_the_words_and_keeps_the_html_well_formed(parts, quotes):
    text = " ".join(parts)
    markup = str(paragraph_html(text, quotes=quotes, terms=TERMS))
    assert text_of(markup) == text
    root = parse_xml(f"<p>{markup}</p>")
    assert all(a.find(".//a") is None for a in root.iter("a"))
    hrefs = [a.get("href") for a in root.iter("a")]
    assert len(hrefs) == len(set(hrefs))
