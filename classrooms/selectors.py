"""Reads the classroom pages need: plain data, a fixed number of queries whatever the class size.

Grades and passing are ``quizzes.standing``'s: ``standings`` aggregates them in the database.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Avg, Count, QuerySet
from django.utils.translation import gettext_lazy as _

from classrooms.models import Assignment, Classroom, Membership
from lessons.models import Lesson, LessonProgress, Status, lesson_status
from quizzes.grading import as_percent
from quizzes.models import Answer, Attempt, Quiz
from quizzes.standing import Standing, no_standing, standing, standings

User = get_user_model()

SUBMITTED = Attempt.State.SUBMITTED
HARDEST_QUESTIONS = 5


class AssignmentState(models.TextChoices):
    TO_DO = "to-do", _("To do")
    DONE = "done", _("Done")
    OVERDUE = "overdue", _("Overdue")


# --- The classroom lists ---------------------------------------------------------------------


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


def _assignment_state(*, due_at: datetime | None, done: bool, now: datetime) -> AssignmentState:
    if done:
        return AssignmentState.DONE
    if due_at is not None and due_at < now:
        return AssignmentState.OVERDUE
    return AssignmentState.TO_DO


_STATE_ORDER = {AssignmentState.OVERDUE: 0, AssignmentState.TO_DO: 1, AssignmentState.DONE: 2}


def student_assignments(*, user: User, now: datetime) -> list[AssignmentStatus]:
    """Assignments in the learner's active classrooms; done = lesson completed or quiz passed."""
    mine = Assignment.objects.filter(
        classroom__memberships__user=user, classroom__is_archived=False
    )
    assignments = list(mine.select_related("classroom", "lesson", "quiz").order_by("due_at", "pk"))
    completed = set(
        LessonProgress.objects.filter(
            user=user, completed_at__isnull=False, lesson_id__in=mine.values("lesson_id")
        ).values_list("lesson_id", flat=True)
    )
    results = standings(
        users=[user.pk], quizzes=Quiz.objects.filter(pk__in=mine.values("quiz_id")).values("pk")
    )
    statuses = []
    for assignment in assignments:
        if assignment.lesson_id is not None:
            result, done = None, assignment.lesson_id in completed
        else:
            result = results.get((user.pk, assignment.quiz_id)) or no_standing(assignment.quiz)
            done = result.passed
        statuses.append(
            AssignmentStatus(
                assignment=assignment,
                classroom=assignment.classroom,
                lesson=assignment.lesson,
                quiz=assignment.quiz,
                due_at=assignment.due_at,
                state=_assignment_state(due_at=assignment.due_at, done=done, now=now),
                result=result,
            )
        )
    far = datetime.max.replace(tzinfo=now.tzinfo)
    statuses.sort(
        key=lambda s: (_STATE_ORDER[s.state], s.due_at or far, s.classroom.name, s.assignment.pk)
    )
    return statuses


# --- The teacher's dashboard -----------------------------------------------------------------


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


def _column_key(column: Column) -> tuple:
    """Course order: each lesson, then its quiz; quizzes without a lesson (the exam) last."""
    if column.lesson is not None:
        return (0, column.lesson.position, 0, column.lesson.title)
    lesson = column.quiz.lesson
    return (0, lesson.position, 1, column.quiz.title) if lesson else (1, 0, 1, column.quiz.title)


@dataclass(frozen=True)
class Cell:
    column: Column
    status: Status | None = None  # lessons
    result: Standing | None = None  # quizzes
    overdue: bool = False

    @property
    def done(self) -> bool:
        if self.column.is_quiz:
            return self.result is not None and self.result.passed
        return self.status == Status.COMPLETED


@dataclass(frozen=True)
class StudentRow:
    user: User
    cells: list[Cell]
    lessons_completed: int
    lessons_total: int
    has_started: bool

    @property
    def completion_percent(self) -> int:
        return round(100 * self.lessons_completed / self.lessons_total) if self.lessons_total else 0

    @property
    def overdue(self) -> list[Column]:
        return [cell.column for cell in self.cells if cell.overdue]


@dataclass(frozen=True)
class ColumnSummary:
    """The class as a whole on one column: lessons completed, or the quiz's class average."""

    column: Column
    students: int
    completed: int  # lessons completed, or quizzes passed
    graded: int = 0  # quizzes: students with a grade
    grade: Decimal | None = None  # quizzes: the mean of the graded students' grades, 0..1

    @property
    def percent(self) -> int | None:
        """Quizzes: the class average grade; lessons: the share of the class that completed it."""
        if self.column.is_quiz:
            return as_percent(self.grade)
        return round(100 * self.completed / self.students) if self.students else None


