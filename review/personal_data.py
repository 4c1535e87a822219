"""What spaced review keeps about a learner, for the learner's own data export."""

from lessons.personal_data import isoformat_or_none
from review.models import ReviewCard


def review_export(*, user) -> dict:
    """The learner's review cards by question text, never its name, JSON-ready (1 query)."""
    cards = ReviewCard.objects.filter(user=user).select_related("question").order_by("pk")
    return {
        "review_cards": [
            {
                "question": card.question.text,
                "box": card.box,
                "streak": card.streak,
                "due_at": isoformat_or_none(card.due_at),
                "last_reviewed_at": isoformat_or_none(card.last_reviewed_at),
                "last_missed_at": isoformat_or_none(card.last_missed_at),
            }
            for card in cards
        ]
    }
