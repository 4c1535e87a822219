"""Spaced review's reads: how many cards are due, and the next due question laid out.

The schedule itself is ``review.spacing`` (pure Leitner boxes); ``review.services`` stores its
states.
"""

import random
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.core import signing
from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch, Q
from django.utils.crypto import salted_hmac
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from quizzes.forms import Slot, build_slot
from quizzes.models import Answer, Attempt, Choice, answered
from quizzes.selectors import (
    LOCKED_BY_EXAM,
    ResultItem,
    open_exam_answers,
    questions_locked_by_open_exam,
    result_item,
)
from quizzes.services import question_layout
from review.models import ReviewAnswer, ReviewCard
from review.spacing import LAST_BOX, ReviewState

SALT = "quizzes.review"
# Long enough to think, short enough that an old tab's form is not replayed days later.
TOKEN_MAX_AGE = 6 * 3600
# Fully right, allowing for fractions stored as thirds (see quizzes.grading).
RIGHT = Decimal("0.9999")


class StaleReview(Exception):
    """A review answer no current page could send: not due, not the learner's, or tampered."""


@dataclass(frozen=True)
class ReviewSummary:
    due: int  # due and reviewable now
    later: int
    mastered: int
    next_due_at: datetime | None
    now: datetime
    held: int = 0  # due, but also in an open exam: held until it is submitted (SECURITY 25)

    @property
    def total(self) -> int:
        return self.due + self.later + self.mastered + self.held

    @property
    def next_due_in(self) -> str:
        """When the next card is due, from the summary's clock ("3 days, 2 hours")."""
        return timeuntil(self.next_due_at, self.now) if self.next_due_at else ""


@dataclass(frozen=True)
class ReviewResult:
    """A review answer as its feedback page shows it, as it stood when it was given."""

    item: ResultItem
    answer: ReviewAnswer
    card: ReviewCard

    @property
    def comes_back_in(self) -> str:
        return timeuntil(self.answer.due_at, self.answer.answered_at)

    @property
    def correct(self) -> bool:
        return self.item.correct

    @property
    def mastered(self) -> bool:
        return self.answer.box == LAST_BOX

    @property
    def show_right(self) -> bool:
        return self.answer.show_right


@dataclass(frozen=True)
class ReviewQuestion:
    """A due card with its question as the page shows it, and the signed token of its round."""

    card: ReviewCard
    slot: Slot
    token: str


def review_state(card: ReviewCard) -> ReviewState:
    return ReviewState(box=card.box, due_at=card.due_at, streak=card.streak)


def _cards(*, user):
    return ReviewCard.objects.filter(user=user, question__is_active=True, question__exam_only=False)


def _held(*, user) -> Q:
    """Cards whose question is in the learner's open exam: its answer waits for the exam."""
    return Q(question_id__in=open_exam_answers(user=user).values("question_id"))


def review_summary(*, user, now: datetime) -> ReviewSummary:
    """How many of the learner's cards are due now, held by an open exam, due later, or
    mastered (1 query)."""
    not_due, held = Q(due_at__gt=now), _held(user=user)
    counts = _cards(user=user).aggregate(
        due=Count("pk", filter=Q(due_at__lte=now) & ~held),
        held=Count("pk", filter=Q(due_at__lte=now) & held),
        mastered=Count("pk", filter=not_due & Q(box=LAST_BOX)),
        later=Count("pk", filter=not_due & ~Q(box=LAST_BOX)),
        next_due_at=Min("due_at", filter=not_due),
    )
    return ReviewSummary(**counts, now=now)


def missed_answers(*, user):
    """The learner's missed answers in submitted attempts, on questions still in use and not
    kept for exams only: answered and not fully right. A skipped question was not got wrong."""
    return Answer.objects.filter(
        answered(),
        attempt__user=user,
        attempt__state=Attempt.State.SUBMITTED,
        score__lt=RIGHT,
        question__is_active=True,
        question__exam_only=False,
    )