@dataclass(frozen=True)
class HardQuestion:
    question_id: int
    name: str
    text: str
    quiz_id: int
    quiz_title: str
    answers: int
    score: float  # mean score of this class's submitted answers, 0..1

    @property
    def percent_correct(self) -> int:
        return round(self.score * 100)


@dataclass(frozen=True)
class ClassroomGrid:
    classroom: Classroom
    teachers: list[User]
    assignments: list[Assignment]
    columns: list[Column]
    rows: list[StudentRow]
    summaries: list[ColumnSummary]  # one per column
    hardest: list[HardQuestion]
    lessons_total: int
    lessons: list[Lesson] = field(default_factory=list)  # published, for the assignment form
    quizzes: list[Quiz] = field(default_factory=list)  # published, for the assignment form

    @property
    def is_assigned(self) -> bool:
        """True when the columns are the classroom's assignments, not the whole course."""
        return bool(self.assignments)

    @property
    def averages(self) -> list[ColumnSummary]:
        """The class average of each quiz in the grid."""
        return [summary for summary in self.summaries if summary.column.is_quiz]

    @property
    def not_started(self) -> list[StudentRow]:
        return [row for row in self.rows if not row.has_started]

    @property
    def behind(self) -> list[StudentRow]:
        return [row for row in self.rows if row.overdue]

    @property
    def overdue(self) -> list[tuple[Column, list[StudentRow]]]:
        """Each assignment past its due date with the students who have not done it."""
        late = []
        for index, column in enumerate(self.columns):
            rows = [row for row in self.rows if row.cells[index].overdue]
            if rows:
                late.append((column, rows))
        return late


def _member_ids(classroom: Classroom) -> QuerySet:
    return Membership.objects.filter(classroom=classroom).values("user_id")


