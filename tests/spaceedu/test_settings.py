"""Settings read from the environment: whole numbers and e-mail."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _start(env: dict[str, str], *names: str) -> subprocess.CompletedProcess:
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {names!r}}}))"
    )
    return _python(env, code)


def _python(env: dict[str, str], code: str) -> subprocess.CompletedProcess:
    """Run code in a fresh Python with only these settings in its environment."""
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            "PATH": "",
            "DJANGO_SETTINGS_MODULE": "spaceedu.settings",
            "SECRET_KEY": "k" * 50,
            **env,
        },
        capture_output=True,
        text=True,
        check=False,
    )


def _settings(env: dict[str, str], *names: str) -> dict:
    run = _start(env, *names)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.splitlines()[-1])


INTEGERS = ["AXES_FAILURE_LIMIT", "PROXY_COUNT", "SECURE_HSTS_SECONDS"]


def test_integer_settings_are_read_from_the_environment():
    """Whole numbers in the environment become the integer settings."""
    env = {"LOGIN_FAILURE_LIMIT": "25", "PROXY_COUNT": " 1 ", "SECURE_HSTS_SECONDS": "3600"}
    assert _settings(env, *INTEGERS) == {
        "AXES_FAILURE_LIMIT": 25,
        "PROXY_COUNT": 1,
        "SECURE_HSTS_SECONDS": 3600,
    }


def test_unset_or_blank_integer_settings_keep_their_defaults():
    """A variable that is missing or blank means the default."""
    assert _settings({"PROXY_COUNT": "", "SECURE_HSTS_SECONDS": " "}, *INTEGERS) == {
        "AXES_FAILURE_LIMIT": 10,
        "PROXY_COUNT": 0,
        "SECURE_HSTS_SECONDS": 31536000,
    }


@pytest.mark.parametrize(
    "name",
    ["LOGIN_FAILURE_LIMIT", "PROXY_COUNT", "SECURE_HSTS_SECONDS", "EMAIL_PORT", "EMAIL_TIMEOUT"],
)
def test_a_malformed_integer_setting_is_refused_naming_variable_and_value(name):
    """Anything but a whole number stops the start with a message an operator can act on."""
    run = _start({name: "ten"})
    assert run.returncode != 0
    assert f"ImproperlyConfigured: {name} must be a whole number, not 'ten'." in run.stderr


def test_an_integer_setting_below_its_minimum_is_refused():
    """A login limit of 0 would lock everyone out; it is refused rather than obeyed."""
    run = _start({"LOGIN_FAILURE_LIMIT": "0"})
    assert run.returncode != 0
    assert "LOGIN_FAILURE_LIMIT must be at least 1, not 0." in run.stderr


def test_rate_limits_are_read_from_the_environment():
    """A rate such as 20/m replaces the default; blank keeps it."""
    env = {"RATE_LIMIT_JOIN_PER_ADDRESS": " 100/m ", "RATE_LIMIT_PASSWORD_RESET": ""}
    assert _settings(env, "RATE_LIMIT_JOIN_PER_ADDRESS", "RATE_LIMIT_PASSWORD_RESET") == {
        "RATE_LIMIT_JOIN_PER_ADDRESS": "100/m",
        "RATE_LIMIT_PASSWORD_RESET": "5/h",
    }


@pytest.mark.parametrize("value", ["ten", "10", "0/m", "5/week", "5/h; DROP"])
def test_a_malformed_rate_limit_is_refused(value):
    """A rate the limiter would misread stops the start, naming the variable."""
    run = _start({"RATE_LIMIT_PASSWORD_RESET": value})
    assert run.returncode != 0
    assert "RATE_LIMIT_PASSWORD_RESET must be a number of requests per s, m, h or d" in run.stderr


EMAIL = [
    "EMAIL_BACKEND",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
    "EMAIL_TIMEOUT",
]
SMTP = "django.core.mail.backends.smtp.EmailBackend"
CONSOLE = "django.core.mail.backends.console.EmailBackend"


def test_email_url_configures_the_smtp_connection():
    """One EMAIL_URL gives the backend, server, port, login and TLS."""
    env = {"EMAIL_URL": "smtp://spaceedu:s3cret@mail.example.org:587/?tls=True&timeout=10"}
    assert _settings(env, *EMAIL) == {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": "mail.example.org",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "spaceedu",
        "EMAIL_HOST_PASSWORD": "s3cret",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 10,
    }


def test_email_url_wins_over_the_single_variables():
    """With EMAIL_URL set, EMAIL_BACKEND and EMAIL_HOST are not mixed in."""
    env = {"EMAIL_URL": "console://", "EMAIL_BACKEND": SMTP, "EMAIL_HOST": "mail.example.org"}
    assert _settings(env, "EMAIL_BACKEND", "EMAIL_HOST") == {
        "EMAIL_BACKEND": CONSOLE,
        "EMAIL_HOST": "localhost",
    }


def test_email_settings_are_read_one_by_one_without_email_url():
    """Django's EMAIL_* variables, typed: the port and timeout numbers, TLS and SSL booleans."""
    env = {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": "mail.example.org",
        "EMAIL_PORT": "465",
        "EMAIL_HOST_USER": "spaceedu",
        "EMAIL_HOST_PASSWORD": "s3cret",
        "EMAIL_USE_TLS": "0",
        "EMAIL_USE_SSL": "true",
        "EMAIL_TIMEOUT": "10",
    }
    assert _settings(env, *EMAIL) == {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": "mail.example.org",
        "EMAIL_PORT": 465,
        "EMAIL_HOST_USER": "spaceedu",
        "EMAIL_HOST_PASSWORD": "s3cret",
        "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": True,
        "EMAIL_TIMEOUT": 10,
    }


