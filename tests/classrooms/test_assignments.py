"""Assignments that say what to do: instructions (sanitised Markdown), the whole class or
chosen students, a grouped select; the gradebook lists them first with due and late."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from classrooms.forms import AssignmentForm
from classrooms.models import Assignment
from classrooms.selectors import student_assignments
from classrooms.services import ClassroomError, assignment_create
from lessons.models import Lesson
from quizzes.models import Quiz
from tests.classrooms.helpers import make_classroom, take_quiz
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(bank, teacher, student, other_student):
    classroom = make_classroom(teacher, student, other_student)
    lesson = Lesson.objects.in_order().first()
    quiz = Quiz.objects.get(lesson=lesson)
    return classroom, lesson, quiz


def _post(client, classroom, **data):
    return client.post(reverse("classrooms:assignment-create", args=[classroom.pk]), data)


def test_teacher_assigns_to_chosen_students_with_instructions(
    client, teacher, student, other_student, setup
):
    classroom, lesson, quiz = setup
    client.force_login(teacher)
    due = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = _post(
        client, classroom, item=f"quiz:{quiz.pk}", due_at=due, students=[student.pk],
        instructions="Read **paragraph 2** first. <script>alert(1)</script>",
    )  # fmt: skip
    assert response.status_code == 302
    assignment = Assignment.objects.get()
    assert list(assignment.students.all()) == [student]
    # The chosen student sees it with its instructions, rendered and sanitised.
    mine = student_assignments(user=student, now=timezone.now())
    assert [entry.assignment for entry in mine] == [assignment]
    assert student_assignments(user=other_student, now=timezone.now()) == []
    client.force_login(student)
    html = client.get(reverse("classrooms:list")).content.decode()
    assert "<strong>paragraph 2</strong>" in html
    assert "<script>alert(1)</script>" not in html


def test_a_whole_class_assignment_reaches_everyone(teacher, student, other_student, setup):
    classroom, lesson, _quiz = setup
    assignment_create(classroom=classroom, lesson=lesson, instructions="All of you.")
    for learner in (student, other_student):
        assert len(student_assignments(user=learner, now=timezone.now())) == 1


def test_only_members_can_be_chosen(setup):
    classroom, lesson, _quiz = setup
    with pytest.raises(ClassroomError):
        assignment_create(classroom=classroom, lesson=lesson, students=[UserFactory()])


def test_the_select_groups_lessons_lesson_quizzes_and_exams(setup):
    form = AssignmentForm(lessons=list(Lesson.objects.in_order()), quizzes=list(Quiz.objects.all()))
    groups = [label for label, _options in form.fields["item"].choices[1:]]
    assert [str(label) for label in groups] == ["Lessons", "Lesson quizzes", "Exams"]
    exams = dict(form.fields["item"].choices[1:])[groups[2]]
    assert [title for _key, title in exams] == ["Final exam"]


def test_the_dashboard_marks_students_not_assigned(client, teacher, student, other_student, setup):
    classroom, _lesson, quiz = setup
    assignment_create(classroom=classroom, quiz=quiz, students=[student])
    client.force_login(teacher)
    html = client.get(classroom.get_absolute_url()).content.decode()
    assert "not assigned" in html and "for 1 student" in html


def test_the_gradebook_lists_assignments_first_with_due_and_late(
    client, teacher, student, other_student, setup
):
    classroom, lesson, quiz = setup
    now = timezone.now()
    first = assignment_create(classroom=classroom, lesson=lesson, due_at=now + timedelta(hours=1))
    assignment_create(classroom=classroom, quiz=quiz, students=[student])
    Assignment.objects.filter(pk=first.pk).update(due_at=now - timedelta(days=1))
    take_quiz(student, quiz, right=3)
    client.force_login(teacher)
    response = client.get(reverse("classrooms:gradebook", args=[classroom.pk]))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(body)))
    title = lesson.title
    assert header[3:9] == [
        f"{title}: completed", f"{title}: due", f"{title}: late",
        f"{quiz.title} (%)", f"{quiz.title}: due", f"{quiz.title}: late",
    ]  # fmt: skip
    by_user = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert by_user["student"][f"{title}: completed"] == "no"
    assert by_user["student"][f"{title}: late"] == "late"
    assert by_user["student"][f"{quiz.title} (%)"].endswith(".0")  # one decimal, always
    assert by_user["other_student"][f"{quiz.title} (%)"] == "not assigned"
    assert f"{quiz.title} (%)" not in header[9:]  # not listed twice