def _members(classroom: Classroom) -> list[User]:
    memberships = (
        Membership.objects.filter(classroom=classroom)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    return [membership.user for membership in memberships]


def _course(classroom: Classroom) -> tuple[list[Lesson], list[Quiz], list[Assignment]]:
    """Published lessons, published quizzes and the classroom's assignments (3 queries)."""
    lessons = list(Lesson.objects.published().in_order())
    quizzes = sorted(
        Quiz.objects.filter(is_published=True).select_related("lesson"),
        key=lambda quiz: _column_key(Column(quiz=quiz)),
    )
    assignments = list(
        Assignment.objects.filter(classroom=classroom).select_related("lesson", "quiz__lesson")
    )
    return lessons, quizzes, assignments


def _columns(lessons, quizzes, assignments) -> list[Column]:
    if assignments:
        columns = [Column(lesson=a.lesson, quiz=a.quiz, assignment=a) for a in assignments]
    else:
        columns = [Column(lesson=lesson) for lesson in lessons]
        columns += [Column(quiz=quiz) for quiz in quizzes if quiz.lesson_id is not None]
    return sorted(columns, key=_column_key)


def _progress(classroom: Classroom, lesson_ids) -> dict[tuple[int, int], Status]:
    """(user id, lesson id) -> status, for the members who opened the lesson (1 query)."""
    rows = LessonProgress.objects.filter(
        user_id__in=_member_ids(classroom), lesson_id__in=lesson_ids
    ).only("user_id", "lesson_id", "completed_at")
    return {(row.user_id, row.lesson_id): lesson_status(row) for row in rows}


def _cell(column: Column, user: User, progress, results, now: datetime) -> Cell:
    if column.is_quiz:
        result = results.get((user.pk, column.quiz.pk))
        cell = Cell(column=column, result=result)
    else:
        status = progress.get((user.pk, column.lesson.pk), Status.NOT_STARTED)
        cell = Cell(column=column, status=status)
    due = column.due_at
    if due is not None and due < now and not cell.done:
        cell = Cell(column=column, status=cell.status, result=cell.result, overdue=True)
    return cell


def hardest_questions(
    *, classroom: Classroom, limit: int = HARDEST_QUESTIONS
) -> list[HardQuestion]:
    """The questions this class scores lowest on, by quiz, over submitted answers (1 query)."""
    rows = (
        Answer.objects.filter(
            attempt__state=SUBMITTED,
            attempt__user_id__in=_member_ids(classroom),
            score__isnull=False,
        )
        .values(
            "question_id", "question__name", "question__text", "attempt__quiz_id",
            "attempt__quiz__title",
        )
        .annotate(answers=Count("pk"), mean=Avg("score"))
        .order_by("mean", "-answers", "question_id", "attempt__quiz_id")[:limit]
    )  # fmt: skip
    return [
        HardQuestion(
            question_id=row["question_id"],
            name=row["question__name"],
            text=row["question__text"],
            quiz_id=row["attempt__quiz_id"],
            quiz_title=row["attempt__quiz__title"],
            answers=row["answers"],
            score=float(row["mean"]),
        )
        for row in rows
    ]


def classroom_grid(*, classroom: Classroom, now: datetime) -> ClassroomGrid:
    """Students x assigned (else all) lessons and quizzes: 8 queries whatever the class size."""
    teachers = list(classroom.teachers.order_by("last_name", "first_name", "username"))
    members = _members(classroom)
    lessons, quizzes, assignments = _course(classroom)
    columns = _columns(lessons, quizzes, assignments)
    lesson_ids = {lesson.pk for lesson in lessons} | {c.lesson.pk for c in columns if c.lesson}
    quiz_list = {quiz.pk: quiz for quiz in quizzes} | {c.quiz.pk: c.quiz for c in columns if c.quiz}
    progress = _progress(classroom, sorted(lesson_ids))
    results = standings(users=_member_ids(classroom), quizzes=list(quiz_list.values()))
    published = {lesson.pk for lesson in lessons}
    started = {user_id for user_id, _lesson in progress} | {user_id for user_id, _q in results}
    rows = [
        StudentRow(
            user=user,
            cells=[_cell(column, user, progress, results, now) for column in columns],
            lessons_completed=sum(
                1
                for lesson_id in published
                if progress.get((user.pk, lesson_id)) == Status.COMPLETED
            ),
            lessons_total=len(lessons),
            has_started=user.pk in started,
        )
        for user in members
    ]
    summaries = []
    for index, column in enumerate(columns):
        cells = [row.cells[index] for row in rows]
        grades = [c.result.grade for c in cells if c.result and c.result.grade is not None]
        summaries.append(
            ColumnSummary(
                column=column,
                students=len(rows),
                completed=sum(1 for cell in cells if cell.done),
                graded=len(grades),
                grade=sum(grades) / len(grades) if grades else None,
            )
        )
    return ClassroomGrid(
        classroom=classroom,
        teachers=teachers,
        assignments=sorted(assignments, key=lambda a: _column_key(Column(a.lesson, a.quiz))),
        columns=columns,
        rows=rows,
        summaries=summaries,
        hardest=hardest_questions(classroom=classroom),
        lessons_total=len(lessons),
        lessons=lessons,
        quizzes=quizzes,
    )


# --- One student, through a classroom --------------------------------------------------------


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


def student_membership(*, classroom: Classroom, user_id: int) -> Membership | None:
    """The student's membership of the classroom, or None when they are not in it (1 query)."""
    memberships = Membership.objects.filter(classroom=classroom, user_id=user_id)
    return memberships.select_related("user", "classroom").first()


def classroom_student(*, membership: Membership, now: datetime) -> StudentReport:
    """One member's lessons and quiz attempts, seen through the classroom (5 queries)."""
    classroom, user = membership.classroom, membership.user
    lessons, quizzes, assignments = _course(classroom)
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
                state=_assignment_state(
                    due_at=assignment.due_at, done=status == Status.COMPLETED, now=now
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
                state=_assignment_state(due_at=assignment.due_at, done=result.passed, now=now)
                if assignment
                else None,
            )
        )
    return StudentReport(
        classroom=classroom, membership=membership, lessons=lesson_entries, quizzes=quiz_entries
    )


# --- The gradebook ---------------------------------------------------------------------------


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
    members = _members(classroom)
    quizzes = sorted(
        Quiz.objects.filter(is_published=True).select_related("lesson"),
        key=lambda quiz: _column_key(Column(quiz=quiz)),
    )
    lessons_total = Lesson.objects.published().count()
    completed = dict(
        LessonProgress.objects.filter(
            user_id__in=_member_ids(classroom),
            lesson__is_published=True,
            completed_at__isnull=False,
        )
        .values("user_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("user_id", "n")
    )
    results = standings(users=_member_ids(classroom), quizzes=quizzes)
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
        for user in members
    ]
    return Gradebook(classroom=classroom, quizzes=quizzes, rows=rows)
