"""Classroom services: join codes, joining and leaving, archiving, teachers, assignments."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import IntegrityError

from classrooms.models import JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, Assignment, Membership
from classrooms.services import (
    AlreadyMember,
    ClassroomError,
    assignment_create,
    assignment_delete,
    classroom_archive,
    classroom_create,
    classroom_join,
    classroom_leave,
    co_teacher_add,
    join_code_normalise,
    join_code_regenerate,
    members_add,
    student_remove,
)
from tests.classrooms.helpers import NOW, make_classroom
from tests.factories import LessonFactory, QuizFactory

pytestmark = pytest.mark.django_db


def test_a_new_classroom_is_taught_by_its_creator_and_has_an_unambiguous_code(teacher):
    classroom = classroom_create(teacher=teacher, name="  Space Club ", description="Room 4B")
    assert classroom.name == "Space Club"
    assert list(classroom.teachers.all()) == [teacher]
    assert len(classroom.join_code) == JOIN_CODE_LENGTH
    assert set(classroom.join_code) <= set(JOIN_CODE_ALPHABET)


def test_the_code_alphabet_leaves_out_characters_that_look_alike():
    for lookalike in "0O1IL2Z5S8B":
        assert lookalike not in JOIN_CODE_ALPHABET


def test_codes_are_unique_across_many_classrooms(teacher):
    codes = {classroom_create(teacher=teacher, name=f"Class {i}").join_code for i in range(200)}
    assert len(codes) == 200


def test_a_code_collision_is_retried_with_a_new_code(teacher):
    taken = classroom_create(teacher=teacher, name="First").join_code
    with mock.patch("classrooms.services.new_join_code", side_effect=[taken, taken, "ACDEFGH"]):
        classroom = classroom_create(teacher=teacher, name="Second")
    assert classroom.join_code == "ACDEFGH"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("acd-efgh", "ACDEFGH"), (" ACD EFGH ", "ACDEFGH"), ("a-c-d e\tf g h", "ACDEFGH")],
)
def test_codes_are_read_ignoring_case_spaces_and_dashes(typed, expected):
    assert join_code_normalise(typed) == expected


def test_a_student_joins_with_the_code_typed_loosely(teacher, student):
    classroom = make_classroom(teacher)
    code = classroom.join_code
    joined = classroom_join(user=student, code=f" {code[:3].lower()}-{code[3:].lower()} ")
    assert joined == classroom
    assert Membership.objects.filter(classroom=classroom, user=student).count() == 1


@pytest.mark.parametrize("code", ["", "WRONG12", "ACDEFG", "ACDEFGHJ", "<script>", "0" * 500])
def test_a_wrong_code_creates_nothing(teacher, student, code):
    make_classroom(teacher)
    with pytest.raises(ClassroomError, match="No classroom has the code"):
        classroom_join(user=student, code=code)
    assert not Membership.objects.exists()


def test_an_archived_classroom_takes_no_new_students(teacher, student):
    classroom = make_classroom(teacher, is_archived=True)
    with pytest.raises(ClassroomError, match="archived"):
        classroom_join(user=student, code=classroom.join_code)
    assert not Membership.objects.exists()


def test_joining_twice_adds_no_second_membership(classroom, student):
    with pytest.raises(AlreadyMember, match="You are already in “Year 9 Space Club”"):
        classroom_join(user=student, code=classroom.join_code)
    assert Membership.objects.filter(user=student).count() == 1


def test_a_double_submit_that_loses_the_race_says_already_in(classroom, other_student):
    """The other request inserted the membership between the check and the insert."""
    with (
        mock.patch(
            "classrooms.services.Membership.objects.create", side_effect=IntegrityError("dup")
        ),
        pytest.raises(AlreadyMember),
    ):
        classroom_join(user=other_student, code=classroom.join_code)


def test_the_unique_constraint_backs_one_membership(classroom, student):
    with pytest.raises(IntegrityError):
        Membership.objects.create(classroom=classroom, user=student)


def test_a_teacher_cannot_join_their_own_classroom_as_a_student(classroom, teacher):
    with pytest.raises(ClassroomError, match="You teach"):
        classroom_join(user=teacher, code=classroom.join_code)
    assert not Membership.objects.filter(user=teacher).exists()


def test_another_teacher_may_join_as_a_student(classroom, other_teacher):
    assert classroom_join(user=other_teacher, code=classroom.join_code) == classroom


def test_regenerating_the_code_invalidates_the_old_one(classroom, other_student):
    old = classroom.join_code
    new = join_code_regenerate(classroom=classroom)
    assert new != old
    classroom.refresh_from_db()
    assert classroom.join_code == new
    with pytest.raises(ClassroomError, match="No classroom has the code"):
        classroom_join(user=other_student, code=old)
    assert classroom_join(user=other_student, code=new) == classroom


def test_a_student_can_be_in_several_classrooms(teacher, other_teacher, student):
    first, second = make_classroom(teacher), make_classroom(other_teacher, name="Astronomy")
    classroom_join(user=student, code=first.join_code)
    classroom_join(user=student, code=second.join_code)
    assert set(student.classrooms.all()) == {first, second}


def test_leaving_and_removal_keep_the_students_own_work(classroom, student, other_student):
    lesson = LessonFactory()
    student.lesson_progress.create(lesson=lesson, started_at=NOW)
    classroom_leave(classroom=classroom, user=student)
    assert not Membership.objects.exists()
    assert student.lesson_progress.count() == 1
    Membership.objects.create(classroom=classroom, user=other_student)
    student_remove(classroom=classroom, user=other_student)
    assert not Membership.objects.exists()


def test_archiving_and_bringing_back(classroom):
    classroom_archive(classroom=classroom, archived=True)
    classroom.refresh_from_db()
    assert classroom.is_archived
    classroom_archive(classroom=classroom, archived=False)
    classroom.refresh_from_db()
    assert not classroom.is_archived


def test_a_co_teacher_is_added_by_username(classroom, teacher, other_teacher):
    co_teacher_add(classroom=classroom, username=" other_teacher ")
    assert set(classroom.teachers.all()) == {teacher, other_teacher}


@pytest.mark.parametrize("username", ["student", "other_student", "nobody"])
def test_only_a_teacher_can_be_a_co_teacher(classroom, other_student, username):
    with pytest.raises(ClassroomError, match="No teacher has the username"):
        co_teacher_add(classroom=classroom, username=username)
    assert classroom.teachers.count() == 1


def test_a_teacher_who_is_a_member_cannot_become_a_co_teacher(classroom, other_teacher):
    Membership.objects.create(classroom=classroom, user=other_teacher)
    with pytest.raises(ClassroomError, match="is a student in this classroom"):
        co_teacher_add(classroom=classroom, username="other_teacher")


def test_an_assignment_is_a_lesson_or_a_quiz_with_a_future_due_date(classroom):
    lesson, quiz = LessonFactory(), QuizFactory()
    due = NOW + timedelta(days=3)
    first = assignment_create(classroom=classroom, lesson=lesson, due_at=due, now=NOW)
    second = assignment_create(classroom=classroom, quiz=quiz, now=NOW)
    assert (first.lesson, first.quiz, first.due_at) == (lesson, None, due)
    assert (second.lesson, second.quiz, second.due_at) == (None, quiz, None)


def test_an_assignment_due_in_the_past_is_refused(classroom):
    with pytest.raises(ClassroomError, match="already passed"):
        assignment_create(
            classroom=classroom, lesson=LessonFactory(), due_at=NOW - timedelta(minutes=1), now=NOW
        )
    assert not Assignment.objects.exists()


def test_an_assignment_needs_exactly_one_lesson_or_quiz(classroom):
    with pytest.raises(ClassroomError, match="one lesson or one quiz"):
        assignment_create(classroom=classroom, now=NOW)
    with pytest.raises(ClassroomError, match="one lesson or one quiz"):
        assignment_create(classroom=classroom, lesson=LessonFactory(), quiz=QuizFactory(), now=NOW)


def test_the_same_item_is_assigned_once(classroom):
    lesson = LessonFactory()
    assignment_create(classroom=classroom, lesson=lesson, now=NOW)
    with pytest.raises(ClassroomError, match="already assigned"):
        assignment_create(classroom=classroom, lesson=lesson, now=NOW)
    assert Assignment.objects.count() == 1


def test_deleting_another_classrooms_assignment_changes_nothing(classroom, other_teacher):
    elsewhere = make_classroom(other_teacher, name="Elsewhere")
    theirs = assignment_create(classroom=elsewhere, lesson=LessonFactory(), now=NOW)
    assert assignment_delete(classroom=classroom, assignment_id=theirs.pk) is False
    assert Assignment.objects.filter(pk=theirs.pk).exists()
    assert assignment_delete(classroom=elsewhere, assignment_id=theirs.pk) is True


def test_members_add_enrols_each_student_once(teacher, student, other_student):
    classroom = classroom_create(teacher=teacher, name="Space Club")
    members_add(classroom=classroom, users=[student])
    members_add(classroom=classroom, users=[student, other_student])
    assert sorted(classroom.memberships.values_list("user__username", flat=True)) == sorted(
        [student.username, other_student.username]
    )
