"""The review page: answering missed questions one by one, and everything a post can get wrong."""

import time
from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.core import signing
from django.urls import reverse

from quizzes.models import Answer, Attempt
from review.models import ReviewAnswer, ReviewCard
from review.selectors import SALT
from review.spacing import INTERVALS, RELEARN_DELAY
from tests.factories import QuestionFactory, QuizFactory
from tests.progress.helpers import T0, attempt_with

pytestmark = pytest.mark.django_db

URL, ANSWER_URL = "/review/", "/review/answer/"
NOW = T0 + timedelta(hours=1)


@pytest.fixture
def clock():
    """The server's clock, fixed at NOW; tests move it with clock.return_value."""
    with mock.patch("django.utils.timezone.now", return_value=NOW) as now:
        yield now


@pytest.fixture
def quiz(db):
    return QuizFactory(questions=QuestionFactory.create_batch(3))


@pytest.fixture
def missed(student, quiz):
    """The student's submitted attempt: the first question right, the other two wrong."""
    q1, q2, q3 = [link.question for link in quiz.quiz_questions.order_by("position")]
    return attempt_with(student, quiz, {q1: 1, q2: 0, q3: 0}, at=T0)


def _form(response, *, right: bool = True) -> dict:
    """The review form on the page, answered right or wrong."""
    question = response.context["question"]
    index = next(o.index for o in question.slot.options if (o.choice.fraction > 0) is right)
    return {"token": question.token, "q1": str(index)}


def test_the_urls_are_the_contract():
    assert reverse("review:page") == URL
    assert reverse("review:answer") == ANSWER_URL


