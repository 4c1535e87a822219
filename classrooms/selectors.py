"""Classroom reads shared by the classroom pages: the lists, memberships, the course and its
columns, and a learner's assignments. Plain data, a fixed number of queries whatever the class size.

The teacher's grid is in ``classrooms.dashboard``, one student's report in ``classrooms.students``
and the gradebook in ``classrooms.gradebook``. Grades and passing are ``quizzes.standing``'s:
``standings`` aggregates them in the database.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Count, F, OuterRef, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from classrooms.models import Assignment, Classroom, Membership
from lessons.models import Lesson, LessonProgress
from quizzes.models import Attempt, Quiz
from quizzes.standing import Standing, standing

User = get_user_model()


class AssignmentState(models.TextChoices):
    TO_DO = "to-do", _("To do")
    DONE = "done", _("Done")
    OVERDUE = "overdue", _("Overdue")


# --- The classroom lists and memberships -----------------------------------------------------


def classrooms_taught(*, teacher: User) -> list[Classroom]:
    """The teacher's classrooms, active first, each with ``student_count`` (1 query)."""
    return list(
        Classroom.objects.taught_by(teacher)
        .annotate(student_count=Count("memberships", distinct=True))
        .order_by("is_archived", "name", "pk")
    )


def memberships_of(*, user: User) -> list[Membership]:
    """The classrooms the learner belongs to, active first (1 query)."""
    return list(
        Membership.objects.filter(user=user)
        .select_related("classroom")
        .order_by("classroom__is_archived", "classroom__name", "classroom_id")
    )


def student_membership(*, classroom: Classroom, user_id: int) -> Membership | None:
    """The student's membership of the classroom, or None when they are not in it (1 query)."""
    memberships = Membership.objects.filter(classroom=classroom, user_id=user_id)
    return memberships.select_related("user", "classroom").first()


def member_ids(classroom: Classroom) -> QuerySet:
    """The members' user ids, as a subquery (no query of its own)."""
    return Membership.objects.filter(classroom=classroom).values("user_id")


def members(classroom: Classroom) -> list[User]:
    """The members by name, each with ``joined_at`` from their membership (1 query)."""
    # Users only (no membership or classroom objects): a district's gradebook has thousands.
    return list(
        get_user_model()
        .objects.filter(memberships__classroom=classroom)
        .annotate(joined_at=F("memberships__joined_at"))  # for is_overdue
        .order_by("last_name", "first_name", "username")
    )


# --- The course as columns -------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A lesson or a quiz of the grid, with its assignment when the classroom has one."""

    lesson: Lesson | None = None
    quiz: Quiz | None = None
    assignment: Assignment | None = None

    @property
    def is_quiz(self) -> bool:
        return self.quiz is not None

    @property
    def item(self) -> Lesson | Quiz:
        return self.lesson or self.quiz

    @property
    def title(self) -> str:
        return str(self.item)

    @property
    def due_at(self) -> datetime | None:
        return self.assignment.due_at if self.assignment else None


def course_order(column: Column) -> tuple:
    """Course order: each lesson, then its quiz; quizzes without a lesson (the exam) last."""
    if column.lesson is not None:
        return (0, column.lesson.position, 0, column.lesson.title)
    lesson = column.quiz.lesson
    return (0, lesson.position, 1, column.quiz.title) if lesson else (1, 0, 1, column.quiz.title)


def published_quizzes() -> list[Quiz]:
    """Published quizzes in course order, each with its lesson (1 query)."""
    return sorted(
        Quiz.objects.filter(is_published=True).select_related("lesson"),
        key=lambda quiz: course_order(Column(quiz=quiz)),
    )


