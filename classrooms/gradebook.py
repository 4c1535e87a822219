"""The gradebook: one row per student; the classroom's assignments first (grade or completed,
due date, late), then every other published quiz's grade, then lessons completed."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model

from classrooms.models import Assignment, Classroom, is_assigned_to
from classrooms.selectors import (
    AssignmentState,
    Column,
    assignment_state,
    classroom_course,
    course_order,
    member_ids,
    members,
)
from lessons.models import LessonProgress
from quizzes.models import Quiz
from quizzes.standing import standings

User = get_user_model()


@dataclass(frozen=True)
class AssignedCell:
    """One student and one assignment."""

    assigned: bool  # False: set for other students of the class
    done: bool = False  # lesson completed, or quiz passed
    grade: Decimal | None = None  # quizzes: 0..1 by the quiz's grading method
    late: bool = False  # past its due date and not done


@dataclass(frozen=True)
class GradebookRow:
    user: User
    assigned: list[AssignedCell]  # one per assignment
    grades: list[Decimal | None]  # one per other quiz, 0..1, None without a submission
    lessons_completed: int
    lessons_total: int

    @property
    def completion_percent(self) -> int:
        return round(100 * self.lessons_completed / self.lessons_total) if self.lessons_total else 0


@dataclass(frozen=True)
class Gradebook:
    classroom: Classroom
    assignments: list[Assignment]  # in course order
    quizzes: list[Quiz]  # the published quizzes not assigned
    rows: list[GradebookRow]


def classroom_gradebook(*, classroom: Classroom, now: datetime) -> Gradebook:
    """One row per student: the assignments first, then the other quizzes' grades and lessons
    completed (8 queries whatever the class size)."""
    students = members(classroom)
    lessons, quizzes, assignments = classroom_course(classroom)
    assignments = sorted(assignments, key=lambda a: course_order(Column(a.lesson, a.quiz)))
    assigned_quizzes = {a.quiz_id for a in assignments if a.quiz_id}
    others = [quiz for quiz in quizzes if quiz.pk not in assigned_quizzes]
    published = {lesson.pk for lesson in lessons}
    completed_rows = LessonProgress.objects.filter(
        user_id__in=member_ids(classroom), completed_at__isnull=False
    ).values_list("user_id", "lesson_id")
    completed = set(completed_rows)
    counts: dict[int, int] = {}
    for user_id, lesson_id in completed:
        if lesson_id in published:
            counts[user_id] = counts.get(user_id, 0) + 1
    every_quiz = others + [a.quiz for a in assignments if a.quiz_id]
    results = standings(users=member_ids(classroom), quizzes=every_quiz)

    def cell(user, assignment: Assignment) -> AssignedCell:
        if not is_assigned_to(user_id=user.pk, chosen=assignment.chosen):
            return AssignedCell(assigned=False)
        if assignment.quiz_id:
            result = results.get((user.pk, assignment.quiz_id))
            grade, done = (result.grade, result.passed) if result else (None, False)
        else:
            grade, done = None, (user.pk, assignment.lesson_id) in completed
        state = assignment_state(
            due_at=assignment.due_at, done=done, now=now, joined_at=user.joined_at
        )
        return AssignedCell(
            assigned=True, done=done, grade=grade, late=state == AssignmentState.OVERDUE
        )

    rows = [
        GradebookRow(
            user=user,
            assigned=[cell(user, assignment) for assignment in assignments],
            grades=[
                results[(user.pk, quiz.pk)].grade if (user.pk, quiz.pk) in results else None
                for quiz in others
            ],
            lessons_completed=counts.get(user.pk, 0),
            lessons_total=len(lessons),
        )
        for user in students
    ]
    return Gradebook(classroom=classroom, assignments=assignments, quizzes=others, rows=rows)
