"""One student seen through the classroom: the teacher's drill-down report."""

from datetime import timedelta

import pytest

from classrooms.dashboard import classroom_grid
from classrooms.models import Assignment, Membership
from classrooms.selectors import AssignmentState, student_membership
from classrooms.students import classroom_student
from lessons.models import Lesson, Status
from tests.classrooms.helpers import NOW

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)


def test_the_drill_down_shows_the_students_lessons_and_attempts(
    small_class, django_assert_num_queries
):
    bob = Membership.objects.get(user__username="bob").user
    membership = student_membership(classroom=small_class, user_id=bob.pk)
    with django_assert_num_queries(7):
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


def test_the_drill_down_does_not_call_work_due_before_joining_overdue(small_class):
    lesson = Lesson.objects.in_order().first()
    Assignment.objects.create(classroom=small_class, lesson=lesson, due_at=NOW - DAY)
    Membership.objects.filter(user__username="bob").update(joined_at=NOW - DAY / 2)
    bob = Membership.objects.get(user__username="bob").user
    report = classroom_student(
        membership=student_membership(classroom=small_class, user_id=bob.pk), now=NOW
    )
    assert report.lessons[0].state == AssignmentState.TO_DO
