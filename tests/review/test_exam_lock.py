"""Spaced review while an exam is open: its questions wait (SECURITY 25); exam-only questions
never become cards."""

from datetime import timedelta

import pytest

from quizzes.services import attempt_start, attempt_submit
from review.models import ReviewCard
from review.selectors import (
    StaleReview,
    next_review_question,
    review_card_for_answer,
    review_summary,
)
from review.services import review_sync
from tests.factories import QuestionFactory, QuizFactory
from tests.progress.helpers import T0, attempt_with

pytestmark = pytest.mark.django_db

NOW = T0 + timedelta(days=1)
LOCKED = "You can check this question after your exam."


@pytest.fixture
def questions(db):
    return QuestionFactory.create_batch(2)


@pytest.fixture
def carded(student, questions):
    """Both questions missed in a submitted practice quiz: two due cards."""
    q1, q2 = questions
    practice = QuizFactory(questions=questions, feedback_timing="immediate")
    attempt_with(student, practice, {q1: 0, q2: 0}, at=T0)
    review_sync(user=student, now=T0)
    return questions


@pytest.fixture
def exam(carded):
    """An exam (feedback after submitting) that shares the first question."""
    return QuizFactory(questions=[carded[0]], feedback_timing="after")


def test_review_skips_a_card_held_by_an_open_exam_and_says_why(student, carded, exam):
    """SECURITY 25: the open exam's question is not offered; the summary counts it as held."""
    q1, q2 = carded
    assert next_review_question(user=student, now=NOW).card.question == q1
    attempt_start(user=student, quiz=exam, now=NOW)
    assert next_review_question(user=student, now=NOW).card.question == q2
    summary = review_summary(user=student, now=NOW)
    assert (summary.due, summary.held, summary.total) == (1, 1, 2)


def test_the_review_page_says_why_a_card_waits(student_client, student, carded, exam):
    """SECURITY 25: the learner sees why a due question is not offered."""
    attempt_start(user=student, quiz=exam)
    response = student_client.get("/review/")
    assert response.context["question"].card.question == carded[1]
    html = response.content.decode()
    assert "1 due question is also in the exam you have open" in html
    assert "They come back as soon as you submit the exam." in html


def test_a_review_form_from_before_the_exam_cannot_be_answered(student, carded, exam):
    """SECURITY 25: a token made before the exam started is refused with the reason."""
    token = next_review_question(user=student, now=NOW).token
    attempt_start(user=student, quiz=exam, now=NOW)
    with pytest.raises(StaleReview, match=LOCKED):
        review_card_for_answer(user=student, token=token, now=NOW)
    card = ReviewCard.objects.get(user=student, question=carded[0])
    assert card.last_reviewed_at is None


def test_submitting_the_exam_releases_the_card(student, carded, exam):
    """SECURITY 25: once the exam is submitted its questions come back to review."""
    attempt = attempt_start(user=student, quiz=exam, now=NOW)
    attempt_submit(attempt=attempt, now=NOW)
    assert next_review_question(user=student, now=NOW).card.question == carded[0]
    token = next_review_question(user=student, now=NOW).token
    assert review_card_for_answer(user=student, token=token, now=NOW).card.question == carded[0]
    assert review_summary(user=student, now=NOW).held == 0


def test_an_immediate_feedback_quiz_holds_nothing(student, carded):
    """SECURITY 25: only attempts whose feedback comes after submitting hold cards."""
    practice = QuizFactory(questions=[carded[0]], feedback_timing="immediate")
    attempt_start(user=student, quiz=practice, now=NOW)
    assert next_review_question(user=student, now=NOW).card.question == carded[0]


def test_another_learners_exam_holds_nothing(student, other_student, carded, exam):
    attempt_start(user=other_student, quiz=exam, now=NOW)
    assert next_review_question(user=student, now=NOW).card.question == carded[0]


def test_exam_only_questions_never_become_cards(student):
    """SECURITY 25: a missed exam-only question is never carded for review."""
    kept, exam_only = QuestionFactory(), QuestionFactory(exam_only=True)
    quiz = QuizFactory(questions=[kept, exam_only])
    attempt_with(student, quiz, {kept: 0, exam_only: 0}, at=T0)
    assert review_sync(user=student, now=NOW) == 1
    assert [c.question for c in ReviewCard.objects.filter(user=student)] == [kept]


def test_a_question_made_exam_only_later_leaves_review(student, carded):
    """SECURITY 25: an existing card of a question since marked exam only is no longer shown."""
    q1, q2 = carded
    q1.exam_only = True
    q1.save()
    assert next_review_question(user=student, now=NOW).card.question == q2
    assert review_summary(user=student, now=NOW).total == 1
