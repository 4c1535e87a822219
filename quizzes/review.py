"""Spaced review of the questions a learner missed: cards, their schedule, and one question.

Cards are kept in step with quizzes lazily: ``review_sync`` runs when the learner opens the
review page and turns every miss in a submitted attempt into a card at box 0. The schedule
itself is ``quizzes.spacing`` (pure Leitner boxes); this module only stores its states.

Review practice writes to ``ReviewCard`` only: attempts, answers and grades never change.
"""

import random
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.core import signing
from django.db import transaction
from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch, Q
from django.utils.crypto import salted_hmac
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from quizzes.forms import BadAnswer, Slot, build_slot, parse_page
from quizzes.models import Answer, Attempt, Choice, ReviewCard
from quizzes.selectors import ReviewItem, review_item
from quizzes.services import answer_grade, question_layout
from quizzes.spacing import LAST_BOX, ReviewState, after_answer, first_review

SALT = "quizzes.review"
# Long enough to think, short enough that an old tab's form is not replayed days later.
TOKEN_MAX_AGE = 6 * 3600
# Fully right, allowing for fractions stored as thirds (see quizzes.grading).
RIGHT = Decimal("0.9999")


class StaleReview(Exception):
    """A review answer no current page could send: not due, not the learner's, or tampered."""


@dataclass(frozen=True)
class ReviewSummary:
    due: int
    later: int
    mastered: int
    next_due_at: datetime | None
    now: datetime

    @property
    def total(self) -> int:
        return self.due + self.later + self.mastered

    @property
    def next_due_in(self) -> str:
        """When the next card is due, from the summary's clock ("3 days, 2 hours")."""
        return timeuntil(self.next_due_at, self.now) if self.next_due_at else ""


@dataclass(frozen=True)
class ReviewQuestion:
    """A due card with its question as the page shows it, and the signed token of its round."""

    card: ReviewCard
    slot: Slot
    token: str


def _state(card: ReviewCard) -> ReviewState:
    return ReviewState(box=card.box, due_at=card.due_at, streak=card.streak)


def _misses(*, user):
    """The learner's missed answers in submitted attempts, on questions still in use."""
    return Answer.objects.filter(
        attempt__user=user,
        attempt__state=Attempt.State.SUBMITTED,
        score__lt=RIGHT,
        question__is_active=True,
    )


def review_sync(*, user, now: datetime) -> int:
    """Card every question missed in a quiz since its card's last sync, in box 0 (≤ 4 queries).

    Returns the number of cards created or sent back to box 0.
    """
    missed = dict(
        _misses(user=user)
        .order_by()
        .values("question_id")
        .annotate(missed_at=Max("attempt__submitted_at"))
        .values_list("question_id", "missed_at")
    )
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
            card.last_missed_at = missed_at
            # A miss older than the card's last review was already practised since.
            if card.last_reviewed_at is None or missed_at > card.last_reviewed_at:
                card.box, card.due_at, card.streak = start.box, start.due_at, start.streak
            reset.append(card)
    if not new and not reset:
        return 0
    with transaction.atomic():
        # A second tab syncing at the same moment inserts the same cards: keep one of each.
        ReviewCard.objects.bulk_create(new, ignore_conflicts=True)
        ReviewCard.objects.bulk_update(reset, ["last_missed_at", "box", "due_at", "streak"])
    return len(new) + len(reset)


def _cards(*, user):
    return ReviewCard.objects.filter(user=user, question__is_active=True)


def review_summary(*, user, now: datetime) -> ReviewSummary:
    """How many of the learner's cards are due now, due later, or mastered (1 query)."""
    not_due = Q(due_at__gt=now)
    counts = _cards(user=user).aggregate(
        due=Count("pk", filter=Q(due_at__lte=now)),
        mastered=Count("pk", filter=not_due & Q(box=LAST_BOX)),
        later=Count("pk", filter=not_due & ~Q(box=LAST_BOX)),
        next_due_at=Min("due_at", filter=not_due),
    )
    return ReviewSummary(**counts, now=now)


def _with_question(queryset):
    return queryset.select_related("question", "question__lesson").prefetch_related(
        Prefetch("question__choices", queryset=Choice.objects.order_by("position", "pk"))
    )


