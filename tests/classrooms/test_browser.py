"""Classroom pages in a real browser: axe-core finds no serious or critical problem."""

import pytest
from django.core.management import call_command

from classrooms.models import Assignment
from lessons.models import Lesson
from quizzes.models import Quiz
from tests.browser import WIDTHS, serious_violations
from tests.classrooms.helpers import make_classroom, read, take_quiz
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def live_class(course, teacher, student):
    """A small class on the real course with progress, a quiz attempt and an overdue item."""
    call_command("load_question_bank", "fixtures/questions.json", verbosity=0)
    pupils = [student, *(UserFactory(first_name=n) for n in ("Zoë", "José", "Anaïs"))]
    classroom = make_classroom(teacher, *pupils, joined_at="2019-09-01T00:00Z")
    lesson = Lesson.objects.in_order().first()
    read(pupils[1], lesson)
    take_quiz(pupils[1], Quiz.objects.get(lesson=lesson), right=2)
    Assignment.objects.create(classroom=classroom, lesson=lesson, due_at="2020-01-01T00:00Z")
    return classroom


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_the_dashboard_has_no_serious_accessibility_violations(visit, live_class, teacher, width):
    page = visit(live_class.get_absolute_url(), width=width, user=teacher)
    assert serious_violations(page) == []


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", ["/classrooms/", "/classrooms/join/"])
def test_the_students_pages_have_no_serious_accessibility_violations(
    visit, live_class, student, path, width
):
    assert serious_violations(visit(path, width=width, user=student)) == []


def test_the_teachers_list_and_drill_down_have_no_serious_violations(
    visit, live_class, teacher, student
):
    assert serious_violations(visit("/classrooms/", width=1280, user=teacher)) == []
    path = f"/classrooms/{live_class.pk}/students/{student.pk}/"
    assert serious_violations(visit(path, width=390, user=teacher)) == []
