"""The classroom admin: a teacher sees and edits only the classrooms they teach."""

import pytest
from django.urls import reverse

from classrooms.models import Classroom
from spaceedu.models import User
from tests.classrooms.helpers import make_classroom
from tests.factories import LessonFactory, UserFactory

pytestmark = pytest.mark.django_db


def _inline_management(prefix: str) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000",
    }  # fmt: skip


def test_a_teacher_lists_only_their_classrooms_with_student_counts(
    teacher_client, teacher, other_teacher, student, other_student
):
    make_classroom(teacher, student, other_student, name="Mine")
    make_classroom(other_teacher, student, name="Theirs")
    response = teacher_client.get(reverse("admin:classrooms_classroom_changelist"))
    assert response.status_code == 200
    assert [c.name for c in response.context["cl"].result_list] == ["Mine"]
    assert response.context["cl"].result_list[0].student_total == 2
    assert "Theirs" not in response.content.decode()


def test_a_teacher_cannot_open_another_teachers_classroom_in_the_admin(
    teacher_client, other_teacher
):
    theirs = make_classroom(other_teacher, name="Theirs")
    response = teacher_client.get(reverse("admin:classrooms_classroom_change", args=[theirs.pk]))
    assert response.status_code == 302  # the admin's "does not exist" redirect
    assert response["Location"] == reverse("admin:index")


def test_a_superuser_sees_every_classroom(client, teacher, other_teacher):
    make_classroom(teacher, name="Mine")
    make_classroom(other_teacher, name="Theirs")
    client.force_login(User.objects.create_superuser("root", "root@example.com", "x"))
    response = client.get(reverse("admin:classrooms_classroom_changelist"))
    assert {c.name for c in response.context["cl"].result_list} == {"Mine", "Theirs"}


def test_the_admin_list_filters_and_searches(teacher_client, teacher):
    make_classroom(teacher, name="Astronomy club")
    make_classroom(teacher, name="Old class", is_archived=True)
    url = reverse("admin:classrooms_classroom_changelist")
    archived = teacher_client.get(url, {"is_archived__exact": "1"}).context["cl"].result_list
    assert [c.name for c in archived] == ["Old class"]
    found = teacher_client.get(url, {"q": "astro"}).context["cl"].result_list
    assert [c.name for c in found] == ["Astronomy club"]


def test_a_teacher_who_adds_a_classroom_in_the_admin_teaches_it(
    teacher_client, teacher, other_teacher
):
    lesson = LessonFactory()
    form = teacher_client.get(reverse("admin:classrooms_classroom_add")).context["adminform"].form
    assert form.initial["teachers"] == [teacher.pk]
    data = {
        "name": "Added in the admin", "description": "", "teachers": [other_teacher.pk],
        **_inline_management("memberships"), **_inline_management("assignments"),
        "assignments-TOTAL_FORMS": "1", "assignments-0-lesson": str(lesson.pk),
    }  # fmt: skip
    response = teacher_client.post(reverse("admin:classrooms_classroom_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    classroom = Classroom.objects.get()
    assert set(classroom.teachers.all()) == {teacher, other_teacher}
    assert classroom.assignments.get().lesson == lesson


def test_the_teachers_field_offers_only_teachers(teacher_client, other_teacher, student):
    UserFactory(username="someone")
    response = teacher_client.get(reverse("admin:classrooms_classroom_add"))
    choices = response.context["adminform"].form.fields["teachers"].queryset
    assert set(choices.values_list("username", flat=True)) == {"teacher", "other_teacher"}


def test_teachers_do_not_manage_memberships_in_the_admin(teacher_client, teacher, student):
    """Students join with the code; the Teachers group holds no membership permission."""
    classroom = make_classroom(teacher, student)
    response = teacher_client.get(reverse("admin:classrooms_classroom_change", args=[classroom.pk]))
    assert response.status_code == 200
    formsets = [formset.formset.prefix for formset in response.context["inline_admin_formsets"]]
    assert formsets == ["assignments"]
