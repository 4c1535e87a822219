"""Review cards moved from quizzes to review without moving a row."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("quizzes", "0002_add_review_card"), ("spaceedu", "0001_initial_user")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_review_cards_survive_the_move_to_the_review_app():
    """Migrating a database that holds cards keeps every card, with its schedule."""
    old = migrate(BEFORE)
    User = old.get_model("spaceedu", "User")
    Question = old.get_model("quizzes", "Question")
    OldCard = old.get_model("quizzes", "ReviewCard")
    now = timezone.now().replace(microsecond=0)
    learner = User.objects.create(username="ada")
    question = Question.objects.create(name="q", category="c", type="single", text="?")
    OldCard.objects.create(
        user=learner, question=question, box=3, due_at=now, streak=2, last_missed_at=now
    )
    try:
        new = migrate(latest())
        Card = new.get_model("review", "ReviewCard")
        card = Card.objects.get()
        assert (card.user_id, card.question_id, card.box, card.streak, card.due_at) == (
            learner.pk, question.pk, 3, 2, now,
        )  # fmt: skip
        ContentType = new.get_model("contenttypes", "ContentType")
        assert not ContentType.objects.filter(app_label="quizzes", model="reviewcard").exists()
    finally:
        migrate(latest())


@pytest.mark.django_db(transaction=True)
def test_cards_of_only_skipped_questions_leave_review():
    """Before 0004 a skipped question made a card; the data migration drops those never reviewed."""
    from review.models import ReviewCard
    from tests.factories import QuestionFactory, QuizFactory, UserFactory
    from tests.progress.helpers import attempt_with

    migrate([("review", "0003_add_review_answer")])
    try:
        learner = UserFactory()
        wrong, skipped, practised = QuestionFactory.create_batch(3)
        attempt_with(learner, QuizFactory(questions=[wrong, skipped, practised]), {
            wrong: 0, skipped: None, practised: None,
        })  # fmt: skip
        now = timezone.now()
        for question in (wrong, skipped, practised):
            ReviewCard.objects.create(
                user=learner, question=question, due_at=now, last_missed_at=now
            )
        ReviewCard.objects.filter(question=practised).update(last_reviewed_at=now)
        migrate(latest())
        assert set(ReviewCard.objects.values_list("question", flat=True)) == {
            wrong.pk,
            practised.pk,
        }
    finally:
        migrate(latest())
