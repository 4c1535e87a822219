"""Load run of the live quiz: 10 classes of 40 phones at once, on real ASGI servers.

    DATABASE_URL=postgres://... REDIS_URL=redis://... python benchmarks/live_load.py \
        [--classes 10] [--phones 40] [--questions 5] [--servers 2]

It migrates the database it is given (use a scratch one: it adds a teacher, a quiz and the
sessions), starts `--servers` daphne processes on it with the Redis channel layer, and opens
one host socket per class and `--phones` phone sockets per class, spread over the servers.
For each question the hosts ask it, every phone answers over its socket and waits for
"saved", then all hosts reveal at the same moment. Measured per phone: from the host's reveal
to the phone's socket receiving it with its own verdict (the page's script draws it in place,
without a page load), and, for each new question, from the host's click to the phone having
loaded its question page again from gunicorn, as the script does; p50/p95/p99 over every
phone and question. At the end every answer sent must be in the database: lost answers are
counted (and fail the run).
"""

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spaceedu.settings")
os.environ.setdefault("SECRET_KEY", "live-load-benchmark-secret-key-0123456789-abcdefghijklmno")

import django  # noqa: E402

django.setup()

import websockets  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils.module_loading import import_string  # noqa: E402

from live.models import LiveAnswer, LivePlayer, LiveSession  # noqa: E402
from live.services import player_join, session_create  # noqa: E402
from quizzes.bank import question_save  # noqa: E402
from quizzes.models import Quiz, QuizQuestion  # noqa: E402

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def make_quiz(questions: int) -> Quiz:
    quiz, _ = Quiz.objects.get_or_create(slug="live-load", defaults={"title": "Live load"})
    QuizQuestion.objects.filter(quiz=quiz).delete()
    for n in range(questions):
        question, _ = question_save(
            data={
                "name": f"live-load-{n}", "type": "single", "category": "live-load",
                "text": f"Question {n}?", "general_feedback": "Because.",
                "choices": [{"text": t, "fraction": f, "feedback": ""}
                            for t, f in [("Right", 1), ("Wrong", 0), ("Also wrong", 0)]],
            }
        )  # fmt: skip
        QuizQuestion.objects.create(quiz=quiz, question=question, position=n + 1)
    return quiz


def session_cookie(data: dict) -> str:
    store = import_string(settings.SESSION_ENGINE + ".SessionStore")()
    store.update(data)
    store.create()
    return store.session_key


def make_user_cookie(user) -> str:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def setup(classes: int, phones: int, questions: int) -> list[dict]:
    call_command("migrate", "--noinput", verbosity=0)
    user_model = get_user_model()
    teacher, _ = user_model.objects.get_or_create(username="live-load-teacher")
    LiveSession.objects.filter(host=teacher).delete()
    quiz = make_quiz(questions)
    host_cookie = make_user_cookie(teacher)
    plan = []
    for _ in range(classes):
        session = session_create(host=teacher, quiz=quiz, seconds=120)
        players = []
        for n in range(phones):
            player = player_join(session=session, name=f"Phone {n}")
            cookie = session_cookie({"live": {str(session.pk): player.pk}})
            players.append((player.pk, cookie))
        plan.append({"session": session.pk, "host": host_cookie, "players": players})
    return plan


