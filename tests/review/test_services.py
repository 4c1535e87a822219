"""Spaced review on a fixed clock: cards from quiz misses, the Leitner schedule, due counts."""

from datetime import timedelta

import pytest
from django.http import QueryDict

from review.models import ReviewCard
from review.selectors import (
    StaleReview,
    next_review_question,
    review_card_for_answer,
    review_summary,
)
from review.services import review_answer, review_sync
from review.spacing import INTERVALS, LAST_BOX, RELEARN_DELAY
from tests.factories import QuestionFactory, QuizFactory
from tests.progress.helpers import T0, attempt_with

pytestmark = pytest.mark.django_db

NOW = T0 + timedelta(days=1)


@pytest.fixture
def questions(db):
    return QuestionFactory.create_batch(4)


@pytest.fixture
def quiz(questions):
    return QuizFactory(questions=questions)


def _post(index: int | None) -> QueryDict:
    """A review form answering the question's option at index (its shuffled place)."""
    data = QueryDict(mutable=True)
    if index is not None:
        data["q1"] = str(index)
    return data


def _answer(user, *, right: bool, now):
    """Answer the first due card, right or wrong, as the review form would."""
    question = next_review_question(user=user, now=now)
    review = review_card_for_answer(user=user, token=question.token, now=now)
    index = next(o.index for o in review.slot.options if (o.choice.fraction > 0) is right)
    return review_answer(review=review, data=_post(index), now=now)


def test_sync_cards_each_question_missed_in_a_submitted_attempt(student, questions, quiz):
    q1, q2, q3, q4 = questions
    attempt_with(student, quiz, {q1: 0, q2: 0.5, q3: 1, q4: None}, at=T0)
    assert review_sync(user=student, now=NOW) == 2
    cards = {card.question: card for card in ReviewCard.objects.filter(user=student)}
    assert set(cards) == {q1, q2}  # wrong and partly right; not the right one, not the skipped
    for card in cards.values():
        assert (card.box, card.streak, card.due_at, card.last_missed_at) == (0, 0, NOW, T0)


def test_unsubmitted_attempts_and_inactive_questions_make_no_cards(student, questions, quiz):
    q1, q2, *_ = questions
    attempt_with(student, quiz, {q1: 0}, submitted=False)
    q2.is_active = False
    q2.save()
    attempt_with(student, QuizFactory(questions=[q2]), {q2: 0})
    assert review_sync(user=student, now=NOW) == 0
    assert not ReviewCard.objects.exists()


def test_sync_twice_changes_nothing(student, questions, quiz, django_assert_num_queries):
    attempt_with(student, quiz, dict.fromkeys(questions, 0))
    review_sync(user=student, now=NOW)
    # the learner's misses, their cards; nothing to write
    with django_assert_num_queries(2):
        assert review_sync(user=student, now=NOW + timedelta(hours=1)) == 0
    assert ReviewCard.objects.count() == 4


@pytest.mark.parametrize("count", [1, 30])
def test_sync_runs_a_fixed_number_of_queries(student, count, django_assert_num_queries):
    carded = QuestionFactory.create_batch(count)
    attempt_with(student, QuizFactory(questions=carded), dict.fromkeys(carded, 0))
    review_sync(user=student, now=T0)
    ReviewCard.objects.update(box=3)
    # Missed again (cards to reset) and missed for the first time (cards to create).
    attempt_with(student, QuizFactory(questions=carded), dict.fromkeys(carded, 0), at=NOW)
    fresh = QuestionFactory.create_batch(count)
    attempt_with(student, QuizFactory(questions=fresh), dict.fromkeys(fresh, 0), at=NOW)
    # misses, cards, savepoint, insert, update, release
    with django_assert_num_queries(6):
        assert review_sync(user=student, now=NOW) == 2 * count
    assert set(ReviewCard.objects.values_list("box", flat=True)) == {0}


def test_a_new_miss_sends_a_card_back_to_box_0(student, questions, quiz):
    q1 = questions[0]
    attempt_with(student, quiz, {q1: 0}, at=T0)
    review_sync(user=student, now=T0)
    _answer(student, right=True, now=T0)
    card = ReviewCard.objects.get()
    assert card.box == 1
    # Right in a later quiz: the card keeps its box.
    attempt_with(student, quiz, {q1: 1}, at=T0 + timedelta(hours=2))
    review_sync(user=student, now=T0 + timedelta(hours=3))
    card.refresh_from_db()
    assert card.box == 1
    # Wrong again in a later quiz: back to the start, due now.
    later = T0 + timedelta(hours=4)
    attempt_with(student, quiz, {q1: 0}, at=later)
    assert review_sync(user=student, now=later + timedelta(minutes=1)) == 1
    card.refresh_from_db()
    assert (card.box, card.streak, card.last_missed_at) == (0, 0, later)
    assert card.due_at == later + timedelta(minutes=1)


