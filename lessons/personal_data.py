"""What lessons keep about a learner, for the learner's own data export."""

from lessons.models import LessonProgress


def isoformat_or_none(value) -> str | None:
    """A date or time as ISO 8601 for the export, or None; every app's export uses it."""
    return value.isoformat() if value is not None else None


def lessons_export(*, user) -> dict:
    """The learner's lesson progress, JSON-ready (1 query)."""
    progress = LessonProgress.objects.filter(user=user).select_related("lesson").order_by("pk")
    return {
        "lesson_progress": [
            {
                "lesson": row.lesson.title,
                "lesson_slug": row.lesson.slug,
                "started_at": isoformat_or_none(row.started_at),
                "completed_at": isoformat_or_none(row.completed_at),
            }
            for row in progress
        ]
    }
