import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from lessons.models import Course
from tests.browser import CHROMIUM, browser, chromium_missing_message, visit  # noqa: F401
from tests.factories import LessonFactory, TeacherFactory, UserFactory

ARTICLE = Path(__file__).resolve().parent.parent / "fixtures" / "article.txt"


@pytest.fixture(scope="session", autouse=True)
def _plain_http_and_static():
    """Tests speak plain HTTP (also to the live server) and need no collectstatic manifest.

    Session-wide, before the live server builds its middleware from the settings.
    """
    from django.conf import settings

    settings.SECURE_SSL_REDIRECT = False
    # Query counts are pinned against database sessions; the two-server test runs the real
    # cached_db sessions of a Redis deployment.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: cached fragments must not leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


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
def bank(course):
    """The real question bank on the real course: 81 questions, 8 lesson quizzes, the exam."""
    call_command("load_question_bank", "fixtures/questions.json", stdout=io.StringIO())


@pytest.fixture
def lessons(db):
    return LessonFactory.create_batch(3)


def _not_runnable_here(item) -> str | None:
    from django.conf import settings
    from django.db import connection

    if item.get_closest_marker("postgresql") and connection.vendor != "postgresql":
        return "PostgreSQL-only tests (run with DATABASE_URL=postgres://...; CI does)"
    if item.get_closest_marker("sqlite") and connection.vendor != "sqlite":
        return "SQLite-only tests (SQLite's query plans; run without DATABASE_URL; CI does)"
    if item.get_closest_marker("redis") and not settings.REDIS_URL:
        return "tests that need Redis (run with REDIS_URL=redis://...; CI does)"
    if item.get_closest_marker("browser") and CHROMIUM is None and not os.environ.get("CI"):
        return f"browser tests. {chromium_missing_message()}"
    return None


def pytest_collection_modifyitems(config, items):
    """Deselect (never skip) what this machine cannot run, and say so loudly at the end."""
    kept, reasons = [], {}
    for item in items:
        reason = _not_runnable_here(item)
        if reason is None:
            kept.append(item)
        else:
            reasons.setdefault(reason, []).append(item)
    if reasons:
        items[:] = kept
        config.hook.pytest_deselected(items=[i for group in reasons.values() for i in group])
        config._spaceedu_not_run = {reason: len(group) for reason, group in reasons.items()}


def pytest_terminal_summary(terminalreporter, config):
    for reason, count in getattr(config, "_spaceedu_not_run", {}).items():
        terminalreporter.write_line(f"NOT RUN HERE: {count} {reason}", yellow=True, bold=True)
