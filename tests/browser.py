"""Headless Chromium (Debian's package) for the browser tests; never a downloaded browser."""

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def chromium_missing_message() -> str:
    return (
        "Browser tests need Debian's Chromium: `apt-get install -y chromium` (.ci/run installs it)."
    )


@pytest.fixture(scope="session")
def browser():
    if CHROMIUM is None:
        pytest.fail(chromium_missing_message())
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests
    # make around it are synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


WIDTHS = {"phone": 390, "desktop": 1280}


@pytest.fixture
def visit(browser, live_server, course):
    """Open a page of the live server at a width, as a visitor or logged in as `user`."""
    contexts = []

    def open_page(
        path: str, *, width: int, user=None, javascript: bool = True, scheme: str = "light"
    ):
        context = browser.new_context(
            viewport={"width": width, "height": 900},
            java_script_enabled=javascript,
            color_scheme=scheme,
        )
        contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            context.add_cookies(
                [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
            )
        page = context.new_page()
        response = page.goto(live_server.url + path)
        assert response.status == 200
        return page

    yield open_page
    for context in contexts:
        context.close()


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the window (0 when nothing scrolls sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical findings on the page, as readable lines."""
    results = Axe().run(page)
    return [
        f"{violation['impact']} {violation['id']}: {violation['nodes'][0]['target']}"
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
