"""The teacher's dashboard: students x lessons and quizzes, column summaries, hardest questions.

Plain data in a fixed number of queries whatever the class size; grades and passing are
``quizzes.standing``'s.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Avg, Count
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from classrooms.accommodations import classroom_accommodations
from classrooms.models import Accommodation, Assignment, Classroom, is_assigned_to
from classrooms.selectors import (
    Column,
    classroom_course,
    course_order,
    is_overdue,
    member_ids,
    members,
)
from lessons.models import Lesson, LessonProgress, Status, lesson_status
from quizzes.grading import as_percent
from quizzes.models import Answer, Attempt, Quiz
from quizzes.standing import Standing, standings

User = get_user_model()

SUBMITTED = Attempt.State.SUBMITTED
HARDEST_QUESTIONS = 5
HARDEST_MIN_ANSWERS = 5


@dataclass(frozen=True)
class Cell:
    column: Column
    status: Status | None = None  # lessons
    result: Standing | None = None  # quizzes
    overdue: bool = False
    assigned: bool = True  # False: the assignment is for other students of the class

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
    accommodations: tuple[Accommodation, ...] = ()  # the student's own (not whole-class ones)

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
    accommodations: list[Accommodation] = field(default_factory=list)
    lessons: list[Lesson] = field(default_factory=list)  # published, for the assignment form
    quizzes: list[Quiz] = field(default_factory=list)  # published, for the assignment form

    @property
    def is_assigned(self) -> bool:
        """True when the columns are the classroom's assignments, not the whole course."""
        return bool(self.assignments)

    @property
    def class_accommodations(self) -> list[Accommodation]:
        """The accommodations every student of the class has."""
        return [row for row in self.accommodations if row.user_id is None]

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
    def nudges(self) -> list["Nudge"]:
        """A message to copy for each student who is behind or has not started."""
        seen, nudges = set(), []
        for row in self.behind + self.not_started:
            if row.user.pk not in seen:
                seen.add(row.user.pk)
                nudges.append(Nudge(row=row, message=nudge_message(row, classroom=self.classroom)))
        return nudges

    @property
    def overdue(self) -> list[tuple[Column, list[StudentRow]]]:
        """Each assignment past its due date with the students who have not done it."""
        late = []
        for index, column in enumerate(self.columns):
            rows = [row for row in self.rows if row.cells[index].overdue]
            if rows:
                late.append((column, rows))
        return late


@dataclass(frozen=True)
class Nudge:
    row: StudentRow
    message: str


def nudge_message(row: StudentRow, *, classroom: Classroom) -> str:
    """A short, friendly message a teacher can paste into a chat or an e-mail: what is
    overdue (with its due date), or where to start; links use the configured site address."""
    name = row.user.first_name or row.user.username
    site = settings.SITE_URL.rstrip("/")
    if row.overdue:
        items = [
            _("“%(title)s” (due %(due)s): %(url)s")
            % {
                "title": column.title,
                "due": date_format(localtime(column.due_at), "j M"),
                "url": site + column.item.get_absolute_url(),
            }
            for column in row.overdue
        ]
        return _(
            "Hi %(name)s, in %(classroom)s these are past their due date:\n%(items)s\n"
            "Could you catch up on them this week? Ask me if anything is unclear."
        ) % {"name": name, "classroom": classroom.name, "items": "\n".join(items)}
    return _(
        "Hi %(name)s, you have not started the course in %(classroom)s yet. Begin with the "
        "first lesson: %(url)s It takes about ten minutes."
    ) % {"name": name, "classroom": classroom.name, "url": site + reverse("lessons:list")}


def _columns(lessons, quizzes, assignments) -> list[Column]:
    if assignments:
        columns = [Column(lesson=a.lesson, quiz=a.quiz, assignment=a) for a in assignments]
    else:
        columns = [Column(lesson=lesson) for lesson in lessons]
        columns += [Column(quiz=quiz) for quiz in quizzes if quiz.lesson_id is not None]
    return sorted(columns, key=course_order)


