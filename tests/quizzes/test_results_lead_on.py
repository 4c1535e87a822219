"""Results that lead somewhere (issue 13, item 5): the missed ones a jump away, "Practise the
N you missed" into spaced review, the next lesson, a celebration on a pass, and multiple
response feedback said at the choice it is about."""

import pytest
from django.urls import reverse

from quizzes.models import Quiz
from quizzes.services import attempt_save, attempt_start, attempt_submit
from tests.quizzes.helpers import MULTIPLE, make_quiz, right_response, wrong_response

pytestmark = pytest.mark.django_db


def _submitted(student, quiz, *, right: int, wrong: int = 0):
    """The first `right` questions answered right, the next `wrong` wrong, the rest skipped."""
    attempt = attempt_start(user=student, quiz=quiz)
    answers = list(attempt.answers.select_related("question").order_by("position"))
    responses = {a.pk: right_response(a.question) for a in answers[:right]}
    responses |= {a.pk: wrong_response(a.question) for a in answers[right : right + wrong]}
    attempt = attempt_save(attempt=attempt, responses=responses, sequence=attempt.sequence)
    return attempt_submit(attempt=attempt)


def test_a_missed_attempt_lists_the_missed_ones_and_leads_to_review(student_client, student, bank):
    quiz = Quiz.objects.get(slug="introduction-quiz")
    attempt = _submitted(student, quiz, right=3, wrong=5)
    html = student_client.get(reverse("quizzes:results", args=[attempt.pk])).content.decode()
    # Review brings back the 5 answered wrong; the 2 skipped are in the jump list only.
    assert "Practise the 5 you missed" in html
    assert f'href="{reverse("review:page")}"' in html
    for n in range(4, 11):
        assert f'<a href="#q{n}">Question {n}</a>' in html
    assert 'href="#q3"' not in html
    next_lesson = quiz.lesson.course.lessons.filter(position__gt=quiz.lesson.position)
    assert f'href="{next_lesson.order_by("position").first().get_absolute_url()}"' in html
    assert not attempt.passed
    assert 'class="celebrate"' not in html


def test_skipped_questions_are_a_jump_away_but_nothing_to_practise(student_client, student, bank):
    """Spaced review brings back questions answered wrong, not skipped ones: no "Practise"."""
    quiz = Quiz.objects.get(slug="introduction-quiz")
    attempt = _submitted(student, quiz, right=3)
    html = student_client.get(reverse("quizzes:results", args=[attempt.pk])).content.decode()
    assert '<a href="#q4">Question 4</a>' in html
    assert "Practise the" not in html


def test_exam_only_misses_are_nothing_to_practise(student_client, student):
    quiz = make_quiz([MULTIPLE], slug="exam-only")
    quiz.questions.update(exam_only=True)
    attempt = _submitted(student, quiz, right=0, wrong=1)
    html = student_client.get(reverse("quizzes:results", args=[attempt.pk])).content.decode()
    assert '<a href="#q1">Question 1</a>' in html
    assert "Practise the" not in html


def test_a_pass_celebrates_and_the_last_lesson_has_no_next(student_client, student, bank):
    quiz = Quiz.objects.get(slug="conclusion-quiz")
    attempt = _submitted(student, quiz, right=100)
    html = student_client.get(reverse("quizzes:results", args=[attempt.pk])).content.decode()
    assert attempt.passed
    assert 'class="celebrate" aria-hidden="true"' in html
    assert "you missed" not in html
    assert "Next lesson" not in html


def test_multiple_response_feedback_says_which_choice_it_is_about(student_client, student):
    quiz = make_quiz([MULTIPLE], slug="multi", show_right_answers=True)
    attempt = attempt_start(user=student, quiz=quiz)
    answer = attempt.answers.select_related("question").get()
    choices = {c.text: c.pk for c in answer.question.choices.all()}
    attempt = attempt_save(
        attempt=attempt,
        responses={answer.pk: {"choices": [choices["ESA"], choices["SpaceX"]]}},
        sequence=attempt.sequence,
    )
    attempt_submit(attempt=attempt)
    html = student_client.get(reverse("quizzes:results", args=[attempt.pk])).content.decode()
    assert "On “SpaceX”: A company." in html
    assert '<div class="feedback">' not in html  # no loose verdict apart from its choice


@pytest.mark.parametrize("right", [0, 10])
def test_results_of_a_lesson_quiz_cost_the_same_queries(
    student_client, student, bank, right, django_assert_num_queries
):
    attempt = _submitted(student, Quiz.objects.get(slug="introduction-quiz"), right=right)
    # As a quiz without a lesson: the next lesson comes within the attempt's own query.
    with django_assert_num_queries(6):
        response = student_client.get(reverse("quizzes:results", args=[attempt.pk]))
    assert response.status_code == 200
