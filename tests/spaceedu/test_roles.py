"""The Teachers group: authoring in the admin, nothing else."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from spaceedu.roles import TEACHERS_GROUP, teacher_permission_codenames

pytestmark = pytest.mark.django_db


def _teachers_group_codenames() -> set[tuple[str, str]]:
    return set(
        Group.objects.get(name=TEACHERS_GROUP).permissions.values_list(
            "content_type__app_label", "codename"
        )
    )


def test_migration_creates_teachers_group_with_exactly_the_authoring_permissions():
    codenames = _teachers_group_codenames()
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
        ("catalogue", "agency"): "add change view",
        ("catalogue", "mission"): "add change delete view",
        ("catalogue", "partnership"): "add change delete view",
    }
    assert codenames == {
        (app, f"{action}_{model}")
        for (app, model), actions in authoring.items()
        for action in actions.split()
    }
    assert not any(app in {"auth", "spaceedu", "sessions", "admin"} for app, _ in codenames)


def _migrate(*targets: tuple[str, str | None]) -> None:
    # A new executor each time: it reads which migrations the database has now.
    MigrationExecutor(connection).migrate(list(targets))


@pytest.mark.django_db(transaction=True)
def test_migrations_alone_give_the_group_every_permission():
    """After spaceedu 0003, before any post_migrate handler, the group is complete."""
    loader = MigrationExecutor(connection).loader
    latest = loader.graph.leaf_nodes()
    try:
        _migrate(*[(app, None) for app in loader.migrated_apps])
        # `migrate spaceedu` on an empty database runs 0002 before quizzes and classrooms
        # exist. The executor, unlike the migrate command, sends no post_migrate signal.
        _migrate(("spaceedu", "0002_teachers_group"))
        lessons_only = {perm for perm in teacher_permission_codenames() if perm[0] == "lessons"}
        assert _teachers_group_codenames() == lessons_only
        _migrate(("spaceedu", "0003_teachers_group_all_permissions"))
        # spaceedu's own permissions come only from post_migrate: it has not run.
        assert not Permission.objects.filter(content_type__app_label="spaceedu").exists()
        before_catalogue = {p for p in teacher_permission_codenames() if p[0] != "catalogue"}
        assert _teachers_group_codenames() == before_catalogue
        # The catalogue came later: spaceedu 0005 adds its permissions the same way.
        _migrate(("spaceedu", "0005_teachers_edit_catalogue"))
        assert _teachers_group_codenames() == teacher_permission_codenames()
        assert len(teacher_permission_codenames()) == 45
    finally:
        _migrate(*latest)


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
