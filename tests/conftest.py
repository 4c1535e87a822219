import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from lessons.models import Course
from tests.browser import CHROMIUM, browser, chromium_missing_message  # noqa: F401
from tests.factories import LessonFactory, TeacherFactory, UserFactory

ARTICLE = Path(__file__).resolve().parent.parent / "fixtures" / "article.txt"


@pytest.fixture(scope="session", autouse=True)
def _plain_http_and_static():
    """Tests speak plain HTTP (also to the live server) and need no collectstatic manifest.

    Session-wide, before the live server builds its middleware from the settings.
    """
    from django.conf import settings

    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def article_text() -> str:
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture
def student(db):
    return UserFactory(username="student")


@pytest.fixture
def other_student(db):
    return UserFactory(username="other_student")


@pytest.fixture
def teacher(db):
    return TeacherFactory(username="teacher")


@pytest.fixture
def student_client(client, student):
    client.force_login(student)
    return client


@pytest.fixture
def course(db, article_text):
    """The course imported from the real article, with its fact checks."""
    call_command("import_article", str(ARTICLE), stdout=io.StringIO())
    return Course.objects.get()


@pytest.fixture
def lessons(db):
    return LessonFactory.create_batch(3)


def pytest_collection_modifyitems(config, items):
    """Browser tests need Chromium; outside CI, a machine without it runs the rest and says so."""
    if CHROMIUM is not None or os.environ.get("CI"):
        return
    browser_tests = [item for item in items if item.get_closest_marker("browser")]
    if browser_tests:
        items[:] = [item for item in items if not item.get_closest_marker("browser")]
        config.hook.pytest_deselected(items=browser_tests)
        config._spaceedu_browser_not_run = len(browser_tests)


def pytest_terminal_summary(terminalreporter, config):
    not_run = getattr(config, "_spaceedu_browser_not_run", 0)
    if not_run:
        terminalreporter.write_line(
            f"{not_run} BROWSER TESTS NOT RUN. {chromium_missing_message()}", red=True, bold=True
        )
