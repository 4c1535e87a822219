"""Moodle-style item statistics for quiz questions, computed from aggregated sums.

Standard library only: no Django, no database. The caller aggregates per question in SQL
(``COUNT``, ``SUM(x)``, ``SUM(x * x)``, ``SUM(t)``, ``SUM(t * t)``, ``SUM(x * t)``) and hands the
fixed-size result to ``item_statistics``, so the cost of a report does not grow with the number
of attempts held in Python. Every score is a fraction from 0.0 to 1.0: ``x`` is the question's
score, ``t`` the attempt's score (the mean of its question scores).

The statistics follow Moodle's quiz statistics report: the facility index is the mean score, the
standard deviation is the sample one (n - 1), and the discrimination index is the Pearson
correlation between the question's score and the score on the rest of the test, all in percent.
Moodle's discriminative efficiency is deliberately absent: it divides by the covariance of the
two score lists each sorted independently, which depends on order statistics that no
fixed-size set of sums can recover.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = [
    "FLAG_NEGATIVE_DISCRIMINATION",
    "FLAG_TOO_EASY",
    "FLAG_TOO_HARD",
    "ItemStatistics",
    "ItemSums",
    "choice_frequencies",
    "item_statistics",
]

FLAG_TOO_EASY = "too-easy"
FLAG_TOO_HARD = "too-hard"
FLAG_NEGATIVE_DISCRIMINATION = "negative-discrimination"

TOO_EASY_ABOVE = 90.0
TOO_HARD_BELOW = 20.0

# "Sum of squares minus square of sum over n" cancels catastrophically when the data barely vary:
# a constant column can leave a residue of a few ulps instead of 0. Below this fraction of the
# raw sum of squares a spread is rounding noise, not a real difference between learners (scores
# are bounded by 1, so it is far below any difference a quiz can produce).
_RELATIVE_ZERO = 1e-10
# The same cancellation can leave an exactly uncorrelated question at -1e-17, which would
# wrongly earn it the negative-discrimination flag.
_ZERO_CORRELATION = 1e-9


@dataclass(frozen=True)
class ItemSums:
    """Per-question sums over the attempts in which the question was answered (graded)."""

    n: int
    sum_x: float
    sum_xx: float
    sum_t: float
    sum_tt: float
    sum_xt: float
    n_questions: int

    def __post_init__(self) -> None:
        if self.n < 0:
            raise ValueError(f"n must be >= 0, got {self.n}")
        if self.n_questions < 1:
            raise ValueError(f"n_questions must be >= 1, got {self.n_questions}")


@dataclass(frozen=True)
class ItemStatistics:
    """Facility, SD and discrimination of one question, in percent; None where undefined."""

    n: int
    facility: float | None
    sd: float | None
    discrimination: float | None
    flags: tuple[str, ...]


def _centred(sum_a: float, sum_b: float, sum_ab: float, n: int) -> float:
    """Sum of (a - mean a) * (b - mean b), from the raw sums."""
    return sum_ab - sum_a * sum_b / n


def _is_zero_spread(centred_squares: float, raw_squares: float) -> bool:
    """Whether a centred sum of squares is zero up to the rounding of the raw sums."""
    return centred_squares <= _RELATIVE_ZERO * raw_squares


def item_statistics(sums: ItemSums) -> ItemStatistics:
    """Facility = 100 * mean x; SD = 100 * sample SD of x; discrimination = 100 * r(x, rest)."""
    n = sums.n
    if n == 0:
        return ItemStatistics(n=0, facility=None, sd=None, discrimination=None, flags=())

    facility = 100.0 * sums.sum_x / n
    if n < 2:
        # One attempt has no spread and no correlation; Moodle leaves SD and both
        # discrimination figures blank, and a single learner is no evidence for a flag.
        return ItemStatistics(n=n, facility=facility, sd=None, discrimination=None, flags=())

    s_xx = _centred(sums.sum_x, sums.sum_x, sums.sum_xx, n)
    x_constant = _is_zero_spread(s_xx, sums.sum_xx)
    sd = 0.0 if x_constant else 100.0 * math.sqrt(s_xx / (n - 1))

    discrimination = None if x_constant else _rest_of_test_correlation(sums, s_xx)

    flags: list[str] = []
    if facility > TOO_EASY_ABOVE:
        flags.append(FLAG_TOO_EASY)
    if facility < TOO_HARD_BELOW:
        flags.append(FLAG_TOO_HARD)
    if discrimination is not None and discrimination < 0:
        flags.append(FLAG_NEGATIVE_DISCRIMINATION)
    return ItemStatistics(
        n=n, facility=facility, sd=sd, discrimination=discrimination, flags=tuple(flags)
    )


def _rest_of_test_correlation(sums: ItemSums, s_xx: float) -> float | None:
    """Pearson r (percent) of x with the mean score on the other questions of the attempt."""
    k = sums.n_questions
    if k < 2:
        return None
    n = sums.n
    # Correlating x with the whole-attempt score T would be inflated, because T contains x
    # itself; Moodle correlates with the rest of the test instead. With k questions,
    # T = (x + sum of the others) / k, so the mean r ("rest") of the other k - 1 scores is
    #     r = (k*T - x) / (k - 1) = c * (k*T - x),  with c = 1 / (k - 1).
    # Summing over the n attempts, and expanding the squares and products:
    #     sum_r  = c * (k * sum_t - sum_x)
    #     sum_rr = c^2 * sum (k*T - x)^2 = c^2 * (k^2 * sum_tt - 2k * sum_xt + sum_xx)
    #     sum_xr = c * sum (k*x*T - x^2) = c * (k * sum_xt - sum_xx)
    # Every term is a linear combination of the sums the database already returns.
    c = 1.0 / (k - 1)
    sum_r = c * (k * sums.sum_t - sums.sum_x)
    sum_rr = c * c * (k * k * sums.sum_tt - 2 * k * sums.sum_xt + sums.sum_xx)
    sum_xr = c * (k * sums.sum_xt - sums.sum_xx)

    s_rr = _centred(sum_r, sum_r, sum_rr, n)
    # sum_rr is itself built by cancellation, so its rounding noise scales with the sizes of
    # the terms it was built from, not with its own (possibly tiny) value.
    rr_scale = c * c * (k * k * sums.sum_tt + 2 * k * abs(sums.sum_xt) + sums.sum_xx)
    if _is_zero_spread(s_rr, rr_scale):
        return None
    s_xr = _centred(sums.sum_x, sum_r, sum_xr, n)
    correlation = s_xr / math.sqrt(s_xx * s_rr)
    if abs(correlation) < _ZERO_CORRELATION:
        return 0.0
    # Rounding can push a perfect correlation a hair past +-1.
    return 100.0 * max(-1.0, min(1.0, correlation))


def choice_frequencies(counts: Mapping[int, int], *, responses: int) -> dict[int, float]:
    """Percent of responses that picked each choice: 100 * count / responses (0.0 if none)."""
    if responses < 0:
        raise ValueError(f"responses must be >= 0, got {responses}")
    for choice, count in counts.items():
        # The counts need not add up to `responses`: a multiple-response question lets one
        # response pick several choices, and blank responses pick none. One choice can still
        # never be picked more often than there were responses.
        if not 0 <= count <= responses:
            raise ValueError(f"choice {choice}: count {count} is outside 0..{responses}")
    if responses == 0:
        return dict.fromkeys(counts, 0.0)
    return {choice: 100.0 * count / responses for choice, count in counts.items()}
