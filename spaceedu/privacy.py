"""A learner's own data: everything the site keeps about them, and deleting it all.

Both work on the signed-in user only; nothing here takes another user's id.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from classrooms.personal_data import classrooms_export, orphaned_classrooms
from lessons.personal_data import isoformat_or_none, lessons_export
from quizzes.personal_data import quizzes_export
from review.personal_data import review_export


class AccountDeletionRefused(Exception):
    """The account cannot be deleted yet; the message says why and what to do."""


def account_data(*, user) -> dict:
    """Everything stored about the learner, as JSON-ready data: each app gives its part."""
    return {
        "profile": {
            "username": user.get_username(),
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "date_joined": isoformat_or_none(user.date_joined),
            "last_login": isoformat_or_none(user.last_login),
        },
        **lessons_export(user=user),
        **quizzes_export(user=user),
        **review_export(user=user),
        **classrooms_export(user=user),
    }


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