def _question(card: ReviewCard) -> Slot:
    """The card's question laid out for this round of review: the same for each request.

    The choice order comes from a keyed hash of the card and its due time, so the answer post
    needs no layout from the page: a layout in a form field, even signed, would show the
    choices' database ids, whose order gives away which one the author typed first.
    """
    key = salted_hmac(SALT, f"{card.pk}:{card.due_at.isoformat()}").digest()
    rng = random.Random(int.from_bytes(key[:8], "big"))  # noqa: S311 - shuffling, not secrets
    layout = question_layout(card.question, shuffle=True, rng=rng)
    return build_slot(Answer(question=card.question, position=1, layout=layout))


def _sign(*, user, card: ReviewCard) -> str:
    payload = {"user": user.pk, "card": card.pk, "due": card.due_at.isoformat()}
    return signing.dumps(payload, salt=SALT)


def next_review_question(*, user, now: datetime) -> ReviewQuestion | None:
    """The learner's card due first, with its question laid out (2 queries), or None."""
    card = (
        _with_question(_cards(user=user).filter(due_at__lte=now)).order_by("due_at", "pk").first()
    )
    if card is None:
        return None
    return ReviewQuestion(card=card, slot=_question(card), token=_sign(user=user, card=card))


def _unsign(token: str) -> dict:
    try:
        payload = signing.loads(token, salt=SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        raise StaleReview(_("This review question has expired. Here is the next one.")) from None
    if not isinstance(payload, dict) or not isinstance(payload.get("card"), int):
        raise StaleReview(_("This review form was not sent by this site."))
    return payload


ANSWERED = _lazy("You have already answered this question; it is not due again yet.")


def review_card_for_answer(*, user, token: str, now: datetime) -> ReviewQuestion:
    """The due card a review form was made for, with the same layout (2 queries).

    Raises StaleReview when the form is forged, expired, someone else's, or no longer due.
    """
    payload = _unsign(token)
    if payload.get("user") != user.pk:
        raise StaleReview(_("This review form belongs to another session."))
    # Whether the learner met the question in a quiz that keeps its right answers hidden.
    hides_answers = Answer.objects.filter(
        question=OuterRef("question_id"),
        attempt__user=user,
        attempt__quiz__show_right_answers=False,
    )
    card = (
        _with_question(_cards(user=user))
        .filter(pk=payload["card"])
        .annotate(hides_answers=Exists(hides_answers))
        .first()
    )
    if card is None:
        raise StaleReview(_("That question is not in your review."))
    # A form from an earlier round of this card (back button, second tab) is out of date.
    if card.due_at > now or card.due_at.isoformat() != payload.get("due"):
        raise StaleReview(str(ANSWERED))
    return ReviewQuestion(card=card, slot=_question(card), token=token)


@dataclass(frozen=True)
class ReviewResult:
    item: ReviewItem
    card: ReviewCard
    show_right: bool
    now: datetime

    @property
    def comes_back_in(self) -> str:
        return timeuntil(self.card.due_at, self.now)

    @property
    def correct(self) -> bool:
        return self.item.correct

    @property
    def mastered(self) -> bool:
        return self.card.box == LAST_BOX


def review_answer(*, review: ReviewQuestion, data, now: datetime) -> ReviewResult:
    """Grade a review answer and move its card: right, up a box; wrong, back to box 0.

    Only the card changes. Raises BadAnswer for a malformed answer and StaleReview when the
    card was answered meanwhile (a double submit or a second tab).
    """
    slot = review.slot
    response = next(iter(parse_page([slot], data).values()))
    answer = slot.answer
    answer.response = response
    answer.score = answer_grade(answer)
    card = review.card
    state = after_answer(_state(card), correct=answer.score >= RIGHT, now=now)
    # Conditional on the due time read with the form: only one of two racing posts moves it.
    moved = ReviewCard.objects.filter(pk=card.pk, due_at=card.due_at).update(
        box=state.box, due_at=state.due_at, streak=state.streak, last_reviewed_at=now
    )
    if not moved:
        raise StaleReview(str(ANSWERED))
    card.box, card.due_at, card.streak, card.last_reviewed_at = (
        state.box,
        state.due_at,
        state.streak,
        now,
    )
    return ReviewResult(
        item=review_item(answer),
        card=card,
        show_right=not getattr(card, "hides_answers", False),
        now=now,
    )


__all__ = [
    "BadAnswer",
    "ReviewQuestion",
    "ReviewResult",
    "ReviewSummary",
    "StaleReview",
    "next_review_question",
    "review_answer",
    "review_card_for_answer",
    "review_summary",
    "review_sync",
]
