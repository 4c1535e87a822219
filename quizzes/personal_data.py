"""What quizzes keep about a learner, for the learner's own data export."""

from django.db.models import Prefetch

from quizzes.models import Answer, Attempt


def _when(value) -> str | None:
    return value.isoformat() if value is not None else None


def _score(value) -> float | None:
    return None if value is None else float(value)


def quizzes_export(*, user) -> dict:
    """The learner's attempts with their answers, JSON-ready (2 queries)."""
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
    return {
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
        ]
    }
