"""One projector and three phones in Chromium, on a real ASGI server (daphne) in this process:
a signed-in phone on WebSockets, a guest whose network blocks them (it polls), and a guest
whose phone drops off and comes back to the current question with its answer kept."""

import socket
import threading
import time

import pytest
from django.conf import settings
from django.test import Client

from live.models import LiveAnswer, LiveSession
from tests.factories import UserFactory
from tests.live.helpers import live_quiz
from tests.quizzes.helpers import SINGLE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# What a network that blocks WebSockets looks like to the page: the socket never opens.
NO_WEBSOCKETS = "window.WebSocket = function () { throw new Error('blocked'); };"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def asgi_url():
    """daphne serving spaceedu.asgi (HTTP with static files, and the sockets) in a thread."""
    from channels.routing import ProtocolTypeRouter
    from daphne.endpoints import build_endpoint_description_strings
    from daphne.server import Server
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
    from django.core.asgi import get_asgi_application

    from spaceedu import asgi

    application = ProtocolTypeRouter(
        {
            # A handler of its own: its middleware reads the test session's settings.
            "http": ASGIStaticFilesHandler(get_asgi_application()),
            "websocket": asgi.application.application_mapping["websocket"],
        }
    )
    port = _free_port()
    server = Server(
        application=application,
        endpoints=build_endpoint_description_strings(host="127.0.0.1", port=port),
        signal_handlers=False,
    )
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert time.monotonic() < deadline, "daphne did not start"
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    from twisted.internet import reactor

    reactor.callFromThread(reactor.stop)


@pytest.fixture
def hosts(settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
    # A fresh layer for this server's event loop (a Redis layer is bound to its first loop).
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


def signed_in(browser, url: str, user, *, width: int):
    context = browser.new_context(viewport={"width": width, "height": 800})
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": url}])
    return context.new_page()


def join(page, url: str, pin: str, name: str | None = None) -> None:
    page.goto(url + "/live/")
    page.fill("input[name=pin]", pin)
    page.click("main form button[type=submit]")
    if name:
        page.fill("input[name=name]", name)
        page.click("main form button[type=submit]")
    page.wait_for_selector("text=You’re in!")


def test_one_projector_three_phones(browser, asgi_url, hosts, teacher):
    student = UserFactory(username="sam", first_name="Sam", last_name="Stone")
    quiz = live_quiz([SINGLE], copies=2)

    projector = signed_in(browser, asgi_url, teacher, width=1280)
    projector.goto(f"{asgi_url}/live/new/?quiz={quiz.slug}")
    projector.click("text=Open the lobby")
    pin = projector.inner_text(".live-pin").strip()

    sockets = signed_in(browser, asgi_url, student, width=375)
    join(sockets, asgi_url, pin)
    blocked_context = browser.new_context(viewport={"width": 375, "height": 800})
    blocked_context.add_init_script(NO_WEBSOCKETS)
    blocked = blocked_context.new_page()
    join(blocked, asgi_url, pin, "Polly")
    leaving_context = browser.new_context(viewport={"width": 375, "height": 800})
    leaving = leaving_context.new_page()
    routes = []

    def keep(route):
        route.connect_to_server()
        routes.append(route)

    leaving.route_web_socket("**/ws/live/**", keep)
    join(leaving, asgi_url, pin, "Wanderer")

    projector.wait_for_selector("text=3 joined")  # the lobby follows the joins by itself
    projector.click("text=Start the quiz")
    phones = [sockets, blocked, leaving]
    for phone in phones:
        phone.wait_for_selector("form[data-live-answer-form]", timeout=15000)
    sockets.check("#q1-0")  # sent over the socket as soon as it is picked
    blocked.check("#q1-1")  # posted over plain HTTP
    leaving.check("#q1-0")
    for phone in phones:
        phone.wait_for_selector("text=Answer saved")
    projector.wait_for_selector("[data-live-answered]:text('3')")

    # The third phone loses its connection (sleeps) while the class moves on.
    leaving_context.set_offline(True)
    routes[-1].close()
    projector.click("text=Show the answer")
    sockets.wait_for_selector("text=Right!", timeout=10000)
    blocked.wait_for_selector("text=Not this time", timeout=10000)  # by polling
    projector.click("text=Next question")
    sockets.wait_for_selector("text=Question 2", timeout=10000)
    blocked.wait_for_selector("text=Question 2", timeout=10000)

    # It comes back: on the current question, its earlier answer graded and kept.
    leaving_context.set_offline(False)
    leaving.wait_for_selector("text=Question 2", timeout=30000)
    leaving.check("#q2-2")
    leaving.wait_for_selector("text=Answer saved")
    leaving.reload()
    assert leaving.is_checked("#q2-2")
    assert len(routes) >= 2  # it opened a new socket

    projector.click("text=Show the answer")
    leaving.wait_for_selector(".live-verdict", timeout=10000)
    projector.click("text=End the quiz")
    for phone in phones:
        phone.wait_for_selector("text=The quiz has ended", timeout=15000)
    assert "Podium" in projector.content()
    session = LiveSession.objects.get()
    assert session.is_ended
    assert LiveAnswer.objects.filter(question__position=1).count() == 3
    assert LiveAnswer.objects.get(question__position=2).player.name == "Wanderer"
    for context in (projector.context, sockets.context, blocked_context, leaving_context):
        context.close()
