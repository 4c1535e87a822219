"""What spaced review keeps about a learner, for the learner's own data export."""

from lessons.personal_data import isoformat_or_none
from quizzes.grading import as_percent
from review.models import ReviewAnswer, ReviewCard


def review_export(*, user) -> dict:
    """The learner's review cards and review answers by question text, never its name or choice
    ids, JSON-ready (2 queries)."""
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
        ],
        "review_answers": [
            {
                "question": answer.question.text,
                "score_percent": as_percent(answer.score),
                "answered_at": isoformat_or_none(answer.answered_at),
            }
            for answer in ReviewAnswer.objects.filter(user=user)
            .select_related("question")
            .order_by("answered_at", "pk")
        ],
    }
