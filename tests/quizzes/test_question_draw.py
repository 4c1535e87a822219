"""Which questions a quiz draws: one function for learners' attempts and the teacher's preview."""

import random

import pytest
from django.urls import reverse

from quizzes.models import Tag
from quizzes.services import attempt_start, question_draw
from tests.factories import LessonFactory, QuestionFactory, QuizFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pools():
    """Questions on two tags and two lessons, one of them retired."""
    iss = Tag.objects.create(slug="mission:iss", kind="mission", name="ISS")
    jwst = Tag.objects.create(slug="mission:jwst", kind="mission", name="JWST")
    lesson, other_lesson = LessonFactory(), LessonFactory()
    on_iss = QuestionFactory.create_batch(3, lesson=lesson)
    for question in on_iss:
        question.tags.add(iss)
    on_jwst = QuestionFactory.create_batch(2, lesson=other_lesson)
    for question in on_jwst:
        question.tags.add(jwst)
    retired = QuestionFactory(lesson=lesson, is_active=False)
    retired.tags.add(iss)
    return {"iss": iss, "lesson": lesson, "on_iss": on_iss, "on_jwst": on_jwst}


def _draw(quiz, seed=1) -> set[int]:
    return {question.pk for question in question_draw(quiz=quiz, rng=random.Random(seed))}


def test_a_tag_pool_draws_only_active_questions_with_the_tag(pools):
    quiz = QuizFactory(draw_count=10)
    quiz.pool_tags.add(pools["iss"])
    assert _draw(quiz) == {q.pk for q in pools["on_iss"]}


def test_a_lesson_pool_draws_the_lessons_active_questions(pools):
    quiz = QuizFactory(draw_count=2)
    quiz.pool_lessons.add(pools["lesson"])
    drawn = _draw(quiz)
    assert len(drawn) == 2 and drawn <= {q.pk for q in pools["on_iss"]}


def test_a_fixed_list_leaves_out_retired_questions():
    active, retired = QuestionFactory(), QuestionFactory(is_active=False)
    quiz = QuizFactory(questions=[active, retired])
    assert _draw(quiz) == {active.pk}


def test_the_learner_gets_the_questions_the_draw_gives(pools, student):
    quiz = QuizFactory(draw_count=3)
    quiz.pool_tags.add(pools["iss"])
    attempt = attempt_start(user=student, quiz=quiz)
    assert set(attempt.answers.values_list("question_id", flat=True)) == _draw(quiz)


def test_the_preview_of_a_tag_drawn_quiz_shows_a_draw(pools, client, teacher):
    """The preview knew only lesson pools: a quiz drawn from tags was a 404."""
    quiz = QuizFactory(draw_count=2)
    quiz.pool_tags.add(pools["iss"])
    client.force_login(teacher)
    page = client.get(reverse("admin:quizzes_quiz_preview", args=[quiz.pk]))
    assert page.status_code == 200
    shown = {slot.answer.question_id for slot in page.context["slots"]}
    assert len(shown) == 2 and shown <= {q.pk for q in pools["on_iss"]}