def test_anonymous_visitors_are_sent_to_log_in(client):
    for response in (client.get(URL), client.post(ANSWER_URL, {"token": "x"})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_answers_are_posted_only(student_client):
    assert student_client.get(ANSWER_URL).status_code == 405
    assert student_client.post(URL).status_code == 405


def test_nothing_to_review_yet(student_client, clock):
    response = student_client.get(URL)
    assert response.status_code == 200
    assert "Nothing to review yet." in response.content.decode()
    assert "private" in response["Cache-Control"]


def test_opening_the_page_brings_back_the_missed_questions(student_client, missed, clock):
    response = student_client.get(URL)
    html = response.content.decode()
    summary = response.context["summary"]
    assert (summary.due, summary.later, summary.mastered) == (2, 0, 0)
    assert "Your next question" in html
    assert f'action="{ANSWER_URL}"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    question = response.context["question"]
    assert question.card.question.pk in missed.answers.filter(score=0).values_list(
        "question", flat=True
    )


def test_the_question_form_gives_no_answer_away(student_client, missed, clock):
    html = student_client.get(URL).content.decode()
    form = html[html.index('<form method="post" action="/review/answer/"') :]
    form = form[: form.index("</form>")]
    for leak in ("fraction", "correct", "right", "feedback", "data-", "explanation"):
        assert leak not in form.lower()
    token = form.split('name="token" value="')[1].split('"')[0]
    payload = signing.loads(token, salt=SALT)
    assert set(payload) == {"user", "card", "due"}  # no choice ids, no layout


def test_a_right_answer_moves_the_card_up_and_shows_feedback(
    student_client, student, missed, clock
):
    form = _form(student_client.get(URL))
    response = student_client.post(ANSWER_URL, form, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Right! This question comes back in 1" in html
    assert "✓ Correct" in html
    assert "Next question (1 left)" in html
    card = ReviewCard.objects.get(pk=signing.loads(form["token"], salt=SALT)["card"])
    assert (card.box, card.streak, card.due_at, card.last_reviewed_at) == (
        1,
        1,
        NOW + INTERVALS[1],
        NOW,
    )


def test_a_review_question_is_not_numbered_as_if_in_a_quiz(student_client, missed, clock):
    """One question at a time, from many quizzes: "Question 1" on it meant nothing."""
    page = student_client.get(URL)
    feedback = student_client.post(ANSWER_URL, _form(page), follow=True)
    for html in (page.content.decode(), feedback.content.decode()):
        assert '<legend class="question-legend">Question' in html
        assert "Question 1" not in html


def test_a_wrong_answer_starts_the_card_again(student_client, missed, clock):
    form = _form(student_client.get(URL), right=False)
    html = student_client.post(ANSWER_URL, form, follow=True).content.decode()
    assert "Not quite." in html
    assert "the right answer" in html  # the quiz lets learners see right answers
    card = ReviewCard.objects.get(pk=signing.loads(form["token"], salt=SALT)["card"])
    assert (card.box, card.due_at) == (0, NOW + RELEARN_DELAY)


def test_right_answers_stay_hidden_when_the_quiz_hides_them(student_client, quiz, missed, clock):
    quiz.show_right_answers = False
    quiz.save()
    form = _form(student_client.get(URL), right=False)
    html = student_client.post(ANSWER_URL, form, follow=True).content.decode()
    assert "Incorrect" in html
    assert "the right answer" not in html
    assert "Why:" not in html


def test_review_practice_never_changes_quiz_grades_or_attempts(
    student_client, student, missed, clock
):
    before = list(Answer.objects.order_by("pk").values_list("pk", "score", "response"))
    attempts = list(Attempt.objects.values_list("pk", "state", "score", "submitted_at"))
    for right in (True, False):
        page = student_client.get(URL)
        assert student_client.post(ANSWER_URL, _form(page, right=right)).status_code == 302
    clock.return_value = NOW + timedelta(days=2)
    page = student_client.get(URL)
    assert student_client.post(ANSWER_URL, _form(page)).status_code == 302
    assert list(Answer.objects.order_by("pk").values_list("pk", "score", "response")) == before
    assert list(Attempt.objects.values_list("pk", "state", "score", "submitted_at")) == attempts
    assert missed.score == Attempt.objects.get(pk=missed.pk).score == Decimal("0.3333")


def test_a_second_post_of_the_same_form_counts_once_and_shows_the_first_feedback(
    student_client, missed, clock
):
    """A double click or a resent form: one answer, one card move, the same feedback page."""
    form = _form(student_client.get(URL))
    first = student_client.post(ANSWER_URL, form)
    assert first.status_code == 302
    second = student_client.post(ANSWER_URL, form)
    assert second.status_code == 302
    assert second["Location"] == first["Location"]
    assert ReviewCard.objects.filter(box=1).count() == 1
    assert ReviewAnswer.objects.count() == 1


def test_the_feedback_page_survives_a_refresh(student_client, missed, clock):
    """POST, redirect, GET: reloading the feedback shows it again and counts nothing."""
    form = _form(student_client.get(URL))
    location = student_client.post(ANSWER_URL, form)["Location"]
    logged = ReviewAnswer.objects.get()
    assert location == reverse("review:result", args=[logged.pk])
    clock.return_value = NOW + timedelta(hours=5)  # later the same day: the text stays the same
    for _ in range(2):
        response = student_client.get(location)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Right! This question comes back in 1" in html
        assert "✓ Correct" in html
        assert "private" in response["Cache-Control"]
    assert ReviewAnswer.objects.count() == 1
    assert ReviewCard.objects.filter(box=1).count() == 1


def test_another_learners_feedback_page_is_a_404(student_client, other_student, missed, clock):
    location = student_client.post(ANSWER_URL, _form(student_client.get(URL)))["Location"]
    student_client.force_login(other_student)
    assert student_client.get(location).status_code == 404
    assert student_client.get(reverse("review:result", args=[999999])).status_code == 404


def test_a_form_from_an_earlier_round_is_refused(student_client, missed, clock):
    """Answered wrong, due again ten minutes later: the first round's form is out of date."""
    form = _form(student_client.get(URL), right=False)
    first = student_client.post(ANSWER_URL, form)
    clock.return_value = NOW + RELEARN_DELAY
    response = student_client.post(ANSWER_URL, form)
    # That round took its answer: the old form leads to its feedback and moves nothing.
    assert response.status_code == 302 and response["Location"] == first["Location"]
    assert ReviewCard.objects.filter(last_reviewed_at=NOW).count() == 1
    assert ReviewAnswer.objects.count() == 1


@pytest.mark.parametrize(
    "change",
    [
        {"token": ""},
        {"token": "not-a-token"},
        {"token": "x" * 5000},
        {"token": signing.dumps({"user": 1, "card": "1"}, salt=SALT)},
        {"token": signing.dumps({"card": 1}, salt="quizzes.preview")},
        {"q1": "9"},
        {"q1": "-1"},
        {"q1": "١"},
        {"q2": "0"},
    ],
)
def test_tampered_or_malformed_posts_get_400(student_client, missed, clock, change):
    form = {**_form(student_client.get(URL)), **change}
    response = student_client.post(ANSWER_URL, form)
    assert response.status_code == 400
    assert 'class="alert alert-danger" role="alert"' in response.content.decode()
    assert not ReviewCard.objects.filter(last_reviewed_at__isnull=False).exists()


def test_a_question_not_yet_due_is_refused(student_client, missed, clock):
    form = _form(student_client.get(URL))
    ReviewCard.objects.update(due_at=NOW + timedelta(minutes=1))
    response = student_client.post(ANSWER_URL, form)
    assert response.status_code == 400
    assert "not due again yet" in response.content.decode()


def test_an_expired_form_is_refused(student_client, missed, clock):
    form = _form(student_client.get(URL))
    signed_at = time.time()
    with mock.patch("time.time", return_value=signed_at + 7 * 3600):
        response = student_client.post(ANSWER_URL, form)
    assert response.status_code == 400


def test_another_learners_cards_never_show_or_move(
    client, student, other_student, quiz, missed, clock
):
    client.force_login(student)
    form = _form(client.get(URL))  # the student's card, synced
    client.force_login(other_student)
    response = client.get(URL)
    assert response.context["summary"].total == 0
    assert response.context["question"] is None
    response = client.post(ANSWER_URL, form)
    assert response.status_code == 400
    assert not ReviewCard.objects.filter(user=other_student).exists()
    assert not ReviewCard.objects.filter(last_reviewed_at__isnull=False).exists()


def test_all_done_for_now(student_client, missed, clock):
    for _ in range(2):
        student_client.post(ANSWER_URL, _form(student_client.get(URL)))
    response = student_client.get(URL)
    assert response.context["question"] is None
    assert "All done for now." in response.content.decode()
    assert "The next question is due in 1" in response.content.decode()


@pytest.mark.parametrize("count", [1, 20])
def test_the_page_runs_a_fixed_number_of_queries(
    client, student, count, clock, django_assert_num_queries
):
    questions = QuestionFactory.create_batch(count)
    attempt_with(student, QuizFactory(questions=questions), dict.fromkeys(questions, 0))
    client.force_login(student)
    # First opening: session, user; misses, cards, savepoint, insert, release; summary;
    # the due card with its question, its choices.
    with django_assert_num_queries(10):
        assert client.get(URL).status_code == 200
    # Afterwards nothing is written.
    with django_assert_num_queries(7):
        page = client.get(URL)
    # session, user; the card, its choices; savepoint, the update, the logged answer, release
    with django_assert_num_queries(8):
        response = client.post(ANSWER_URL, _form(page))
    assert response.status_code == 302
    # session, user; the logged answer with its card and question, the choices; summary
    with django_assert_num_queries(5):
        assert client.get(response["Location"]).status_code == 200


def test_the_data_export_holds_review_answers_by_question_text(student_client, missed, clock):
    student_client.post(ANSWER_URL, _form(student_client.get(URL)))
    data = student_client.post(reverse("account-data")).json()
    logged = ReviewAnswer.objects.get()
    assert data["review_answers"] == [
        {"question": logged.question.text, "score_percent": 100, "answered_at": NOW.isoformat()}
    ]
