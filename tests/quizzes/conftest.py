"""Quizzes the page tests take: the bank's introduction quiz, one of every type, a timed one."""

from datetime import timedelta

import pytest

from quizzes.models import Quiz
from tests.factories import QuestionFactory, QuizFactory
from tests.quizzes.pages import make_questions


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The users' passwords play no part here; hashing them slowly would only slow the tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def intro_quiz(bank):
    """10 questions of all seven types, 5 per page, immediate feedback, unlimited attempts."""
    return Quiz.objects.get(slug="introduction-quiz")


@pytest.fixture
def all_types_quiz(db):
    """Seven questions, one per type, all on one page; feedback after submitting."""
    return QuizFactory(
        slug="all-types", questions=make_questions(7, prefix="all"), questions_per_page=10
    )


@pytest.fixture
def timed_quiz(db):
    """Three single-choice questions with a 10-minute limit."""
    return QuizFactory(
        slug="timed", questions=QuestionFactory.create_batch(3), time_limit=timedelta(minutes=10)
    )
