"""Rules the database itself keeps, whatever code writes the rows."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from quizzes.models import Answer, Attempt, Quiz
from review.models import ReviewCard
from review.spacing import LAST_BOX
from tests.factories import QuestionFactory, QuizFactory

pytestmark = pytest.mark.django_db


def refused(queryset, **values) -> bool:
    """True when the database refuses the update (and the row keeps its values)."""
    try:
        with transaction.atomic():
            queryset.update(**values)
    except IntegrityError:
        return True
    return False


@pytest.mark.parametrize(
    ("field", "value", "is_refused"),
    [
        ("questions_per_page", 0, True),
        ("questions_per_page", 1, False),
        ("pass_mark", 101, True),
        ("pass_mark", 100, False),
        ("pass_mark", 0, False),
        ("draw_count", 0, True),
        ("draw_count", None, False),
    ],
)
def test_quiz_settings_are_checked_by_the_database(field, value, is_refused):
    quiz = QuizFactory()
    assert refused(Quiz.objects.filter(pk=quiz.pk), **{field: value}) is is_refused


@pytest.mark.parametrize(
    ("score", "is_refused"),
    [(Decimal("-0.0001"), True), (Decimal("1.0001"), True), (Decimal(0), False), (None, False)],
)
def test_scores_stay_between_0_and_1(student, score, is_refused):
    question = QuestionFactory()
    attempt = Attempt.objects.create(
        quiz=QuizFactory(), user=student, number=1, started_at=timezone.now()
    )
    answer = Answer.objects.create(attempt=attempt, question=question, position=1)
    assert refused(Attempt.objects.filter(pk=attempt.pk), score=score) is is_refused
    assert refused(Answer.objects.filter(pk=answer.pk), score=score) is is_refused


@pytest.mark.parametrize(
    ("box", "is_refused"), [(-1, True), (LAST_BOX + 1, True), (LAST_BOX, False)]
)
def test_a_review_card_stays_in_a_leitner_box(student, box, is_refused):
    now = timezone.now()
    card = ReviewCard.objects.create(
        user=student, question=QuestionFactory(), due_at=now, last_missed_at=now
    )
    assert refused(ReviewCard.objects.filter(pk=card.pk), box=box) is is_refused