def _progress(classroom: Classroom, lesson_ids) -> dict[tuple[int, int], Status]:
    """(user id, lesson id) -> status, for the members who opened the lesson (1 query)."""
    rows = LessonProgress.objects.filter(
        user_id__in=member_ids(classroom), lesson_id__in=lesson_ids
    ).only("user_id", "lesson_id", "completed_at")
    return {(row.user_id, row.lesson_id): lesson_status(row) for row in rows}


def _cell(column: Column, user: User, progress, results, now: datetime) -> Cell:
    if column.assignment is not None and not is_assigned_to(
        user_id=user.pk, chosen=column.assignment.chosen
    ):
        return Cell(column=column, assigned=False)
    if column.is_quiz:
        result = results.get((user.pk, column.quiz.pk))
        cell = Cell(column=column, result=result)
    else:
        status = progress.get((user.pk, column.lesson.pk), Status.NOT_STARTED)
        cell = Cell(column=column, status=status)
    if is_overdue(due_at=column.due_at, done=cell.done, now=now, joined_at=user.joined_at):
        cell = Cell(column=column, status=cell.status, result=cell.result, overdue=True)
    return cell


def hardest_questions(
    *,
    classroom: Classroom,
    quizzes: list[Quiz] | None = None,
    limit: int = HARDEST_QUESTIONS,
    min_answers: int = HARDEST_MIN_ANSWERS,
) -> list[HardQuestion]:
    """The questions this class scores lowest on, by quiz, over submitted answers to the
    given quizzes (every quiz when None); a question needs ``min_answers`` answers from the
    class to count, so one unlucky answer does not top the list (1 query)."""
    answers = Answer.objects.filter(
        attempt__state=SUBMITTED,
        attempt__user_id__in=member_ids(classroom),
        score__isnull=False,
    )
    if quizzes is not None:
        answers = answers.filter(attempt__quiz_id__in=[quiz.pk for quiz in quizzes])
    rows = (
        answers
        .values(
            "question_id", "question__name", "question__text", "attempt__quiz_id",
            "attempt__quiz__title",
        )
        .annotate(answers=Count("pk"), mean=Avg("score"))
        .filter(answers__gte=min_answers)
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
    """Students x assigned (else all) lessons and quizzes, and the accommodations: 10 queries
    whatever the class size."""
    teachers = list(classroom.teachers.order_by("last_name", "first_name", "username"))
    students = members(classroom)
    lessons, quizzes, assignments = classroom_course(classroom)
    columns = _columns(lessons, quizzes, assignments)
    lesson_ids = {lesson.pk for lesson in lessons} | {c.lesson.pk for c in columns if c.lesson}
    quiz_list = {quiz.pk: quiz for quiz in quizzes} | {c.quiz.pk: c.quiz for c in columns if c.quiz}
    progress = _progress(classroom, sorted(lesson_ids))
    results = standings(users=member_ids(classroom), quizzes=list(quiz_list.values()))
    published = {lesson.pk for lesson in lessons}
    accommodations = classroom_accommodations(classroom=classroom)
    own: dict[int, list[Accommodation]] = {}
    for row in accommodations:
        if row.user_id is not None:
            own.setdefault(row.user_id, []).append(row)
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
            accommodations=tuple(own.get(user.pk, ())),
        )
        for user in students
    ]
    summaries = []
    for index, column in enumerate(columns):
        cells = [row.cells[index] for row in rows if row.cells[index].assigned]
        grades = [c.result.grade for c in cells if c.result and c.result.grade is not None]
        summaries.append(
            ColumnSummary(
                column=column,
                students=len(cells),
                completed=sum(1 for cell in cells if cell.done),
                graded=len(grades),
                grade=sum(grades) / len(grades) if grades else None,
            )
        )
    return ClassroomGrid(
        classroom=classroom,
        teachers=teachers,
        assignments=sorted(assignments, key=lambda a: course_order(Column(a.lesson, a.quiz))),
        columns=columns,
        rows=rows,
        summaries=summaries,
        # The class's assigned quizzes (else the grid's lesson quizzes), as the grid shows.
        hardest=hardest_questions(
            classroom=classroom, quizzes=[c.quiz for c in columns if c.is_quiz]
        ),
        lessons_total=len(lessons),
        accommodations=accommodations,
        lessons=lessons,
        quizzes=quizzes,
    )
