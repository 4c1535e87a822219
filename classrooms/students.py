"""One student seen through a classroom: their lessons and quiz attempts, for the drill-down."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model

from classrooms.accommodations import classroom_accommodations
from classrooms.models import Accommodation, Assignment, Classroom, Membership, is_assigned_to
from classrooms.selectors import AssignmentState, assignment_state, classroom_course
from lessons.models import Lesson, LessonProgress, Status, lesson_status
from quizzes.models import Attempt, Quiz
from quizzes.standing import Standing, standing

User = get_user_model()


@dataclass(frozen=True)
class StudentLesson:
    lesson: Lesson
    status: Status
    started_at: datetime | None
    completed_at: datetime | None
    assignment: Assignment | None
    state: AssignmentState | None  # when assigned


@dataclass(frozen=True)
class StudentQuiz:
    quiz: Quiz
    attempts: list[Attempt]
    result: Standing
    assignment: Assignment | None
    state: AssignmentState | None  # when assigned


@dataclass(frozen=True)
class StudentReport:
    classroom: Classroom
    membership: Membership
    lessons: list[StudentLesson]
    quizzes: list[StudentQuiz]
    accommodations: list[Accommodation]  # the student's own and the whole class's

    @property
    def student(self) -> User:
        return self.membership.user

    @property
    def lessons_completed(self) -> int:
        return sum(1 for entry in self.lessons if entry.status == Status.COMPLETED)

    @property
    def completion_percent(self) -> int:
        total = len(self.lessons)
        return round(100 * self.lessons_completed / total) if total else 0


def classroom_student(*, membership: Membership, now: datetime) -> StudentReport:
    """One member's lessons, quiz attempts and accommodations, seen through the classroom
    (7 queries)."""
    classroom, user = membership.classroom, membership.user
    lessons, quizzes, assignments = classroom_course(classroom)
    # Only the assignments set for this student (the whole class's, or naming them).
    assignments = [a for a in assignments if is_assigned_to(user_id=user.pk, chosen=a.chosen)]
    by_lesson = {a.lesson_id: a for a in assignments if a.lesson_id}
    by_quiz = {a.quiz_id: a for a in assignments if a.quiz_id}
    lessons = lessons + [a.lesson for a in by_lesson.values() if not a.lesson.is_published]
    quizzes = quizzes + [a.quiz for a in by_quiz.values() if not a.quiz.is_published]
    progress = {
        row.lesson_id: row
        for row in LessonProgress.objects.filter(user=user, lesson__in=[x.pk for x in lessons])
    }
    attempts: dict[int, list[Attempt]] = {}
    for attempt in Attempt.objects.filter(user=user, quiz__in=[q.pk for q in quizzes]).order_by(
        "quiz_id", "number"
    ):
        attempts.setdefault(attempt.quiz_id, []).append(attempt)

    lesson_entries = []
    for lesson in lessons:
        row = progress.get(lesson.pk)
        status = lesson_status(row)
        assignment = by_lesson.get(lesson.pk)
        lesson_entries.append(
            StudentLesson(
                lesson=lesson,
                status=status,
                started_at=row.started_at if row else None,
                completed_at=row.completed_at if row else None,
                assignment=assignment,
                state=assignment_state(
                    due_at=assignment.due_at,
                    done=status == Status.COMPLETED,
                    now=now,
                    joined_at=membership.joined_at,
                )
                if assignment
                else None,
            )
        )
    quiz_entries = []
    for quiz in quizzes:
        tries = attempts.get(quiz.pk, [])
        for attempt in tries:
            attempt.quiz = quiz  # spares a query per attempt for Attempt.passed
        result = standing(quiz=quiz, attempts=tries)
        assignment = by_quiz.get(quiz.pk)
        quiz_entries.append(
            StudentQuiz(
                quiz=quiz,
                attempts=tries,
                result=result,
                assignment=assignment,
                state=assignment_state(
                    due_at=assignment.due_at,
                    done=result.passed,
                    now=now,
                    joined_at=membership.joined_at,
                )
                if assignment
                else None,
            )
        )
    return StudentReport(
        classroom=classroom,
        membership=membership,
        lessons=lesson_entries,
        quizzes=quiz_entries,
        accommodations=classroom_accommodations(classroom=classroom, user_id=user.pk),
    )
