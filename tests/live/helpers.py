"""Live sessions for the live tests: a quiz of every phone type, a classroom, players."""

import threading
from datetime import UTC, datetime

from asgiref.sync import async_to_sync
from django.db import connections

from live.models import LiveQuestion
from live.services import question_next, session_create
from tests.quizzes.helpers import (
    MULTIPLE,
    NUMERICAL,
    ORDERING,
    SHORTANSWER,
    SINGLE,
    TRUEFALSE,
    make_quiz,
    right_response,
)

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
PHONE_TYPES = [SINGLE, MULTIPLE, TRUEFALSE, SHORTANSWER, NUMERICAL, ORDERING]


def live_quiz(questions=PHONE_TYPES, **options):
    return make_quiz(questions, slug="live-quiz", shuffle_choices=False, **options)


def current(session) -> LiveQuestion:
    return (
        LiveQuestion.objects.select_related("question")
        .prefetch_related("question__choices")
        .get(session=session, position=session.position)
    )


def right(session) -> dict:
    return right_response(current(session).question)


def started(teacher, quiz=None, *, now=NOW, **options):
    """A session of the quiz with its first question open."""
    session = session_create(host=teacher, quiz=quiz or live_quiz(), now=now, **options)
    return question_next(session=session, now=now)


def run_async(body) -> None:
    """Run an async test body to the end in a thread of its own: Playwright's sync API (the
    browser tests) may hold this thread's event loop for the rest of the session."""
    outcome = {}

    def target() -> None:
        try:
            async_to_sync(body)()
        except BaseException as error:  # noqa: BLE001 - handed back to the test's thread
            outcome["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
