"""Cards made from skipped questions before a skip stopped counting as a miss.

A card never reviewed (no review time, still in box 0) whose question the learner never answered wrong (only skipped) leaves
the learner's review. Cards already practised stay: the learner chose to work on them.
"""

from decimal import Decimal

from django.db import migrations
from django.db.models import Exists, OuterRef

RIGHT = Decimal("0.9999")


def drop_cards_of_skipped_questions(apps, schema_editor):
    ReviewCard = apps.get_model("review", "ReviewCard")
    Answer = apps.get_model("quizzes", "Answer")
    missed = Answer.objects.filter(
        attempt__user=OuterRef("user_id"),
        attempt__state="submitted",
        question=OuterRef("question_id"),
        response__isnull=False,
        score__lt=RIGHT,
    )
    untouched = ReviewCard.objects.filter(last_reviewed_at__isnull=True, box=0, streak=0)
    untouched.exclude(Exists(missed)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0006_add_attempt_page_token"),
        ("review", "0003_add_review_answer"),
    ]

    operations = [
        migrations.RunPython(drop_cards_of_skipped_questions, migrations.RunPython.noop),
    ]
