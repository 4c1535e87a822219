"""Queries per page, the same for 3 and 15 questions."""

import pytest
from django.urls import reverse

from lessons.models import Lesson
from quizzes.models import Answer, Attempt, Question
from tests.factories import CourseFactory, QuizFactory
from tests.quizzes.pages import (
    answers_of,
    make_questions,
    merged,
    results_url,
    right_fields,
    save,
    start,
    submit,
    text_of,
)

pytestmark = pytest.mark.django_db


SIZES = [3, 15]


@pytest.fixture(params=SIZES, ids=[f"{n}-questions" for n in SIZES])
def sized_attempt(request, student, student_client):
    """An open attempt at a quiz of 3 or 15 questions of every type, all on one page."""
    lesson = Lesson.objects.create(
        course=CourseFactory(),
        position=1,
        title="Sized",
        slug="sized",
        subtitle="",
        paragraphs=["One.", "Two."],
    )
    questions = make_questions(request.param, prefix=f"sized{request.param}", lesson=lesson)
    Question.objects.filter(pk__in=[q.pk for q in questions]).update(paragraph=2)
    quiz = QuizFactory(
        slug="sized", questions=questions, questions_per_page=20, feedback_timing="immediate"
    )
    return start(student_client, quiz)


def _all_right(attempt: Attempt) -> dict:
    return merged(*(right_fields(a) for a in answers_of(attempt)))


def test_attempt_page_runs_a_fixed_number_of_queries(
    student_client, sized_attempt, django_assert_num_queries
):
    fields = _all_right(sized_attempt)
    save(student_client, sized_attempt, fields, check="1")  # one question shows its feedback
    # + 1: the questions an open exam locks (SECURITY 25), read once for the page
    with django_assert_num_queries(6):
        response = student_client.get(sized_attempt.get_absolute_url())
    assert response.status_code == 200


def test_an_autosave_reads_no_question_or_choice(
    student_client, sized_attempt, django_assert_num_queries
):
    """An autosave (no check) writes answers: it needs no question or choice inside its
    transaction, only the page's, read once to check the form."""
    fields = _all_right(sized_attempt)
    data = {"seq": "0", "page": "1", **fields}
    url = reverse("quizzes:attempt-save", args=[sized_attempt.pk])
    # session, user, the attempt, the page (answers, choices); a savepoint, the attempt
    # locked, the answers alone, their update, the attempt's sequence, its release
    with django_assert_num_queries(11):
        response = student_client.post(url, data, headers={"Accept": "application/json"})
    assert response.status_code == 200, response.content
    assert Answer.objects.filter(attempt=sized_attempt, response__isnull=True).count() == 0


def test_attempt_save_runs_a_fixed_number_of_queries(
    student_client, sized_attempt, django_assert_num_queries
):
    fields = _all_right(sized_attempt)
    data = {"seq": "0", "page": "1", "action": "save", "check": "1", **fields}
    url = reverse("quizzes:attempt-save", args=[sized_attempt.pk])
    # + 1: whether an open exam locks the checked question (SECURITY 25)
    with django_assert_num_queries(14):
        response = student_client.post(url, data)
    assert response.status_code == 302
    assert Answer.objects.filter(attempt=sized_attempt, response__isnull=True).count() == 0


def test_attempt_submit_runs_a_fixed_number_of_queries(
    student_client, sized_attempt, django_assert_num_queries
):
    save(student_client, sized_attempt, _all_right(sized_attempt))
    url = reverse("quizzes:attempt-submit", args=[sized_attempt.pk])
    with django_assert_num_queries(11):
        response = student_client.post(url)
    assert response.status_code == 302
    assert Attempt.objects.get(pk=sized_attempt.pk).score == 1


def test_results_page_runs_a_fixed_number_of_queries(
    student_client, sized_attempt, django_assert_num_queries
):
    save(student_client, sized_attempt, _all_right(sized_attempt))
    submit(student_client, sized_attempt)
    # + 1: the questions an open exam holds back (SECURITY 25)
    with django_assert_num_queries(6):
        response = student_client.get(results_url(sized_attempt))
    assert response.status_code == 200
    assert "100%" in text_of(response)


@pytest.mark.parametrize("attempts", [1, 4])
def test_quiz_page_runs_a_fixed_number_of_queries(
    student_client, all_types_quiz, attempts, django_assert_num_queries
):
    for _ in range(attempts):
        submit(student_client, start(student_client, all_types_quiz))
    # Session, user, the quiz (its question count with it), attempts, the learner's allowance.
    with django_assert_num_queries(5):
        response = student_client.get(all_types_quiz.get_absolute_url())
    assert response.context["overview"].used == attempts
