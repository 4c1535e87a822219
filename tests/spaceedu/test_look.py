"""The look in a real browser: both themes, phone and desktop, with and without JavaScript.

axe-core finds nothing serious on the learner's pages in the light and the dark theme at
375 and 1280 px; nothing scrolls sideways on a phone; the phone menu opens without
JavaScript; every control shows a strong focus ring.
"""

import pytest

from tests.browser import horizontal_overflow, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE, DESKTOP = 375, 1280
SIZES = pytest.mark.parametrize("width", [PHONE, DESKTOP], ids=["375", "1280"])
SCHEMES = pytest.mark.parametrize("scheme", ["light", "dark"])
VISITOR_PAGES = ["/", "/lessons/", "/lessons/historical-context/", "/accounts/login/",
                 "/accounts/signup/"]  # fmt: skip
LEARNER_PAGES = ["/", "/lessons/", "/lessons/scientific-benefits/", "/progress/", "/review/"]


@SCHEMES
@SIZES
@pytest.mark.parametrize("path", VISITOR_PAGES)
def test_visitor_pages_pass_axe_in_both_themes_without_sideways_scroll(visit, path, width, scheme):
    page = visit(path, width=width, scheme=scheme)
    assert serious_violations(page) == []
    assert horizontal_overflow(page) == 0


@SCHEMES
@SIZES
@pytest.mark.parametrize("path", LEARNER_PAGES)
def test_learner_pages_pass_axe_in_both_themes_without_sideways_scroll(
    visit, bank, student, path, width, scheme
):
    page = visit(path, width=width, scheme=scheme, user=student)
    assert serious_violations(page) == []
    assert horizontal_overflow(page) == 0


def test_dark_theme_follows_the_system_setting(visit):
    background = "getComputedStyle(document.body).backgroundColor"
    light = visit("/", width=DESKTOP, scheme="light").evaluate(background)
    dark = visit("/", width=DESKTOP, scheme="dark").evaluate(background)
    assert light != dark
    red, green, blue = (int(part) for part in dark[4:-1].split(", ")[:3])
    assert red + green + blue < 120  # a night sky, not a grey page


def test_pages_use_the_served_typeface(visit):
    page = visit("/", width=DESKTOP)
    page.evaluate("document.fonts.ready")
    assert page.evaluate("""document.fonts.check('16px "Atkinson Hyperlegible"')""")
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert family.startswith('"Atkinson Hyperlegible"')


@pytest.mark.parametrize("javascript", [False, True], ids=["without-js", "with-js"])
def test_phone_menu_reaches_every_learner_link(visit, student, javascript):
    page = visit("/", width=PHONE, user=student, javascript=javascript)
    names = ["My progress", "Review", "Classrooms"]
    menu = page.get_by_role("navigation", name="Main")  # the home page links to review too
    assert not any(menu.get_by_role("link", name=name, exact=True).is_visible() for name in names)
    page.get_by_text("Menu", exact=True).click()
    for name in names:
        assert menu.get_by_role("link", name=name, exact=True).is_visible()
    assert menu.get_by_role("button", name="Log out").is_visible()
    assert horizontal_overflow(page) == 0
    with page.expect_navigation():
        menu.get_by_role("link", name="My progress", exact=True).click()
    assert page.url.endswith("/progress/")


def test_phone_menu_opens_with_the_keyboard_without_javascript(visit):
    page = visit("/", width=PHONE, javascript=False)
    page.locator(".site-menu-toggle").focus()
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Log in").wait_for(state="visible")
    assert page.get_by_role("link", name="Sign up").is_visible()


def test_desktop_shows_the_menu_in_one_row_with_sign_up_beside_log_in(visit):
    page = visit("/", width=DESKTOP, javascript=False)
    assert not page.locator(".site-menu-toggle").is_visible()
    log_in = page.get_by_role("link", name="Log in").bounding_box()
    sign_up = page.get_by_role("link", name="Sign up").bounding_box()
    assert log_in and sign_up
    assert abs((log_in["y"] + log_in["height"] / 2) - (sign_up["y"] + sign_up["height"] / 2)) < 4
    assert sign_up["x"] > log_in["x"]
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the brand
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Lessons"


FOCUS_RING = """() => {
  const style = getComputedStyle(document.activeElement);
  return [style.outlineStyle, parseFloat(style.outlineWidth)];
}"""


@SCHEMES
def test_keyboard_focus_shows_a_ring_on_links_buttons_and_fields(visit, scheme):
    page = visit("/accounts/login/", width=DESKTOP, scheme=scheme)
    seen = set()
    for _ in range(9):  # from the username box (autofocus) to the end of the page
        page.keyboard.press("Tab")
        tag = page.evaluate("document.activeElement.tagName")
        if tag == "BODY":
            break
        style, width = page.evaluate(FOCUS_RING)
        assert style == "solid" and width >= 3, (tag, style, width)
        seen.add(tag)
    assert {"A", "INPUT", "BUTTON"} <= seen


def test_reading_progress_bar_follows_the_scroll_and_needs_javascript(visit):
    page = visit("/lessons/future-prospects/", width=PHONE)
    bar = page.locator(".reading-progress")
    assert bar.get_attribute("aria-hidden") == "true"
    assert int(bar.get_attribute("data-read")) == 0
    page.evaluate("window.scrollTo(0, document.querySelector('#finish').offsetTop)")
    page.wait_for_function(
        "() => document.querySelector('.reading-progress').dataset.read === '100'"
    )
    without = visit("/lessons/future-prospects/", width=PHONE, javascript=False)
    assert without.locator(".reading-progress").count() == 0


def test_mark_as_complete_returns_to_the_finish_box_near_take_the_quiz(visit, bank, student):
    page = visit("/lessons/historical-context/", width=PHONE, user=student)
    page.get_by_role("button", name="Mark as complete").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#finish"
    # The browser scrolls to the fragment once the page has loaded.
    page.wait_for_function(
        "() => Math.abs(document.querySelector('#finish').getBoundingClientRect().top) < 40"
    )
    assert page.get_by_text("You have completed this lesson.").is_visible()
    quiz = page.get_by_role("link", name="Take the quiz").bounding_box()
    assert quiz is not None and 0 <= quiz["y"] < 900 - quiz["height"]  # in view, no scrolling
