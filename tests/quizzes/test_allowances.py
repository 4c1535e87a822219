"""The allowance rule: an attempt's time limit and a learner's attempt limit (no database)."""

from datetime import timedelta
from decimal import Decimal

from quizzes.allowances import NONE, Allowance, attempt_limit, most_generous, time_limit
from quizzes.models import Quiz


def _quiz(minutes=None, attempts=None) -> Quiz:
    return Quiz(time_limit=timedelta(minutes=minutes) if minutes else None, max_attempts=attempts)


def test_no_allowance_leaves_the_quiz_as_it_is():
    assert time_limit(quiz=_quiz(30), allowance=NONE) == timedelta(minutes=30)
    assert attempt_limit(quiz=_quiz(attempts=3), allowance=NONE) == 3


def test_extra_minutes_and_a_factor_add_up():
    allowance = Allowance(extra_minutes=5, time_factor=Decimal("1.5"))
    assert time_limit(quiz=_quiz(30), allowance=allowance) == timedelta(minutes=50)


def test_a_factor_keeps_whole_seconds():
    allowance = Allowance(time_factor=Decimal("1.33"))
    assert time_limit(quiz=_quiz(10), allowance=allowance) == timedelta(seconds=798)


def test_an_untimed_quiz_stays_untimed_and_unlimited_stays_unlimited():
    allowance = Allowance(extra_minutes=10, extra_attempts=2)
    assert time_limit(quiz=_quiz(), allowance=allowance) is None
    assert attempt_limit(quiz=_quiz(), allowance=allowance) is None


def test_extra_attempts_raise_the_limit():
    assert attempt_limit(quiz=_quiz(attempts=3), allowance=Allowance(extra_attempts=2)) == 5


def test_the_most_generous_of_each_kind_counts():
    combined = most_generous(
        [
            Allowance(extra_minutes=10),
            Allowance(time_factor=Decimal("1.25"), extra_attempts=1),
            Allowance(extra_minutes=5, extra_attempts=2),
        ]
    )
    assert combined == Allowance(extra_minutes=10, time_factor=Decimal("1.25"), extra_attempts=2)
    assert most_generous([]) == NONE
    assert not NONE and Allowance(extra_attempts=1)
