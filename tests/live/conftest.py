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


@pytest.fixture(autouse=True)
def _no_persistent_connections_in_threads():
    """The ASGI server and the socket tests touch the database from threads of their own:
    without persistent connections each is closed after its request, and the test database
    can be dropped at the end."""
    from django.db import connections

    shared = connections["default"].settings_dict  # the dict every thread's connection reads
    before = shared["CONN_MAX_AGE"]
    shared["CONN_MAX_AGE"] = 0
    yield
    shared["CONN_MAX_AGE"] = before
