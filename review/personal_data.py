"""What spaced review keeps about a learner, for the learner's own data export."""

from review.models import ReviewCard


def _when(value) -> str | None:
    return value.isoformat() if value is not None else None


def review_export(*, user) -> dict:
    """The learner's review cards by question text, never its name, JSON-ready (1 query)."""
    cards = ReviewCard.objects.filter(user=user).select_related("question").order_by("pk")
    return {
        "review_cards": [
            {
                "question": card.question.text,
                "box": card.box,
                "streak": card.streak,
                "due_at": _when(card.due_at),
                "last_reviewed_at": _when(card.last_reviewed_at),
                "last_missed_at": _when(card.last_missed_at),
            }
            for card in cards
        ]
    }
