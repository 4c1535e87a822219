import pytest
from django.test import Client

from tests.factories import TeacherFactory


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def other_teacher(db):
    return TeacherFactory(username="other_teacher")


@pytest.fixture
def teacher_client(teacher):
    """The host's own browser, apart from the `client` the phones use."""
    client = Client()
    client.force_login(teacher)
    return client
