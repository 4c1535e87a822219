"""Two ASGI servers (daphne) on one PostgreSQL database and one Redis: the projector on one,
a phone on the other, the session's events crossing between them through Redis."""

import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import websockets
from django.conf import settings
from django.db import connection

from live.models import LiveAnswer, LiveSession
from tests.factories import TeacherFactory
from tests.live.helpers import live_quiz, run_async
from tests.spaceedu.test_two_servers import Browser, free_port

pytestmark = [pytest.mark.postgresql, pytest.mark.redis, pytest.mark.django_db(transaction=True)]
ROOT = Path(settings.BASE_DIR)


@pytest.fixture(autouse=True)
def _fast_passwords():
    """The servers check the host's password with the real hashers: hash it with them too."""


def server_env(tmp_path) -> dict:
    database = connection.settings_dict
    return {
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


@pytest.fixture
def asgi_servers(tmp_path):
    env = server_env(tmp_path)
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
                "daphne",
                "-b",
                "127.0.0.1",
                "-p",
                str(port),
                "spaceedu.asgi:application",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
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
                assert time.monotonic() < deadline, "daphne did not start"
                time.sleep(0.3)
        yield ports
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=20)


def post(browser: Browser, port: int, path: str, form: dict, *, csrf_from: str):
    form = {**form, "csrfmiddlewaretoken": browser.csrf(port, csrf_from)}
    return browser.request(port, "POST", path, form)


async def until(socket, status: str, **expected) -> dict:
    while True:
        message = json.loads(await asyncio.wait_for(socket.recv(), timeout=10))
        state = message.get("state", {})
        if (
            message["type"] == "state"
            and state.get("status") == status
            and all(state.get(k) == v for k, v in expected.items())
        ):
            return state


def connect(port: int, path: str, browser: Browser):
    cookie = "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
    return websockets.connect(
        f"ws://127.0.0.1:{port}{path}",
        origin="http://127.0.0.1",
        additional_headers=[("Cookie", cookie)],
    )


def test_projector_on_one_server_phones_on_the_other(asgi_servers):
    projector_port, phone_port = asgi_servers
    TeacherFactory(username="host")
    quiz = live_quiz()

    host = Browser()
    status, _, _ = post(
        host, projector_port, "/accounts/login/",
        {"username": "host", "password": "correct horse battery"}, csrf_from="/accounts/login/",
    )  # fmt: skip
    assert status == 302
    new = f"/live/new/?quiz={quiz.slug}"
    status, headers, _ = post(
        host, projector_port, "/live/new/", {"quiz": quiz.slug, "scoring": "accuracy",
                                             "seconds": "30"}, csrf_from=new,
    )  # fmt: skip
    assert status == 302
    session = LiveSession.objects.get()
    host_page = headers["Location"]

    phone = Browser()
    status, headers, _ = post(phone, phone_port, "/live/", {"pin": session.pin}, csrf_from="/live/")
    assert (status, headers["Location"]) == (302, f"/live/{session.pk}/")
    play = headers["Location"]
    status, _, _ = post(phone, phone_port, play, {"name": "Comet"}, csrf_from=play)
    assert status == 302

    async def run():
        async with (
            connect(projector_port, f"/ws/live/{session.pk}/", host) as projector,
            connect(phone_port, f"/ws/live/{session.pk}/", phone) as handset,
        ):
            await until(handset, "lobby", joined=1)
            await until(projector, "lobby", joined=1)
            # The host's click on the first server reaches the phone on the second.
            await asyncio.to_thread(
                post, host, projector_port, f"/live/host/{session.pk}/next/", {},
                csrf_from=host_page,
            )  # fmt: skip
            await until(handset, "question", position=1)
            await handset.send(json.dumps({"action": "answer", "data": [["q1", "0"]]}))
            # The phone's answer on the second server shows in the first's count.
            await until(projector, "question", answered=1)
            await projector.send(json.dumps({"action": "reveal"}))
            await until(handset, "reveal")

    run_async(run)
    status, _, html = phone.request(phone_port, "GET", play)
    assert status == 200 and "Right!" in html
    status, _, html = host.request(projector_port, "GET", host_page)
    assert status == 200 and "is-right" in html
    assert LiveAnswer.objects.get().points == 1000
    assert "data-live-answered>1</span> / <span data-live-joined>1<" in html
