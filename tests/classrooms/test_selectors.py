"""Classroom reads: assignment states on a fixed clock, grades by method, the grid."""

from datetime import timedelta

import pytest

from classrooms.models import Assignment, Membership
from classrooms.selectors import (
    AssignmentState,
    classroom_grid,
    classroom_student,
    hardest_questions,
    student_assignments,
    student_membership,
)
from lessons.models import Lesson, Status
from quizzes.models import Quiz
from quizzes.services import attempt_start
from tests.classrooms.helpers import NOW, graded, make_classroom, read, take_quiz
from tests.factories import LessonFactory, UserFactory
from tests.quizzes.helpers import SINGLE, make_quiz
from tests.quizzes.test_reports import graded_attempts

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)


# --- A student's assignments -------------------------------------------------------------------


@pytest.fixture
def assigned(teacher, student, other_teacher):
    """Lessons and quizzes assigned to the student's classroom, some done, on a fixed clock."""
    classroom = make_classroom(teacher, student)
    lessons = LessonFactory.create_batch(3)
    late_lesson, done_lesson, open_lesson = lessons
    passed_quiz = make_quiz([SINGLE], slug="passed-quiz")
    failed_quiz = make_quiz([SINGLE], slug="failed-quiz")
    untaken_quiz = make_quiz([SINGLE], slug="untaken-quiz")
    read(student, done_lesson)
    read(student, late_lesson, completed=False)
    graded(passed_quiz, student, 0.5, 0.9)
    graded(failed_quiz, student, 0.4)
    rows = [
        (late_lesson, None, NOW - DAY),
        (done_lesson, None, NOW - DAY),
        (open_lesson, None, NOW + DAY),
        (None, passed_quiz, NOW - DAY),
        (None, failed_quiz, NOW - 2 * DAY),
        (None, untaken_quiz, None),
    ]
    for lesson, quiz, due in rows:
        Assignment.objects.create(classroom=classroom, lesson=lesson, quiz=quiz, due_at=due)
    # Not the student's: an archived classroom and a classroom they are not in.
    archived = make_classroom(teacher, student, name="Last year", is_archived=True)
    Assignment.objects.create(classroom=archived, lesson=open_lesson, due_at=NOW - DAY)
    elsewhere = make_classroom(other_teacher, UserFactory(), name="Elsewhere")
    Assignment.objects.create(classroom=elsewhere, lesson=late_lesson, due_at=NOW - DAY)
    return classroom


def test_assignments_are_overdue_to_do_or_done_on_a_fixed_clock(assigned, student):
    statuses = student_assignments(user=student, now=NOW)
    got = [(status.title, status.state) for status in statuses]
    assert got == [
        ("Quiz failed-quiz", AssignmentState.OVERDUE),  # overdue, the oldest due date first
        (Lesson.objects.order_by("pk")[0].title, AssignmentState.OVERDUE),  # opened, not done
        (Lesson.objects.order_by("pk")[2].title, AssignmentState.TO_DO),
        ("Quiz untaken-quiz", AssignmentState.TO_DO),  # no due date: after the dated ones
        (Lesson.objects.order_by("pk")[1].title, AssignmentState.DONE),
        ("Quiz passed-quiz", AssignmentState.DONE),  # passed by its best attempt
    ]
    assert all(status.classroom == assigned for status in statuses)


def test_the_same_assignments_are_to_do_before_their_due_dates(assigned, student):
    states = {s.title: s.state for s in student_assignments(user=student, now=NOW - 3 * DAY)}
    assert states["Quiz failed-quiz"] == AssignmentState.TO_DO
    assert states["Quiz passed-quiz"] == AssignmentState.DONE


def test_a_quiz_is_done_only_when_passed_by_its_grading_method(assigned, student):
    Quiz.objects.filter(slug="passed-quiz").update(grading_method="first")
    states = {s.title: s.state for s in student_assignments(user=student, now=NOW)}
    assert states["Quiz passed-quiz"] == AssignmentState.OVERDUE  # the first try was 50%


def test_a_learner_without_classrooms_has_no_assignments(assigned, other_student):
    assert student_assignments(user=other_student, now=NOW) == []


def test_student_assignments_run_three_queries(assigned, student, django_assert_num_queries):
    with django_assert_num_queries(3):
        student_assignments(user=student, now=NOW)


