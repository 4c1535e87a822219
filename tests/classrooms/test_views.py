"""Classroom pages: lists, joining, the dashboard, the drill-down and the teacher's actions."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from classrooms.models import Assignment, Classroom, Membership
from lessons.models import Lesson
from quizzes.models import Quiz
from tests.classrooms.helpers import make_classroom, read, take_quiz
from tests.factories import LessonFactory, UserFactory

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --- The list pages ----------------------------------------------------------------------------


def test_a_teacher_sees_their_classrooms_active_first_with_student_counts(
    teacher_client, teacher, student, other_student, other_teacher
):
    make_classroom(teacher, student, other_student, name="Zeta group")
    make_classroom(teacher, name="Alpha group", is_archived=True)
    make_classroom(other_teacher, student, name="Not mine")
    response = teacher_client.get(reverse("classrooms:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Zeta group") < html.index("Archived") < html.index("Alpha group")
    assert "2 students" in html
    assert "Not mine" not in html
    assert 'action="/classrooms/new/"' in html


def test_a_teacher_creates_a_classroom_and_lands_on_its_dashboard(teacher_client, teacher):
    response = teacher_client.post(
        reverse("classrooms:create"), {"name": "Year 9", "description": "Room 4B"}, follow=True
    )
    classroom = Classroom.objects.get()
    assert response.redirect_chain == [(classroom.get_absolute_url(), 302)]
    assert list(classroom.teachers.all()) == [teacher]
    assert f"join code {classroom.join_code}" in _messages(response)[0]


def test_a_classroom_needs_a_name(teacher_client):
    response = teacher_client.post(reverse("classrooms:create"), {"name": " "})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not Classroom.objects.exists()


def test_a_student_sees_their_classrooms_assignments_and_the_join_form(
    student_client, classroom, other_teacher
):
    lesson = LessonFactory(title="The ISS partnership")
    Assignment.objects.create(
        classroom=classroom, lesson=lesson, due_at=timezone.now() - timedelta(days=1)
    )
    make_classroom(other_teacher, name="Someone else's")
    html = student_client.get(reverse("classrooms:list")).content.decode()
    assert "Year 9 Space Club" in html
    assert "Someone else&#x27;s" not in html
    assert "Read “The ISS partnership”" in html
    assert 'class="status status-overdue">Overdue<' in html
    assert 'action="/classrooms/join/"' in html
    assert f'action="{reverse("classrooms:leave", args=[classroom.pk])}"' in html


def test_the_nav_says_my_classrooms_to_teachers_and_classrooms_to_students(
    client, teacher, student, course
):
    client.force_login(student)
    assert ">Classrooms</a>" in client.get(reverse("lessons:list")).content.decode()
    client.force_login(teacher)
    assert ">My classrooms</a>" in client.get(reverse("lessons:list")).content.decode()


def test_anonymous_visitors_see_no_classrooms_link(client, course):
    assert reverse("classrooms:list") not in client.get(reverse("lessons:list")).content.decode()


# --- Joining -----------------------------------------------------------------------------------


def test_joining_with_a_code_adds_the_student(client, other_student, classroom):
    client.force_login(other_student)
    code = classroom.join_code
    response = client.post(
        reverse("classrooms:join"), {"code": f"{code[:3].lower()}-{code[3:]}"}, follow=True
    )
    assert response.redirect_chain == [(reverse("classrooms:list"), 302)]
    assert _messages(response) == ["Welcome to “Year 9 Space Club”!"]
    assert Membership.objects.filter(user=other_student, classroom=classroom).exists()


def test_a_wrong_code_shows_a_clear_message_and_creates_nothing(student_client, classroom):
    response = student_client.post(reverse("classrooms:join"), {"code": "NOPE-123"})
    assert response.status_code == 400
    assert "No classroom has the code “NOPE-123”" in response.content.decode()
    assert Membership.objects.count() == 1


def test_a_code_that_is_not_there_is_a_form_error(student_client):
    response = student_client.post(reverse("classrooms:join"), {})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_an_archived_classrooms_code_is_refused(client, other_student, teacher):
    archived = make_classroom(teacher, is_archived=True)
    client.force_login(other_student)
    response = client.post(reverse("classrooms:join"), {"code": archived.join_code})
    assert response.status_code == 400
    assert "is archived and no longer takes new students" in response.content.decode()
    assert not Membership.objects.exists()


def test_joining_twice_says_already_in_and_adds_nothing(student_client, classroom):
    response = student_client.post(
        reverse("classrooms:join"), {"code": classroom.join_code}, follow=True
    )
    assert _messages(response) == ["You are already in “Year 9 Space Club”."]
    assert Membership.objects.count() == 1


def test_a_double_submit_race_is_no_500(client, other_student, classroom):
    client.force_login(other_student)
    with mock.patch(
        "classrooms.services.Membership.objects.create", side_effect=IntegrityError("unique")
    ):
        response = client.post(
            reverse("classrooms:join"), {"code": classroom.join_code}, follow=True
        )
    assert response.status_code == 200
    assert _messages(response) == ["You are already in “Year 9 Space Club”."]


def test_a_join_link_fills_in_the_code(student_client):
    response = student_client.get(reverse("classrooms:join"), {"code": "ACD-EFGH"})
    assert 'value="ACD-EFGH"' in response.content.decode()


def test_an_oversized_code_is_a_form_error_not_a_500(student_client):
    response = student_client.post(reverse("classrooms:join"), {"code": "A" * 100_000})
    assert response.status_code == 400


def test_a_student_leaves_a_classroom(student_client, student, classroom):
    response = student_client.post(reverse("classrooms:leave", args=[classroom.pk]), follow=True)
    assert _messages(response) == ["You have left “Year 9 Space Club”."]
    assert not Membership.objects.filter(user=student).exists()


def test_posts_need_a_csrf_token(student, classroom):
    client = Client(enforce_csrf_checks=True)
    client.force_login(student)
    response = client.post(reverse("classrooms:leave", args=[classroom.pk]))
    assert response.status_code == 403
    assert Membership.objects.filter(user=student).exists()


# --- The dashboard -----------------------------------------------------------------------------


@pytest.fixture
def lively_class(bank, teacher, student, other_student):
    student.first_name, student.last_name = "Zoë", "Martín"
    student.save()
    classroom = make_classroom(teacher, student, other_student)
    lesson = Lesson.objects.in_order().first()
    read(student, lesson)
    take_quiz(student, Quiz.objects.get(lesson=lesson), right=1)
    return classroom


def test_the_dashboard_shows_the_code_the_grid_and_the_hardest_questions(
    teacher_client, lively_class
):
    response = teacher_client.get(lively_class.get_absolute_url())
    html = response.content.decode()
    code = lively_class.join_code
    assert response.status_code == 200
    assert f'{code[:3]}<span class="sep" aria-hidden="true">-</span>{code[3:]}' in html
    assert "Zoë Martín" in html
    assert reverse("classrooms:student", args=[lively_class.pk, lively_class.students.first().pk])
    assert 'class="status status-completed">✓' in html
    assert "Nothing is assigned yet" in html
    # Fewer than five answers per question from this class: no question is ranked yet.
    assert "No question has 5 answers from this class yet" in html
    assert reverse("classrooms:gradebook", args=[lively_class.pk]) in html
    assert html.count('name="csrfmiddlewaretoken"') >= 5
    assert "Not started anything yet" in html  # other_student


def test_the_dashboard_escapes_what_teachers_and_students_typed(teacher_client, teacher, bank):
    pupil = UserFactory(first_name="<script>alert(1)</script>", last_name="O'Brien")
    classroom = make_classroom(teacher, pupil, name="<img src=x onerror=alert(1)>")
    html = teacher_client.get(classroom.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; O&#x27;Brien" in html


def test_teacher_pages_are_not_cached(teacher_client, classroom, student):
    for url in [
        classroom.get_absolute_url(),
        reverse("classrooms:student", args=[classroom.pk, student.pk]),
        reverse("classrooms:list"),
    ]:
        cache_control = teacher_client.get(url)["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control


def test_an_empty_classroom_invites_the_teacher_to_share_the_code(teacher_client, teacher):
    classroom = make_classroom(teacher)
    html = teacher_client.get(classroom.get_absolute_url()).content.decode()
    assert "No students yet." in html


def test_the_drill_down_shows_one_students_lessons_and_attempts(
    teacher_client, lively_class, student
):
    url = reverse("classrooms:student", args=[lively_class.pk, student.pk])
    html = teacher_client.get(url).content.decode()
    assert "Zoë Martín" in html
    assert "#1:" in html
    assert "Remove from this classroom" in html


# --- Teacher actions ---------------------------------------------------------------------------


def test_a_new_code_replaces_the_old_one(teacher_client, classroom):
    old = classroom.join_code
    response = teacher_client.post(
        reverse("classrooms:code-regenerate", args=[classroom.pk]), follow=True
    )
    classroom.refresh_from_db()
    assert classroom.join_code != old
    assert _messages(response) == [
        f"New join code: {classroom.join_code}. The old code no longer works."
    ]


def test_archive_and_unarchive(teacher_client, classroom):
    teacher_client.post(reverse("classrooms:archive", args=[classroom.pk]))
    classroom.refresh_from_db()
    assert classroom.is_archived
    html = teacher_client.get(classroom.get_absolute_url()).content.decode()
    assert "Archived classrooms take no new students." in html
    teacher_client.post(reverse("classrooms:unarchive", args=[classroom.pk]))
    classroom.refresh_from_db()
    assert not classroom.is_archived


def test_removing_a_student(teacher_client, classroom, student):
    url = reverse("classrooms:student-remove", args=[classroom.pk, student.pk])
    response = teacher_client.post(url, follow=True)
    assert not classroom.students.exists()
    assert _messages(response) == [f"{student.get_full_name()} is no longer in this classroom."]
    assert teacher_client.post(url).status_code == 404  # no longer a member


def test_adding_a_co_teacher(teacher_client, classroom, other_teacher, student):
    url = reverse("classrooms:teacher-add", args=[classroom.pk])
    response = teacher_client.post(url, {"username": "other_teacher"}, follow=True)
    assert _messages(response) == ["other_teacher now teaches this classroom too."]
    response = teacher_client.post(url, {"username": "student"}, follow=True)
    assert _messages(response) == ["No teacher has the username “student”."]
    response = teacher_client.post(url, {"username": ""}, follow=True)
    assert _messages(response) == ["Enter a teacher's username."]
    assert set(classroom.teachers.values_list("username", flat=True)) == {
        "teacher", "other_teacher",
    }  # fmt: skip


def test_assigning_a_lesson_with_a_due_date(teacher_client, classroom):
    lesson = LessonFactory(title="Rosetta")
    due = (timezone.now() + timedelta(days=7)).replace(second=0, microsecond=0)
    response = teacher_client.post(
        reverse("classrooms:assignment-create", args=[classroom.pk]),
        {"item": f"lesson:{lesson.pk}", "due_at": due.strftime("%Y-%m-%dT%H:%M")},
        follow=True,
    )
    assert _messages(response) == ["Assigned “Rosetta”."]
    assignment = Assignment.objects.get()
    assert (assignment.lesson, assignment.quiz, assignment.due_at) == (lesson, None, due)
    assert "The lessons and quizzes assigned to this classroom." in response.content.decode()


def test_assigning_a_quiz_without_a_due_date(teacher_client, classroom, bank):
    quiz = Quiz.objects.get(slug="final-exam")
    teacher_client.post(
        reverse("classrooms:assignment-create", args=[classroom.pk]), {"item": f"quiz:{quiz.pk}"}
    )
    assert Assignment.objects.get().quiz == quiz


def test_a_due_date_in_the_past_is_refused_with_a_message(teacher_client, classroom):
    lesson = LessonFactory()
    response = teacher_client.post(
        reverse("classrooms:assignment-create", args=[classroom.pk]),
        {"item": f"lesson:{lesson.pk}", "due_at": "2020-01-01T09:00"},
        follow=True,
    )
    assert _messages(response) == ["The due date has already passed. Choose a date in the future."]
    assert not Assignment.objects.exists()


@pytest.mark.parametrize(
    "item", ["", "lesson:999999", "quiz:abc", "lesson:1 OR 1=1", "user:1", "x" * 5000]
)
def test_a_tampered_item_is_refused_with_a_message(teacher_client, classroom, item):
    response = teacher_client.post(
        reverse("classrooms:assignment-create", args=[classroom.pk]), {"item": item}, follow=True
    )
    assert response.status_code == 200
    assert _messages(response)
    assert not Assignment.objects.exists()


def test_an_unpublished_lesson_cannot_be_assigned(teacher_client, classroom):
    hidden = LessonFactory(is_published=False)
    teacher_client.post(
        reverse("classrooms:assignment-create", args=[classroom.pk]),
        {"item": f"lesson:{hidden.pk}"},
    )
    assert not Assignment.objects.exists()


def test_removing_an_assignment(teacher_client, classroom):
    assignment = Assignment.objects.create(classroom=classroom, lesson=LessonFactory())
    url = reverse("classrooms:assignment-delete", args=[classroom.pk, assignment.pk])
    response = teacher_client.post(url, follow=True)
    assert _messages(response) == ["The assignment was removed."]
    assert not Assignment.objects.exists()
    assert teacher_client.post(url).status_code == 404


# --- Guessing join codes (SECURITY.md 18) ---------------------------------------------------------


def _join(client, code: str = "NOPE-123", **extra):
    return client.post(reverse("classrooms:join"), {"code": code}, **extra)


def test_join_code_guesses_are_limited_per_user(student_client, teacher, student, settings):
    """SECURITY.md 18: N+1 guesses by one account get the 429 page; the right code waits too."""
    settings.RATE_LIMIT_JOIN_PER_USER = "10/m"
    classroom = make_classroom(teacher)
    for _ in range(10):
        assert _join(student_client).status_code == 400
    paused = _join(student_client, classroom.join_code)
    assert paused.status_code == 429
    assert "Too many attempts" in paused.content.decode()
    assert not Membership.objects.filter(user=student).exists()
    other = Client()
    other.force_login(UserFactory(username="other_student"))
    assert _join(other, classroom.join_code).status_code == 302


def test_join_code_guesses_are_limited_per_address(client, teacher, settings):
    """SECURITY.md 18: many accounts on one address share the address's budget."""
    settings.RATE_LIMIT_JOIN_PER_ADDRESS = "3/m"
    for number in range(3):
        client.force_login(UserFactory(username=f"guesser{number}"))
        assert _join(client).status_code == 400
    client.force_login(UserFactory(username="guesser9"))
    assert _join(client).status_code == 429
    assert _join(client, REMOTE_ADDR="192.0.2.9").status_code == 400


def test_join_limits_behind_a_proxy_count_each_client(client, settings):
    """SECURITY.md 18: behind one proxy, each X-Forwarded-For address has its own budget."""
    settings.PROXY_COUNT = 1
    settings.RATE_LIMIT_JOIN_PER_ADDRESS = "1/m"
    client.force_login(UserFactory(username="guesser"))
    first = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    assert _join(client, **first).status_code == 400
    assert _join(client, **first).status_code == 429
    second = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.2"}
    assert _join(client, **second).status_code == 400


def test_the_dashboard_ranks_questions_with_five_answers_and_links_their_statistics(
    teacher_client, teacher, bank
):
    from tests.classrooms.helpers import take_quiz

    quiz = Quiz.objects.get(lesson=Lesson.objects.in_order().first())
    pupils = [UserFactory(username=f"ranked-{n}") for n in range(5)]
    classroom = make_classroom(teacher, *pupils)
    for n, pupil in enumerate(pupils):
        take_quiz(pupil, quiz, right=n)
    html = teacher_client.get(classroom.get_absolute_url()).content.decode()
    assert reverse("admin:quizzes_quiz_statistics", args=[quiz.pk]) in html
    assert "5 answers" in html
