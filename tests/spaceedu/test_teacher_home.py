"""A teacher lands on their classrooms after logging in; a learner lands home."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


def _login(client, user, **extra):
    return client.post(
        reverse("login") + extra.get("query", ""),
        {"username": user.username, "password": PASSWORD},
    )


def test_a_teacher_lands_on_their_classrooms(client, teacher):
    response = _login(client, teacher)
    assert response.status_code == 302
    assert response["Location"] == reverse("classrooms:list")


def test_a_learner_lands_home(client, student):
    response = _login(client, student)
    assert response["Location"] == reverse("home")


def test_next_still_wins_and_stays_on_site(client, teacher):
    assert _login(client, teacher, query="?next=/lessons/")["Location"] == "/lessons/"
    client.logout()
    response = _login(client, teacher, query="?next=https://elsewhere.example/")
    assert response["Location"] == reverse("classrooms:list")
