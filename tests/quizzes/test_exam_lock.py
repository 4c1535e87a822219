"""An open exam locks its questions' answers in practice (SECURITY 25); exam-only questions
never reach a quiz with immediate feedback."""

import random

import pytest

from quizzes.models import Answer
from quizzes.selectors import questions_locked_by_open_exam
from quizzes.services import attempt_start, attempt_submit, question_draw
from tests.factories import LessonFactory, QuestionFactory, QuizFactory
from tests.quizzes.helpers import ALL_TYPES, make_quiz
from tests.quizzes.pages import (
    answers_of,
    fieldset,
    messages_of,
    page_url,
    results_url,
    right_fields,
    save,
    start,
    submit,
)

pytestmark = pytest.mark.django_db

LOCKED = "You can check this question after your exam."


@pytest.fixture
def practice(db):
    """A lesson quiz with immediate feedback: every type, one page."""
    return make_quiz(ALL_TYPES, slug="practice", feedback_timing="immediate", questions_per_page=10)


@pytest.fixture
def exam(practice):
    """The exam (feedback after submitting): the same questions as the practice quiz."""
    return make_quiz(ALL_TYPES, slug="exam", feedback_timing="after", questions_per_page=10)


def _check(client, attempt, answer):
    return save(client, attempt, right_fields(answer), check=str(answer.position))


def test_the_two_quizzes_share_their_questions(practice, exam):
    assert set(practice.questions.all()) == set(exam.questions.all())


def test_the_locked_questions_are_those_of_open_after_feedback_attempts(
    student, other_student, practice, exam
):
    """SECURITY 25: one rule, read once: open attempts whose feedback comes after submitting."""
    assert questions_locked_by_open_exam(user=student) == set()
    attempt_start(user=student, quiz=practice)
    assert questions_locked_by_open_exam(user=student) == set()
    attempt = attempt_start(user=student, quiz=exam)
    assert questions_locked_by_open_exam(user=student) == {q.pk for q in exam.questions.all()}
    assert questions_locked_by_open_exam(user=other_student) == set()
    attempt_submit(attempt=attempt)
    assert questions_locked_by_open_exam(user=student) == set()


def test_an_open_exam_locks_check_answer_on_a_shared_question(student_client, practice, exam):
    """SECURITY 25: "Check answer" refuses, says why, grades nothing; the page offers no check."""
    start(student_client, exam)
    attempt = start(student_client, practice)
    for answer in answers_of(attempt):
        response = _check(student_client, attempt, answer)
        assert response.status_code == 400, answer.question.type
        assert LOCKED in response.content.decode()
    assert not Answer.objects.filter(attempt=attempt, checked=True).exists()
    assert not Answer.objects.filter(attempt=attempt, score__isnull=False).exists()
    page = student_client.get(page_url(attempt, 1))
    html = page.content.decode()
    assert 'name="check"' not in html
    assert html.count(LOCKED) == len(ALL_TYPES)


def test_the_after_feedback_exam_itself_has_no_check(student_client, exam):
    """SECURITY 25: the exam shows no right answer before it is submitted."""
    attempt = start(student_client, exam)
    answer = answers_of(attempt)[0]
    response = _check(student_client, attempt, answer)
    assert response.status_code == 400
    assert not Answer.objects.get(pk=answer.pk).checked
    assert 'name="check"' not in student_client.get(page_url(attempt, 1)).content.decode()


def test_feedback_checked_before_the_exam_is_hidden_while_it_is_open(
    student_client, practice, exam
):
    """SECURITY 25: a check made before the exam started shows again only after it."""
    attempt = start(student_client, practice)
    first = answers_of(attempt)[0]
    assert _check(student_client, attempt, first).status_code == 302
    assert "verdict" in fieldset(student_client.get(page_url(attempt, 1)), 1)
    exam_attempt = start(student_client, exam)
    page = student_client.get(page_url(attempt, 1))
    assert "verdict" not in fieldset(page, 1)
    assert LOCKED in fieldset(page, 1)
    submit(student_client, exam_attempt)
    assert "verdict" in fieldset(student_client.get(page_url(attempt, 1)), 1)


