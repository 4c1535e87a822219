"""Headless Chromium (Debian's package) for the browser tests; never a downloaded browser."""

import os
import shutil

import pytest

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
