"""Taking a quiz end to end through its pages, and moving between them."""

from decimal import Decimal

import pytest
from django.urls import reverse

from quizzes.models import Attempt, Question
from tests.quizzes.pages import (
    answers_of,
    merged,
    page_url,
    results_url,
    right_fields,
    save,
    start,
    submit,
    text_of,
)

pytestmark = pytest.mark.django_db


def test_answering_every_type_right_through_all_pages_scores_100_and_passes(
    student_client, student, intro_quiz
):
    assert {q.type for q in intro_quiz.questions.all()} == set(Question.Type.values)
    response = student_client.post(reverse("quizzes:start", args=[intro_quiz.slug]))
    attempt = Attempt.objects.get(user=student, quiz=intro_quiz)
    assert response.url == attempt.get_absolute_url()
    answers = answers_of(attempt)
    assert len(answers) == 10

    page1 = student_client.get(response.url)
    assert page1.status_code == 200
    assert "Page 1 of 2" in text_of(page1)
    assert [slot.answer.position for slot in page1.context["page"].slots] == [1, 2, 3, 4, 5]
    response = save(
        student_client, attempt, merged(*(right_fields(a) for a in answers[:5])), action="next"
    )
    assert response.status_code == 302
    assert response.url == page_url(attempt, 2)

    page2 = student_client.get(response.url)
    assert "Page 2 of 2" in text_of(page2)
    assert "5 of 10 answered" in text_of(page2)
    assert [slot.answer.position for slot in page2.context["page"].slots] == [6, 7, 8, 9, 10]
    response = save(
        student_client,
        attempt,
        merged(*(right_fields(a) for a in answers[5:])),
        page=2,
        action="summary",
    )
    assert response.url == page_url(attempt, 0)

    summary = student_client.get(response.url)
    text = text_of(summary)
    assert "Check your answers, then submit" in text
    assert "10 of 10 answered" in text
    assert "Not answered" not in text
    assert reverse("quizzes:attempt-submit", args=[attempt.pk]) in summary.content.decode()

    response = submit(student_client, attempt)
    assert response.status_code == 302
    assert response.url == results_url(attempt)
    results = student_client.get(response.url)
    assert results.status_code == 200
    text = text_of(results)
    assert "100%" in text
    assert "Passed" in text
    assert "Not passed" not in text
    assert "10 of 10 questions fully right." in text
    assert text.count("✓ Correct") == 10
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED
    assert attempt.score == Decimal("1")
    assert all(answer.score == 1 for answer in answers_of(attempt))


def test_previous_and_page_buttons_go_where_asked(student_client, intro_quiz):
    attempt = start(student_client, intro_quiz)
    response = save(student_client, attempt, {}, page=2, action="prev")
    assert response.url == page_url(attempt, 1)
    response = save(student_client, attempt, {}, page=1, action="page-2")
    assert response.url == page_url(attempt, 2)
    response = save(student_client, attempt, {}, page=2, action="summary")
    assert response.url == page_url(attempt, 0)
    assert student_client.get(page_url(attempt, 99)).context["page"].page == 2
