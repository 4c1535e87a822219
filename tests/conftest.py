import io
from pathlib import Path

import pytest
from django.core.management import call_command

from lessons.models import Course
from tests.factories import LessonFactory, TeacherFactory, UserFactory

ARTICLE = Path(__file__).resolve().parent.parent / "fixtures" / "article.txt"


@pytest.fixture(autouse=True)
def _plain_http_and_static(settings):
    """Tests speak plain HTTP to the test client and need no collectstatic manifest."""
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
