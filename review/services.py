"""Spaced review's writes: cards made from quiz misses, and a card moved by an answer.

Cards are kept in step with quizzes lazily: ``review_sync`` runs when the learner opens the
review page and turns every miss (an answered question not fully right; a skipped one is not a
miss) in a submitted attempt into a card at box 0. Review practice writes to ``ReviewCard`` and
its log ``ReviewAnswer`` only: attempts, answers and grades never change.
"""

from datetime import datetime

from django.db import transaction

from quizzes.forms import parse_page
from quizzes.selectors import result_item
from quizzes.services import answer_grade
from review.models import ReviewAnswer, ReviewCard
from review.selectors import (
    ANSWERED,
    RIGHT,
    ReviewQuestion,
    ReviewResult,
    StaleReview,
    brings_back,
    latest_misses,
    review_state,
)
from review.spacing import after_answer, first_review


def review_sync(*, user, now: datetime) -> int:
    """Card every question missed in a quiz since its card's last sync, in box 0 (≤ 4 queries).

    Returns the number of cards created or sent back to box 0.
    """
    missed = latest_misses(user=user)
    if not missed:
        return 0
    cards = {card.question_id: card for card in ReviewCard.objects.filter(user=user)}
    start = first_review(now=now)
    new, reset = [], []
    for question_id, missed_at in missed.items():
        card = cards.get(question_id)
        if card is None:
            new.append(
                ReviewCard(
                    user=user,
                    question_id=question_id,
                    box=start.box,
                    due_at=start.due_at,
                    streak=start.streak,
                    last_missed_at=missed_at,
                )
            )
        elif missed_at > card.last_missed_at:
            # A miss older than the card's last review was already practised since.
            if brings_back(missed_at=missed_at, card=card):
                card.box, card.due_at, card.streak = start.box, start.due_at, start.streak
            card.last_missed_at = missed_at
            reset.append(card)
    if not new and not reset:
        return 0
    with transaction.atomic():
        # A second tab syncing at the same moment inserts the same cards: keep one of each.
        ReviewCard.objects.bulk_create(new, ignore_conflicts=True)
        ReviewCard.objects.bulk_update(reset, ["last_missed_at", "box", "due_at", "streak"])
    return len(new) + len(reset)


def review_answer(*, review: ReviewQuestion, data, now: datetime) -> ReviewResult:
    """Grade a review answer, move its card and keep the answer, in one transaction: right, up a
    box; wrong, back to box 0.

    Only the card and the review log change. Raises BadAnswer for a malformed answer and
    StaleReview when the card was answered meanwhile (a double submit or a second tab): each
    round of a card takes one answer, so nothing is counted twice.
    """
    slot = review.slot
    response = next(iter(parse_page([slot], data).values()))
    answer = slot.answer
    answer.response = response
    answer.score = answer_grade(answer)
    card = review.card
    asked_due_at = card.due_at
    state = after_answer(review_state(card), correct=answer.score >= RIGHT, now=now)
    with transaction.atomic():
        # Conditional on the due time read with the form: only one of two racing posts moves it.
        moved = ReviewCard.objects.filter(pk=card.pk, due_at=asked_due_at).update(
            box=state.box, due_at=state.due_at, streak=state.streak, last_reviewed_at=now
        )
        if not moved:
            raise StaleReview(str(ANSWERED))
        logged = ReviewAnswer.objects.create(
            user_id=card.user_id,
            card=card,
            question=card.question,
            round_due_at=asked_due_at,
            layout=answer.layout,
            response=response,
            score=answer.score,
            show_right=not getattr(card, "hides_answers", False),
            box=state.box,
            due_at=state.due_at,
            answered_at=now,
        )
    card.box, card.due_at, card.streak, card.last_reviewed_at = (
        state.box,
        state.due_at,
        state.streak,
        now,
    )
    return ReviewResult(item=result_item(answer), answer=logged, card=card)
