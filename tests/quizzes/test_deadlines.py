"""Time limits: the server's clock decides, with a short grace; the client's clock is ignored."""

from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes import services
from quizzes.models import Answer, Attempt
from tests.quizzes.pages import (
    answers_of,
    merged,
    messages_of,
    page_url,
    results_url,
    right_fields,
    save,
    save_json,
    start,
    text_of,
)

pytestmark = pytest.mark.django_db


def _expire(attempt: Attempt, *, seconds_ago: int) -> Attempt:
    deadline = timezone.now() - timedelta(seconds=seconds_ago)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=deadline)
    attempt.refresh_from_db()
    return attempt


def test_timed_attempt_shows_the_server_time_left(student_client, timed_quiz):
    attempt = start(student_client, timed_quiz)
    assert attempt.deadline == attempt.started_at + timedelta(minutes=10)
    with mock.patch(
        "quizzes.selectors.timezone.now", return_value=attempt.deadline - timedelta(seconds=90)
    ):
        response = student_client.get(attempt.get_absolute_url())
    assert 'data-seconds-left="90"' in response.content.decode()
    assert "2 minutes left" in text_of(response)


def test_save_after_the_deadline_is_refused_and_the_attempt_graded_with_saved_answers(
    student_client, timed_quiz
):
    attempt = start(student_client, timed_quiz)
    answers = answers_of(attempt)
    save(student_client, attempt, right_fields(answers[0]))
    attempt = _expire(attempt, seconds_ago=60)

    late = merged(*(right_fields(a) for a in answers[1:]))
    response = save(student_client, attempt, late)
    assert response.status_code == 302
    assert response.url == results_url(attempt)
    results = student_client.get(response.url)
    assert any("Time is up" in m for m in messages_of(results))
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED
    assert attempt.submitted_at == attempt.deadline
    assert attempt.score == Decimal("0.3333")
    assert [a.response is not None for a in answers_of(attempt)] == [True, False, False]
    assert "33%" in text_of(results)


def test_autosave_after_the_deadline_answers_409_closed(student_client, timed_quiz):
    attempt = start(student_client, timed_quiz)
    answers = answers_of(attempt)
    _expire(attempt, seconds_ago=60)
    response = save_json(student_client, attempt, right_fields(answers[0]))
    assert response.status_code == 409
    assert response.json()["closed"] is True
    assert Answer.objects.get(pk=answers[0].pk).response is None
    assert Attempt.objects.get(pk=attempt.pk).state == Attempt.State.SUBMITTED


def test_save_within_the_grace_after_the_deadline_still_counts(student_client, timed_quiz):
    attempt = start(student_client, timed_quiz)
    answers = answers_of(attempt)
    with mock.patch(
        "quizzes.services.timezone.now", return_value=attempt.deadline + timedelta(seconds=5)
    ):
        response = save_json(student_client, attempt, right_fields(answers[0]))
    assert response.status_code == 200
    assert Answer.objects.get(pk=answers[0].pk).response is not None


def test_save_just_past_the_grace_is_refused_with_patched_clock(student_client, timed_quiz):
    attempt = start(student_client, timed_quiz)
    answers = answers_of(attempt)
    save(student_client, attempt, right_fields(answers[0]))
    with mock.patch(
        "quizzes.services.timezone.now",
        return_value=attempt.deadline + services.DEADLINE_GRACE + timedelta(seconds=1),
    ):
        response = save(student_client, attempt, right_fields(answers[1]))
    assert response.url == results_url(attempt)
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED
    assert attempt.score == Decimal("0.3333")
    assert Answer.objects.get(pk=answers[1].pk).response is None


def test_opening_an_attempt_after_its_deadline_closes_it_and_shows_the_results(
    student_client, timed_quiz
):
    attempt = start(student_client, timed_quiz)
    answers = answers_of(attempt)
    save(student_client, attempt, merged(*(right_fields(a) for a in answers[:2])))
    with mock.patch(
        "quizzes.services.timezone.now", return_value=attempt.deadline + timedelta(minutes=5)
    ):
        response = student_client.get(attempt.get_absolute_url())
    assert response.status_code == 302
    assert response.url == results_url(attempt)
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED
    assert attempt.score == Decimal("0.6667")
    assert attempt.submitted_at == attempt.deadline


def test_resume_after_the_deadline_shows_the_graded_attempt_not_a_new_one(
    student_client, timed_quiz
):
    """A quiz page opened before the time ran out still offers "Resume"; pressing it must show
    that attempt's result, not silently start (and spend) a new attempt with a fresh clock."""
    attempt = start(student_client, timed_quiz)
    answers = answers_of(attempt)
    save(student_client, attempt, right_fields(answers[0]))
    _expire(attempt, seconds_ago=60)

    response = student_client.post(reverse("quizzes:start", args=[timed_quiz.slug]))
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED
    assert attempt.score == Decimal("0.3333")
    assert Attempt.objects.filter(quiz=timed_quiz).count() == 1
    assert response.url == results_url(attempt)


def test_quiz_page_after_the_deadline_shows_the_attempt_graded(student_client, timed_quiz):
    attempt = start(student_client, timed_quiz)
    _expire(attempt, seconds_ago=60)
    page = text_of(student_client.get(timed_quiz.get_absolute_url()))
    assert "Resume your attempt" not in page
    assert "See results" in page
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED


@pytest.mark.parametrize(
    "client_clock",
    [
        {"time_left": "99999"},
        {"seconds_left": "600", "time_up": "0"},
        {"deadline": "2999-01-01T00:00:00Z", "timeup": "false"},
    ],
)
def test_client_time_left_is_ignored_after_the_deadline(student_client, timed_quiz, client_clock):
    attempt = start(student_client, timed_quiz)
    answers = answers_of(attempt)
    _expire(attempt, seconds_ago=60)
    response = save(student_client, attempt, {**right_fields(answers[0]), **client_clock})
    assert response.url == results_url(attempt)
    assert Answer.objects.get(pk=answers[0].pk).response is None
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED
    assert attempt.deadline < timezone.now()


@pytest.mark.parametrize("client_clock", [{"time_up": "1"}, {"time_left": "0"}, {"timeup": "true"}])
def test_client_time_is_up_is_ignored_before_the_deadline(student_client, timed_quiz, client_clock):
    attempt = start(student_client, timed_quiz)
    deadline = attempt.deadline
    answers = answers_of(attempt)
    response = save(student_client, attempt, {**right_fields(answers[0]), **client_clock})
    assert response.url == page_url(attempt, 1)
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.IN_PROGRESS
    assert attempt.deadline == deadline
    assert Answer.objects.get(pk=answers[0].pk).response is not None
