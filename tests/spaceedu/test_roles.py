"""The Teachers group: authoring in the admin, nothing else."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from spaceedu.roles import TEACHERS_GROUP

pytestmark = pytest.mark.django_db


def test_migration_creates_teachers_group_with_exactly_the_authoring_permissions():
    codenames = set(
        Group.objects.get(name=TEACHERS_GROUP).permissions.values_list(
            "content_type__app_label", "codename"
        )
    )
    authoring = {
        ("lessons", "course"): "add change view",
        ("lessons", "lesson"): "add change view",
        ("lessons", "factcheck"): "add change delete view",
        ("quizzes", "tag"): "add change view",
        ("quizzes", "question"): "add change view",
        ("quizzes", "choice"): "add change delete view",
        ("quizzes", "quiz"): "add change view",
        ("quizzes", "quizquestion"): "add change delete view",
        ("classrooms", "classroom"): "add change view",
        ("classrooms", "assignment"): "add change delete view",
    }
    assert codenames == {
        (app, f"{action}_{model}")
        for (app, model), actions in authoring.items()
        for action in actions.split()
    }
    assert not any(app in {"auth", "spaceedu", "sessions", "admin"} for app, _ in codenames)


def test_teacher_can_edit_lessons_in_the_admin(client, teacher, course):
    client.force_login(teacher)
    assert client.get(reverse("admin:lessons_lesson_changelist")).status_code == 200
    lesson = course.lessons.get(slug="introduction")
    page = client.get(reverse("admin:lessons_lesson_change", args=[lesson.pk]))
    assert page.status_code == 200
    assert b"In this article, we embark" in page.content


def test_teacher_edits_paragraphs_as_plain_text(client, teacher, course):
    client.force_login(teacher)
    lesson = course.lessons.get(slug="conclusion")
    response = client.post(
        reverse("admin:lessons_lesson_change", args=[lesson.pk]),
        {
            "course": course.pk,
            "title": "Conclusion",
            "subtitle": "",
            "slug": "conclusion",
            "position": 8,
            "is_published": "on",
            "paragraphs_text": "First   paragraph.\r\n\r\n\r\nSecond\r\nparagraph.",
            "fact_checks-TOTAL_FORMS": 0,
            "fact_checks-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    lesson.refresh_from_db()
    assert lesson.paragraphs == ["First paragraph.", "Second paragraph."]
    assert lesson.word_count == 4


@pytest.mark.parametrize(
    "url",
    [
        "admin:spaceedu_user_changelist",
        "admin:auth_group_changelist",
        "admin:lessons_lessonprogress_changelist",
    ],
)
def test_teacher_cannot_reach_users_groups_or_learners_progress(client, teacher, url):
    client.force_login(teacher)
    assert client.get(reverse(url)).status_code == 403


def test_teacher_cannot_delete_lessons(client, teacher, course):
    client.force_login(teacher)
    lesson = course.lessons.first()
    assert client.get(reverse("admin:lessons_lesson_delete", args=[lesson.pk])).status_code == 403


def test_student_cannot_enter_the_admin(student_client):
    response = student_client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_teacher_property(teacher, student):
    assert teacher.is_teacher
    assert not student.is_teacher
