"""The site shell, /healthz, settings and the demo accounts."""

import io
import json
import re
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import OperationalError
from django.urls import reverse

from spaceedu.models import User

pytestmark = pytest.mark.django_db
ROOT = Path(settings.BASE_DIR)


def test_healthz_reports_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    expected = {"status": "ok", "database": "ok"}
    if settings.REDIS_URL:
        expected["cache"] = "ok"
    assert response.json() == expected
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_is_down(client):
    with mock.patch("spaceedu.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "error"


def test_base_template_has_skip_link_navigation_and_footer(client, course):
    html = client.get(reverse("home")).content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert 'aria-label="Main"' in html
    assert "<footer" in html
    assert '<html lang="en">' in html


def test_every_asset_is_served_by_the_app(client, course):
    html = client.get(reverse("lessons:detail", args=["introduction"])).content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:css|js|svg))"', html)
    assert assets, "the page links its stylesheets and scripts"
    assert all(url.startswith("/static/") for url in assets), assets


def test_no_inline_script_in_pages(client, course, student):
    client.force_login(student)
    for url in ["/", "/lessons/", "/lessons/introduction/"]:
        html = client.get(url).content.decode()
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
        assert " onclick=" not in html and " onload=" not in html


def _run_python(code: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"PATH": "", "DJANGO_SETTINGS_MODULE": "spaceedu.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("server", ["spaceedu.wsgi", "spaceedu.asgi"])
def test_production_refuses_to_start_without_a_secret_key(server):
    run = _run_python(f"import {server}", {"DEBUG": "0"})
    assert run.returncode != 0
    assert "SECRET_KEY is not set" in run.stderr
    assert _run_python(f"import {server}", {"DEBUG": "0", "SECRET_KEY": "k" * 50}).returncode == 0


def test_management_commands_run_in_a_checkout_without_a_secret_key():
    code = (
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('makemigrations', '--check', '--dry-run', verbosity=0)"
    )
    run = _run_python(code, {"DEBUG": "0"})
    assert run.returncode == 0, run.stderr


def test_a_malformed_boolean_setting_is_refused():
    run = _run_python("import django; django.setup()", {"DEBUG": "maybe", "SECRET_KEY": "k"})
    assert run.returncode != 0
    assert "DEBUG must be a boolean" in run.stderr


def test_settings_read_the_environment():
    code = (
        "import json, django; django.setup(); from django.conf import settings as s;"
        "print(json.dumps([s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'],"
        " s.ALLOWED_HOSTS, s.DEBUG]))"
    )
    run = _run_python(
        code,
        {
            "SECRET_KEY": "k" * 50,
            "DATABASE_URL": "postgres://u@db.example:5432/spaceedu",
            "REDIS_URL": "redis://127.0.0.1:6379/1",
            "ALLOWED_HOSTS": "spaceedu.example, www.spaceedu.example",
        },
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout.splitlines()[-1]) == [
        "django.db.backends.postgresql",
        "django.core.cache.backends.redis.RedisCache",
        ["spaceedu.example", "www.spaceedu.example"],
        False,
    ]


def test_seed_demo_prints_logins_once_and_is_idempotent():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "Demo teacher: username demo-teacher  password " in out.getvalue()
    assert "Demo student: username demo-student  password " in out.getvalue()
    again = io.StringIO()
    call_command("seed_demo", stdout=again)
    assert "password " not in again.getvalue()
    assert User.objects.filter(username__startswith="demo-").count() == 27  # and 25 classmates
    teacher = User.objects.get(username="demo-teacher")
    assert teacher.is_teacher and not teacher.is_superuser


def test_demo_passwords_printed_are_the_real_ones(client):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    password = re.search(r"demo-student  password (\S+)", out.getvalue()).group(1)
    response = client.post(reverse("login"), {"username": "demo-student", "password": password})
    assert response.status_code == 302


def test_seed_demo_builds_a_classroom_of_25_students_at_every_stage(bank):
    from classrooms.models import Classroom
    from lessons.models import LessonProgress
    from quizzes.models import Attempt

    call_command("seed_demo", stdout=io.StringIO())
    classroom = Classroom.objects.get()
    assert classroom.memberships.count() == 26  # 25 and the demo student
    assert classroom.teachers.get().username == "demo-teacher"
    assert classroom.assignments.count() == 5
    completed = LessonProgress.objects.filter(completed_at__isnull=False).values("user").distinct()
    assert 5 < completed.count() < 26  # some far ahead, some not started
    scores = {round(float(a.score), 1) for a in Attempt.objects.filter(state="submitted")}
    assert len(scores) > 3
    before = Attempt.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert Classroom.objects.count() == 1 and Attempt.objects.count() == before
