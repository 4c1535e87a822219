"""The classroom pages run a fixed number of SQL queries whatever the class size."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from classrooms.models import Assignment
from lessons.models import Lesson, LessonProgress
from quizzes.models import Answer, Attempt, Quiz
from tests.classrooms.helpers import make_classroom, students

pytestmark = pytest.mark.django_db

# Session, user, Teachers group check, the classroom, then the selector's reads: teachers,
# members, lessons, quizzes, assignments, their chosen students, lesson progress, quiz
# results, accommodations, hardest questions.
DASHBOARD_QUERIES = 14
# Session, user, Teachers group check, the classroom, then members, lessons, quizzes,
# assignments, their chosen students, lessons completed and quiz results.
GRADEBOOK_QUERIES = 11


def _bulk_class(teacher, size: int):
    """A class of `size` students at varied stages, written in a few bulk inserts."""
    now = timezone.now()
    lessons = list(Lesson.objects.in_order())
    quizzes = [Quiz.objects.get(lesson=lesson) for lesson in lessons[:2]]
    pupils = students(size)
    classroom = make_classroom(teacher, *pupils)
    LessonProgress.objects.bulk_create(
        LessonProgress(
            user=pupil, lesson=lesson, started_at=now,
            completed_at=now if position < index % 5 else None,
        )
        for index, pupil in enumerate(pupils)
        for position, lesson in enumerate(lessons[: index % 5 + 1])
    )  # fmt: skip
    attempts = Attempt.objects.bulk_create(
        Attempt(
            quiz=quiz, user=pupil, number=number, state=Attempt.State.SUBMITTED,
            started_at=now, submitted_at=now, score=Decimal((index + number) % 4) / 3,
        )
        for index, pupil in enumerate(pupils)
        for quiz in quizzes
        for number in (1, 2)
    )  # fmt: skip
    questions = {
        quiz.pk: [link.question_id for link in quiz.quiz_questions.order_by("position")]
        for quiz in quizzes
    }
    Answer.objects.bulk_create(
        Answer(
            attempt=attempt, question_id=question_id, position=position, layout={},
            score=Decimal((attempt.user_id + position) % 2),
        )
        for attempt in attempts
        for position, question_id in enumerate(questions[attempt.quiz_id], start=1)
    )  # fmt: skip
    Assignment.objects.create(classroom=classroom, lesson=lessons[0], due_at=now - timedelta(1))
    Assignment.objects.create(classroom=classroom, quiz=quizzes[0], due_at=now - timedelta(1))
    Assignment.objects.create(classroom=classroom, lesson=lessons[2], due_at=now + timedelta(3))
    return classroom, pupils


@pytest.mark.parametrize("size", [5, 300, 3000])
def test_the_dashboard_runs_the_same_queries_for_5_and_300_students(
    teacher_client, teacher, bank, size, django_assert_num_queries
):
    classroom, _pupils = _bulk_class(teacher, size)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = teacher_client.get(reverse("classrooms:detail", args=[classroom.pk]))
    assert response.status_code == 200
    grid = response.context["grid"]
    assert len(grid.rows) == size
    assert len(grid.hardest) == 5
    assert grid.behind  # the overdue lesson and quiz


@pytest.mark.parametrize("size", [5, 300, 3000])
def test_the_gradebook_runs_the_same_queries_for_5_and_300_students(
    teacher_client, teacher, bank, size, django_assert_num_queries
):
    classroom, _pupils = _bulk_class(teacher, size)
    with django_assert_num_queries(GRADEBOOK_QUERIES):
        response = teacher_client.get(reverse("classrooms:gradebook", args=[classroom.pk]))
        body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert len(body.splitlines()) == size + 1
    header = body.splitlines()[0].split(",")
    # The assignments first (the bulk class has some: grade or completed, due, late), then
    # the other quizzes in course order, the final exam last.
    assigned = Assignment.objects.filter(classroom=classroom).count()
    assert header[3 + 3 * assigned].startswith("Check your understanding:")
    assert header[-3] == "Final exam (%)"


@pytest.mark.parametrize("size", [5, 300])
def test_the_drill_down_runs_a_fixed_number_of_queries(
    teacher_client, teacher, bank, size, django_assert_num_queries
):
    classroom, pupils = _bulk_class(teacher, size)
    url = reverse("classrooms:student", args=[classroom.pk, pupils[3].pk])
    # Session, user, Teachers group, classroom, membership, then lessons, quizzes,
    # assignments, their chosen students, lesson progress, attempts and accommodations.
    with django_assert_num_queries(12):
        assert teacher_client.get(url).status_code == 200


@pytest.mark.parametrize("size", [5, 300])
def test_the_students_list_runs_a_fixed_number_of_queries(
    client, teacher, bank, size, django_assert_num_queries
):
    classroom, pupils = _bulk_class(teacher, size)
    client.force_login(pupils[0])
    # Session, user, memberships, then assignments, lessons completed and quiz results (a
    # learner is not staff, so the Teachers group check needs no query).
    with django_assert_num_queries(6):
        response = client.get(reverse("classrooms:list"))
    assert len(response.context["assignments"]) == 3


@pytest.mark.parametrize("size", [5, 300])
def test_the_teachers_list_runs_a_fixed_number_of_queries(
    teacher_client, teacher, bank, size, django_assert_num_queries
):
    for index in range(size // 50 + 1):
        make_classroom(teacher, *students(3), name=f"Class {index}")
    # Session, user, Teachers group, classrooms with counts, memberships, 3 for assignments.
    with django_assert_num_queries(8):
        response = teacher_client.get(reverse("classrooms:list"))
    assert len(response.context["active"]) == size // 50 + 1
