"""“Try again” in practice quizzes: the rules for a later try at a checked answer.

The first checked try is what counts. It stays in ``Answer.response`` and ``Answer.score``,
the only fields that grades, statistics, mastery, spaced review and the teacher's pages read;
later tries go to ``Answer.retries`` and change no mark. The rules here run no query; the
write is ``services.attempt_save`` (a check carrying ``tries_seen``).
"""

import copy
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from quizzes.forms import Slot, build_slot
from quizzes.grading import as_percent, is_fully_right
from quizzes.models import Answer, Attempt, Quiz
from quizzes.selectors import LOCKED_BY_EXAM

# A learner stuck on one question gets its explanation long before this; the cap keeps the
# stored list small whatever a script posts.
MAX_RETRIES = 10


@dataclass(frozen=True)
class Try:
    """A try after the first: its number (2 for the first “Try again”) and its score."""

    number: int
    score: Decimal

    @property
    def correct(self) -> bool:
        return is_fully_right(self.score)

    @property
    def percent(self) -> int:
        return as_percent(self.score) or 0


def later_tries(answer: Answer) -> list[Try]:
    """The answer's tries after the first checked one, oldest first."""
    return [
        Try(number=n, score=Decimal(str(entry.get("score", 0))))
        for n, entry in enumerate(answer.retries or [], start=2)
    ]


def new_try(*, response: dict, score: Decimal) -> dict:
    """A later try as ``Answer.retries`` stores it."""
    return {"response": response, "score": str(score)}


def right_on_try(answer: Answer) -> int | None:
    """The try on which the answer was first fully right (1: the counted one), or None."""
    if is_fully_right(answer.score):
        return 1
    return next((t.number for t in later_tries(answer) if t.correct), None)


def retry_refusal(*, answer: Answer, attempt: Attempt, locked: Collection[int]) -> str | None:
    """Why the learner may not try this answer again, or None when they may: only a checked
    answer not yet right (on any try), in an open, untimed quiz with immediate feedback,
    whose question is not also in the learner's open exam, up to MAX_RETRIES times."""
    if attempt.quiz.feedback_timing != Quiz.Feedback.IMMEDIATE:
        return _("This quiz shows feedback only after you submit.")
    if attempt.deadline is not None:
        return _("A timed quiz gives one try at each question.")
    if attempt.state != Attempt.State.IN_PROGRESS:
        return _("This attempt has already been submitted.")
    if not answer.checked:
        return _("Check your answer first; then you can try again if it is not right.")
    if answer.question_id in locked:
        return str(LOCKED_BY_EXAM)
    if right_on_try(answer) is not None:
        return _("You already got this question right: there is nothing to try again.")
    if len(answer.retries or []) >= MAX_RETRIES:
        return _("That was the last try at this question. Read its explanation and move on.")
    return None


@dataclass(frozen=True)
class RetryPanel:
    """What the attempt page shows of a checked answer's later tries."""

    tries: list[Try]
    can_retry: bool
    slot: Slot | None = None  # the question's inputs while the learner is trying again

    @property
    def latest(self) -> Try | None:
        return self.tries[-1] if self.tries else None

    @property
    def next_number(self) -> int:
        return len(self.tries) + 2

    @property
    def tries_seen(self) -> int:
        """The tries the page shows: a check posted twice from it records one try."""
        return len(self.tries)


def retry_panel(
    *, slot: Slot, attempt: Attempt, locked: Collection[int], retrying: bool
) -> RetryPanel | None:
    """The tries of a checked answer that was not right the first time (None otherwise).

    While the learner is trying again (``retrying``), the question's inputs come back with
    the last try in them, so a partly right matching or ordering needs only its wrong rows
    changed. No query.
    """
    answer = slot.answer
    if not answer.checked or is_fully_right(answer.score) or answer.question_id in locked:
        return None
    if attempt.quiz.feedback_timing != Quiz.Feedback.IMMEDIATE or attempt.deadline is not None:
        return None
    can_retry = retry_refusal(answer=answer, attempt=attempt, locked=locked) is None
    inputs = None
    if retrying and can_retry:
        last = copy.copy(answer)
        if answer.retries:
            last.response = answer.retries[-1].get("response")
        inputs = build_slot(last)
    return RetryPanel(tries=later_tries(answer), can_retry=can_retry, slot=inputs)
