"""Random posts to every form and JSON endpoint, as every role: never a 500, nothing stolen.

SECURITY 3, 4, 9, 16: random field names, other users' ids, huge and unicode strings and wrong
types get a 4xx or a page, never a 500, and never change another learner's data.
"""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from classrooms.models import Assignment, Membership
from lessons.models import LessonProgress
from quizzes.models import Answer, Attempt
from quizzes.services import attempt_start
from review.models import ReviewCard
from spaceedu.models import User
from tests.classrooms.helpers import make_classroom, take_quiz
from tests.factories import LessonFactory, TeacherFactory, UserFactory
from tests.quizzes.helpers import ALL_TYPES, make_quiz, rolled_back

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "student", "victim", "teacher", "other_teacher"]


@pytest.fixture
def world(db):
    """A classroom with a learner mid-quiz, and a victim whose data no one else may change."""
    teacher, other_teacher = TeacherFactory(username="teacher"), TeacherFactory(username="t2")
    student, victim = UserFactory(username="student"), UserFactory(username="victim")
    classroom = make_classroom(teacher, student, victim)
    lesson = LessonFactory()
    practice = make_quiz(ALL_TYPES, slug="practice", lesson=lesson, feedback_timing="immediate")
    exam = make_quiz(ALL_TYPES, slug="exam", copies=1)
    take_quiz(victim, practice, right=2)
    victims_open = attempt_start(user=victim, quiz=exam)
    students_open = attempt_start(user=student, quiz=exam)
    assignment = Assignment.objects.create(classroom=classroom, quiz=practice)
    return {
        "users": {
            "student": student, "victim": victim, "teacher": teacher,
            "other_teacher": other_teacher,
        },
        "classroom": classroom, "lesson": lesson, "practice": practice, "exam": exam,
        "victims_open": victims_open, "students_open": students_open, "assignment": assignment,
    }  # fmt: skip


def _endpoints(world) -> list[str]:
    classroom, victim = world["classroom"].pk, world["users"]["victim"].pk
    mine, theirs = world["students_open"].pk, world["victims_open"].pk
    return [
        reverse("quizzes:start", args=[world["practice"].slug]),
        reverse("quizzes:attempt-save", args=[mine]),
        reverse("quizzes:attempt-save", args=[theirs]),
        reverse("quizzes:attempt-submit", args=[mine]),
        reverse("quizzes:attempt-submit", args=[theirs]),
        reverse("review:answer"),
        reverse("lessons:complete", args=[world["lesson"].slug]),
        reverse("classrooms:join"),
        reverse("classrooms:create"),
        reverse("classrooms:leave", args=[classroom]),
        reverse("classrooms:code-regenerate", args=[classroom]),
        reverse("classrooms:archive", args=[classroom]),
        reverse("classrooms:teacher-add", args=[classroom]),
        reverse("classrooms:assignment-create", args=[classroom]),
        reverse("classrooms:assignment-delete", args=[classroom, world["assignment"].pk]),
        reverse("classrooms:student-remove", args=[classroom, victim]),
        reverse("account-delete"),
        reverse("signup"),
        reverse("password_change"),
        reverse("login"),
    ]


FIELD_NAMES = [
    "seq", "page", "check", "action", "token", "code", "name", "description", "username",
    "lesson", "quiz", "due_at", "password", "old_password", "new_password1", "new_password2",
    "password1", "password2", "email", "first_name", "is_staff", "is_superuser", "groups",
    "user", "attempt", "score", "is_correct", "q1", "q1-choice", "q1-text", "q2-0", "q7-0",
    "confirm",
]  # fmt: skip
values = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=3000),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["", "0", "-1", "NaN", "inf", "1e309", "null", "[]", "{}", "true", "\x00"]),
)
payloads = st.dictionaries(
    st.one_of(st.sampled_from(FIELD_NAMES), st.text(min_size=1, max_size=20)),
    st.one_of(values, st.lists(values, max_size=3)),
    max_size=8,
)


def _victims_data(victim) -> dict:
    return {
        "attempts": list(
            Attempt.objects.filter(user=victim).values_list("pk", "state", "score", "sequence")
        ),
        "answers": list(
            Answer.objects.filter(attempt__user=victim).values_list("pk", "response", "score")
        ),
        "memberships": list(Membership.objects.filter(user=victim).values_list("classroom_id")),
        "progress": list(LessonProgress.objects.filter(user=victim).values_list("pk")),
        "cards": list(ReviewCard.objects.filter(user=victim).values_list("pk", "box")),
        "user": list(User.objects.filter(pk=victim.pk).values_list("username", "password")),
    }


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_random_posts_never_fail_and_never_touch_another_learners_data(world, data):
    endpoints = _endpoints(world)
    role = data.draw(st.sampled_from(ROLES), label="role")
    url = data.draw(st.sampled_from(endpoints), label="url")
    payload = data.draw(payloads, label="payload")
    json = data.draw(st.booleans(), label="json")
    victim = world["users"]["victim"]
    with rolled_back():
        before = _victims_data(victim)
        client = Client()
        if role != "anonymous":
            client.force_login(world["users"][role])
        headers = {"Accept": "application/json"} if json else {}
        response = client.post(url, payload, headers=headers)
        assert response.status_code < 500, (role, url, payload)
        if role not in ("victim", "teacher"):  # the classroom's teacher may remove a student
            assert _victims_data(victim) == before, (role, url, payload)


ID_URLS = [
    ("quizzes:attempt", 1), ("quizzes:attempt-save", 1), ("quizzes:attempt-submit", 1),
    ("quizzes:results", 1), ("classrooms:detail", 1), ("classrooms:leave", 1),
    ("classrooms:gradebook", 1), ("classrooms:student", 2), ("classrooms:student-remove", 2),
    ("classrooms:assignment-delete", 2),
]  # fmt: skip


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_id_in_a_url_is_a_page_or_a_404(world, data):
    """SECURITY 16: any id up to 2**80 in a URL gives a page, a 403 or a 404, never a 500."""
    name, count = data.draw(st.sampled_from(ID_URLS), label="url")
    ids = data.draw(st.lists(st.integers(0, 2**80), min_size=count, max_size=count), label="ids")
    role = data.draw(st.sampled_from(ROLES[1:]), label="role")
    method = data.draw(st.sampled_from(["get", "post"]), label="method")
    with rolled_back():
        client = Client()
        client.force_login(world["users"][role])
        markers = [str(900001 + i) for i in range(count)]  # reverse() refuses impossible ids
        url = reverse(name, args=markers)
        for marker, value in zip(markers, ids, strict=True):
            url = url.replace(f"/{marker}/", f"/{value}/")
        response = getattr(client, method)(url)
    assert response.status_code < 500, (name, ids, role, method)


@pytest.mark.parametrize("role", ROLES)
def test_malformed_bodies_get_a_4xx_or_a_page(world, role):
    """Bad UTF-8, a wrong content type and a huge body are refused cleanly."""
    client = Client()
    if role != "anonymous":
        client.force_login(world["users"][role])
    for url in _endpoints(world):
        for body, content_type in (
            (b"\xff\xfe\xfd=\xff", "application/x-www-form-urlencoded"),
            (b'{"seq": [1, {"x": NaN}]}', "application/json"),
            (b"a=" + b"x" * 3_000_000, "application/x-www-form-urlencoded"),
        ):
            response = client.generic("POST", url, body, content_type=content_type)
            assert response.status_code < 500, (role, url, body[:20])
