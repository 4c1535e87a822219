"""Whose attempt: another learner's is 404 like a missing one; visitors log in; wrong verbs 405."""

import pytest
from django.urls import reverse

from quizzes import services
from quizzes.models import Answer, Attempt
from tests.quizzes.pages import (
    answers_of,
    results_url,
    right_fields,
    start,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def others_attempt(other_student, all_types_quiz):
    return services.attempt_start(user=other_student, quiz=all_types_quiz)


@pytest.mark.parametrize(
    ("name", "method"),
    [("attempt", "get"), ("results", "get"), ("attempt-save", "post"), ("attempt-submit", "post")],
)
def test_another_students_attempt_is_404_like_a_missing_one(
    student_client, others_attempt, name, method
):
    answers = answers_of(others_attempt)
    data = {"seq": "0", "page": "1", "action": "save", **right_fields(answers[0])}
    kwargs = {"data": data} if method == "post" else {}
    response = getattr(student_client, method)(
        reverse(f"quizzes:{name}", args=[others_attempt.pk]), **kwargs
    )
    missing = getattr(student_client, method)(
        reverse(f"quizzes:{name}", args=[others_attempt.pk + 1000]), **kwargs
    )
    assert response.status_code == missing.status_code == 404
    others_attempt.refresh_from_db()
    assert others_attempt.state == Attempt.State.IN_PROGRESS
    assert others_attempt.sequence == 0
    assert not Answer.objects.filter(attempt=others_attempt, response__isnull=False).exists()


def test_another_students_submitted_results_are_404(student_client, other_student, others_attempt):
    services.attempt_submit(attempt=others_attempt)
    response = student_client.get(results_url(others_attempt))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("name", "method"),
    [("attempt", "get"), ("results", "get"), ("attempt-save", "post"), ("attempt-submit", "post")],
)
def test_anonymous_visitor_is_sent_to_log_in(client, others_attempt, name, method):
    url = reverse(f"quizzes:{name}", args=[others_attempt.pk])
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login") + "?next=")
    assert Attempt.objects.get(pk=others_attempt.pk).state == Attempt.State.IN_PROGRESS


def test_anonymous_start_is_sent_to_log_in_and_creates_nothing(client, all_types_quiz):
    response = client.post(reverse("quizzes:start", args=[all_types_quiz.slug]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login") + "?next=")
    assert not Attempt.objects.exists()


@pytest.mark.parametrize("name", ["attempt-save", "attempt-submit"])
def test_get_on_attempt_post_endpoints_is_405(student_client, all_types_quiz, name):
    attempt = start(student_client, all_types_quiz)
    assert student_client.get(reverse(f"quizzes:{name}", args=[attempt.pk])).status_code == 405
    assert Attempt.objects.get(pk=attempt.pk).state == Attempt.State.IN_PROGRESS


def test_get_on_start_is_405_and_creates_nothing(student_client, all_types_quiz):
    response = student_client.get(reverse("quizzes:start", args=[all_types_quiz.slug]))
    assert response.status_code == 405
    assert not Attempt.objects.exists()


@pytest.mark.parametrize("param", ["user={other}", "user=0", "user=", "user={other}&user={own}"])
def test_user_parameters_show_the_learners_own_attempt(
    student_client, student, other_student, all_types_quiz, param
):
    attempt = start(student_client, all_types_quiz)
    query = param.format(other=other_student.pk, own=student.pk)
    response = student_client.get(f"{attempt.get_absolute_url()}?{query}")
    assert response.status_code == 200
    assert response.context["page"].attempt.user == student
    response = student_client.get(f"{all_types_quiz.get_absolute_url()}?{query}")
    assert all(a.user == student for a in response.context["overview"].attempts)