def test_a_miss_already_practised_since_does_not_reset_the_card(student, questions, quiz):
    q1 = questions[0]
    attempt_with(student, quiz, {q1: 0}, at=T0)
    review_sync(user=student, now=T0)
    # Submitted in another tab before the learner's review answer, but synced only after it.
    attempt_with(student, quiz, {q1: 0}, at=T0 + timedelta(minutes=1))
    _answer(student, right=True, now=T0 + timedelta(minutes=2))
    review_sync(user=student, now=T0 + timedelta(minutes=3))
    card = ReviewCard.objects.get()
    assert card.box == 1
    assert card.last_missed_at == T0 + timedelta(minutes=1)


def test_right_answers_climb_the_boxes_on_the_leitner_schedule(student, questions, quiz):
    attempt_with(student, quiz, {questions[0]: 0})
    review_sync(user=student, now=T0)
    now = T0
    for box in range(1, LAST_BOX + 2):
        result = _answer(student, right=True, now=now)
        expected = min(box, LAST_BOX)
        assert result.correct
        assert (result.card.box, result.card.streak) == (expected, box)
        assert result.card.due_at == now + INTERVALS[expected]
        assert result.mastered is (expected == LAST_BOX)
        # Not due a second before, due on the dot.
        assert review_summary(user=student, now=result.card.due_at - timedelta(seconds=1)).due == 0
        now = result.card.due_at
        assert review_summary(user=student, now=now).due == 1


def test_a_wrong_answer_starts_the_card_again_in_ten_minutes(student, questions, quiz):
    attempt_with(student, quiz, {questions[0]: 0})
    review_sync(user=student, now=T0)
    _answer(student, right=True, now=T0)
    now = T0 + INTERVALS[1]
    result = _answer(student, right=False, now=now)
    assert not result.correct
    assert (result.card.box, result.card.streak) == (0, 0)
    assert result.card.due_at == now + RELEARN_DELAY
    assert result.card.last_reviewed_at == now


def test_due_counts_on_a_fixed_clock(student, questions, quiz):
    attempt_with(student, quiz, dict.fromkeys(questions, 0))
    review_sync(user=student, now=T0)
    summary = review_summary(user=student, now=T0)
    assert (summary.due, summary.later, summary.mastered, summary.next_due_at) == (4, 0, 0, None)
    _answer(student, right=True, now=T0)  # box 1: tomorrow
    _answer(student, right=False, now=T0)  # box 0: in ten minutes
    ReviewCard.objects.filter(pk=ReviewCard.objects.order_by("pk").last().pk).update(
        box=LAST_BOX, due_at=T0 + INTERVALS[LAST_BOX]
    )
    summary = review_summary(user=student, now=T0)
    assert (summary.due, summary.later, summary.mastered) == (1, 2, 1)
    assert summary.next_due_at == T0 + RELEARN_DELAY
    assert review_summary(user=student, now=T0 + RELEARN_DELAY).due == 2
    assert review_summary(user=student, now=T0 + INTERVALS[1]).due == 3
    assert review_summary(user=student, now=T0 + INTERVALS[LAST_BOX]).due == 4


def test_summary_and_next_question_are_the_learners_own(student, other_student, questions, quiz):
    attempt_with(other_student, quiz, dict.fromkeys(questions, 0))
    review_sync(user=other_student, now=T0)
    assert review_sync(user=student, now=T0) == 0
    assert review_summary(user=student, now=T0).total == 0
    assert next_review_question(user=student, now=T0) is None


def test_another_learners_token_is_refused(student, other_student, questions, quiz):
    attempt_with(other_student, quiz, {questions[0]: 0})
    review_sync(user=other_student, now=T0)
    token = next_review_question(user=other_student, now=T0).token
    with pytest.raises(StaleReview):
        review_card_for_answer(user=student, token=token, now=T0)


def test_the_layout_is_the_same_for_the_form_and_the_answer(student, questions, quiz):
    attempt_with(student, quiz, {questions[0]: 0})
    review_sync(user=student, now=T0)
    shown = next_review_question(user=student, now=T0)
    again = review_card_for_answer(user=student, token=shown.token, now=T0 + timedelta(minutes=5))
    assert [o.choice.pk for o in shown.slot.options] == [o.choice.pk for o in again.slot.options]
    assert "layout" not in str(shown.token)
