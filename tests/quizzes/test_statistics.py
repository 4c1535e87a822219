"""Item statistics from aggregated sums: hand-computed data, edge cases, a random cross-check."""

from __future__ import annotations

import math
import random
import statistics as stdlib_statistics
from collections.abc import Sequence

import pytest

from quizzes.statistics import (
    FLAG_NEGATIVE_DISCRIMINATION,
    FLAG_TOO_EASY,
    FLAG_TOO_HARD,
    ItemStatistics,
    ItemSums,
    choice_frequencies,
    item_statistics,
)

Row = Sequence[float | None]


def sums_for(rows: Sequence[Row], column: int) -> ItemSums:
    """What the database aggregates would return for one question.

    Each row is one attempt, one score per question column; None means that question was not
    in that attempt (another question of a random pool took its place). The attempt score T is
    the mean of the attempt's own question scores.
    """
    n = 0
    sum_x = sum_xx = sum_t = sum_tt = sum_xt = 0.0
    sizes = set()
    for row in rows:
        x = row[column]
        if x is None:
            continue
        scores = [score for score in row if score is not None]
        t = sum(scores) / len(scores)
        sizes.add(len(scores))
        n += 1
        sum_x += x
        sum_xx += x * x
        sum_t += t
        sum_tt += t * t
        sum_xt += x * t
    assert len(sizes) <= 1, "every attempt must hold the same number of questions"
    return ItemSums(
        n=n,
        sum_x=sum_x,
        sum_xx=sum_xx,
        sum_t=sum_t,
        sum_tt=sum_tt,
        sum_xt=sum_xt,
        n_questions=sizes.pop() if sizes else 1,
    )


def stats_for(rows: Sequence[Row], column: int) -> ItemStatistics:
    return item_statistics(sums_for(rows, column))


# Five attempts at a three-question quiz, by hand:
#
#          q1  q2  q3 | rest(q1)  rest(q2)  rest(q3)   (rest = mean of the other two)
#   A       1   1   1 |   1         1         1
#   B       1   1   0 |   0.5       0.5       1
#   C       1   0   1 |   0.5       1         0.5
#   D       1   0   0 |   0         0.5       0.5
#   E       0   0   1 |   0.5       0.5       0
#
# With Sab = sum(a*b) - sum(a)*sum(b)/n, n = 5:
#
# q1: sum x = 4 -> facility 80.  Sxx = 4 - 16/5 = 0.8, var = 0.8/4 = 0.2, SD = sqrt(0.2) = 44.72%.
#     sum r = 2.5, sum r^2 = 1.75 -> Srr = 1.75 - 1.25 = 0.5.
#     sum xr = 1 + 0.5 + 0.5 + 0 = 2 -> Sxr = 2 - 4*2.5/5 = 0 -> discrimination 0 (no flag).
# q2: sum x = 2 -> facility 40.  Sxx = 2 - 4/5 = 1.2, var = 0.3, SD = sqrt(0.3) = 54.77%.
#     sum r = 3.5, sum r^2 = 2.75 -> Srr = 2.75 - 12.25/5 = 0.3.
#     sum xr = 1 + 0.5 = 1.5 -> Sxr = 1.5 - 2*3.5/5 = 0.1.
#     r = 0.1 / sqrt(1.2 * 0.3) = 0.1 / 0.6 = 1/6 -> discrimination 16.67%.
# q3: sum x = 3 -> facility 60.  Sxx = 3 - 9/5 = 1.2, var = 0.3, SD = 54.77%.
#     sum r = 3, sum r^2 = 2.5 -> Srr = 2.5 - 9/5 = 0.7.
#     sum xr = 1 + 0.5 + 0 = 1.5 -> Sxr = 1.5 - 3*3/5 = -0.3.
#     r = -0.3 / sqrt(1.2 * 0.7) = -0.3 / sqrt(0.84) = -0.32733 -> discrimination -32.73%, flagged.
HAND_ROWS: list[Row] = [
    [1, 1, 1],
    [1, 1, 0],
    [1, 0, 1],
    [1, 0, 0],
    [0, 0, 1],
]


def test_hand_computed_question_with_zero_discrimination() -> None:
    stats = stats_for(HAND_ROWS, 0)

    assert stats.n == 5
    assert stats.facility == pytest.approx(80.0)
    assert stats.sd == pytest.approx(100 * math.sqrt(0.2))  # 44.72
    assert stats.discrimination == pytest.approx(0.0, abs=1e-9)
    # Exactly uncorrelated must not come out as -1e-17 and be flagged negative.
    assert stats.flags == ()


def test_hand_computed_question_with_positive_discrimination() -> None:
    stats = stats_for(HAND_ROWS, 1)

    assert stats.n == 5
    assert stats.facility == pytest.approx(40.0)
    assert stats.sd == pytest.approx(100 * math.sqrt(0.3))  # 54.77
    assert stats.discrimination == pytest.approx(100 / 6)  # 16.67
    assert stats.flags == ()


