"""Classrooms, members and quiz attempts for the classroom tests."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from classrooms.models import Classroom, Membership
from lessons.models import LessonProgress
from quizzes.models import Attempt
from quizzes.services import attempt_save, attempt_start, attempt_submit
from spaceedu.models import User
from tests.quizzes.helpers import right_response

# A fixed clock: selectors take `now`, so "overdue" never depends on when the tests run.
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
# When make_classroom's students joined: well before any due date the tests set around NOW.
JOINED = NOW - timedelta(days=60)


def make_classroom(
    teacher, *students, name="Year 9 Space Club", joined_at=JOINED, **fields
) -> Classroom:
    classroom = Classroom.objects.create(name=name, **fields)
    classroom.teachers.add(teacher)
    Membership.objects.bulk_create(Membership(classroom=classroom, user=s) for s in students)
    # joined_at is auto_now_add: set on insert, so the fixed clock is applied after.
    Membership.objects.filter(classroom=classroom).update(joined_at=joined_at)
    return classroom


def take_quiz(user, quiz, *, right: int | None = None, when=None) -> Attempt:
    """A real attempt through the quiz services: the first `right` answers right, the rest blank."""
    when = when or timezone.now()
    attempt = attempt_start(user=user, quiz=quiz, now=when)
    answers = list(attempt.answers.select_related("question").order_by("position"))
    right = len(answers) if right is None else right
    responses = {
        answer.pk: right_response(answer.question) if index < right else None
        for index, answer in enumerate(answers)
    }
    attempt = attempt_save(
        attempt=attempt, responses=responses, sequence=attempt.sequence, now=when
    )
    return attempt_submit(attempt=attempt, now=when + timedelta(minutes=5))


def graded(quiz, user, *scores: float, when=None) -> list[Attempt]:
    """Submitted attempts with these scores (oldest first), written straight to the database."""
    when = when or timezone.now()
    return Attempt.objects.bulk_create(
        Attempt(
            quiz=quiz, user=user, number=number, state=Attempt.State.SUBMITTED,
            started_at=when, submitted_at=when, score=Decimal(str(score)),
        )
        for number, score in enumerate(scores, start=1)
    )  # fmt: skip


def read(user, lesson, *, completed=True, when=None) -> LessonProgress:
    when = when or timezone.now()
    return LessonProgress.objects.create(
        user=user, lesson=lesson, started_at=when, completed_at=when if completed else None
    )


def students(count: int, *, prefix="pupil") -> list[User]:
    start = User.objects.count()
    return User.objects.bulk_create(
        User(username=f"{prefix}-{start + i}", first_name=f"Pupil {i}", last_name="Test")
        for i in range(count)
    )
