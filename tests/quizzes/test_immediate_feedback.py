"""Immediate feedback: checking one question grades it, shows its feedback and locks it."""

import html

import pytest

from quizzes.models import Answer
from tests.quizzes.pages import (
    answers_of,
    fieldset,
    page_url,
    picked_choice,
    plain,
    right_fields,
    save,
    save_json,
    start,
    submit,
    text_of,
    wrong_fields,
)

pytestmark = pytest.mark.django_db


def test_check_grades_the_question_shows_feedback_and_locks_it(student_client, intro_quiz):
    attempt = start(student_client, intro_quiz)
    answers = answers_of(attempt)
    single = next(a for a in answers[:5] if a.question.type == "single")
    n = single.position
    response = save(student_client, attempt, right_fields(single), check=str(n))
    assert response.status_code == 302
    assert response.url == page_url(attempt, 1) + f"#q{n}"

    page = student_client.get(page_url(attempt, 1))
    part = fieldset(page, n)
    assert "verdict-right" in part
    assert "✓ Correct" in part
    right = next(c for c in single.question.choices.all() if c.fraction == 1)
    assert html.escape(right.feedback) in part or right.feedback in html.unescape(part)
    assert "disabled" in part
    checked = Answer.objects.get(pk=single.pk)
    assert checked.checked
    assert checked.score == 1
    # The other questions are still open and show nothing.
    for other in answers[:5]:
        if other.pk != single.pk:
            assert "verdict" not in fieldset(page, other.position)

    # A later post (tampered, since the page no longer has the field) cannot change it.
    response = save(student_client, attempt, wrong_fields(single))
    assert response.status_code == 302
    assert Answer.objects.get(pk=single.pk).response == checked.response
    response = save(student_client, attempt, wrong_fields(single), check=str(n))
    assert Answer.objects.get(pk=single.pk).response == checked.response
    assert Answer.objects.get(pk=single.pk).score == 1
    submit(student_client, attempt)
    assert Answer.objects.get(pk=single.pk).score == 1


def test_check_a_wrong_answer_says_incorrect_with_its_feedback(student_client, intro_quiz):
    attempt = start(student_client, intro_quiz)
    answers = answers_of(attempt)
    single = next(a for a in answers[:5] if a.question.type == "single")
    save(student_client, attempt, wrong_fields(single), check=str(single.position))
    part = fieldset(student_client.get(page_url(attempt, 1)), single.position)
    assert "✗ Incorrect" in part
    picked = next(c for c in single.question.choices.all() if c.pk == picked_choice(single))
    assert plain(picked.feedback) in " ".join(html.unescape(part).split())
    assert Answer.objects.get(pk=single.pk).score == 0


def test_check_through_autosave_json_is_graded(student_client, intro_quiz):
    attempt = start(student_client, intro_quiz)
    answers = answers_of(attempt)
    response = save_json(student_client, attempt, right_fields(answers[0]), check="1")
    assert response.json() == {"saved": True, "seq": 1}
    assert Answer.objects.get(pk=answers[0].pk).checked


def test_check_of_a_question_on_another_page_is_400(student_client, intro_quiz):
    attempt = start(student_client, intro_quiz)
    response = save(student_client, attempt, {}, check="7")
    assert response.status_code == 400
    assert "not on this page" in text_of(response)
    assert not Answer.objects.filter(attempt=attempt, checked=True).exists()
