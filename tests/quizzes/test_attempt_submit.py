"""Submitting: graded once, whatever a second submit, a race or a later save tries."""

from decimal import Decimal
from unittest import mock

import pytest
from django.http import QueryDict
from django.utils import timezone

from quizzes import services
from quizzes.forms import build_slot, parse_slot
from quizzes.models import Answer, Attempt
from tests.quizzes.pages import (
    answers_of,
    merged,
    messages_of,
    results_url,
    right_fields,
    save,
    save_json,
    start,
    submit,
    text_of,
)

pytestmark = pytest.mark.django_db


def test_double_submit_grades_once_and_shows_the_same_result(student_client, all_types_quiz):
    attempt = start(student_client, all_types_quiz)
    answers = answers_of(attempt)
    save(student_client, attempt, merged(*(right_fields(a) for a in answers[:4])), action="summary")
    first, second = submit(student_client, attempt), submit(student_client, attempt)
    assert first.status_code == second.status_code == 302
    assert first.url == second.url == results_url(attempt)
    assert Attempt.objects.filter(quiz=all_types_quiz).count() == 1
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED
    assert attempt.score == Decimal("0.5714")
    assert text_of(student_client.get(first.url)) == text_of(student_client.get(second.url))


def test_submit_after_submit_does_not_regrade_tampered_answers(student_client, all_types_quiz):
    attempt = start(student_client, all_types_quiz)
    answers = answers_of(attempt)
    save(student_client, attempt, right_fields(answers[0]))
    submit(student_client, attempt)
    attempt.refresh_from_db()
    score, submitted_at = attempt.score, attempt.submitted_at
    assert score == Decimal("0.1429")

    # Someone rewrites the stored answers behind the app's back, then submits again.
    for answer in answers:
        fields = right_fields(answer)
        data = QueryDict(mutable=True)
        for key, value in fields.items():
            data.setlist(key, value if isinstance(value, list) else [value])
        Answer.objects.filter(pk=answer.pk).update(response=parse_slot(build_slot(answer), data))
    response = submit(student_client, attempt)
    assert response.url == results_url(attempt)
    attempt.refresh_from_db()
    assert attempt.score == score
    assert attempt.submitted_at == submitted_at
    assert [a.score for a in answers_of(attempt)] == [1, 0, 0, 0, 0, 0, 0]
    assert "14%" in text_of(student_client.get(response.url))


def test_a_submit_racing_another_keeps_the_winners_grade(student_client, all_types_quiz):
    attempt = start(student_client, all_types_quiz)
    answers = answers_of(attempt)
    save(student_client, attempt, merged(*(right_fields(a) for a in answers)))
    grade = services.answer_grade
    calls = []

    def other_submit_finishes_first(answer):
        if not calls:  # the other request submits while this one is grading
            Attempt.objects.filter(pk=attempt.pk).update(
                state="submitted", score=Decimal("0.5"), submitted_at=timezone.now()
            )
        calls.append(answer)
        return grade(answer)

    with mock.patch("quizzes.services.answer_grade", side_effect=other_submit_finishes_first):
        response = submit(student_client, attempt)
    assert response.url == results_url(attempt)
    attempt.refresh_from_db()
    assert attempt.score == Decimal("0.5")
    assert all(a.score is None for a in answers_of(attempt))
    assert student_client.get(response.url).status_code == 200


def test_save_after_submit_is_refused(student_client, all_types_quiz):
    attempt = start(student_client, all_types_quiz)
    answers = answers_of(attempt)
    submit(student_client, attempt)
    response = save(student_client, attempt, right_fields(answers[0]))
    assert response.url == results_url(attempt)
    assert any("already been submitted" in m for m in messages_of(student_client.get(response.url)))
    response = save_json(student_client, attempt, right_fields(answers[0]))
    assert response.status_code == 409
    assert response.json()["closed"] is True
    assert Answer.objects.get(pk=answers[0].pk).response is None


def test_opening_a_submitted_attempt_shows_its_results(student_client, all_types_quiz):
    attempt = start(student_client, all_types_quiz)
    submit(student_client, attempt)
    response = student_client.get(attempt.get_absolute_url())
    assert response.status_code == 302
    assert response.url == results_url(attempt)
