"""Two ASGI servers (daphne) on one PostgreSQL database and one Redis: the projector on one,
a phone on the other, the session's events crossing between them through Redis."""

import asyncio
import json
import sys

import pytest
import websockets

from live.models import LiveAnswer, LiveSession
from tests.factories import TeacherFactory
from tests.live.helpers import live_quiz, run_async
from tests.servers import Browser, running_servers

pytestmark = [pytest.mark.postgresql, pytest.mark.redis, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _fast_passwords():
    """The servers check the host's password with the real hashers: hash it with them too."""


@pytest.fixture
def asgi_servers(tmp_path):
    def daphne(port: int) -> list[str]:
        return [
            sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port),
            "spaceedu.asgi:application",
        ]  # fmt: skip

    with running_servers(daphne, tmp_path=tmp_path) as ports:
        yield ports


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
