"""Attempts with exact scores at exact times, for progress and review tests."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from quizzes.models import Answer, Attempt, Quiz

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def attempt_with(
    user, quiz: Quiz, scores: dict, *, at: datetime = T0, submitted: bool = True
) -> Attempt:
    """An attempt at quiz whose answers score as given ({question: 0..1, or None: unanswered}).

    As in a real submitted attempt, an unanswered question scores 0.
    """
    number = Attempt.objects.filter(user=user, quiz=quiz).count() + 1
    attempt = Attempt.objects.create(
        quiz=quiz,
        user=user,
        number=number,
        started_at=at - timedelta(minutes=10),
        state=Attempt.State.SUBMITTED if submitted else Attempt.State.IN_PROGRESS,
        submitted_at=at if submitted else None,
    )
    answers = [
        Answer(
            attempt=attempt,
            question=question,
            position=position,
            response=None if score is None else {"choice": 0},
            score=Decimal(str(score or 0)) if submitted else None,
        )
        for position, (question, score) in enumerate(scores.items(), start=1)
    ]
    Answer.objects.bulk_create(answers)
    if submitted:
        total = sum((a.score or Decimal(0) for a in answers), Decimal(0))
        attempt.score = (total / len(answers)).quantize(Decimal("0.0001")) if answers else 0
        attempt.save(update_fields=["score"])
    return attempt


def scored(quiz: Quiz, percent: int) -> dict:
    """Scores for quiz's questions averaging percent: the first n right, the rest wrong."""
    questions = [link.question for link in quiz.quiz_questions.order_by("position")]
    right = round(len(questions) * percent / 100)
    return {q: 1 if i < right else 0 for i, q in enumerate(questions)}
