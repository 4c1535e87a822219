"""The gradebook: one row per student, a grade per published quiz and lessons completed."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count

from classrooms.models import Classroom
from classrooms.selectors import member_ids, members, published_quizzes
from lessons.models import Lesson, LessonProgress
from quizzes.models import Quiz
from quizzes.standing import standings

User = get_user_model()


@dataclass(frozen=True)
class GradebookRow:
    user: User
    grades: list[Decimal | None]  # one per quiz, 0..1, None without a submitted attempt
    lessons_completed: int
    lessons_total: int

    @property
    def completion_percent(self) -> int:
        return round(100 * self.lessons_completed / self.lessons_total) if self.lessons_total else 0


@dataclass(frozen=True)
class Gradebook:
    classroom: Classroom
    quizzes: list[Quiz]
    rows: list[GradebookRow]


def classroom_gradebook(*, classroom: Classroom) -> Gradebook:
    """One row per student: a grade per published quiz, lessons completed (5 queries)."""
    students = members(classroom)
    quizzes = published_quizzes()
    lessons_total = Lesson.objects.published().count()
    completed = dict(
        LessonProgress.objects.filter(
            user_id__in=member_ids(classroom),
            lesson__is_published=True,
            completed_at__isnull=False,
        )
        .values("user_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("user_id", "n")
    )
    results = standings(users=member_ids(classroom), quizzes=quizzes)
    rows = [
        GradebookRow(
            user=user,
            grades=[
                results[(user.pk, quiz.pk)].grade if (user.pk, quiz.pk) in results else None
                for quiz in quizzes
            ],
            lessons_completed=completed.get(user.pk, 0),
            lessons_total=lessons_total,
        )
        for user in students
    ]
    return Gradebook(classroom=classroom, quizzes=quizzes, rows=rows)
