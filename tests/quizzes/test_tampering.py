"""Forged and malformed posts: refused whole, nothing stored, no 500."""

import pytest
from django.urls import reverse

from quizzes import services
from quizzes.models import Answer, Attempt
from tests.quizzes.pages import (
    answers_of,
    merged,
    results_url,
    right_fields,
    save,
    save_json,
    start,
    text_of,
    wrong_fields,
)

pytestmark = pytest.mark.django_db


# Valid answers to q4 (short answer) go with every bad field: they must not be stored either.
TAMPERED = {
    "question not in the attempt": {"q99": "0"},
    "question zero": {"q0": "0"},
    "index out of range": {"q1": "3"},
    "huge index": {"q1": "99999999999999999999999"},
    "negative index": {"q1": "-1"},
    "non-integer index": {"q1": "abc"},
    "decimal index": {"q1": "1.0"},
    "non-ascii digit index": {"q1": "١"},
    "list for a single-choice field": {"q1": ["0", "1"]},
    "true/false index out of range": {"q3": "2"},
    "list for true/false": {"q3": ["0", "1"]},
    "multiple index out of range": {"q2": ["0", "4"]},
    "more ticks than choices": {"q2": ["0", "1", "2", "3", "0"]},
    "numerical NaN": {"q5": "NaN"},
    "numerical text": {"q5": "abc"},
    "numerical infinity": {"q5": "Infinity"},
    "numerical exponent": {"q5": "1e3"},
    "numerical too long": {"q5": "1" * 31},
    "short answer of 201 characters": {"q4": "x" * 201},
    "two short answers": {"q4": ["Philae", "Rosetta"]},
    "matching index out of range": {"q6-0": "3"},
    "matching non-integer": {"q6-0": "Japan"},
    "matching row that does not exist": {"q6-3": "0"},
    # Two items at one position is an honest slip, not tampering: the rest of the page is
    # saved and the rows are pointed out (tests/quizzes/test_shared_position.py).
    "ordering position zero": {"q7-0": "0"},
    "ordering position out of range": {"q7-0": "4"},
}


@pytest.mark.parametrize("bad", TAMPERED.values(), ids=TAMPERED.keys())
def test_tampered_answer_is_400_and_nothing_is_stored(student_client, all_types_quiz, bad):
    attempt = start(student_client, all_types_quiz)
    fields = {"q4": "Philae", **bad} if "q4" not in bad else bad
    response = save(student_client, attempt, fields)
    assert response.status_code == 400
    assert "Nothing on this page was saved" in text_of(response)
    assert not Answer.objects.filter(attempt=attempt, response__isnull=False).exists()
    assert Attempt.objects.get(pk=attempt.pk).sequence == 0

    response = save_json(student_client, attempt, fields)
    assert response.status_code == 400
    assert set(response.json()) == {"error"}
    assert not Answer.objects.filter(attempt=attempt, response__isnull=False).exists()


def test_a_choice_id_of_another_question_is_refused(student_client, all_types_quiz):
    attempt = start(student_client, all_types_quiz)
    answers = answers_of(attempt)
    foreign = max(pk for a in answers[1:] for pk in a.layout.get("choices", []))
    response = save(student_client, attempt, {"q1": str(foreign)})
    assert response.status_code == 400
    assert Answer.objects.get(pk=answers[0].pk).response is None


def test_answer_to_a_question_on_another_page_is_400(student_client, intro_quiz):
    attempt = start(student_client, intro_quiz)
    answers = answers_of(attempt)
    fields = merged(right_fields(answers[0]), right_fields(answers[5]))  # q6 is on page 2
    response = save(student_client, attempt, fields, page=1)
    assert response.status_code == 400
    assert "not on this page" in text_of(response)
    assert not Answer.objects.filter(attempt=attempt, response__isnull=False).exists()


def test_ten_megabyte_answer_is_refused_and_nothing_is_stored(student_client, all_types_quiz):
    attempt = start(student_client, all_types_quiz)
    response = save(student_client, attempt, {"q4": "Philae", "q5": "1" * 10_000_000})
    assert response.status_code in {400, 413}
    assert not Answer.objects.filter(attempt=attempt, response__isnull=False).exists()
    assert Attempt.objects.get(pk=attempt.pk).sequence == 0


def test_thousands_of_fields_are_refused_and_nothing_is_stored(student_client, all_types_quiz):
    attempt = start(student_client, all_types_quiz)
    fields = {"q4": "Philae", **{f"x{n}": "1" for n in range(3000)}}
    response = save(student_client, attempt, fields)
    assert response.status_code == 400
    assert not Answer.objects.filter(attempt=attempt, response__isnull=False).exists()


def test_bad_utf8_in_a_post_is_no_500(student_client, all_types_quiz):
    attempt = start(student_client, all_types_quiz)
    body = b"seq=0&page=1&action=save&q1=%FF%FE&q5=%C3%28"
    response = student_client.post(
        reverse("quizzes:attempt-save", args=[attempt.pk]),
        body,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert not Answer.objects.filter(attempt=attempt, response__isnull=False).exists()


def test_posted_score_user_and_attempt_fields_are_ignored(
    student_client, student, other_student, all_types_quiz
):
    others = services.attempt_start(user=other_student, quiz=all_types_quiz)
    attempt = start(student_client, all_types_quiz)
    answers = answers_of(attempt)
    forged = {
        "score": "1",
        "is_correct": "true",
        "user": str(other_student.pk),
        "attempt": str(others.pk),
        "correct": "1",
        "grade": "100",
    }
    response = save(student_client, attempt, {**wrong_fields(answers[0]), **forged})
    assert response.status_code == 302
    response = student_client.post(
        reverse("quizzes:attempt-submit", args=[attempt.pk]), {**forged, "percent": "100"}
    )
    assert response.url == results_url(attempt)
    attempt.refresh_from_db()
    assert attempt.user == student
    assert attempt.score == 0
    assert Answer.objects.get(pk=answers[0].pk).score == 0
    others.refresh_from_db()
    assert others.state == Attempt.State.IN_PROGRESS
    assert not Answer.objects.filter(attempt=others, response__isnull=False).exists()


def test_right_answers_with_a_forged_zero_score_still_score_100(student_client, all_types_quiz):
    attempt = start(student_client, all_types_quiz)
    answers = answers_of(attempt)
    fields = merged(*(right_fields(a) for a in answers), {"score": "0", "is_correct": "0"})
    save(student_client, attempt, fields)
    student_client.post(reverse("quizzes:attempt-submit", args=[attempt.pk]), {"score": "0"})
    attempt.refresh_from_db()
    assert attempt.score == 1


HUGE = 99999999999999999999


@pytest.mark.parametrize("pk", [HUGE, 0])
@pytest.mark.parametrize(
    ("name", "method"),
    [("attempt", "get"), ("results", "get"), ("attempt-save", "post"), ("attempt-submit", "post")],
)
def test_huge_or_zero_attempt_ids_are_404(student_client, name, method, pk):
    # reverse() refuses an id no row can have, so the URL is written with a stand-in first.
    url = reverse(f"quizzes:{name}", args=[424242]).replace("/424242/", f"/{pk}/")
    response = getattr(student_client, method)(url)
    assert response.status_code == 404


def test_huge_page_number_shows_the_last_page(student_client, intro_quiz):
    attempt = start(student_client, intro_quiz)
    response = student_client.get(f"{attempt.get_absolute_url()}?page={HUGE}")
    assert response.status_code == 200
    response = save(student_client, attempt, {}, page=str(HUGE), action=f"page-{HUGE}")
    assert response.status_code == 302
