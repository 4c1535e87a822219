import pytest

from lessons.models import Lesson
from quizzes.models import Quiz
from tests.classrooms.helpers import make_classroom, read, take_quiz
from tests.factories import TeacherFactory, UserFactory


@pytest.fixture
def other_teacher(db):
    return TeacherFactory(username="other_teacher")


@pytest.fixture
def classroom(teacher, student):
    """The teacher's classroom with `student` in it."""
    return make_classroom(teacher, student)


@pytest.fixture
def teacher_client(client, teacher):
    client.force_login(teacher)
    return client


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Factories hash a password per user; classroom tests make many users and log in none."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
