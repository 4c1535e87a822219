"""Accommodations: extra time and extra attempts for a learner at a quiz.

The one place where an attempt's time limit and a learner's attempt limit are computed.
``quizzes`` stores no accommodations itself: an app above it (``classrooms``, which knows
who is in which class) offers them through the hook ``AppConfig.quiz_allowances(user=...,
quiz=...)``, read through the app registry like ``lessons.panels``. When several apply, the
most generous of each kind counts.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.apps import apps

from quizzes.models import Quiz


@dataclass(frozen=True)
class Allowance:
    """Extra time (minutes added, and a factor on the time limit) and extra attempts."""

    extra_minutes: int = 0
    time_factor: Decimal = Decimal(1)
    extra_attempts: int = 0

    @property
    def has_extra_time(self) -> bool:
        return self.extra_minutes > 0 or self.time_factor > 1

    def __bool__(self) -> bool:
        return self.has_extra_time or self.extra_attempts > 0


NONE = Allowance()


def most_generous(allowances: Iterable[Allowance]) -> Allowance:
    """The largest of each kind among the allowances that apply (no allowance: none)."""
    allowances = list(allowances)
    if not allowances:
        return NONE
    return Allowance(
        extra_minutes=max(a.extra_minutes for a in allowances),
        time_factor=max(Decimal(a.time_factor) for a in allowances),
        extra_attempts=max(a.extra_attempts for a in allowances),
    )


def allowance_for(*, user, quiz: Quiz) -> Allowance:
    """The learner's allowance at the quiz, from every installed app that offers some
    (one query per offering app; none for a visitor)."""
    if not getattr(user, "is_authenticated", False):
        return NONE
    offered: list[Allowance] = []
    for config in apps.get_app_configs():
        offer = getattr(config, "quiz_allowances", None)
        if offer is not None:
            offered += offer(user=user, quiz=quiz)
    return most_generous(offered)


def time_limit(*, quiz: Quiz, allowance: Allowance) -> timedelta | None:
    """The time an attempt gets: the quiz's limit times the factor, plus the extra minutes
    (to the whole second); None when the quiz has no limit."""
    if not quiz.time_limit:
        return None
    seconds = Decimal(quiz.time_limit.total_seconds()) * Decimal(allowance.time_factor)
    return timedelta(seconds=int(seconds)) + timedelta(minutes=allowance.extra_minutes)


def attempt_limit(*, quiz: Quiz, allowance: Allowance) -> int | None:
    """How many attempts the learner may make: the quiz's maximum plus the extra ones;
    None when the quiz sets no maximum."""
    if quiz.max_attempts is None:
        return None
    return quiz.max_attempts + allowance.extra_attempts
