"""Starting an attempt: the attempt limit, resuming an open one, racing starts, the exam draw."""

from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes import services
from quizzes.models import Answer, Attempt, Quiz
from tests.factories import QuestionFactory, QuizFactory
from tests.quizzes.pages import (
    answers_of,
    messages_of,
    start,
    submit,
    text_of,
)

pytestmark = pytest.mark.django_db


def test_starting_beyond_the_attempt_limit_is_refused_and_creates_nothing(student_client):
    quiz = QuizFactory(questions=QuestionFactory.create_batch(2), max_attempts=2)
    for _ in range(2):
        submit(student_client, start(student_client, quiz))
    answers_before = Answer.objects.count()

    response = student_client.post(reverse("quizzes:start", args=[quiz.slug]))
    assert response.status_code == 302
    assert response.url == quiz.get_absolute_url()
    detail = student_client.get(response.url)
    assert "You have used all 2 attempts at this quiz." in messages_of(detail)
    assert "You have used all your attempts at this quiz." in text_of(detail)
    assert f'action="{reverse("quizzes:start", args=[quiz.slug])}"' not in detail.content.decode()
    assert Attempt.objects.count() == 2
    assert Answer.objects.count() == answers_before


def test_an_open_attempt_is_resumed_not_duplicated(student_client):
    quiz = QuizFactory(questions=QuestionFactory.create_batch(2), max_attempts=1)
    first = start(student_client, quiz)
    again = start(student_client, quiz)
    assert again.pk == first.pk
    assert Attempt.objects.count() == 1
    assert Answer.objects.count() == 2


def test_a_start_racing_another_start_resumes_the_winners_attempt(student_client, student):
    quiz = QuizFactory(questions=QuestionFactory.create_batch(2), max_attempts=1)
    draw = services.question_draw
    winner = {}

    def other_request_wins(*args, **kwargs):
        # The other request creates its attempt between our checks and our insert.
        winner["attempt"] = Attempt.objects.create(
            quiz=quiz, user=student, number=1, started_at=timezone.now()
        )
        return draw(*args, **kwargs)

    with mock.patch("quizzes.services.question_draw", side_effect=other_request_wins):
        response = student_client.post(reverse("quizzes:start", args=[quiz.slug]))
    assert response.status_code == 302
    assert response.url == winner["attempt"].get_absolute_url()
    assert Attempt.objects.count() == 1


def test_a_start_racing_to_the_attempt_limit_gets_a_message_not_a_500(student_client, student):
    quiz = QuizFactory(questions=QuestionFactory.create_batch(2), max_attempts=1)
    draw = services.question_draw

    def other_request_wins_and_submits(*args, **kwargs):
        Attempt.objects.create(
            quiz=quiz, user=student, number=1, started_at=timezone.now(), state="submitted"
        )
        return draw(*args, **kwargs)

    with mock.patch("quizzes.services.question_draw", side_effect=other_request_wins_and_submits):
        response = student_client.post(reverse("quizzes:start", args=[quiz.slug]))
    assert response.status_code == 302
    assert response.url == quiz.get_absolute_url()
    messages = messages_of(student_client.get(response.url))
    assert any("at the same moment" in m for m in messages)
    assert Attempt.objects.count() == 1
    assert not Answer.objects.exists()


def test_a_quiz_without_questions_cannot_be_started(student_client):
    quiz = QuizFactory()
    response = student_client.post(reverse("quizzes:start", args=[quiz.slug]))
    assert response.url == quiz.get_absolute_url()
    assert "This quiz has no questions yet." in messages_of(student_client.get(response.url))
    assert not Attempt.objects.exists()


def test_final_exam_draws_twenty_questions_with_a_deadline(student_client, bank):
    exam = Quiz.objects.get(slug="final-exam")
    attempt = start(student_client, exam)
    assert len(answers_of(attempt)) == 20
    assert attempt.deadline == attempt.started_at + timedelta(minutes=30)
    assert len({a.question_id for a in answers_of(attempt)}) == 20