def test_student_assignments_run_three_queries_with_none(other_student, django_assert_num_queries):
    with django_assert_num_queries(3):
        assert student_assignments(user=other_student, now=NOW) == []


# --- The dashboard grid on a realistic small class ---------------------------------------------


@pytest.fixture
def small_class(bank, teacher, other_teacher):
    """Four students on the real course: one ahead, one started, one late, one idle."""
    alice = UserFactory(username="alice", first_name="Alice", last_name="Adams")
    bob = UserFactory(username="bob", first_name="Bob", last_name="Brown")
    chloe = UserFactory(username="chloe", first_name="Chloé", last_name="Côté")
    dan = UserFactory(username="dan", first_name="Dan", last_name="Dunn")
    outsider = UserFactory(username="outsider")
    classroom = make_classroom(teacher, alice, bob, chloe, dan)
    make_classroom(other_teacher, outsider, name="Elsewhere")
    lessons = list(Lesson.objects.in_order())
    quizzes = {q.lesson_id: q for q in Quiz.objects.filter(lesson__isnull=False)}
    first, second = lessons[0], lessons[1]
    read(alice, first)
    read(alice, second)
    take_quiz(alice, quizzes[first.pk])  # all right
    read(bob, first, completed=False)
    take_quiz(bob, quizzes[first.pk], right=1)
    take_quiz(bob, quizzes[first.pk], right=2)
    read(chloe, first)
    take_quiz(outsider, quizzes[first.pk], right=0)  # not in this class: counts nowhere here
    return classroom


def test_without_assignments_the_grid_shows_every_lesson_then_its_quiz(small_class):
    grid = classroom_grid(classroom=small_class, now=NOW)
    lessons = list(Lesson.objects.in_order())
    titles = [column.title for column in grid.columns]
    assert len(titles) == 16  # 8 lessons and their 8 quizzes; the final exam is not a column
    assert titles[0] == lessons[0].title
    assert titles[1] == f"Check your understanding: {lessons[0].title}"
    assert titles[2] == lessons[1].title
    assert not grid.is_assigned


def test_the_grid_shows_each_students_status_and_grade(small_class):
    grid = classroom_grid(classroom=small_class, now=NOW)
    rows = {row.user.username: row for row in grid.rows}
    assert list(rows) == ["alice", "bob", "chloe", "dan"]  # by last name
    alice, bob, chloe, dan = (rows[n].cells for n in ("alice", "bob", "chloe", "dan"))
    assert [alice[0].status, alice[2].status, alice[4].status] == [
        Status.COMPLETED, Status.COMPLETED, Status.NOT_STARTED,
    ]  # fmt: skip
    assert (alice[1].result.percent, alice[1].result.passed) == (100, True)
    assert bob[0].status == Status.IN_PROGRESS
    quiz_length = Quiz.objects.get(slug=grid.columns[1].quiz.slug).quiz_questions.count()
    assert bob[1].result.submitted == 2
    assert bob[1].result.percent == round(100 * 2 / quiz_length)  # highest of 1 and 2 right
    assert bob[1].result.passed is False
    assert chloe[0].status == Status.COMPLETED and chloe[1].result is None
    assert all(cell.status in (None, Status.NOT_STARTED) for cell in dan)
    assert (rows["alice"].lessons_completed, rows["alice"].completion_percent) == (2, 25)


def test_the_grid_has_class_averages_and_who_has_not_started(small_class):
    grid = classroom_grid(classroom=small_class, now=NOW)
    quiz_1 = grid.summaries[1]
    bob_grade = next(r for r in grid.rows if r.user.username == "bob").cells[1].result.grade
    assert quiz_1.graded == 2 and quiz_1.completed == 1
    assert quiz_1.grade == (1 + bob_grade) / 2
    assert grid.summaries[0].percent == 50  # alice and chloe of four completed lesson 1
    assert [summary.column.is_quiz for summary in grid.averages] == [True] * 8
    assert [row.user.username for row in grid.not_started] == ["dan"]
    assert grid.behind == []


