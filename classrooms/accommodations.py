"""Accommodations: extra time and attempts a teacher gives a student, or a whole classroom.

The rule that turns them into a deadline and an attempt limit is ``quizzes.allowances``;
this module stores them and offers them to it (``ClassroomsConfig.quiz_allowances``).
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from classrooms.models import Accommodation, Classroom, Membership
from quizzes.allowances import Allowance
from quizzes.models import Quiz


class AccommodationError(Exception):
    """An accommodation the teacher cannot set; the message says why."""


def as_allowance(accommodation: Accommodation) -> Allowance:
    return Allowance(
        extra_minutes=accommodation.extra_minutes,
        time_factor=Decimal(accommodation.time_factor),
        extra_attempts=accommodation.extra_attempts,
    )


def allowances_for(*, user, quiz: Quiz) -> list[Allowance]:
    """The allowances of the learner at the quiz from the active classrooms they are in:
    theirs and their classrooms', for this quiz or every quiz (1 query)."""
    rows = Accommodation.objects.filter(
        Q(user=user) | Q(user__isnull=True),
        Q(quiz=quiz) | Q(quiz__isnull=True),
        classroom__in=Membership.objects.filter(user=user, classroom__is_archived=False).values(
            "classroom_id"
        ),
    )
    return [as_allowance(row) for row in rows]


def classroom_accommodations(*, classroom: Classroom, user_id: int | None = None) -> list:
    """The classroom's accommodations (only those that apply to one student, when given),
    whole-class ones first (1 query)."""
    rows = Accommodation.objects.filter(classroom=classroom)
    if user_id is not None:
        rows = rows.filter(Q(user_id=user_id) | Q(user__isnull=True))
    return list(rows.select_related("user", "quiz").order_by("user_id", "quiz_id", "pk"))


def accommodation_set(
    *,
    classroom: Classroom,
    user=None,
    quiz: Quiz | None = None,
    extra_minutes: int = 0,
    time_factor: Decimal = Decimal(1),
    extra_attempts: int = 0,
) -> Accommodation:
    """Give a member (or, without ``user``, the whole classroom) extra time and attempts at a
    quiz (or, without ``quiz``, every quiz); setting it again replaces the earlier one."""
    if user is not None and not Membership.objects.filter(classroom=classroom, user=user).exists():
        raise AccommodationError(_("That student is not in this classroom."))
    if not (extra_minutes or time_factor > 1 or extra_attempts):
        raise AccommodationError(_("Give some extra time or at least one extra attempt."))
    with transaction.atomic():
        # One per (classroom, student, quiz): the row is locked so a double submit replaces.
        existing = (
            Accommodation.objects.select_for_update()
            .filter(classroom=classroom, user=user, quiz=quiz)
            .order_by("pk")
        )
        row = existing.first()
        if row is None:
            row = Accommodation(classroom=classroom, user=user, quiz=quiz)
        else:
            existing.exclude(pk=row.pk).delete()
        row.extra_minutes, row.time_factor, row.extra_attempts = (
            extra_minutes, time_factor, extra_attempts,
        )  # fmt: skip
        row.save()
    return row


def accommodation_delete(*, classroom: Classroom, accommodation_id: int) -> bool:
    """Remove one of the classroom's accommodations; False when it has no such one."""
    deleted, _rows = Accommodation.objects.filter(classroom=classroom, pk=accommodation_id).delete()
    return bool(deleted)
