"""Writes that change classrooms: create, join, leave, codes, archive, teachers, assignments."""

from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from classrooms.models import (
    JOIN_CODE_ALPHABET,
    JOIN_CODE_LENGTH,
    Assignment,
    Classroom,
    Membership,
    new_join_code,
)
from lessons.models import Lesson
from quizzes.models import Quiz

User = get_user_model()

# A new code colliding with an existing one is a one-in-billions event; a few retries end it.
_CODE_ATTEMPTS = 5


class ClassroomError(Exception):
    """A classroom action that cannot be done; the message says why, for the user."""


class AlreadyMember(ClassroomError):
    def __init__(self, classroom: Classroom) -> None:
        super().__init__(_("You are already in “%(name)s”.") % {"name": classroom.name})
        self.classroom = classroom


def join_code_normalise(code: str) -> str:
    """Upper-case the code and drop spaces and dashes: "ack-7 3x" and "ACK73X" are one code."""
    return "".join(code.split()).replace("-", "").upper()


def _save_with_new_code(classroom: Classroom) -> None:
    for _attempt in range(_CODE_ATTEMPTS):
        classroom.join_code = new_join_code()
        try:
            with transaction.atomic():
                if classroom.pk is None:
                    classroom.save()
                else:
                    classroom.save(update_fields=["join_code"])
            return
        except IntegrityError:
            if not Classroom.objects.filter(join_code=classroom.join_code).exists():
                raise  # not a code collision: a real error
    raise ClassroomError(_("Could not make a new join code. Please try again."))


@transaction.atomic
def classroom_create(*, teacher: User, name: str, description: str = "") -> Classroom:
    """Create a classroom taught by the teacher, with a fresh unique join code."""
    classroom = Classroom(name=name.strip(), description=description.strip())
    _save_with_new_code(classroom)
    classroom.teachers.add(teacher)
    return classroom


def members_add(*, classroom: Classroom, users) -> None:
    """Enrol these users as students of the classroom; those already in it stay as they are."""
    Membership.objects.bulk_create(
        [Membership(classroom=classroom, user=user) for user in users], ignore_conflicts=True
    )


def join_code_regenerate(*, classroom: Classroom) -> str:
    """Give the classroom a new join code; the old one stops working at once."""
    _save_with_new_code(classroom)
    return classroom.join_code


def classroom_join(*, user: User, code: str) -> Classroom:
    """Add the user to the active classroom with this code; joining twice adds nothing."""
    normalised = join_code_normalise(code)
    classroom = None
    if len(normalised) == JOIN_CODE_LENGTH and set(normalised) <= set(JOIN_CODE_ALPHABET):
        classroom = Classroom.objects.filter(join_code=normalised).first()
    if classroom is None:
        raise ClassroomError(
            _("No classroom has the code “%(code)s”. Check it with your teacher.")
            % {"code": code.strip()[:32]}
        )
    if classroom.is_archived:
        raise ClassroomError(
            _("“%(name)s” is archived and no longer takes new students.") % {"name": classroom.name}
        )
    if classroom.teachers.filter(pk=user.pk).exists():
        raise ClassroomError(
            _("You teach “%(name)s”, so you cannot join it as a student.")
            % {"name": classroom.name}
        )
    if Membership.objects.filter(classroom=classroom, user=user).exists():
        raise AlreadyMember(classroom)
    try:
        with transaction.atomic():
            Membership.objects.create(classroom=classroom, user=user)
    except IntegrityError:
        # A double submit: the other request added the membership a moment ago.
        raise AlreadyMember(classroom) from None
    return classroom


def classroom_leave(*, classroom: Classroom, user: User) -> None:
    """Take the student out of the classroom; their progress and attempts stay theirs."""
    Membership.objects.filter(classroom=classroom, user=user).delete()


def student_remove(*, classroom: Classroom, user: User) -> None:
    """A teacher takes a student out of the classroom; the student keeps their own work."""
    Membership.objects.filter(classroom=classroom, user=user).delete()


def classroom_archive(*, classroom: Classroom, archived: bool) -> None:
    """Archive (no new students, out of students' to-do lists) or bring back a classroom."""
    classroom.is_archived = archived
    classroom.save(update_fields=["is_archived"])


def co_teacher_add(*, classroom: Classroom, username: str) -> User:
    """Add another teacher (a staff member of the Teachers group) to the classroom."""
    teacher = User.objects.filter(username=username.strip()).first()
    if teacher is None or not teacher.is_teacher:
        raise ClassroomError(
            _("No teacher has the username “%(username)s”.") % {"username": username.strip()[:150]}
        )
    if Membership.objects.filter(classroom=classroom, user=teacher).exists():
        raise ClassroomError(
            _("%(username)s is a student in this classroom.") % {"username": teacher.username}
        )
    classroom.teachers.add(teacher)
    return teacher


def assignment_create(
    *,
    classroom: Classroom,
    lesson: Lesson | None = None,
    quiz: Quiz | None = None,
    due_at: datetime | None = None,
    instructions: str = "",
    students=(),
    now: datetime | None = None,
) -> Assignment:
    """Assign one lesson or one quiz, once per classroom, to the whole class or to chosen
    members, with instructions; a due date must be in the future."""
    now = now or timezone.now()
    if (lesson is None) == (quiz is None):
        raise ClassroomError(_("Choose one lesson or one quiz to assign."))
    students = list(students)
    member = set(classroom.memberships.filter(user__in=students).values_list("user_id", flat=True))
    if any(student.pk not in member for student in students):
        raise ClassroomError(_("Assign only to students of this classroom."))
    if due_at is not None and due_at <= now:
        raise ClassroomError(_("The due date has already passed. Choose a date in the future."))
    item = lesson or quiz
    if Assignment.objects.filter(classroom=classroom, lesson=lesson, quiz=quiz).exists():
        raise ClassroomError(_("“%(item)s” is already assigned.") % {"item": item})
    try:
        with transaction.atomic():
            assignment = Assignment.objects.create(
                classroom=classroom, lesson=lesson, quiz=quiz, due_at=due_at,
                instructions=instructions,
            )  # fmt: skip
            assignment.students.set(students)
            return assignment
    except IntegrityError:
        raise ClassroomError(_("“%(item)s” is already assigned.") % {"item": item}) from None


def assignment_delete(*, classroom: Classroom, assignment_id: int) -> bool:
    """Remove one of this classroom's assignments; another classroom's id changes nothing."""
    deleted, _rows = Assignment.objects.filter(classroom=classroom, pk=assignment_id).delete()
    return bool(deleted)