def test_hand_computed_question_with_negative_discrimination() -> None:
    stats = stats_for(HAND_ROWS, 2)

    assert stats.n == 5
    assert stats.facility == pytest.approx(60.0)
    assert stats.sd == pytest.approx(100 * math.sqrt(0.3))  # 54.77
    assert stats.discrimination == pytest.approx(-100 * 0.3 / math.sqrt(0.84))  # -32.73
    assert stats.flags == (FLAG_NEGATIVE_DISCRIMINATION,)


def test_hand_computed_sums_are_what_the_database_would_return() -> None:
    # q2 column: x = 1,1,0,0,0; T = 1, 2/3, 2/3, 1/3, 1/3.
    sums = sums_for(HAND_ROWS, 1)

    assert sums.n == 5
    assert sums.n_questions == 3
    assert sums.sum_x == pytest.approx(2)
    assert sums.sum_xx == pytest.approx(2)
    assert sums.sum_t == pytest.approx(3)  # (3 + 2 + 2 + 1 + 1) / 3
    assert sums.sum_tt == pytest.approx(19 / 9)  # (9 + 4 + 4 + 1 + 1) / 9
    assert sums.sum_xt == pytest.approx(5 / 3)  # 1 + 2/3


def test_negative_discrimination_when_strong_learners_miss_the_question() -> None:
    # Two questions; whoever gets qb right gets qa wrong, so rest(qa) = qb = 0, 0, 1, 1
    # against x = 1, 1, 0, 0: a perfect negative correlation, -100%.
    rows: list[Row] = [[1, 0], [1, 0], [0, 1], [0, 1]]

    stats = stats_for(rows, 0)

    assert stats.facility == pytest.approx(50.0)
    assert stats.discrimination == pytest.approx(-100.0)
    assert stats.flags == (FLAG_NEGATIVE_DISCRIMINATION,)


def test_question_answered_in_only_some_attempts() -> None:
    # Slot 3 draws from a pool: qX in three attempts, qY in the fourth. Columns qa, qb, qX, qY.
    # For qX only attempts 1-3 count (n = 3), each with three questions:
    #   x = 1, 0, 1; rest = mean(qa, qb) = 1, 0.5, 0.5.
    #   facility = 2/3 = 66.67.  Sxx = 2 - 4/3 = 2/3, var = 1/3, SD = sqrt(1/3) = 57.74%.
    #   sum r = 2, sum r^2 = 1.5 -> Srr = 1.5 - 4/3 = 1/6.
    #   sum xr = 1.5 -> Sxr = 1.5 - 2*2/3 = 1/6.
    #   r = (1/6) / sqrt(2/3 * 1/6) = (1/6) / (1/3) = 0.5 -> discrimination 50%.
    rows: list[Row] = [
        [1, 1, 1, None],
        [0, 1, 0, None],
        [1, 0, 1, None],
        [0, 0, None, 1],
    ]

    stats = stats_for(rows, 2)

    assert stats.n == 3
    assert stats.facility == pytest.approx(200 / 3)
    assert stats.sd == pytest.approx(100 * math.sqrt(1 / 3))
    assert stats.discrimination == pytest.approx(50.0)
    assert stats.flags == ()
    # The pool's other question saw a single attempt: a facility, nothing more.
    single = stats_for(rows, 3)
    assert (single.n, single.facility, single.sd, single.discrimination) == (1, 100.0, None, None)
    assert single.flags == ()


def test_no_attempts() -> None:
    stats = item_statistics(ItemSums(0, 0.0, 0.0, 0.0, 0.0, 0.0, n_questions=3))

    assert stats == ItemStatistics(n=0, facility=None, sd=None, discrimination=None, flags=())


def test_one_attempt_has_a_facility_but_no_spread_and_no_flags() -> None:
    # Facility 100 would be "too easy", but one learner is no evidence.
    stats = stats_for([[1, 0, 1]], 0)

    assert stats == ItemStatistics(n=1, facility=100.0, sd=None, discrimination=None, flags=())


def test_everyone_right_is_too_easy_with_undefined_discrimination() -> None:
    rows: list[Row] = [[1, 1, 0], [1, 0, 0], [1, 1, 1], [1, 0, 1]]

    stats = stats_for(rows, 0)

    assert stats.facility == pytest.approx(100.0)
    assert stats.sd == 0.0
    assert stats.discrimination is None
    assert stats.flags == (FLAG_TOO_EASY,)


def test_everyone_wrong_is_too_hard() -> None:
    rows: list[Row] = [[0, 1, 0], [0, 0, 0], [0, 1, 1]]

    stats = stats_for(rows, 0)

    assert stats.facility == 0.0
    assert stats.sd == 0.0
    assert stats.discrimination is None
    assert stats.flags == (FLAG_TOO_HARD,)


def test_constant_partial_credit_has_zero_spread_despite_rounding() -> None:
    # 0.1 is not exact in binary: sum_xx - sum_x^2 / n leaves a residue of a few ulps,
    # which must still read as "no variance" rather than a tiny SD and a wild correlation.
    rows: list[Row] = [[0.1, 1, 0], [0.1, 0, 0], [0.1, 1, 1], [0.1, 0, 1], [0.1, 1, 0]] * 7

    stats = stats_for(rows, 0)

    assert stats.n == 35
    assert stats.facility == pytest.approx(10.0)
    assert stats.sd == 0.0
    assert stats.discrimination is None
    assert stats.flags == (FLAG_TOO_HARD,)


