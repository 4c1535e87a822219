"""Mission and agency pages in a real browser: no serious accessibility problem, no sideways
scroll on a phone, and the pictures are drawn without JavaScript."""

import pytest

from tests.browser import WIDTHS, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/missions/", "/agencies/", "/missions/iss/", "/agencies/nasa/"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, WIDTHS["desktop"]])
@pytest.mark.parametrize("path", PAGES)
def test_catalogue_pages_are_accessible_and_fit_the_screen(visit, catalogue, path, width, scheme):
    page = visit(path, width=width, scheme=scheme)
    assert serious_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("path", ["/missions/", "/agencies/"])
def test_list_tables_show_every_cell_on_a_phone(visit, catalogue, path):
    """The tables' rows stack on a phone: no cell is cut off at the screen's edge (a table
    scrolled inside its box used to hide the last columns)."""
    page = visit(path, width=375)
    cut = page.evaluate(
        """() => [...document.querySelectorAll('.stack-table td, .stack-table th')]
             .filter(cell => cell.getBoundingClientRect().right > window.innerWidth + 0.5)
             .map(cell => cell.textContent.trim())"""
    )
    assert cut == []
    label = page.locator(".stack-table td[data-label]").first.evaluate(
        "cell => getComputedStyle(cell, '::before').content"
    )
    assert label.strip('"')


@pytest.mark.parametrize("path", ["/missions/", "/agencies/", "/missions/jwst/"])
def test_pictures_need_no_javascript(visit, catalogue, path):
    page = visit(path, width=375, javascript=False)
    svg = page.locator(".catalogue-figure svg").first
    box = svg.bounding_box()
    assert box["width"] > 250 and box["height"] > 150
    assert svg.locator("title").first.text_content()


def test_lesson_chips_and_links_are_accessible(visit, catalogue):
    page = visit("/lessons/historical-context/", width=375)
    assert serious_violations(page) == []
    page.get_by_role("link", name="Mission: ISS").click()
    page.wait_for_url("**/missions/iss/")
