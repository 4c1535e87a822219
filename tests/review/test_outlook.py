"""Is there anything to review? The rule the home page and My progress use for their link."""

from datetime import timedelta

import pytest
from django.http import QueryDict

from quizzes.selectors import attempt_results
from quizzes.services import attempt_start
from review.selectors import (
    missed_answers,
    next_review_question,
    review_card_for_answer,
    review_outlook,
)
from review.services import review_answer, review_sync
from tests.factories import QuestionFactory, QuizFactory
from tests.progress.helpers import T0, attempt_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def questions(db):
    return QuestionFactory.create_batch(2)


@pytest.fixture
def quiz(questions):
    return QuizFactory(questions=questions, feedback_timing="immediate")


def _answer_right(user, *, now):
    """Answer the first due card right, as the review form would."""
    question = next_review_question(user=user, now=now)
    review = review_card_for_answer(user=user, token=question.token, now=now)
    data = QueryDict(mutable=True)
    data["q1"] = str(next(o.index for o in review.slot.options if o.choice.fraction > 0))
    return review_answer(review=review, data=data, now=now)


def test_nothing_missed_means_nothing_to_review(student, questions, quiz):
    attempt_with(student, quiz, dict.fromkeys(questions, 1), at=T0)
    outlook = review_outlook(user=student, now=T0)
    assert (outlook.due_now, outlook.next_due_at) == (False, None)


def test_skipped_questions_and_exam_only_misses_are_nothing_to_review(student, questions, quiz):
    q1, q2 = questions
    q2.exam_only = True
    q2.save()
    attempt_with(student, quiz, {q1: None, q2: 0}, at=T0)
    assert not review_outlook(user=student, now=T0).due_now


def test_a_miss_not_yet_on_a_card_is_something_to_review(student, questions, quiz):
    """The review page cards misses when it opens: a miss counts before that."""
    attempt_with(student, quiz, {questions[0]: 0, questions[1]: 1}, at=T0)
    assert review_outlook(user=student, now=T0 + timedelta(minutes=1)).due_now


def test_a_due_card_is_something_to_review(student, questions, quiz):
    attempt_with(student, quiz, {questions[0]: 0, questions[1]: 1}, at=T0)
    review_sync(user=student, now=T0)
    assert review_outlook(user=student, now=T0).due_now


def test_once_practised_nothing_is_due_until_the_card_comes_back(student, questions, quiz):
    attempt_with(student, quiz, {questions[0]: 0, questions[1]: 1}, at=T0)
    review_sync(user=student, now=T0)
    result = _answer_right(student, now=T0 + timedelta(minutes=5))
    outlook = review_outlook(user=student, now=T0 + timedelta(minutes=6))
    assert not outlook.due_now
    assert outlook.next_due_at == result.answer.due_at
    assert outlook.next_due_in  # "23 hours, 59 minutes": said on the page
    assert review_outlook(user=student, now=result.answer.due_at).due_now


def test_a_miss_already_practised_since_is_not_due_again(student, questions, quiz):
    """Same rule as review_sync: a miss older than the card's last review was practised."""
    q1 = questions[0]
    attempt_with(student, quiz, {q1: 0}, at=T0)
    review_sync(user=student, now=T0)
    attempt_with(student, quiz, {q1: 0}, at=T0 + timedelta(minutes=1))  # another tab
    _answer_right(student, now=T0 + timedelta(minutes=2))
    assert not review_outlook(user=student, now=T0 + timedelta(minutes=3)).due_now
    # A new miss after the review is due again.
    attempt_with(student, quiz, {q1: 0}, at=T0 + timedelta(minutes=4))
    assert review_outlook(user=student, now=T0 + timedelta(minutes=5)).due_now


def test_a_question_held_by_an_open_exam_waits(student, questions, quiz):
    q1, q2 = questions
    attempt_with(student, quiz, {q1: 0, q2: 1}, at=T0)
    review_sync(user=student, now=T0)
    attempt_start(user=student, quiz=QuizFactory(questions=[q1], feedback_timing="after"))
    assert not review_outlook(user=student, now=T0 + timedelta(minutes=1)).due_now


def test_the_outlook_is_the_learners_own(student, other_student, questions, quiz):
    attempt_with(other_student, quiz, {questions[0]: 0}, at=T0)
    assert not review_outlook(user=student, now=T0).due_now
    assert review_outlook(user=other_student, now=T0).due_now


@pytest.mark.parametrize("count", [1, 20])
def test_the_outlook_runs_three_queries(student, count, django_assert_num_queries):
    questions = QuestionFactory.create_batch(count)
    quiz = QuizFactory(questions=questions)
    attempt_with(student, quiz, dict.fromkeys(questions, 0), at=T0)
    review_sync(user=student, now=T0)
    attempt_with(student, quiz, dict.fromkeys(questions, 0), at=T0 + timedelta(hours=1))
    # the open exam's questions, the learner's cards, their latest misses
    with django_assert_num_queries(3):
        review_outlook(user=student, now=T0 + timedelta(hours=2))


def test_the_results_pages_practise_count_is_what_review_brings_back(student):
    """quizzes' AttemptResults.to_practise is the Python form of review's missed_answers."""
    wrong, skipped, right, exam_only, partly = QuestionFactory.create_batch(5)
    exam_only.exam_only = True
    exam_only.save()
    scores = {wrong: 0, skipped: None, right: 1, exam_only: 0, partly: 0.5}
    attempt = attempt_with(student, QuizFactory(questions=list(scores)), scores, at=T0)
    practise = {item.slot.question.pk for item in attempt_results(attempt=attempt).to_practise}
    in_review = set(missed_answers(user=student).values_list("question_id", flat=True))
    assert practise == in_review == {wrong.pk, partly.pk}