def start_servers(count: int, env: dict, logs: Path) -> tuple[list[int], list]:
    ports = [free_port() for _ in range(count)]
    # A busy machine may take more than daphne's default 5 s to accept 400 sockets at once.
    command = [sys.executable, "-m", "daphne", "--websocket_connect_timeout", "30", "-b", HOST]
    processes = []
    for port in ports:
        log = open(logs / f"daphne-{port}.log", "w")  # noqa: SIM115 - open while it runs
        processes.append(
            subprocess.Popen(  # noqa: S603
                [*command, "-p", str(port), "spaceedu.asgi:application"],
                cwd=ROOT,
                env={**env, "CONN_MAX_AGE": "0"},
                stdout=log,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
        )
    for port in ports:
        wait_for(port)
    return ports, processes


def wait_for(port: int) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection((HOST, port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"no server on port {port}") from None
            time.sleep(0.2)


async def http_get(port: int, path: str, cookie: str) -> int:
    """A plain HTTP/1.1 GET, as the phone's script reloads its page; the status code."""
    reader, writer = await asyncio.open_connection(HOST, port)
    writer.write(
        f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nCookie: {settings.SESSION_COOKIE_NAME}={cookie}"
        f"\r\nConnection: close\r\n\r\n".encode()
    )
    await writer.drain()
    data = await reader.read()
    writer.close()
    return int(data.split(b" ", 2)[1])


class Phone:
    def __init__(self, port: int, session: int, cookie: str) -> None:
        self.port, self.session, self.cookie = port, session, cookie
        self.states: asyncio.Queue = asyncio.Queue()
        self.replies: asyncio.Queue = asyncio.Queue()
        self.sent = 0
        self.saved = 0

    async def open(self) -> None:
        self.socket = await websockets.connect(
            f"ws://{HOST}:{self.port}/ws/live/{self.session}/",
            origin=f"http://{HOST}",
            additional_headers=[("Cookie", f"{settings.SESSION_COOKIE_NAME}={self.cookie}")],
            max_queue=None,
        )
        self.reader = asyncio.create_task(self.read())

    async def read(self) -> None:
        async for raw in self.socket:
            message = json.loads(raw)
            now = time.perf_counter()
            if message["type"] == "state":
                await self.states.put((now, message))
            else:
                await self.replies.put(message)

    async def until(
        self, status: str, position: int, timeout: float = 60, reveal: bool = False
    ) -> float:
        while True:
            at, message = await asyncio.wait_for(self.states.get(), timeout)
            state = message["state"]
            if state["status"] == status and state["position"] == position:
                if reveal:
                    you = message.get("reveal", {}).get("you")
                    assert you and you["verdict"] in {"right", "wrong"}, message
                return at

    async def answer(self, position: int) -> None:
        self.sent += 1
        index = random.choice(["0", "0", "1", "2"])  # noqa: S311 - a load, not a secret
        await self.socket.send(json.dumps({"action": "answer", "data": [[f"q{position}", index]]}))
        reply = await asyncio.wait_for(self.replies.get(), 60)
        if reply["type"] == "saved":
            self.saved += 1
        else:
            print("answer refused:", reply)


async def run(plan: list[dict], ports: list[int], page_port: int, questions: int) -> dict:
    hosts, phones = [], []
    for number, room in enumerate(plan):
        host = Phone(ports[number % len(ports)], room["session"], room["host"])
        await host.open()
        hosts.append(host)
        room_phones = [
            Phone(ports[(number + n) % len(ports)], room["session"], cookie)
            for n, (_pk, cookie) in enumerate(room["players"])
        ]
        await asyncio.gather(*(phone.open() for phone in room_phones))
        phones.append(room_phones)
    everyone = [phone for room in phones for phone in room]
    print(
        f"{len(everyone)} phone sockets and {len(hosts)} host sockets open on {len(ports)} servers"
    )
    event_ms, question_ms = [], []
    for position in range(1, questions + 1):
        # The next question: each phone's script loads its page again (from the WSGI servers).
        asked = time.perf_counter()
        await asyncio.gather(*(h.socket.send(json.dumps({"action": "next"})) for h in hosts))

        async def load(phone: Phone, position: int = position, asked: float = asked) -> None:
            await phone.until("question", position)
            status = await http_get(page_port, f"/live/{phone.session}/", phone.cookie)
            assert status == 200, status
            question_ms.append((time.perf_counter() - asked) * 1000)

        await asyncio.gather(*(load(p) for p in everyone))
        await asyncio.gather(*(p.answer(position) for p in everyone))
        await asyncio.sleep(0.5)
        # Every class's host reveals at the same moment; phones draw it from the event.
        started = time.perf_counter()
        await asyncio.gather(*(h.socket.send(json.dumps({"action": "reveal"})) for h in hosts))

        async def show(phone: Phone, position: int = position, started: float = started) -> None:
            at = await phone.until("reveal", position, reveal=True)
            event_ms.append((at - started) * 1000)

        await asyncio.gather(*(show(p) for p in everyone))
        print(
            f"question {position}: reveal on {len(everyone)} phones, slowest "
            f"{max(event_ms[-len(everyone) :]):.0f} ms; question pages loaded, slowest "
            f"{max(question_ms[-len(everyone) :]):.0f} ms"
        )
    await asyncio.gather(*(h.socket.send(json.dumps({"action": "end"})) for h in hosts))
    await asyncio.sleep(1)
    for phone in everyone + hosts:
        await phone.socket.close()
    return {
        "event_ms": event_ms,
        "question_ms": question_ms,
        "sent": sum(p.sent for p in everyone),
        "saved": sum(p.saved for p in everyone),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--phones", type=int, default=40)
    parser.add_argument("--questions", type=int, default=5)
    parser.add_argument("--servers", type=int, default=2, help="daphne processes (sockets)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (pages)")
    args = parser.parse_args()
    if not settings.REDIS_URL or settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        raise SystemExit("Set DATABASE_URL (PostgreSQL) and REDIS_URL: servers share both.")
    plan = setup(args.classes, args.phones, args.questions)
    static = tempfile.mkdtemp(prefix="live-load-static-")
    env = {
        **os.environ, "DEBUG": "0", "ALLOWED_HOSTS": HOST, "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": static, "LOG_LEVEL": "WARNING",
    }  # fmt: skip
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    logs = Path(tempfile.mkdtemp(prefix="live-load-logs-"))
    ports, processes = start_servers(args.servers, env, logs)
    # The pages come from gunicorn (WSGI), as in production; daphne serves the sockets.
    page_port = free_port()
    with open(logs / "gunicorn.log", "w") as log:
        processes.append(
            subprocess.Popen(  # noqa: S603
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "-c",
                    "python:spaceedu.gunicorn_conf",
                    "--bind",
                    f"{HOST}:{page_port}",
                    "--workers",
                    str(args.workers),
                    "spaceedu.wsgi",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
        )
    wait_for(page_port)
    try:
        result = asyncio.run(run(plan, ports, page_port, args.questions))
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        print(f"server logs: {logs}")
    stored = LiveAnswer.objects.filter(
        player__in=LivePlayer.objects.filter(session_id__in=[room["session"] for room in plan])
    ).count()
    print()
    print(f"{args.classes} classes x {args.phones} phones, {args.questions} questions, "
          f"{args.servers} daphne servers (sockets), gunicorn x {args.workers} (pages), "
          "PostgreSQL + Redis channel layer")  # fmt: skip
    names = {"event_ms": "reveal -> every phone shows it", "question_ms": "next -> question page"}
    for name, label in names.items():
        values = result[name]
        print(f"{label:31}: p50 {percentile(values, 50):6.0f} ms  "
              f"p95 {percentile(values, 95):6.0f} ms  p99 {percentile(values, 99):6.0f} ms  "
              f"max {max(values):6.0f} ms  mean {statistics.mean(values):6.0f} ms")  # fmt: skip
    lost = result["sent"] - stored
    print(f"answers sent {result['sent']}, saved replies {result['saved']}, stored {stored}, "
          f"lost {lost}")  # fmt: skip
    if lost:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
