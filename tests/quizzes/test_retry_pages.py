"""“Try again” on the attempt page without JavaScript: ordinary posts and redirects."""

import pytest
from django.test import Client
from django.urls import reverse

from classrooms.models import Classroom
from quizzes.models import Answer, Quiz, QuizQuestion
from tests.classrooms.helpers import make_classroom
from tests.quizzes.helpers import SINGLE, TRUEFALSE, make_quiz
from tests.quizzes.pages import (
    answers_of,
    fieldset,
    form_state,
    page_url,
    results_url,
    right_fields,
    save,
    start,
    submit,
    text_of,
    wrong_fields,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def practice(db):
    return make_quiz([SINGLE, TRUEFALSE], feedback_timing=Quiz.Feedback.IMMEDIATE)


def _checked_wrong(client, quiz):
    attempt = start(client, quiz)
    first = answers_of(attempt)[0]
    save(client, attempt, wrong_fields(first), check="1")
    return attempt, first


def _retry_url(attempt, n=1) -> str:
    return f"{page_url(attempt, 1)}&retry={n}#q{n}"


def test_try_again_shows_the_inputs_then_the_new_verdict(student_client, practice):
    attempt, first = _checked_wrong(student_client, practice)
    page = student_client.get(page_url(attempt, 1))
    assert 'name="retry" value="1"' in page.content.decode()
    assert "Try again" in text_of(page)

    response = save(student_client, attempt, {"retry": "1"})
    assert response.status_code == 302
    assert response.url == _retry_url(attempt)

    page = student_client.get(response.url)
    part = fieldset(page, 1)
    assert "disabled" not in part and 'type="radio"' in part
    # The inputs come back with the last try in them (here the first, wrong one).
    assert form_state(page)["q1"] == [wrong_fields(first)["q1"]]
    assert 'name="tries-1" value="0"' in part
    assert "Try 2: practice only" in text_of(page)

    response = save(student_client, attempt, {**right_fields(first), "tries-1": "0"}, check="1")
    assert response.status_code == 302
    assert response.url == page_url(attempt, 1) + "#q1"
    page = student_client.get(response.url)
    assert "✗ Incorrect" in fieldset(page, 1)  # the first try's feedback stays
    assert "Right on your second try" in text_of(page)
    assert 'name="retry" value="1"' not in page.content.decode()
    answer = Answer.objects.get(pk=first.pk)
    assert answer.score == 0 and len(answer.retries) == 1


def test_a_wrong_second_try_says_so_and_offers_another(student_client, practice):
    attempt, first = _checked_wrong(student_client, practice)
    save(student_client, attempt, {**wrong_fields(first), "tries-1": "0"}, check="1")
    page = student_client.get(page_url(attempt, 1))
    assert "✗ Try 2: not yet" in text_of(page)
    assert 'name="retry" value="1"' in page.content.decode()


def test_the_same_try_posted_twice_records_one(student_client, practice):
    attempt, first = _checked_wrong(student_client, practice)
    seq = attempt.__class__.objects.get(pk=attempt.pk).sequence
    for _ in range(2):
        response = save(
            student_client,
            attempt,
            {**right_fields(first), "tries-1": "0", "page_token": "one-page"},
            check="1",
            seq=seq,
        )
        assert response.status_code == 302
    assert len(Answer.objects.get(pk=first.pk).retries) == 1


def test_try_again_on_a_right_answer_is_409(student_client, practice):
    attempt = start(student_client, practice)
    first = answers_of(attempt)[0]
    save(student_client, attempt, right_fields(first), check="1")
    assert 'name="retry"' not in student_client.get(page_url(attempt, 1)).content.decode()
    response = save(student_client, attempt, {"retry": "1"})
    assert response.status_code == 409
    assert "already got this question right" in text_of(response)
    response = save(student_client, attempt, {**wrong_fields(first), "tries-1": "0"}, check="1")
    assert response.status_code == 409
    assert Answer.objects.get(pk=first.pk).retries == []


def test_try_again_on_an_unchecked_or_absent_question_is_refused(student_client, practice):
    attempt = start(student_client, practice)
    response = save(student_client, attempt, {"retry": "1"})
    assert response.status_code == 409
    assert "Check your answer first" in text_of(response)
    response = save(student_client, attempt, {"retry": "9"})
    assert response.status_code == 400


def test_a_try_on_a_submitted_attempt_is_409_with_the_way_to_the_results(student_client, practice):
    attempt, first = _checked_wrong(student_client, practice)
    submit(student_client, attempt)
    for extra in ({"retry": "1"}, {"check": "1", "tries-1": "0"}):
        response = save(student_client, attempt, {**right_fields(first), **extra})
        assert response.status_code == 409
        assert "already been submitted" in text_of(response)
        assert results_url(attempt) in response.content.decode()
    assert Answer.objects.get(pk=first.pk).retries == []


def test_a_try_on_another_learners_attempt_is_404(student_client, other_student, practice):
    other_client = Client()
    other_client.force_login(other_student)
    attempt, first = _checked_wrong(other_client, practice)
    response = save(student_client, attempt, {**right_fields(first), "tries-1": "0"}, check="1")
    assert response.status_code == 404
    assert save(student_client, attempt, {"retry": "1"}).status_code == 404
    assert Answer.objects.get(pk=first.pk).retries == []


def test_no_try_again_in_a_timed_quiz(student_client):
    quiz = make_quiz(
        [SINGLE], slug="timed-practice", feedback_timing="immediate", time_limit_minutes=20
    )
    attempt, _first = _checked_wrong(student_client, quiz)
    page = student_client.get(page_url(attempt, 1))
    assert "✗ Incorrect" in fieldset(page, 1)
    assert 'name="retry"' not in page.content.decode()
    assert save(student_client, attempt, {"retry": "1"}).status_code == 409
    # A crafted ?retry= shows no inputs either.
    assert "disabled" in fieldset(student_client.get(_retry_url(attempt)), 1)


def test_no_try_again_while_the_question_is_in_an_open_exam(student_client, practice):
    attempt, first = _checked_wrong(student_client, practice)
    exam = Quiz.objects.create(slug="exam", title="Exam")
    QuizQuestion.objects.create(quiz=exam, question=first.question, position=1)
    start(student_client, exam)
    page = student_client.get(page_url(attempt, 1))
    assert "You can check this question after your exam." in text_of(page)
    assert 'name="retry"' not in page.content.decode()
    response = save(student_client, attempt, {"retry": "1"})
    assert response.status_code == 409
    assert "after your exam" in text_of(response)


def test_the_retry_page_runs_the_same_queries_as_the_page(
    student_client, practice, django_assert_num_queries
):
    attempt, _first = _checked_wrong(student_client, practice)
    with django_assert_num_queries(6):
        assert student_client.get(_retry_url(attempt)).status_code == 200


def test_results_and_the_teachers_view_say_right_on_try_n_and_keep_the_first_mark(
    student_client, student, teacher, practice
):
    attempt, first = _checked_wrong(student_client, practice)
    save(student_client, attempt, {**right_fields(first), "tries-1": "0"}, check="1")
    submit(student_client, attempt)
    results = student_client.get(results_url(attempt))
    assert "Right on try 2 in practice. The mark is from the first try." in text_of(results)
    assert "✗ Incorrect" in fieldset(results, 1)

    classroom: Classroom = make_classroom(teacher, student)
    client = Client()
    client.force_login(teacher)
    url = reverse(
        "classrooms:attempt",
        kwargs={"pk": classroom.pk, "user_id": student.pk, "attempt_id": attempt.pk},
    )
    teacher_page = client.get(url)
    assert "Right on try 2 in practice" in text_of(teacher_page)
    assert "✗ Incorrect" in fieldset(teacher_page, 1)
