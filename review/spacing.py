"""Spaced review of missed questions with Leitner boxes.

Standard library only: no Django, no database. A question a learner got wrong in a quiz enters
box 0 and is due at once. Each right answer in review moves it up one box and schedules the
next review ``INTERVALS[box]`` later; a wrong answer sends it back to box 0. A question in the
last box is mastered (it keeps coming back, every ``INTERVALS[-1]``, until it is missed again).

All datetimes must be timezone-aware; due times are computed and returned in UTC.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

__all__ = [
    "INTERVALS",
    "LAST_BOX",
    "RELEARN_DELAY",
    "ReviewState",
    "after_answer",
    "due_count",
    "first_review",
    "is_due",
    "is_mastered",
]

INTERVALS: tuple[timedelta, ...] = (
    timedelta(0),
    timedelta(days=1),
    timedelta(days=3),
    timedelta(days=7),
    timedelta(days=16),
    timedelta(days=35),
)
LAST_BOX = len(INTERVALS) - 1
# Not zero: a question missed in review would otherwise come straight back while the correct
# answer from the feedback is still on screen, and "remembering" it would prove nothing.
RELEARN_DELAY = timedelta(minutes=10)


def _require_aware(value: datetime, name: str) -> None:
    """Raise ValueError unless value is a timezone-aware datetime."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got naive {value!r}")


@dataclass(frozen=True)
class ReviewState:
    """Where one missed question stands: its box, when it is due, consecutive right answers."""

    box: int
    due_at: datetime
    streak: int

    def __post_init__(self) -> None:
        if not 0 <= self.box <= LAST_BOX:
            raise ValueError(f"box must be in 0..{LAST_BOX}, got {self.box}")
        if self.streak < 0:
            raise ValueError(f"streak must be >= 0, got {self.streak}")
        _require_aware(self.due_at, "due_at")


def _later(now: datetime, delay: timedelta) -> datetime:
    """now + delay in elapsed time, as a UTC datetime."""
    # Adding a timedelta to a datetime in a zone with DST keeps the wall-clock time, so "one
    # day" across a clock change would be 23 or 25 hours; in UTC a day is always 24 hours.
    return now.astimezone(UTC) + delay


def first_review(*, now: datetime) -> ReviewState:
    """A question just missed in a quiz starts in box 0, due now, with no streak."""
    _require_aware(now, "now")
    return ReviewState(box=0, due_at=_later(now, INTERVALS[0]), streak=0)


def after_answer(state: ReviewState, *, correct: bool, now: datetime) -> ReviewState:
    """Right: next box (capped at the last), due now + its interval; wrong: box 0, due in 10 min."""
    _require_aware(now, "now")
    if correct:
        box = min(state.box + 1, LAST_BOX)
        return ReviewState(box=box, due_at=_later(now, INTERVALS[box]), streak=state.streak + 1)
    return ReviewState(box=0, due_at=_later(now, RELEARN_DELAY), streak=0)


def is_due(state: ReviewState, *, now: datetime) -> bool:
    """Due once now has reached due_at (inclusive)."""
    _require_aware(now, "now")
    return now >= state.due_at


def is_mastered(state: ReviewState) -> bool:
    """Mastered while in the last box."""
    return state.box == LAST_BOX


def due_count(states: Iterable[ReviewState], *, now: datetime) -> int:
    """Number of states that are due at now."""
    _require_aware(now, "now")
    return sum(1 for state in states if now >= state.due_at)
