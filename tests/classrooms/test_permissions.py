"""Who may see and do what: every classroom URL x every kind of user -> the expected status."""

import pytest
from django.urls import reverse

from classrooms.models import Assignment
from tests.classrooms.helpers import make_classroom
from tests.factories import LessonFactory, TeacherFactory, UserFactory

pytestmark = pytest.mark.django_db

OK, REDIRECT, BAD, FORBIDDEN, MISSING = 200, 302, 400, 403, 404


@pytest.fixture
def world(db):
    teacher = TeacherFactory(username="teacher")
    member = UserFactory(username="member")
    classroom = make_classroom(teacher, member)
    lesson = LessonFactory()
    assignment = Assignment.objects.create(classroom=classroom, lesson=lesson)
    return {
        "classroom": classroom,
        "member": member,
        "lesson": LessonFactory(),
        "assignment": assignment,
        "users": {
            "anonymous": None,
            "student member": member,
            "other student": UserFactory(username="outsider"),
            "classroom teacher": teacher,
            "other teacher": TeacherFactory(username="other_teacher"),
        },
    }


def _pk(w):
    return {"pk": w["classroom"].pk}


# name -> (method, url builder, post data builder, expected status by user)
ROLES = ["anonymous", "student member", "other student", "classroom teacher", "other teacher"]
TEACHER_ONLY_PAGE = [REDIRECT, MISSING, MISSING, OK, MISSING]
TEACHER_ACTION = [REDIRECT, FORBIDDEN, FORBIDDEN, REDIRECT, MISSING]
SIGNED_IN = [REDIRECT, OK, OK, OK, OK]
CASES = {
    # Each learner's own pages: any signed-in user sees their own, never another's.
    "progress": ("get", lambda w: reverse("progress:page"), None, SIGNED_IN),
    "progress of another": (
        "get", lambda w: reverse("progress:page") + f"?user={w['member'].pk}", None, SIGNED_IN
    ),
    "review": ("get", lambda w: reverse("review:page"), None, SIGNED_IN),
    "account data": ("get", lambda w: reverse("account-data"), None, SIGNED_IN),
    "list": ("get", lambda w: reverse("classrooms:list"), None, SIGNED_IN),
    "join form": ("get", lambda w: reverse("classrooms:join"), None, [REDIRECT, OK, OK, OK, OK]),
    # Members are told they are in already; a teacher cannot join their own classroom.
    "join": (
        "post", lambda w: reverse("classrooms:join"),
        lambda w: {"code": w["classroom"].join_code},
        [REDIRECT, REDIRECT, REDIRECT, BAD, REDIRECT],
    ),
    "create": (
        "post", lambda w: reverse("classrooms:create"), lambda w: {"name": "New class"},
        [REDIRECT, FORBIDDEN, FORBIDDEN, REDIRECT, REDIRECT],
    ),
    "dashboard": (
        "get", lambda w: reverse("classrooms:detail", kwargs=_pk(w)), None, TEACHER_ONLY_PAGE
    ),
    "student drill-down": (
        "get",
        lambda w: reverse("classrooms:student", args=[w["classroom"].pk, w["member"].pk]),
        None, TEACHER_ONLY_PAGE,
    ),
    "gradebook": (
        "get", lambda w: reverse("classrooms:gradebook", kwargs=_pk(w)), None, TEACHER_ONLY_PAGE
    ),
    "leave": (
        "post", lambda w: reverse("classrooms:leave", kwargs=_pk(w)), lambda w: {},
        [REDIRECT, REDIRECT, MISSING, MISSING, MISSING],
    ),
    "regenerate code": (
        "post", lambda w: reverse("classrooms:code-regenerate", kwargs=_pk(w)), lambda w: {},
        TEACHER_ACTION,
    ),
    "archive": (
        "post", lambda w: reverse("classrooms:archive", kwargs=_pk(w)), lambda w: {},
        TEACHER_ACTION,
    ),
    "unarchive": (
        "post", lambda w: reverse("classrooms:unarchive", kwargs=_pk(w)), lambda w: {},
        TEACHER_ACTION,
    ),
    "add co-teacher": (
        "post", lambda w: reverse("classrooms:teacher-add", kwargs=_pk(w)),
        lambda w: {"username": "other_teacher"}, TEACHER_ACTION,
    ),
    "remove student": (
        "post",
        lambda w: reverse("classrooms:student-remove", args=[w["classroom"].pk, w["member"].pk]),
        lambda w: {}, TEACHER_ACTION,
    ),
    "assign": (
        "post", lambda w: reverse("classrooms:assignment-create", kwargs=_pk(w)),
        lambda w: {"item": f"lesson:{w['lesson'].pk}"}, TEACHER_ACTION,
    ),
    "unassign": (
        "post",
        lambda w: reverse(
            "classrooms:assignment-delete", args=[w["classroom"].pk, w["assignment"].pk]
        ),
        lambda w: {}, TEACHER_ACTION,
    ),
}  # fmt: skip
MATRIX = [
    pytest.param(name, role, expected[index], id=f"{name} / {role}")
    for name, (_method, _url, _data, expected) in CASES.items()
    for index, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("name", "role", "expected"), MATRIX)
