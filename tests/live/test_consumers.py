"""The live socket (channels.testing.WebsocketCommunicator on the real ASGI application):
join, answer, change, reveal, reconnect, end, and who may connect."""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client
from django.urls import reverse

from live.models import LiveAnswer, LiveSession
from live.services import player_join, question_next, question_reveal, session_create
from tests.live.helpers import live_quiz, run_async

pytestmark = pytest.mark.django_db(transaction=True)
PUBLIC_KEYS = {"version", "stage", "status", "position", "joined", "waiting", "answered",
               "seconds_left"}  # fmt: skip


@pytest.fixture(autouse=True)
def _a_layer_of_its_own(settings):
    """Each test's event loop gets a channel layer of its own (a Redis layer is bound to the
    loop that first used it); the two-server test covers the Redis layer."""
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


def cookie_of(client: Client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def socket(session, cookie: str | None, *, origin: str = "http://testserver"):
    # Imported when used: the module builds Django's middleware from the settings of the
    # moment, which the test session adjusts after collection.
    from spaceedu.asgi import application

    headers = [(b"origin", origin.encode())]
    if cookie:
        headers.append((b"cookie", f"{settings.SESSION_COOKIE_NAME}={cookie}".encode()))
    return WebsocketCommunicator(application, f"/ws/live/{session.pk}/", headers=headers)


def phone_client(session, name="Comet") -> Client:
    client = Client()
    client.post(reverse("live:join"), {"pin": session.pin})
    client.post(reverse("live:play", kwargs={"pk": session.pk}), {"name": name})
    return client


def host_cookie(teacher) -> str:
    client = Client()
    client.force_login(teacher)
    return cookie_of(client)


async def expect_state(communicator, status: str) -> dict:
    """Read messages until the state reaches `status` (answers elsewhere bump the version)."""
    for _ in range(10):
        message = await communicator.receive_json_from(timeout=3)
        if message["type"] == "state" and message["state"]["status"] == status:
            assert set(message["state"]) == PUBLIC_KEYS  # never an answer in a state message
            return message["state"]
    raise AssertionError(f"no {status} state")


def test_a_stranger_cannot_connect(teacher, other_teacher, student):
    session = session_create(host=teacher, quiz=live_quiz())
    strangers = [None, host_cookie(other_teacher), host_cookie(student)]
    hosts = host_cookie(teacher)

    async def run():
        for cookie in strangers:
            communicator = socket(session, cookie)
            connected, _ = await communicator.connect()
            assert not connected
        # A page of another site may not open a socket with the host's cookie.
        communicator = socket(session, hosts, origin="http://evil.example")
        connected, _ = await communicator.connect()
        assert not connected

    run_async(run)


def test_join_answer_change_reveal_reconnect_end(teacher):
    session = session_create(host=teacher, quiz=live_quiz())
    phone = phone_client(session)
    cookie = cookie_of(phone)
    hosts = host_cookie(teacher)

    async def run():
        host = socket(session, hosts)
        assert (await host.connect())[0]
        await expect_state(host, "lobby")
        player = socket(session, cookie)
        assert (await player.connect())[0]
        state = await expect_state(player, "lobby")
        assert state["joined"] == 1

        await host.send_json_to({"action": "next"})
        await expect_state(player, "question")
        await player.send_json_to({"action": "answer", "data": [["q1", "1"]]})
        assert (await player.receive_json_from())["type"] in {"saved", "state"}
        await player.send_json_to({"action": "answer", "data": [["q1", "0"]]})
        while (await player.receive_json_from())["type"] != "saved":
            pass
        assert await sync_to_async(lambda: LiveAnswer.objects.get().response["choice"])()

        # The phone sleeps, the host reveals, the phone comes back to the revealed question.
        await player.disconnect()
        await sync_to_async(lambda: question_reveal(session=LiveSession.objects.get()))()
        player = socket(session, cookie)
        assert (await player.connect())[0]
        state = await expect_state(player, "reveal")
        assert state["answered"] == 1
        page = await sync_to_async(
            lambda: phone.get(reverse("live:play", kwargs={"pk": session.pk})).content.decode()
        )()
        assert "Right!" in page

        await host.send_json_to({"action": "end"})
        await expect_state(player, "ended")
        await player.disconnect()
        await host.disconnect()

    run_async(run)


def test_reconnect_restores_the_question_with_the_kept_answer(teacher):
    session = session_create(host=teacher, quiz=live_quiz())
    phone = phone_client(session)

    async def run():
        player = socket(session, cookie_of(phone))
        assert (await player.connect())[0]
        await expect_state(player, "lobby")
        await sync_to_async(lambda: question_next(session=LiveSession.objects.get()))()
        await expect_state(player, "question")
        await player.send_json_to({"action": "answer", "data": [["q1", "2"]]})
        while (await player.receive_json_from())["type"] != "saved":
            pass
        await player.disconnect()
        again = socket(session, cookie_of(phone))
        assert (await again.connect())[0]
        state = await expect_state(again, "question")
        assert state["stage"] == "question:1"
        await again.disconnect()

    run_async(run)
    page = phone.get(reverse("live:play", kwargs={"pk": session.pk})).content.decode()
    assert 'value="2" checked' in page


def test_a_player_cannot_control_and_bad_answers_are_refused(teacher):
    session = session_create(host=teacher, quiz=live_quiz())
    phone = phone_client(session)

    async def run():
        player = socket(session, cookie_of(phone))
        assert (await player.connect())[0]
        await expect_state(player, "lobby")
        await player.send_json_to({"action": "next"})
        assert (await player.receive_json_from())["type"] == "error"
        await sync_to_async(lambda: question_next(session=LiveSession.objects.get()))()
        await expect_state(player, "question")
        for data in [[["q1", "9"]], "q1=0", [["q1"]], [[1, 2]], [["q1", "0"]] * 60]:
            await player.send_json_to({"action": "answer", "data": data})
            assert (await player.receive_json_from())["type"] == "error"
        await player.disconnect()

    run_async(run)
    assert not LiveAnswer.objects.exists()
    assert LiveSession.objects.get().status == "question"


def test_a_signed_in_player_connects_as_themselves(teacher, student):
    session = session_create(host=teacher, quiz=live_quiz())
    client = Client()
    client.force_login(student)
    client.post(reverse("live:join"), {"pin": session.pin})
    player_join(session=session, user=student)

    async def run():
        player = socket(session, cookie_of(client))
        assert (await player.connect())[0]
        await expect_state(player, "lobby")
        await player.disconnect()

    run_async(run)


def test_the_reveal_reaches_each_phone_with_its_own_verdict_only(teacher):
    session = session_create(host=teacher, quiz=live_quiz())
    right_phone, wrong_phone = phone_client(session, "Comet"), phone_client(session, "Nova")

    async def run():
        sockets = [socket(session, cookie_of(c)) for c in (right_phone, wrong_phone)]
        for communicator in sockets:
            assert (await communicator.connect())[0]
            await expect_state(communicator, "lobby")
        await sync_to_async(lambda: question_next(session=LiveSession.objects.get()))()
        for communicator, index in zip(sockets, ["0", "1"], strict=True):
            await expect_state(communicator, "question")
            await communicator.send_json_to({"action": "answer", "data": [["q1", index]]})
            while (await communicator.receive_json_from())["type"] != "saved":
                pass
        await sync_to_async(lambda: question_reveal(session=LiveSession.objects.get()))()
        verdicts = []
        for communicator in sockets:
            while (message := await communicator.receive_json_from())["type"] != "state" or (
                message["state"]["status"] != "reveal"
            ):
                pass
            assert set(message["reveal"]) == {"position", "html", "you"}
            assert "NASA and the Soviet space programme, in July 1975." in message["reveal"]["html"]
            verdicts.append(
                (message["reveal"]["you"]["verdict"], message["reveal"]["you"]["points"])
            )
            await communicator.disconnect()
        assert verdicts == [("right", 1000), ("wrong", 0)]

    run_async(run)
