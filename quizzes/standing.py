"""A learner's standing in a quiz: submitted attempts -> grade by the grading method -> passed.

The one definition of a quiz's grade and of passing it. Pages that hold a learner's attempts
in memory call ``standing``; dashboards that aggregate a whole class in SQL call ``standings``,
which annotates the same five inputs (count, highest, total, first, latest) per learner and
quiz and finishes with the same ``grade_from_inputs``. Grades are Decimals with the four
places an attempt's score is stored with, so 0.57 meets a 57 % pass mark on every page.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, Max, OuterRef, Q, QuerySet, Subquery, Sum

from quizzes.grading import GradeInputs, as_percent, grade_from_inputs, is_passed, quiz_grade
from quizzes.models import Attempt, Quiz

SUBMITTED = Attempt.State.SUBMITTED
IN_PROGRESS = Attempt.State.IN_PROGRESS


@dataclass(frozen=True)
class Standing:
    """One learner's standing in one quiz."""

    pass_mark: int
    submitted: int  # submitted attempts
    in_progress: bool  # an attempt is open
    grade: Decimal | None  # 0..1 by the quiz's grading method; None before a submission

    @property
    def passed(self) -> bool:
        return is_passed(self.grade, pass_mark=self.pass_mark)

    @property
    def percent(self) -> int | None:
        return as_percent(self.grade)


def standing(*, quiz: Quiz, attempts: Iterable[Attempt]) -> Standing:
    """The standing from the learner's attempts at the quiz, in any order (no queries)."""
    attempts = sorted(attempts, key=lambda attempt: attempt.number)
    scores = [a.score for a in attempts if a.state == SUBMITTED and a.score is not None]
    return Standing(
        pass_mark=quiz.pass_mark,
        submitted=len(scores),
        in_progress=any(a.state == IN_PROGRESS for a in attempts),
        grade=quiz_grade(scores, method=quiz.grading_method),
    )


def no_standing(quiz: Quiz) -> Standing:
    """The standing of a learner who has not tried the quiz."""
    return Standing(pass_mark=quiz.pass_mark, submitted=0, in_progress=False, grade=None)


def standings(
    *, users: QuerySet | Iterable[int], quizzes: QuerySet | Iterable[Quiz]
) -> dict[tuple[int, int], Standing]:
    """(user id, quiz id) -> standing, for learners with an attempt, in one grouped query.

    ``users`` and ``quizzes`` may be querysets of ids: they run as subqueries, so the query
    count does not depend on whether there are any.
    """
    quiz_ids = quizzes if isinstance(quizzes, QuerySet) else [quiz.pk for quiz in quizzes]
    submitted = Attempt.objects.filter(
        user=OuterRef("user_id"), quiz=OuterRef("quiz_id"), state=SUBMITTED
    )
    is_submitted = Q(state=SUBMITTED)
    rows = (
        Attempt.objects.filter(user_id__in=users, quiz_id__in=quiz_ids)
        .values("user_id", "quiz_id", "quiz__grading_method", "quiz__pass_mark")
        .annotate(
            count=Count("pk", filter=is_submitted & Q(score__isnull=False)),
            in_progress=Count("pk", filter=Q(state=IN_PROGRESS)),
            highest=Max("score", filter=is_submitted),
            total=Sum(
                "score",
                filter=is_submitted,
                output_field=DecimalField(max_digits=12, decimal_places=4),
            ),
            first=Subquery(submitted.order_by("number").values("score")[:1]),
            latest=Subquery(submitted.order_by("-number").values("score")[:1]),
        )
        .order_by()  # the model's ordering would split the groups
    )
    return {
        (row["user_id"], row["quiz_id"]): Standing(
            pass_mark=row["quiz__pass_mark"],
            submitted=row["count"],
            in_progress=row["in_progress"] > 0,
            grade=grade_from_inputs(
                GradeInputs(
                    count=row["count"],
                    highest=row["highest"],
                    total=row["total"],
                    first=row["first"],
                    latest=row["latest"],
                ),
                method=row["quiz__grading_method"],
            ),
        )
        for row in rows
    }
