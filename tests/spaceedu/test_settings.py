"""Settings read from the environment: whole numbers refused or read as such."""

import json
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


INTEGERS = ["AXES_FAILURE_LIMIT", "AXES_IPWARE_PROXY_COUNT", "SECURE_HSTS_SECONDS"]


def test_integer_settings_are_read_from_the_environment():
    """Whole numbers in the environment become the integer settings."""
    env = {"LOGIN_FAILURE_LIMIT": "25", "PROXY_COUNT": " 1 ", "SECURE_HSTS_SECONDS": "3600"}
    assert _settings(env, *INTEGERS) == {
        "AXES_FAILURE_LIMIT": 25,
        "AXES_IPWARE_PROXY_COUNT": 1,
        "SECURE_HSTS_SECONDS": 3600,
    }


def test_unset_or_blank_integer_settings_keep_their_defaults():
    """A variable that is missing or blank means the default."""
    assert _settings({"PROXY_COUNT": "", "SECURE_HSTS_SECONDS": " "}, *INTEGERS) == {
        "AXES_FAILURE_LIMIT": 10,
        "AXES_IPWARE_PROXY_COUNT": None,
        "SECURE_HSTS_SECONDS": 31536000,
    }


@pytest.mark.parametrize("name", ["LOGIN_FAILURE_LIMIT", "PROXY_COUNT", "SECURE_HSTS_SECONDS"])
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
