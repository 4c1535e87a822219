"""Classroom reads shared by the pages: a learner's assignments on a fixed clock, memberships."""

from datetime import timedelta

import pytest

from classrooms.models import Assignment, Membership
from classrooms.selectors import AssignmentState, student_assignments, student_membership
from lessons.models import Lesson
from quizzes.models import Quiz
from tests.classrooms.helpers import NOW, graded, make_classroom, read
from tests.factories import LessonFactory, UserFactory
from tests.quizzes.helpers import SINGLE, make_quiz

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


# --- Memberships -------------------------------------------------------------------------------


def test_a_non_member_has_no_membership_to_drill_into(small_class, other_student):
    assert student_membership(classroom=small_class, user_id=other_student.pk) is None


@pytest.mark.parametrize(
    ("due", "joined", "done", "overdue"),
    [
        (NOW - DAY, NOW - 2 * DAY, False, True),  # due after joining, not done
        (NOW - DAY, NOW - DAY, False, True),  # due the moment they joined: they had it
        (NOW - 2 * DAY, NOW - DAY, False, False),  # due before they joined
        (NOW - DAY, NOW - 2 * DAY, True, False),  # done
        (NOW + DAY, NOW - 2 * DAY, False, False),  # not due yet
        (None, NOW - 2 * DAY, False, False),  # no due date
        (NOW - DAY, None, False, True),  # joining time unknown: the due date alone
    ],
)
def test_is_overdue_is_one_rule(due, joined, done, overdue):
    from classrooms.selectors import is_overdue

    assert is_overdue(due_at=due, done=done, now=NOW, joined_at=joined) is overdue


def test_a_late_joiners_assignments_due_before_they_joined_are_to_do(assigned, student):
    Membership.objects.filter(user=student).update(joined_at=NOW - DAY - DAY / 2)
    states = {s.title: s.state for s in student_assignments(user=student, now=NOW)}
    assert states["Quiz failed-quiz"] == AssignmentState.TO_DO  # due NOW - 2 days
    assert states[Lesson.objects.order_by("pk")[0].title] == AssignmentState.OVERDUE