def test_email_goes_to_the_console_when_nothing_is_set():
    """Development needs no mail server: the default prints mail to the console."""
    assert _settings({}, *EMAIL) == {
        "EMAIL_BACKEND": CONSOLE,
        "EMAIL_HOST": "localhost",
        "EMAIL_PORT": 25,
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
        "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": None,
    }


def test_a_malformed_email_boolean_is_refused():
    """EMAIL_USE_TLS goes through the same yes/no check as every boolean."""
    run = _start({"EMAIL_USE_TLS": "sometimes"})
    assert run.returncode != 0
    assert "EMAIL_USE_TLS must be a boolean (1/0, true/false), not 'sometimes'." in run.stderr


def test_email_url_with_an_unknown_scheme_is_refused():
    """A misspelt scheme stops the start instead of leaving password resets unsent."""
    run = _start({"EMAIL_URL": "smpt://spaceedu:s3cret@mail.example.org"})
    assert run.returncode != 0
    assert "EMAIL_URL must start with one of smtp://, submission://" in run.stderr
    assert "not 'smpt'." in run.stderr


def test_a_malformed_email_url_is_refused_without_echoing_the_password():
    """An unencoded / in the password reads as a bad port; the message must not show it."""
    run = _start({"EMAIL_URL": "smtp://spaceedu:s3c/ret@mail.example.org:587"})
    assert run.returncode != 0
    assert "EMAIL_URL is not a valid e-mail URL" in run.stderr
    assert "s3c" not in run.stderr


def test_site_url_is_read_from_the_environment_without_a_trailing_slash():
    assert _settings({"SITE_URL": "https://spaceedu.example/"}, "SITE_URL") == {
        "SITE_URL": "https://spaceedu.example"
    }
    assert _settings({}, "SITE_URL") == {"SITE_URL": "http://127.0.0.1:8000"}


@pytest.mark.parametrize("value", ["spaceedu.example", "ftp://spaceedu.example", "https://x/y"])
def test_a_malformed_site_url_is_refused(value):
    run = _start({"SITE_URL": value}, "SITE_URL")
    assert run.returncode != 0
    assert "SITE_URL must be the site's address" in run.stderr


def test_sqlite_waits_for_the_write_lock_instead_of_failing():
    """SECURITY 5: concurrent writers on SQLite queue up (see test_sqlite_concurrency.py)."""
    database = _settings({}, "DATABASES")["DATABASES"]["default"]
    assert database["OPTIONS"] == {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    postgres = _settings({"DATABASE_URL": "postgres://u@h/db"}, "DATABASES")["DATABASES"]
    assert "transaction_mode" not in postgres["default"].get("OPTIONS", {})


def _cache_in_another_process(env: dict[str, str], action: str) -> str:
    code = f"import django; django.setup(); from django.core.cache import cache; {action}"
    run = _python(env, code)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


def test_without_redis_every_worker_process_shares_one_cache(tmp_path):
    """A teacher's edit, handled by one gunicorn worker, must drop a cached lesson body for
    the others too: a per-process memory cache kept serving the old text from them."""
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "CACHE_DIR": str(tmp_path)}
    _cache_in_another_process(env, "cache.set('lesson-body', 'old text', 600)")
    assert _cache_in_another_process(env, "print(cache.get('lesson-body'))") == "old text"
    _cache_in_another_process(env, "cache.delete('lesson-body')")
    assert _cache_in_another_process(env, "print(cache.get('lesson-body'))") == "None"


def test_each_database_has_its_own_cache_in_the_checkout(tmp_path):
    envs = [{"DATABASE_URL": f"sqlite:///{tmp_path / name}"} for name in ("a.db", "b.db")]
    locations = [_settings(env, "CACHES")["CACHES"]["default"]["LOCATION"] for env in envs]
    try:
        _cache_in_another_process(envs[0], "cache.set('lesson-body', 'one', 600)")
        assert _cache_in_another_process(envs[1], "print(cache.get('lesson-body'))") == "None"
        assert locations[0] != locations[1]
        assert all(Path(location).parent == ROOT / ".cache" for location in locations)
    finally:
        for location in locations:
            shutil.rmtree(location, ignore_errors=True)