@dataclass(frozen=True)
class ReviewOutlook:
    """Whether the learner has a question to practise now, else when the next one is due."""

    due_now: bool
    next_due_at: datetime | None
    now: datetime

    @property
    def next_due_in(self) -> str:
        """When the next card is due, from the outlook's clock ("3 days, 2 hours")."""
        return timeuntil(self.next_due_at, self.now) if self.next_due_at else ""


def latest_misses(*, user) -> dict[int, datetime]:
    """Question id -> when the learner last missed it in a submitted attempt (1 query)."""
    return dict(
        missed_answers(user=user)
        .order_by()
        .values("question_id")
        .annotate(missed_at=Max("attempt__submitted_at"))
        .values_list("question_id", "missed_at")
    )


def brings_back(*, missed_at: datetime, card: ReviewCard | None) -> bool:
    """Whether a quiz miss puts its question back in review now: it has no card yet, or its
    card has neither seen this miss nor been reviewed since (``review_sync`` then sends the
    card back to box 0)."""
    if card is None:
        return True
    seen = missed_at <= card.last_missed_at
    practised = card.last_reviewed_at is not None and missed_at <= card.last_reviewed_at
    return not seen and not practised


def review_outlook(*, user, now: datetime) -> ReviewOutlook:
    """Is there anything to review? Yes when a card is due now, or when a quiz miss is not yet
    on a card (``review.services.review_sync`` cards it, due now, when the review page opens);
    a question held by an open exam waits (3 plain queries).

    Plain reads counted here: as one query of nested subqueries, Django took 8.5 ms to build
    what the database answered in 0.2 ms, on every home page.
    """
    held = questions_locked_by_open_exam(user=user)
    cards = {
        card.question_id: card
        for card in _cards(user=user).only(
            "question_id", "due_at", "last_missed_at", "last_reviewed_at"
        )
    }
    misses = latest_misses(user=user)
    due_now = any(c.due_at <= now and q not in held for q, c in cards.items()) or any(
        q not in held and brings_back(missed_at=missed_at, card=cards.get(q))
        for q, missed_at in misses.items()
    )
    later = [card.due_at for card in cards.values() if card.due_at > now]
    return ReviewOutlook(due_now=due_now, next_due_at=min(later, default=None), now=now)


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
    """The learner's card due first, with its question laid out (2 queries), or None.

    Cards held by an open exam wait (SECURITY 25); ``review_summary`` counts them as held.
    """
    due = _cards(user=user).filter(due_at__lte=now).exclude(_held(user=user))
    card = _with_question(due).order_by("due_at", "pk").first()
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
        .annotate(hides_answers=Exists(hides_answers), held=_held(user=user))
        .first()
    )
    if card is None:
        raise StaleReview(_("That question is not in your review."))
    if card.held:
        raise StaleReview(str(LOCKED_BY_EXAM))
    # A form from an earlier round of this card (back button, second tab) is out of date.
    if card.due_at > now or card.due_at.isoformat() != payload.get("due"):
        raise StaleReview(str(ANSWERED))
    return ReviewQuestion(card=card, slot=_question(card), token=token)


def review_result(*, user, pk: int) -> ReviewResult | None:
    """The learner's own review answer with its feedback, or None for another's (2 queries)."""
    logged = (
        ReviewAnswer.objects.filter(user=user, pk=pk)
        .select_related("card", "question", "question__lesson")
        .prefetch_related(
            Prefetch("question__choices", queryset=Choice.objects.order_by("position", "pk"))
        )
        .first()
    )
    if logged is None:
        return None
    answer = Answer(
        question=logged.question,
        position=1,
        layout=logged.layout,
        response=logged.response,
        score=logged.score,
    )
    return ReviewResult(item=result_item(answer), answer=logged, card=logged.card)


def answer_for_form(*, user, token: str) -> ReviewAnswer | None:
    """The answer already given to the round a review form was made for, if any (≤ 1 query):
    a second post of the same form leads to the first one's feedback."""
    try:
        payload = _unsign(token)
        round_due_at = datetime.fromisoformat(payload["due"])
    except (StaleReview, KeyError, TypeError, ValueError):
        return None
    if payload.get("user") != user.pk:
        return None
    return ReviewAnswer.objects.filter(
        user=user, card_id=payload["card"], round_due_at=round_due_at
    ).first()