def classroom_course(classroom: Classroom) -> tuple[list[Lesson], list[Quiz], list[Assignment]]:
    """Published lessons, published quizzes and the classroom's assignments, each with its
    chosen students' ids (4 queries)."""
    lessons = list(Lesson.objects.published().in_order())
    quizzes = published_quizzes()
    assignments = list(
        Assignment.objects.filter(classroom=classroom).select_related("lesson", "quiz__lesson")
    )
    chosen: dict[int, set[int]] = {}
    links = Assignment.students.through.objects.filter(assignment__classroom=classroom)
    for assignment_id, user_id in links.values_list("assignment_id", "user_id"):
        chosen.setdefault(assignment_id, set()).add(user_id)
    for assignment in assignments:
        assignment.chosen = frozenset(chosen.get(assignment.pk, ()))
    return lessons, quizzes, assignments


# --- Assignments -----------------------------------------------------------------------------


@dataclass(frozen=True)
class AssignmentStatus:
    """One assignment as one learner stands with it."""

    assignment: Assignment
    classroom: Classroom
    lesson: Lesson | None
    quiz: Quiz | None
    due_at: datetime | None
    state: AssignmentState
    result: Standing | None = None  # quizzes only

    @property
    def item(self) -> Lesson | Quiz:
        return self.lesson or self.quiz

    @property
    def title(self) -> str:
        return str(self.item)

    @property
    def url(self) -> str:
        return self.item.get_absolute_url()


def is_overdue(
    *, due_at: datetime | None, done: bool, now: datetime, joined_at: datetime | None
) -> bool:
    """Past its due time and not done, unless it fell due before the student joined the class:
    a late joiner was never given the time, so it is to do for them, not overdue."""
    if done or due_at is None or due_at >= now:
        return False
    return joined_at is None or due_at >= joined_at


def assignment_state(
    *, due_at: datetime | None, done: bool, now: datetime, joined_at: datetime | None
) -> AssignmentState:
    if done:
        return AssignmentState.DONE
    if is_overdue(due_at=due_at, done=done, now=now, joined_at=joined_at):
        return AssignmentState.OVERDUE
    return AssignmentState.TO_DO


_STATE_ORDER = {AssignmentState.OVERDUE: 0, AssignmentState.TO_DO: 1, AssignmentState.DONE: 2}


def student_assignments(*, user: User, now: datetime) -> list[AssignmentStatus]:
    """Assignments in the learner's active classrooms; done = lesson completed or quiz passed."""
    mine = Assignment.objects.filter(
        classroom__memberships__user=user, classroom__is_archived=False
    ).for_user(user)
    joined = Membership.objects.filter(classroom=OuterRef("classroom_id"), user=user)
    assignments = list(
        mine.select_related("classroom", "lesson", "quiz")
        .annotate(joined_at=Subquery(joined.values("joined_at")[:1]))
        .order_by("due_at", "pk")
    )
    completed = set(
        LessonProgress.objects.filter(
            user=user, completed_at__isnull=False, lesson_id__in=mine.values("lesson_id")
        ).values_list("lesson_id", flat=True)
    )
    # One learner: their own attempts, graded by ``standing``, rather than the many-learner
    # grouped ``standings``, whose query Django took longer to build than to run (7.1 -> 4.6
    # ms on the bench's learner).
    tries: dict[int, list[Attempt]] = {}
    for attempt in Attempt.objects.filter(user=user, quiz_id__in=mine.values("quiz_id")).only(
        "quiz_id", "number", "state", "score"
    ):
        tries.setdefault(attempt.quiz_id, []).append(attempt)
    statuses = []
    for assignment in assignments:
        if assignment.lesson_id is not None:
            result, done = None, assignment.lesson_id in completed
        else:
            result = standing(quiz=assignment.quiz, attempts=tries.get(assignment.quiz_id, []))
            done = result.passed
        statuses.append(
            AssignmentStatus(
                assignment=assignment,
                classroom=assignment.classroom,
                lesson=assignment.lesson,
                quiz=assignment.quiz,
                due_at=assignment.due_at,
                state=assignment_state(
                    due_at=assignment.due_at, done=done, now=now, joined_at=assignment.joined_at
                ),
                result=result,
            )
        )
    far = datetime.max.replace(tzinfo=now.tzinfo)
    statuses.sort(
        key=lambda s: (_STATE_ORDER[s.state], s.due_at or far, s.classroom.name, s.assignment.pk)
    )
    return statuses
