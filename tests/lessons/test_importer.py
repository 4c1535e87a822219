"""The article parser: the real scraped file and the ways such files vary."""

import pytest

from lessons.importer import ArticleError, parse_article

TITLE = (
    "Exploring the cosmos together: the significance of international partnerships "
    "among space agencies"
)
EXPECTED = [
    ("introduction", "Introduction", "", 2),
    (
        "historical-context",
        "Historical Context",
        "Evolution of International Space Collaborations",
        3,
    ),
    (
        "scientific-benefits",
        "Scientific Benefits",
        "Advancements in Astrophysics and Planetary Exploration",
        3,
    ),
    (
        "technological-innovation",
        "Technological Innovation",
        "Shared Expertise in Spacecraft Development and Engineering",
        3,
    ),
    (
        "diplomatic-implications",
        "Diplomatic Implications",
        "Strengthening Global Relationships through Space Cooperation",
        3,
    ),
    (
        "economic-considerations",
        "Economic Considerations",
        "Cost-sharing and Resource Optimization Among Participating Nations",
        3,
    ),
    (
        "future-prospects",
        "Future Prospects",
        "Collaborative Missions and Long-Term Goals for Space Exploration",
        4,
    ),
    ("conclusion", "Conclusion", "", 2),
]


def summary(article):
    return [(s.slug, s.title, s.subtitle, len(s.paragraphs)) for s in article.sections]


def test_real_article_has_eight_sections_with_the_right_titles(article_text):
    article = parse_article(article_text)
    assert article.title == TITLE
    assert summary(article) == EXPECTED


def test_real_article_has_23_paragraphs(article_text):
    article = parse_article(article_text)
    assert sum(len(section.paragraphs) for section in article.sections) == 23


def test_banners_and_page_chrome_never_reach_a_lesson(article_text):
    paragraphs = [p for s in parse_article(article_text).sections for p in s.paragraphs]
    assert article_text.count(TITLE) == 6
    assert all(TITLE not in paragraph for paragraph in paragraphs)
    assert all("Post a Comment" not in paragraph for paragraph in paragraphs)


def test_banner_inside_a_section_does_not_split_it(article_text):
    # The banner between the ISS paragraph's neighbours sits in the middle of this section.
    historical = parse_article(article_text).sections[1]
    assert historical.paragraphs[0].startswith("The exploration of space has historically")
    assert historical.paragraphs[1].startswith("In the following decades, the International")
    assert historical.paragraphs[2].startswith("Moreover, the evolution")


def test_paragraphs_keep_their_order(article_text):
    sections = parse_article(article_text).sections
    assert sections[0].paragraphs[0].startswith("In this article, we embark")
    assert sections[-1].paragraphs[0].startswith("In conclusion, international partnerships")
    assert sections[-1].paragraphs[1].startswith("I hope that the significance")


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(lambda t: t.replace("\n", "\r\n"), id="crlf"),
        pytest.param(lambda t: "\ufeff" + t, id="bom"),
        pytest.param(lambda t: "\ufeff" + t.replace("\n", "\r\n"), id="bom-and-crlf"),
        pytest.param(lambda t: t.replace("\n", "   \n"), id="trailing-spaces"),
        pytest.param(lambda t: t.replace("\n\n", "\n\n\n\n"), id="extra-blank-lines"),
        pytest.param(
            lambda t: t.replace("\n", " \t\n").replace("\n\n", "\n \n"),
            id="blank-lines-with-spaces",
        ),
        pytest.param(lambda t: "\n\n" + t + "\n\n\n", id="leading-and-trailing-blank-lines"),
        pytest.param(lambda t: t.replace("\n", "\r"), id="old-mac-cr"),
    ],
)
def test_line_ending_and_whitespace_variants_parse_the_same(article_text, variant):
    assert summary(parse_article(variant(article_text))) == EXPECTED
    assert parse_article(variant(article_text)).sections == parse_article(article_text).sections


def test_a_paragraph_wrapped_over_several_lines_is_one_paragraph():
    text = (
        "My title\n\nIntro line one\nintro line two.\n\n"
        "Part One: The Beginning\n\nFirst para\nwrapped here.\n"
    )
    article = parse_article(text)
    assert article.sections[0].paragraphs == ["Intro line one intro line two."]
    assert article.sections[1].paragraphs == ["First para wrapped here."]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("\ufeff\r\n  \r\n", id="only-bom-and-blank-lines"),
        pytest.param("Just a title\n\nOne paragraph of text.\n\nAnother one.\n", id="no-headings"),
        pytest.param("Just a title\n\nJust a title\n\nPost a Comment\n", id="banners-only"),
    ],
)
def test_a_file_with_no_sections_is_refused(text):
    with pytest.raises(ArticleError):
        parse_article(text)


def test_two_sections_with_the_same_short_title_are_refused():
    text = "T\n\nIntro.\n\nPart: one\n\nText.\n\nPart: two\n\nMore text.\n"
    with pytest.raises(ArticleError, match="same short title"):
        parse_article(text)