def test_permission_matrix(client, world, name, role, expected):
    method, url, data, _ = CASES[name]
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    response = getattr(client, method)(url(world), data(world) if data else None)
    assert response.status_code == expected
    if role == "anonymous":
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", [n for n, case in CASES.items() if case[3] == TEACHER_ACTION])
def test_denied_teacher_actions_change_nothing(client, world, name):
    method, url, data, _ = CASES[name]
    classroom = world["classroom"]
    before = (
        classroom.join_code, classroom.is_archived, set(classroom.teachers.all()),
        set(classroom.students.all()), set(classroom.assignments.all()),
    )  # fmt: skip
    for role in ["student member", "other student", "other teacher"]:
        client.force_login(world["users"][role])
        client.post(url(world), data(world))
    classroom.refresh_from_db()
    after = (
        classroom.join_code, classroom.is_archived, set(classroom.teachers.all()),
        set(classroom.students.all()), set(classroom.assignments.all()),
    )  # fmt: skip
    assert after == before


@pytest.mark.parametrize(
    "name", [n for n, case in CASES.items() if case[0] == "post" and n != "join"]
)
def test_actions_refuse_get(client, world, name):
    client.force_login(world["users"]["classroom teacher"])
    assert client.get(CASES[name][1](world)).status_code == 405


def test_a_teacher_sees_no_drill_down_of_a_student_outside_the_classroom(client, world):
    client.force_login(world["users"]["classroom teacher"])
    outsider = world["users"]["other student"]
    url = reverse("classrooms:student", args=[world["classroom"].pk, outsider.pk])
    assert client.get(url).status_code == MISSING


def test_a_shared_student_is_seen_only_through_the_teachers_own_classroom(client, world):
    """The member is also in another teacher's classroom: that route stays closed."""
    other_teacher = world["users"]["other teacher"]
    theirs = make_classroom(other_teacher, world["member"], name="Theirs")
    client.force_login(world["users"]["classroom teacher"])
    assert (
        client.get(reverse("classrooms:student", args=[theirs.pk, world["member"].pk])).status_code
        == MISSING
    )  # noqa: E501
    client.force_login(other_teacher)
    assert (
        client.get(reverse("classrooms:student", args=[theirs.pk, world["member"].pk])).status_code
        == OK
    )  # noqa: E501


def test_a_user_parameter_is_ignored(client, world):
    client.force_login(world["users"]["classroom teacher"])
    outsider = world["users"]["other student"]
    url = reverse("classrooms:student", args=[world["classroom"].pk, world["member"].pk])
    response = client.get(url, {"user": outsider.pk, "user_id": outsider.pk})
    assert response.status_code == OK
    assert response.context["report"].student == world["member"]


def test_a_teacher_removed_from_the_teachers_group_loses_the_dashboard(client, world):
    teacher = world["users"]["classroom teacher"]
    teacher.groups.clear()
    client.force_login(teacher)
    assert client.get(reverse("classrooms:detail", kwargs=_pk(world))).status_code == MISSING


@pytest.mark.parametrize("pk", [0, 999999, 2**62])
def test_missing_classrooms_are_404(client, world, pk):
    client.force_login(world["users"]["classroom teacher"])
    assert client.get(reverse("classrooms:detail", kwargs={"pk": pk})).status_code == MISSING
    assert client.post(reverse("classrooms:archive", kwargs={"pk": pk})).status_code == MISSING


def test_another_classrooms_assignment_cannot_be_deleted_through_mine(client, world):
    other_teacher = world["users"]["other teacher"]
    theirs = make_classroom(other_teacher, name="Theirs")
    assignment = Assignment.objects.create(classroom=theirs, lesson=world["lesson"])
    client.force_login(world["users"]["classroom teacher"])
    url = reverse("classrooms:assignment-delete", args=[world["classroom"].pk, assignment.pk])
    assert client.post(url).status_code == MISSING
    assert Assignment.objects.filter(pk=assignment.pk).exists()
