"""Two gunicorn servers, one PostgreSQL database and one Redis: any server serves any request."""

import sys

import pytest

from quizzes.models import Attempt
from tests.factories import UserFactory
from tests.quizzes.helpers import SINGLE, make_quiz
from tests.servers import Browser, running_servers

pytestmark = [pytest.mark.postgresql, pytest.mark.redis, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def servers(tmp_path):
    def gunicorn(port: int) -> list[str]:
        return [
            sys.executable, "-m", "gunicorn", "-c", "python:spaceedu.gunicorn_conf",
            "--bind", f"127.0.0.1:{port}", "--workers", "1", "spaceedu.wsgi",
        ]  # fmt: skip

    with running_servers(gunicorn, tmp_path=tmp_path) as ports:
        yield ports


def test_a_learner_moves_between_two_servers_mid_attempt(servers):
    first, second = servers
    UserFactory(username="traveller")
    quiz = make_quiz([SINGLE], slug="two-servers")
    browser = Browser()

    status, headers, _ = browser.request(
        first, "POST", "/accounts/login/",
        {"username": "traveller", "password": "correct horse battery",
         "csrfmiddlewaretoken": browser.csrf(first, "/accounts/login/")},
    )  # fmt: skip
    assert (status, headers["Location"]) == (302, "/")

    # Logged in on the first server, the second knows the session and starts the attempt.
    status, headers, _ = browser.request(
        second, "POST", f"/quizzes/{quiz.slug}/start/",
        {"csrfmiddlewaretoken": browser.csrf(second, f"/quizzes/{quiz.slug}/")},
    )  # fmt: skip
    assert status == 302
    attempt = Attempt.objects.get(user__username="traveller")
    answer = attempt.answers.select_related("question").get()
    right = next(c.pk for c in answer.question.choices.all() if c.fraction == 1)
    index = answer.layout["choices"].index(right)

    # The first server saves the answer; the second submits; both show the same result.
    page = f"/quizzes/attempts/{attempt.pk}/"
    status, _, _ = browser.request(
        first, "POST", f"{page}save/",
        {"csrfmiddlewaretoken": browser.csrf(first, page), "seq": "0", "page": "1",
         "q1": str(index), "action": "summary"},
    )  # fmt: skip
    assert status == 302
    status, _, _ = browser.request(
        second, "POST", f"{page}submit/",
        {"csrfmiddlewaretoken": browser.csrf(second, f"{page}?page=0")},
    )  # fmt: skip
    assert status == 302
    results = [browser.request(port, "GET", f"{page}results/") for port in servers]
    assert [status for status, _, _ in results] == [200, 200]
    assert all("100%" in html and "Passed" in html for _, _, html in results)
    attempt.refresh_from_db()
    assert (attempt.state, attempt.score) == (Attempt.State.SUBMITTED, 1)
