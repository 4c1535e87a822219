"""Regrading a quiz after one of its questions was fixed: what would change, then the change.

Every submitted attempt's answers are graded again from their stored responses against the
questions as they are now; a teacher's overridden mark stays. Scores go through
``quizzes.grading`` (``marked_score``, ``attempt_score``, ``quiz_grade``) like a submit.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Prefetch

from quizzes.grading import as_percent, attempt_score, marked_score, quiz_grade
from quizzes.models import Answer, Attempt, Choice, Quiz
from quizzes.services import answer_grade


@dataclass(frozen=True)
class AttemptChange:
    attempt: Attempt
    old: Decimal
    new: Decimal
    answers_changed: int

    @property
    def old_percent(self) -> int | None:
        return as_percent(self.old)

    @property
    def new_percent(self) -> int | None:
        return as_percent(self.new)


@dataclass(frozen=True)
class LearnerChange:
    """A learner's quiz grade (by the quiz's grading method) before and after the regrade."""

    user: object
    old: Decimal | None
    new: Decimal | None

    @property
    def old_percent(self) -> int | None:
        return as_percent(self.old)

    @property
    def new_percent(self) -> int | None:
        return as_percent(self.new)


@dataclass(frozen=True)
class RegradePlan:
    quiz: Quiz
    attempts_checked: int
    changes: list[AttemptChange]  # only the attempts whose score changes
    learners: list[LearnerChange]  # only the learners whose grade changes
    answers: list[Answer]  # the answers whose score changes, with their new score set

    @property
    def token(self) -> str:
        """A fingerprint of the planned change: applying checks it is still the one shown."""
        text = ";".join(f"{c.attempt.pk}:{c.old}>{c.new}" for c in self.changes)
        text += "|" + ";".join(f"{a.pk}:{a.score}" for a in self.answers)
        return hashlib.sha256(text.encode()).hexdigest()[:32]


def _plan(quiz: Quiz, attempts: list[Attempt]) -> RegradePlan:
    answers = (
        Answer.objects.filter(attempt__in=[a.pk for a in attempts])
        .select_related("question")
        .prefetch_related(
            Prefetch("question__choices", queryset=Choice.objects.order_by("position", "pk"))
        )
        .order_by("attempt_id", "position")
    )
    by_attempt: dict[int, list[Answer]] = {}
    changed_answers = []
    for answer in answers:
        new = marked_score(graded=answer_grade(answer), override=answer.override_score)
        if answer.score is None or new != answer.score:
            answer.score = new
            changed_answers.append(answer)
        by_attempt.setdefault(answer.attempt_id, []).append(answer)
    touched_by_attempt = Counter(answer.attempt_id for answer in changed_answers)
    changes, old_scores, new_scores = [], {}, {}
    for attempt in attempts:
        mine = by_attempt.get(attempt.pk, [])
        new = attempt_score([a.score for a in mine])
        old = attempt.score if attempt.score is not None else Decimal(0)
        old_scores.setdefault(attempt.user_id, []).append(old)
        new_scores.setdefault(attempt.user_id, []).append(new)
        touched = touched_by_attempt[attempt.pk]
        if new != old or touched:
            changes.append(
                AttemptChange(attempt=attempt, old=old, new=new, answers_changed=touched)
            )
    users = {attempt.user_id: attempt.user for attempt in attempts}
    learners = []
    for user_id, olds in old_scores.items():
        before = quiz_grade(olds, method=quiz.grading_method)
        after = quiz_grade(new_scores[user_id], method=quiz.grading_method)
        if before != after:
            learners.append(LearnerChange(user=users[user_id], old=before, new=after))
    return RegradePlan(
        quiz=quiz,
        attempts_checked=len(attempts),
        changes=changes,
        learners=learners,
        answers=changed_answers,
    )


def _submitted(quiz: Quiz):
    return (
        Attempt.objects.filter(quiz=quiz, state=Attempt.State.SUBMITTED)
        .select_related("user")
        .order_by("user__username", "user_id", "number")
    )


def regrade_plan(*, quiz: Quiz) -> RegradePlan:
    """What a regrade of the quiz's submitted attempts would change; writes nothing (3 queries)."""
    return _plan(quiz, list(_submitted(quiz)))


def quiz_regrade(*, quiz: Quiz, token: str | None = None) -> RegradePlan | None:
    """Regrade the quiz's submitted attempts and return what changed; None (nothing written)
    when ``token`` no longer matches the plan (a question changed since the plan was shown).

    Applying twice changes nothing the second time: the scores are then already the new ones.
    """
    with transaction.atomic():
        attempts = list(_submitted(quiz).select_for_update(of=("self",)))
        plan = _plan(quiz, attempts)
        if token is not None and token != plan.token:
            return None
        Answer.objects.bulk_update(plan.answers, ["score"])
        changed = [change.attempt for change in plan.changes]
        for change in plan.changes:
            change.attempt.score = change.new
        Attempt.objects.bulk_update(changed, ["score"])
    return plan
