"""The quiz page: instructions, start or resume, the learner's attempts and grade."""

import re

import pytest
from django.urls import reverse

from quizzes.models import Attempt, Quiz
from tests.quizzes.pages import (
    answers_of,
    merged,
    results_url,
    right_fields,
    save,
    start,
    submit,
    text_of,
)

pytestmark = pytest.mark.django_db


def test_visitor_sees_instructions_and_a_sign_in_prompt_but_no_start_form(client, intro_quiz):
    response = client.get(intro_quiz.get_absolute_url())
    assert response.status_code == 200
    text = text_of(response)
    assert "Check what you learned in this lesson" in text
    assert "10 questions" in text
    assert "Log in or sign up to take this quiz" in text
    assert f'href="{reverse("login")}?next=' in response.content.decode()
    assert reverse("quizzes:start", args=[intro_quiz.slug]) not in response.content.decode()
    assert "Your attempts" not in text


def test_learner_sees_the_start_button_and_no_attempts_yet(student_client, intro_quiz):
    response = student_client.get(intro_quiz.get_absolute_url())
    body, text = response.content.decode(), text_of(response)
    assert f'action="{reverse("quizzes:start", args=[intro_quiz.slug])}"' in body
    assert "Start the quiz" in text
    assert "No attempts yet." in text
    assert "Log in or sign up" not in text


def test_quiz_page_offers_resume_while_an_attempt_is_open(student_client, intro_quiz):
    attempt = start(student_client, intro_quiz)
    response = student_client.get(intro_quiz.get_absolute_url())
    text = text_of(response)
    assert "Resume your attempt" in text
    assert "Start the quiz" not in text
    assert "In progress" in text
    assert f'href="{attempt.get_absolute_url()}"' in response.content.decode()


def test_quiz_page_shows_attempts_table_grade_and_new_attempt_after_submitting(
    student_client, intro_quiz
):
    attempt = start(student_client, intro_quiz)
    answers = answers_of(attempt)
    save(student_client, attempt, merged(*(right_fields(a) for a in answers[:5])))
    save(student_client, attempt, merged(*(right_fields(a) for a in answers[5:])), page=2)
    submit(student_client, attempt)
    response = student_client.get(intro_quiz.get_absolute_url())
    text = text_of(response)
    assert "Your grade: 100% (highest grade) Passed" in text
    assert "Start a new attempt" in text
    assert "Resume your attempt" not in text
    assert f'href="{results_url(attempt)}"' in response.content.decode()
    html = response.content.decode()
    assert re.search(r"<td>1</td>\s*<td><a href=\"[^\"]+\">See results</a>", html)
    assert "100%" in text


def test_lesson_page_links_to_its_quiz(client, intro_quiz):
    response = client.get(reverse("lessons:detail", args=["introduction"]))
    assert f'href="{intro_quiz.get_absolute_url()}"' in response.content.decode()
    assert "Take the quiz" in text_of(response)


def test_lesson_list_links_to_the_final_exam(client, bank):
    response = client.get(reverse("lessons:list"))
    assert f'href="{reverse("quizzes:detail", args=["final-exam"])}"' in response.content.decode()
    assert "Go to the final exam" in text_of(response)


def test_unknown_quiz_is_404(student_client, bank):
    assert student_client.get(reverse("quizzes:detail", args=["no-such-quiz"])).status_code == 404
    response = student_client.post(reverse("quizzes:start", args=["no-such-quiz"]))
    assert response.status_code == 404


def test_unpublished_quiz_is_404_and_cannot_be_started(student_client, intro_quiz):
    Quiz.objects.filter(pk=intro_quiz.pk).update(is_published=False)
    assert student_client.get(intro_quiz.get_absolute_url()).status_code == 404
    response = student_client.post(reverse("quizzes:start", args=[intro_quiz.slug]))
    assert response.status_code == 404
    assert not Attempt.objects.exists()