def test_constant_rest_of_test_makes_discrimination_undefined() -> None:
    # qb is right in every attempt, so the rest of the test for qa does not vary.
    rows: list[Row] = [[1, 1], [0, 1], [1, 1], [0, 1]]

    stats = stats_for(rows, 0)

    assert stats.facility == pytest.approx(50.0)
    assert stats.sd == pytest.approx(100 * math.sqrt(1 / 3))  # Sxx = 1, var = 1/3
    assert stats.discrimination is None
    assert stats.flags == ()


def test_single_question_quiz_has_no_rest_of_test() -> None:
    rows: list[Row] = [[1], [0], [1]]

    stats = stats_for(rows, 0)

    assert stats.facility == pytest.approx(200 / 3)
    assert stats.sd == pytest.approx(100 * math.sqrt(1 / 3))
    assert stats.discrimination is None


@pytest.mark.parametrize(
    ("sum_x", "flags"),
    [
        (9.0, ()),  # facility exactly 90: not above it
        (9.5, (FLAG_TOO_EASY,)),
        (2.0, ()),  # facility exactly 20: not below it
        (1.5, (FLAG_TOO_HARD,)),
    ],
)
def test_facility_flag_thresholds_are_strict(sum_x: float, flags: tuple[str, ...]) -> None:
    sums = ItemSums(10, sum_x, sum_x, sum_x, sum_x, sum_x, n_questions=1)

    assert item_statistics(sums).flags == flags


@pytest.mark.parametrize(("n", "n_questions"), [(-1, 3), (2, 0)])
def test_inconsistent_sums_are_refused(n: int, n_questions: int) -> None:
    with pytest.raises(ValueError):
        ItemSums(n, 0.0, 0.0, 0.0, 0.0, 0.0, n_questions=n_questions)


def _direct(rows: Sequence[Sequence[float]], column: int) -> tuple[float | None, ...]:
    """Facility, SD and discrimination from the per-attempt lists, with the standard library."""
    x = [row[column] for row in rows]
    rest = [(sum(row) - row[column]) / (len(row) - 1) for row in rows] if len(rows[0]) > 1 else []
    facility = 100 * stdlib_statistics.fmean(x) if x else None
    sd = 100 * stdlib_statistics.stdev(x) if len(x) >= 2 else None
    discrimination = None
    if len(x) >= 2 and rest:
        try:
            discrimination = 100 * stdlib_statistics.correlation(x, rest)
        except stdlib_statistics.StatisticsError:  # one of the two is constant
            discrimination = None
    return facility, sd, discrimination


def test_sums_agree_with_a_direct_computation_on_random_data() -> None:
    rng = random.Random(20261126)
    grid = (0.0, 0.25, 0.5, 0.75, 1.0)
    for case in range(200):
        n_questions = rng.randint(1, 6)
        attempts = rng.randint(1, 30)
        if case % 2:
            # Coarse partial credit: constant columns and ties happen, exercising the None paths.
            rows = [[rng.choice(grid) for _ in range(n_questions)] for _ in range(attempts)]
        else:
            rows = [[rng.random() for _ in range(n_questions)] for _ in range(attempts)]
        column = rng.randrange(n_questions)

        stats = stats_for(rows, column)
        facility, sd, discrimination = _direct(rows, column)

        assert stats.n == attempts
        assert stats.facility == pytest.approx(facility, abs=1e-9), case
        assert stats.sd == pytest.approx(sd, abs=1e-6), case
        if discrimination is None:
            assert stats.discrimination is None, case
        else:
            assert stats.discrimination == pytest.approx(discrimination, abs=1e-6), case
        assert (FLAG_NEGATIVE_DISCRIMINATION in stats.flags) == (
            stats.discrimination is not None and stats.discrimination < 0
        )


def test_choice_frequencies_are_shares_of_responses() -> None:
    # 8 responses: choice 1 picked 4 times, 2 twice, 3 never; 2 responses left it blank.
    assert choice_frequencies({1: 4, 2: 2, 3: 0}, responses=8) == pytest.approx(
        {1: 50.0, 2: 25.0, 3: 0.0}
    )


def test_choice_frequencies_of_a_multiple_response_question_can_exceed_100_in_total() -> None:
    assert choice_frequencies({1: 3, 2: 3}, responses=4) == pytest.approx({1: 75.0, 2: 75.0})


def test_choice_frequencies_without_responses_are_zero() -> None:
    assert choice_frequencies({1: 0, 2: 0}, responses=0) == {1: 0.0, 2: 0.0}
    assert choice_frequencies({}, responses=0) == {}


@pytest.mark.parametrize(("counts", "responses"), [({1: 5}, 4), ({1: -1}, 4), ({1: 0}, -1)])
def test_choice_frequencies_refuse_impossible(counts: dict[int, int], responses: int) -> None:
    with pytest.raises(ValueError):
        choice_frequencies(counts, responses=responses)
