"""Pages in a real browser: axe-core finds no serious or critical problem, keyboard works."""

import pytest

from tests.browser import WIDTHS, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/",
    "/lessons/",
    "/lessons/scientific-benefits/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password_reset/",
]


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", PAGES)
def test_visitor_pages_have_no_serious_accessibility_violations(visit, path, width):
    assert serious_violations(visit(path, width=width)) == []


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", ["/", "/lessons/", "/lessons/historical-context/"])
def test_learner_pages_have_no_serious_accessibility_violations(visit, student, path, width):
    assert serious_violations(visit(path, width=width, user=student)) == []


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(visit):
    page = visit("/lessons/introduction/", width=1280)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_learner_marks_a_lesson_complete_with_the_keyboard(visit, student):
    page = visit("/lessons/introduction/", width=390, user=student)
    page.get_by_role("button", name="Mark as complete").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_text("You have completed this lesson.").wait_for(state="visible")
    assert page.get_by_role("status").get_by_text("is marked as complete").is_visible()


def test_phone_menu_opens_with_javascript_on(visit):
    page = visit("/", width=390)
    assert not page.get_by_role("link", name="Log in").is_visible()
    page.get_by_text("Menu", exact=True).click()
    page.get_by_role("link", name="Log in").wait_for(state="visible")
