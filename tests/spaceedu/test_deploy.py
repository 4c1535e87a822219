"""Production settings: check --deploy, security headers, throttling, caching, errors."""

import json
import logging
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from lessons.models import FactCheck, Lesson
from spaceedu.logging import JsonFormatter

pytestmark = pytest.mark.django_db
ROOT = Path(settings.BASE_DIR)
PRODUCTION = {
    "PATH": "",
    "DEBUG": "0",
    "SECRET_KEY": "a-production-like-secret-key-that-is-long-and-random-0123456789-abcdef",
    "ALLOWED_HOSTS": "spaceedu.example",
    "SITE_URL": "https://spaceedu.example",
}


def test_check_deploy_passes_with_production_settings():
    run = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=PRODUCTION,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "System check identified no issues" in run.stdout


def test_check_deploy_requires_the_site_url():
    """SECURITY 27: production names the address that e-mailed links point at."""
    env = {name: value for name, value in PRODUCTION.items() if name != "SITE_URL"}
    run = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode != 0
    assert "spaceedu.E001" in run.stderr + run.stdout


def test_content_security_policy_forbids_inline_script(client):
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"


def test_security_headers(client):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_login_is_throttled_after_repeated_failures(client, student, settings):
    settings.AXES_FAILURE_LIMIT = 3
    statuses = [
        client.post(reverse("login"), {"username": "student", "password": "wrong"}).status_code
        for _ in range(3)
    ]
    assert statuses == [200, 200, 429]
    locked = client.post(
        reverse("login"), {"username": "student", "password": "correct horse battery"}
    )
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_from_one_address_throttle_any_account(client, student, other_student, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for name in ["nobody", "someone", "student"]:
        client.post(reverse("login"), {"username": name, "password": "wrong"})
    response = client.post(
        reverse("login"), {"username": "other_student", "password": "correct horse battery"}
    )
    assert response.status_code == 429


def test_a_successful_login_resets_the_count(client, student, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(2):
        client.post(reverse("login"), {"username": "student", "password": "wrong"})
    ok = client.post(reverse("login"), {"username": "student", "password": "correct horse battery"})
    assert ok.status_code == 302
    client.post(reverse("logout"))
    for _ in range(2):
        assert (
            client.post(reverse("login"), {"username": "student", "password": "x"}).status_code
            == 200
        )


def test_lesson_body_is_cached_and_dropped_when_a_teacher_edits_it(client, course):
    url = reverse("lessons:detail", args=["introduction"])
    assert b"In this article, we embark" in client.get(url).content
    lesson = Lesson.objects.get(slug="introduction")
    # Proof the body is served from the cache: a change that skips save() is not seen.
    Lesson.objects.filter(pk=lesson.pk).update(paragraphs=["Changed behind the cache's back."])
    assert b"In this article, we embark" in client.get(url).content
    lesson.refresh_from_db()
    lesson.paragraphs = ["A teacher's new first paragraph."]
    lesson.save()
    assert b"A teacher&#x27;s new first paragraph." in client.get(url).content


def test_editing_a_fact_check_drops_the_cached_lesson_body(client, course):
    url = reverse("lessons:detail", args=["scientific-benefits"])
    client.get(url)
    note = FactCheck.objects.get(quote="jointly conducted by NASA and ESA")
    note.note = "Voyager: NASA alone."
    note.save()
    assert b"Voyager: NASA alone." in client.get(url).content


def test_healthz_reports_the_cache_when_redis_is_configured(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    with mock.patch.object(cache, "set", side_effect=ConnectionError("refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "cache": "error"}
    assert client.get("/healthz").json()["cache"] == "ok"


def test_unknown_host_is_400(client):
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400


def test_error_pages_are_friendly_and_show_no_traceback(client):
    response = client.get("/lessons/no-such-lesson/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_server_error_page_shows_no_traceback(client):
    client.raise_request_exception = False
    with mock.patch("spaceedu.views.course_outline", side_effect=RuntimeError("boom")):
        response = client.get("/")
    assert response.status_code == 500
    assert "boom" not in response.content.decode()
    assert "Something went wrong" in response.content.decode()


def test_logs_are_one_json_object_a_line():
    record = logging.LogRecord("spaceedu", logging.WARNING, __file__, 1, "hello %s", ("you",), None)
    line = JsonFormatter().format(record)
    assert json.loads(line) | {"time": "t"} == {
        "time": "t",
        "level": "WARNING",
        "logger": "spaceedu",
        "message": "hello you",
    }