def test_submitting_the_exam_unlocks_check_answer(student_client, practice, exam):
    """SECURITY 25: once the exam is submitted, practice checks again."""
    exam_attempt = start(student_client, exam)
    attempt = start(student_client, practice)
    submit(student_client, exam_attempt)
    answer = answers_of(attempt)[0]
    response = _check(student_client, attempt, answer)
    assert response.status_code == 302
    assert messages_of(student_client.get(page_url(attempt, 1))) == []
    checked = Answer.objects.get(pk=answer.pk)
    assert checked.checked and checked.score == 1


def test_a_question_outside_the_exam_can_still_be_checked(student_client, practice):
    """SECURITY 25: only the open exam's own questions are locked."""
    other = QuizFactory(slug="other-exam", questions=[QuestionFactory()], feedback_timing="after")
    start(student_client, other)
    attempt = start(student_client, practice)
    answer = answers_of(attempt)[0]
    assert _check(student_client, attempt, answer).status_code == 302
    assert Answer.objects.get(pk=answer.pk).checked


# -- exam-only questions ---------------------------------------------------------------------


def _draw(quiz, seed=1) -> set[int]:
    return {question.pk for question in question_draw(quiz=quiz, rng=random.Random(seed))}


def test_the_field_defaults_to_off():
    assert QuestionFactory().exam_only is False


def test_a_fixed_practice_quiz_leaves_out_exam_only_questions():
    """SECURITY 25: never drawn into a quiz with immediate feedback; kept in an exam."""
    kept, exam_only = QuestionFactory(), QuestionFactory(exam_only=True)
    practice = QuizFactory(questions=[kept, exam_only], feedback_timing="immediate")
    exam = QuizFactory(questions=[kept, exam_only], feedback_timing="after")
    assert _draw(practice) == {kept.pk}
    assert _draw(exam) == {kept.pk, exam_only.pk}


def test_a_random_practice_quiz_never_draws_exam_only_questions():
    """SECURITY 25: a random draw for practice skips exam-only questions, whatever the seed."""
    lesson = LessonFactory()
    kept = QuestionFactory.create_batch(3, lesson=lesson)
    exam_only = QuestionFactory.create_batch(3, lesson=lesson, exam_only=True)
    practice = QuizFactory(draw_count=6, feedback_timing="immediate")
    practice.pool_lessons.add(lesson)
    exam = QuizFactory(draw_count=6, feedback_timing="after")
    exam.pool_lessons.add(lesson)
    for seed in range(10):
        assert _draw(practice, seed) == {q.pk for q in kept}
    assert _draw(exam) == {q.pk for q in kept + exam_only}


def test_a_practice_attempt_never_holds_exam_only_questions(student):
    """SECURITY 25: a started practice attempt has no exam-only question in it."""
    kept, exam_only = QuestionFactory(), QuestionFactory(exam_only=True)
    practice = QuizFactory(questions=[kept, exam_only], feedback_timing="immediate")
    attempt = attempt_start(user=student, quiz=practice)
    assert [a.question for a in attempt.answers.all()] == [kept]


def test_practice_results_hold_back_the_open_exams_questions(student_client, practice, exam):
    """SECURITY 25: a finished practice attempt's results show no mark or right answer of a
    question in the open exam until that exam is submitted."""
    attempt = start(student_client, practice)
    fields = {}
    for answer in answers_of(attempt):
        fields.update(right_fields(answer))
    save(student_client, attempt, fields)
    submit(student_client, attempt)
    exam_attempt = start(student_client, exam)
    html = student_client.get(results_url(attempt)).content.decode()
    assert html.count(LOCKED) == len(ALL_TYPES)
    for marker in ("verdict", "the right answer", "Accepted:", "Right match", "Why:"):
        assert marker not in html, marker
    submit(student_client, exam_attempt)
    html = student_client.get(results_url(attempt)).content.decode()
    assert LOCKED not in html
    assert "verdict-right" in html
