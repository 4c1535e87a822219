"""ReviewCard now belongs to the review app; its table and rows stay where they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("quizzes", "0002_add_review_card")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ReviewCard")],
            database_operations=[],
        )
    ]
