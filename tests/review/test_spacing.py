"""Leitner-box spaced review, on a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from review.spacing import (
    INTERVALS,
    LAST_BOX,
    RELEARN_DELAY,
    ReviewState,
    after_answer,
    due_count,
    first_review,
    is_due,
    is_mastered,
)

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
NAIVE = datetime(2026, 11, 26, 9, 0)


def test_intervals_are_the_leitner_schedule() -> None:
    assert [interval.days for interval in INTERVALS] == [0, 1, 3, 7, 16, 35]
    assert LAST_BOX == 5


def test_first_review_is_box_zero_due_now() -> None:
    state = first_review(now=NOW)

    assert state == ReviewState(box=0, due_at=NOW, streak=0)
    assert is_due(state, now=NOW)
    assert not is_mastered(state)


def test_right_answers_on_time_climb_the_boxes_on_calendar_dates() -> None:
    # Each review is answered right the moment it falls due.
    expected = [
        (1, datetime(2026, 11, 27, 9, 0, tzinfo=UTC)),  # +1 day
        (2, datetime(2026, 11, 30, 9, 0, tzinfo=UTC)),  # +3 days
        (3, datetime(2026, 12, 7, 9, 0, tzinfo=UTC)),  # +7 days
        (4, datetime(2026, 12, 23, 9, 0, tzinfo=UTC)),  # +16 days
        (5, datetime(2027, 1, 27, 9, 0, tzinfo=UTC)),  # +35 days
    ]
    state = first_review(now=NOW)
    for streak, (box, due_at) in enumerate(expected, start=1):
        state = after_answer(state, correct=True, now=state.due_at)
        assert state == ReviewState(box=box, due_at=due_at, streak=streak)
    assert is_mastered(state)


@pytest.mark.parametrize("box", range(LAST_BOX))
def test_a_right_answer_moves_up_one_box(box: int) -> None:
    state = ReviewState(box=box, due_at=NOW, streak=box)

    after = after_answer(state, correct=True, now=NOW)

    assert after == ReviewState(box=box + 1, due_at=NOW + INTERVALS[box + 1], streak=box + 1)


def test_the_last_box_is_a_cap() -> None:
    mastered = ReviewState(box=LAST_BOX, due_at=NOW, streak=7)

    after = after_answer(mastered, correct=True, now=NOW)

    assert after == ReviewState(box=LAST_BOX, due_at=NOW + timedelta(days=35), streak=8)
    assert is_mastered(after)


@pytest.mark.parametrize("box", range(LAST_BOX + 1))
def test_a_wrong_answer_goes_back_to_the_start(box: int) -> None:
    state = ReviewState(box=box, due_at=NOW, streak=box + 2)

    after = after_answer(state, correct=False, now=NOW)

    assert after == ReviewState(box=0, due_at=NOW + RELEARN_DELAY, streak=0)
    assert timedelta(minutes=10) == RELEARN_DELAY
    assert not is_mastered(after)
    # Not straight back: only once the ten minutes have passed.
    assert not is_due(after, now=NOW + timedelta(minutes=9, seconds=59))
    assert is_due(after, now=NOW + timedelta(minutes=10))


def test_a_wrong_answer_then_right_ones_restart_the_schedule() -> None:
    state = ReviewState(box=3, due_at=NOW, streak=3)

    state = after_answer(state, correct=False, now=NOW)
    state = after_answer(state, correct=True, now=state.due_at)

    assert state == ReviewState(box=1, due_at=NOW + timedelta(minutes=10, days=1), streak=1)


def test_due_is_inclusive_of_the_due_time() -> None:
    state = ReviewState(box=2, due_at=NOW, streak=2)

    assert not is_due(state, now=NOW - timedelta(microseconds=1))
    assert is_due(state, now=NOW)
    assert is_due(state, now=NOW + timedelta(days=400))


def test_due_counts_at_several_times() -> None:
    states = [
        first_review(now=NOW),  # due 26 Nov 09:00
        after_answer(first_review(now=NOW), correct=False, now=NOW),  # due 26 Nov 09:10
        ReviewState(box=1, due_at=NOW + timedelta(days=1), streak=1),  # due 27 Nov 09:00
        ReviewState(box=3, due_at=NOW + timedelta(days=7), streak=3),  # due 3 Dec 09:00
        ReviewState(box=5, due_at=NOW + timedelta(days=35), streak=5),  # due 31 Dec 09:00
    ]

    assert due_count(states, now=NOW - timedelta(seconds=1)) == 0
    assert due_count(states, now=NOW) == 1
    assert due_count(states, now=NOW + timedelta(minutes=10)) == 2
    assert due_count(states, now=datetime(2026, 11, 27, 8, 59, tzinfo=UTC)) == 2
    assert due_count(states, now=datetime(2026, 11, 27, 9, 0, tzinfo=UTC)) == 3
    assert due_count(states, now=datetime(2026, 12, 3, 9, 0, tzinfo=UTC)) == 4
    assert due_count(states, now=datetime(2026, 12, 31, 9, 0, tzinfo=UTC)) == 5
    assert due_count(iter(states), now=NOW) == 1  # any iterable, consumed once
    assert due_count([], now=NOW) == 0


def test_naive_datetimes_are_refused() -> None:
    state = first_review(now=NOW)

    with pytest.raises(ValueError, match="timezone-aware"):
        first_review(now=NAIVE)
    with pytest.raises(ValueError, match="timezone-aware"):
        after_answer(state, correct=True, now=NAIVE)
    with pytest.raises(ValueError, match="timezone-aware"):
        is_due(state, now=NAIVE)
    with pytest.raises(ValueError, match="timezone-aware"):
        due_count([state], now=NAIVE)
    with pytest.raises(ValueError, match="timezone-aware"):
        ReviewState(box=0, due_at=NAIVE, streak=0)


@pytest.mark.parametrize(("box", "streak"), [(-1, 0), (LAST_BOX + 1, 0), (0, -1)])
def test_impossible_states_are_refused(box: int, streak: int) -> None:
    with pytest.raises(ValueError):
        ReviewState(box=box, due_at=NOW, streak=streak)


def test_a_day_is_24_hours() -> None:
    state = after_answer(first_review(now=NOW), correct=True, now=NOW)

    assert state.due_at - NOW == timedelta(hours=24)
    assert state.due_at.tzinfo is UTC


def test_a_day_is_24_hours_across_a_dst_change() -> None:
    # Berlin leaves summer time on 25 October 2026 (03:00 CEST -> 02:00 CET). Wall-clock
    # arithmetic in that zone would make "one day" 25 hours; due times are kept in UTC.
    berlin = ZoneInfo("Europe/Berlin")
    now = datetime(2026, 10, 24, 9, 0, tzinfo=berlin)  # 07:00 UTC

    state = after_answer(first_review(now=now), correct=True, now=now)

    assert state.due_at == datetime(2026, 10, 25, 7, 0, tzinfo=UTC)
    assert state.due_at.astimezone(berlin).hour == 8  # 08:00 CET, not 09:00
    assert state.due_at.tzinfo is UTC
    assert not is_due(state, now=datetime(2026, 10, 25, 7, 59, tzinfo=berlin))
    assert is_due(state, now=datetime(2026, 10, 25, 8, 0, tzinfo=berlin))
