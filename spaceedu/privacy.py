"""A learner's own data: everything the site keeps about them, and deleting it all.

Both work on the signed-in user only; nothing here takes another user's id.
"""

from django.db import transaction
from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _

from classrooms.models import Classroom, Membership
from lessons.models import LessonProgress
from quizzes.models import Answer, Attempt
from review.models import ReviewCard


class AccountDeletionRefused(Exception):
    """The account cannot be deleted yet; the message says why and what to do."""


def _when(value) -> str | None:
    return value.isoformat() if value is not None else None


def _score(value) -> float | None:
    return None if value is None else float(value)


def account_data(*, user) -> dict:
    """Everything stored about the learner, as JSON-ready data (6 queries)."""
    progress = LessonProgress.objects.filter(user=user).select_related("lesson").order_by("pk")
    attempts = (
        Attempt.objects.filter(user=user)
        .select_related("quiz")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.select_related("question").order_by("position"),
            )
        )
        .order_by("started_at", "pk")
    )
    cards = ReviewCard.objects.filter(user=user).select_related("question").order_by("pk")
    memberships = (
        Membership.objects.filter(user=user).select_related("classroom").order_by("joined_at")
    )
    taught = Classroom.objects.filter(teachers=user).order_by("pk")
    return {
        "profile": {
            "username": user.get_username(),
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
        },
        "lesson_progress": [
            {
                "lesson": row.lesson.title,
                "lesson_slug": row.lesson.slug,
                "started_at": _when(row.started_at),
                "completed_at": _when(row.completed_at),
            }
            for row in progress
        ],
        "attempts": [
            {
                "quiz": attempt.quiz.title,
                "quiz_slug": attempt.quiz.slug,
                "number": attempt.number,
                "state": attempt.state,
                "started_at": _when(attempt.started_at),
                "submitted_at": _when(attempt.submitted_at),
                "score": _score(attempt.score),
                "answers": [
                    {
                        "position": answer.position,
                        "question": answer.question.name,
                        "question_text": answer.question.text,
                        "response": answer.response,
                        "score": _score(answer.score),
                    }
                    for answer in attempt.answers.all()
                ],
            }
            for attempt in attempts
        ],
        "review_cards": [
            {
                "question": card.question.name,
                "box": card.box,
                "streak": card.streak,
                "due_at": _when(card.due_at),
                "last_reviewed_at": _when(card.last_reviewed_at),
                "last_missed_at": _when(card.last_missed_at),
            }
            for card in cards
        ],
        "classroom_memberships": [
            {"classroom": membership.classroom.name, "joined_at": _when(membership.joined_at)}
            for membership in memberships
        ],
        "classrooms_taught": [classroom.name for classroom in taught],
    }


def orphaned_classrooms(*, user) -> list[Classroom]:
    """The classrooms the user is the only teacher of (1 query)."""
    # Counting over a fresh join: filtering on teachers=user first would count only the user.
    return list(
        Classroom.objects.filter(pk__in=Classroom.objects.filter(teachers=user).values("pk"))
        .annotate(teacher_count=Count("teachers"))
        .filter(teacher_count__lte=1)
        .order_by("name")
    )


@transaction.atomic
def account_delete(*, user) -> None:
    """Delete the account with its progress, attempts, answers, review cards and memberships.

    Refused while the user is the only teacher of a classroom, which would be left with none.
    """
    orphaned = orphaned_classrooms(user=user)
    if orphaned:
        raise AccountDeletionRefused(
            _(
                "You are the only teacher of %(classrooms)s. Add another teacher or delete "
                "the classroom first, so its students are not left without one."
            )
            % {"classrooms": ", ".join(f"“{classroom.name}”" for classroom in orphaned)}
        )
    # Everything personal hangs off the user with on_delete=CASCADE: lesson progress,
    # attempts and their answers, review cards, memberships and the teacher links.
    user.delete()
