"""A student's attempt seen by a teacher of one of the student's classrooms."""

from classrooms.models import Classroom, Membership
from quizzes.models import Attempt


def student_attempt(*, classroom: Classroom, user_id: int, attempt_id: int) -> Attempt | None:
    """The attempt when it is this classroom member's, else None (1 query)."""
    return (
        Attempt.objects.filter(
            pk=attempt_id,
            user_id=user_id,
            user__in=Membership.objects.filter(classroom=classroom).values("user_id"),
        )
        .select_related("quiz", "quiz__lesson", "user")
        .first()
    )
