"""The live points and the podium: pure rules."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from live.scoring import ACCURACY, SPEED, SPEED_BONUS, answer_points, podium, ranking


def test_accuracy_mode_gives_no_speed_points():
    fast = answer_points(score=Decimal(1), mode=ACCURACY, elapsed=0.1, seconds=30)
    slow = answer_points(score=Decimal(1), mode=ACCURACY, elapsed=29.9, seconds=30)
    assert fast == slow == 1000


def test_partial_credit_is_the_quiz_grade():
    assert answer_points(score=Decimal("0.5"), mode=ACCURACY, elapsed=1, seconds=30) == 500
    assert answer_points(score=Decimal("0.9999"), mode=ACCURACY, elapsed=1, seconds=30) == 1000


def test_speed_bonus_only_for_a_fully_right_answer():
    assert answer_points(score=Decimal(1), mode=SPEED, elapsed=0, seconds=30) == 1100
    assert answer_points(score=Decimal(1), mode=SPEED, elapsed=15, seconds=30) == 1050
    assert answer_points(score=Decimal(1), mode=SPEED, elapsed=40, seconds=30) == 1000
    assert answer_points(score=Decimal("0.5"), mode=SPEED, elapsed=0, seconds=30) == 500
    assert answer_points(score=Decimal(0), mode=SPEED, elapsed=0, seconds=30) == 0


@given(
    fast=st.floats(min_value=0, max_value=60),
    slow=st.floats(min_value=0, max_value=60),
    partial=st.decimals(min_value=0, max_value=Decimal("0.99"), places=2),
)
def test_a_slow_right_answer_beats_any_partial_one(fast, slow, partial):
    right = answer_points(score=Decimal(1), mode=SPEED, elapsed=slow, seconds=30)
    other = answer_points(score=partial, mode=SPEED, elapsed=fast, seconds=30)
    assert right > other
    assert right <= 1000 + SPEED_BONUS


def test_ties_share_a_rank():
    places = ranking({"ann": 2000, "ben": 3000, "cat": 2000, "dan": 1000, "eve": 500})
    assert [(p.rank, p.key) for p in places] == [
        (1, "ben"), (2, "ann"), (2, "cat"), (4, "dan"), (5, "eve"),
    ]  # fmt: skip
    assert [p.key for p in podium(places)] == ["ben", "ann", "cat"]


def test_podium_keeps_everyone_tied_for_third():
    places = ranking({"a": 3, "b": 2, "c": 1, "d": 1})
    assert [p.key for p in podium(places)] == ["a", "b", "c", "d"]
