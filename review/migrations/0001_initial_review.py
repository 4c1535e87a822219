"""ReviewCard, moved from quizzes without moving data: the state takes the table as it is."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def content_type_to_review(apps, schema_editor):
    """Admin log entries and permissions keep pointing at the model under its new app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="review", model="reviewcard").exists():
        ContentType.objects.filter(app_label="quizzes", model="reviewcard").update(
            app_label="review"
        )


def content_type_to_quizzes(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="quizzes", model="reviewcard").exists():
        ContentType.objects.filter(app_label="review", model="reviewcard").update(
            app_label="quizzes"
        )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("quizzes", "0003_move_review_card_to_review"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ReviewCard",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("box", models.PositiveSmallIntegerField(default=0, verbose_name="box")),
                        ("due_at", models.DateTimeField(verbose_name="due")),
                        ("streak", models.PositiveSmallIntegerField(default=0, verbose_name="right answers in a row")),
                        ("last_reviewed_at", models.DateTimeField(blank=True, null=True, verbose_name="last reviewed")),
                        ("last_missed_at", models.DateTimeField(verbose_name="last missed in a quiz")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                        ("question", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="review_cards", to="quizzes.question", verbose_name="question")),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="review_cards", to=settings.AUTH_USER_MODEL, verbose_name="learner")),
                    ],
                    options={
                        "verbose_name": "review card",
                        "verbose_name_plural": "review cards",
                        "ordering": ["user", "due_at", "pk"],
                        "db_table": "quizzes_reviewcard",
                        "indexes": [models.Index(fields=["user", "due_at"], name="reviewcard_user_due")],
                        "constraints": [models.UniqueConstraint(fields=("user", "question"), name="reviewcard_unique_question")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_to_review, content_type_to_quizzes),
    ]
