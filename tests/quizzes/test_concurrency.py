"""Races on a real database: two submits, two starts at the attempt limit (PostgreSQL).

On SQLite, the default, tests/quizzes/test_sqlite_concurrency.py runs such races on a file.
"""

import threading

import pytest
from django.db import connection

from quizzes.models import Attempt
from quizzes.services import AttemptLimitReached, attempt_save, attempt_start, attempt_submit
from tests.quizzes.helpers import SINGLE, make_quiz, right_response

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def race(count: int, action):
    """Run action() in `count` threads released at the same instant; collect results."""
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run():
        try:
            barrier.wait(timeout=10)
            results.append(action())
        except Exception as error:  # noqa: BLE001 - the test asserts there are none
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results, errors


def test_two_concurrent_submits_grade_once(student):
    attempt = attempt_start(user=student, quiz=make_quiz([SINGLE]))
    answer = attempt.answers.get()
    attempt_save(
        attempt=attempt, responses={answer.pk: right_response(answer.question)}, sequence=0
    )

    results, errors = race(2, lambda: attempt_submit(attempt=attempt))

    assert errors == []
    assert {(r.pk, r.score, r.submitted_at) for r in results} == {
        (attempt.pk, 1, results[0].submitted_at)
    }
    assert Attempt.objects.filter(state=Attempt.State.SUBMITTED).count() == 1


def test_concurrent_starts_at_the_limit_make_one_attempt(student):
    quiz = make_quiz([SINGLE], max_attempts=2)
    attempt_submit(attempt=attempt_start(user=student, quiz=quiz))

    results, errors = race(4, lambda: attempt_start(user=student, quiz=quiz))

    assert all(isinstance(error, AttemptLimitReached) for error in errors), errors
    assert Attempt.objects.filter(user=student, quiz=quiz).count() == 2
    assert {attempt.number for attempt in results} == {2}


def test_concurrent_saves_keep_one_consistent_sequence(student):
    attempt = attempt_start(user=student, quiz=make_quiz([SINGLE]))
    answer = attempt.answers.get()
    response = right_response(answer.question)

    results, errors = race(
        3, lambda: attempt_save(attempt=attempt, responses={answer.pk: response}, sequence=0)
    )

    # One tab wins; the others were built on the same old page and are told so.
    assert len(results) == 1
    assert len(errors) == 2 and all("out of date" in str(error) for error in errors)
    attempt.refresh_from_db()
    assert attempt.sequence == 1
