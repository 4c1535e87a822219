"""Two gunicorn servers, one PostgreSQL database and one Redis: any server serves any request."""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.db import connection

from quizzes.models import Attempt
from tests.factories import UserFactory
from tests.quizzes.helpers import SINGLE, make_quiz

pytestmark = [pytest.mark.postgresql, pytest.mark.redis, pytest.mark.django_db(transaction=True)]
ROOT = Path(settings.BASE_DIR)


class Browser:
    """Just enough of a browser: one cookie jar shared across servers, CSRF from the form."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def request(self, port: int, method: str, path: str, form: dict | None = None):
        body = urlencode(form or {}, doseq=True)
        headers = {
            "Host": "127.0.0.1",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        if form is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        conn.request(method, path, body=body if form is not None else None, headers=headers)
        response = conn.getresponse()
        text = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        conn.close()
        return response.status, response.headers, text

    def csrf(self, port: int, path: str) -> str:
        _, _, html = self.request(port, "GET", path)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def servers(tmp_path):
    database = connection.settings_dict
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DEBUG": "0",
        "SECRET_KEY": "two-servers-share-this-secret-key-0123456789-abcdefghijklmnop",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        ),
        "REDIS_URL": settings.REDIS_URL,
        "STATIC_ROOT": str(tmp_path / "static"),
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    ports = [free_port(), free_port()]
    processes = [
        subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "python:spaceedu.gunicorn_conf",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "spaceedu.wsgi",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )  # fmt: skip
        for port in ports
    ]
    try:
        deadline = time.monotonic() + 40
        for port in ports:
            while True:
                try:
                    if Browser().request(port, "GET", "/healthz")[0] == 200:
                        break
                except OSError:
                    pass
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.3)
        yield ports
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=20)


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
