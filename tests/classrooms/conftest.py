import pytest

from tests.classrooms.helpers import make_classroom
from tests.factories import TeacherFactory


@pytest.fixture
def other_teacher(db):
    return TeacherFactory(username="other_teacher")


@pytest.fixture
def classroom(teacher, student):
    """The teacher's classroom with `student` in it."""
    return make_classroom(teacher, student)


@pytest.fixture
def teacher_client(client, teacher):
    client.force_login(teacher)
    return client


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Factories hash a password per user; classroom tests make many users and log in none."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