def test_with_assignments_the_grid_shows_them_and_who_is_overdue(small_class):
    lessons = list(Lesson.objects.in_order())
    quiz = Quiz.objects.get(lesson=lessons[0])
    Assignment.objects.create(classroom=small_class, lesson=lessons[1], due_at=NOW + DAY)
    Assignment.objects.create(classroom=small_class, quiz=quiz, due_at=NOW - DAY)
    Assignment.objects.create(classroom=small_class, lesson=lessons[0], due_at=NOW - DAY)
    grid = classroom_grid(classroom=small_class, now=NOW)
    assert grid.is_assigned
    assert [c.item for c in grid.columns] == [lessons[0], quiz, lessons[1]]  # course order
    behind = {row.user.username: [c.item for c in row.overdue] for row in grid.behind}
    assert behind == {"bob": [lessons[0], quiz], "chloe": [quiz], "dan": [lessons[0], quiz]}
    assert all(not cell.overdue for cell in grid.rows[0].cells)  # alice did all that is due
    overdue = [(column.item, [row.user.username for row in rows]) for column, rows in grid.overdue]
    assert overdue == [(lessons[0], ["bob", "dan"]), (quiz, ["bob", "chloe", "dan"])]


def test_an_empty_classroom_has_a_grid_without_rows(teacher, bank):
    grid = classroom_grid(classroom=make_classroom(teacher), now=NOW)
    assert grid.rows == [] and len(grid.columns) == 16 and grid.hardest == []
    assert all(summary.percent is None for summary in grid.summaries)


# --- Hardest questions ---------------------------------------------------------------------------

# Five learners, three questions (1 = right): 80%, 40% and 60% right.
SCORES = [(1, 1, 1), (1, 1, 0), (1, 0, 1), (1, 0, 0), (0, 0, 1)]


def test_hardest_questions_rank_this_classs_answers_lowest_first(teacher):
    quiz = make_quiz([SINGLE], copies=3)
    users = graded_attempts(quiz, SCORES)
    classroom = make_classroom(teacher, *users)
    # Outsiders got question 0 all wrong and question 1 all right: they must not count.
    graded_attempts(quiz, [(0, 1, 1)] * 5)
    hardest = hardest_questions(classroom=classroom)
    assert [(q.name, q.percent_correct, q.answers) for q in hardest] == [
        ("apollo-soyuz-partners-1", 40, 5),
        ("apollo-soyuz-partners-2", 60, 5),
        ("apollo-soyuz-partners-0", 80, 5),
    ]
    assert {q.quiz_id for q in hardest} == {quiz.pk}


def test_hardest_questions_keep_the_five_lowest(teacher):
    quiz = make_quiz([SINGLE], copies=7)
    users = graded_attempts(quiz, [(1, 1, 1, 1, 1, 0, 0), (1, 1, 1, 1, 0, 0, 1)])
    hardest = hardest_questions(classroom=make_classroom(teacher, *users))
    assert len(hardest) == 5
    assert [q.percent_correct for q in hardest] == [0, 50, 50, 100, 100]


def test_hardest_questions_ignore_attempts_in_progress(teacher, student):
    quiz = make_quiz([SINGLE])
    attempt_start(user=student, quiz=quiz)
    assert hardest_questions(classroom=make_classroom(teacher, student)) == []


# --- One student through the classroom ---------------------------------------------------------


def test_the_drill_down_shows_the_students_lessons_and_attempts(
    small_class, django_assert_num_queries
):
    bob = Membership.objects.get(user__username="bob").user
    membership = student_membership(classroom=small_class, user_id=bob.pk)
    with django_assert_num_queries(5):
        report = classroom_student(membership=membership, now=NOW)
    assert report.student == bob
    assert report.lessons[0].status == Status.IN_PROGRESS
    assert report.lessons_completed == 0
    quiz_1 = report.quizzes[0]
    assert [a.number for a in quiz_1.attempts] == [1, 2]
    grid = classroom_grid(classroom=small_class, now=NOW)
    assert quiz_1.result == next(r for r in grid.rows if r.user == bob).cells[1].result
    assert report.quizzes[-1].quiz.slug == "final-exam"


def test_the_drill_down_marks_assigned_work(small_class):
    lesson = Lesson.objects.in_order().first()
    Assignment.objects.create(classroom=small_class, lesson=lesson, due_at=NOW - DAY)
    bob = Membership.objects.get(user__username="bob").user
    report = classroom_student(
        membership=student_membership(classroom=small_class, user_id=bob.pk), now=NOW
    )
    assert report.lessons[0].state == AssignmentState.OVERDUE
    assert report.lessons[1].state is None


def test_a_non_member_has_no_membership_to_drill_into(small_class, other_student):
    assert student_membership(classroom=small_class, user_id=other_student.pk) is None
