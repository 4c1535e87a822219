"""Pure rules of a live quiz's points and podium: no Django, no database.

A question's grade (0..1, partial credit included) comes from ``quizzes.grading``; this module
only turns it into points. Knowing counts, not tapping fast: the default mode gives no speed
points at all, and the speed mode adds at most ``SPEED_BONUS`` to a fully right answer (a tenth
of a right answer), so a slow right answer always beats a fast wrong or partial one.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from quizzes.grading import is_fully_right

ACCURACY = "accuracy"
SPEED = "speed"
POINTS_PER_QUESTION = 1000
SPEED_BONUS = 100


def answer_points(*, score: Decimal, mode: str, elapsed: float, seconds: float) -> int:
    """Points for a graded answer: 1000 x its grade, plus in speed mode up to 100 for a fully
    right answer, falling linearly from the question's start to its end (``elapsed`` seconds
    after the question opened, when the answer was last changed)."""
    base = int((Decimal(POINTS_PER_QUESTION) * score).quantize(Decimal(1), ROUND_HALF_UP))
    if mode != SPEED or not is_fully_right(score) or seconds <= 0:
        return base
    share = min(1.0, max(0.0, 1.0 - elapsed / seconds))
    return base + int(Decimal(SPEED_BONUS * share).quantize(Decimal(1), ROUND_HALF_UP))


@dataclass(frozen=True)
class Place:
    rank: int
    key: Hashable
    points: int


def ranking(totals: Mapping[Hashable, int]) -> list[Place]:
    """Players by points, highest first; equal points share a rank (1, 1, 3)."""
    ordered = sorted(totals.items(), key=lambda item: -item[1])
    places: list[Place] = []
    for index, (key, points) in enumerate(ordered):
        rank = places[-1].rank if places and places[-1].points == points else index + 1
        places.append(Place(rank=rank, key=key, points=points))
    return places


def podium(places: list[Place]) -> list[Place]:
    """The places of the first three ranks (more than three players when tied)."""
    return [place for place in places if place.rank <= 3]
