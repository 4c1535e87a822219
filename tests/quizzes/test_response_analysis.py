"""Moodle's response analysis in the statistics report: the most common wrong short answers,
and matching and ordering broken down by row."""

import pytest
from django.urls import reverse

from quizzes.reports import quiz_report
from quizzes.services import attempt_save, attempt_start, attempt_submit
from tests.factories import UserFactory
from tests.quizzes.helpers import MATCHING, ORDERING, SHORTANSWER, make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz(db):
    return make_quiz([SHORTANSWER, MATCHING, ORDERING], slug="analysis")


def _take(n: int, quiz, *, text: str, swap_matching: bool, order_shift: bool):
    user = UserFactory(username=f"analyst-{n}")
    attempt = attempt_start(user=user, quiz=quiz)
    responses = {}
    for answer in attempt.answers.select_related("question"):
        choices = list(answer.question.choices.order_by("position", "pk"))
        if answer.question.type == "shortanswer":
            responses[answer.pk] = {"text": text}
        elif answer.question.type == "matching":
            pairs = {str(c.pk): c.pk for c in choices}
            if swap_matching:  # the first two prompts get each other's answers
                pairs[str(choices[0].pk)], pairs[str(choices[1].pk)] = choices[1].pk, choices[0].pk
            responses[answer.pk] = {"pairs": pairs}
        else:
            order = [c.pk for c in choices]
            if order_shift:  # the last item first: every item out of place
                order = order[-1:] + order[:-1]
            responses[answer.pk] = {"order": order}
    attempt = attempt_save(attempt=attempt, responses=responses, sequence=attempt.sequence)
    attempt_submit(attempt=attempt)


def test_most_common_wrong_short_answers_with_counts(quiz):
    texts = ["Halley", "halley!", "Halley", "Hale-Bopp", "Churyumov–Gerasimenko", ""]
    for n, text in enumerate(texts):
        _take(n, quiz, text=text, swap_matching=False, order_shift=False)
    report = quiz_report(quiz=quiz, first_only=True)
    row = next(r for r in report.rows if r.question.type == "shortanswer")
    assert [(a.text, a.count) for a in row.wrong_answers] == [("Halley", 3), ("Hale-Bopp", 1)]


def test_matching_and_ordering_by_row(quiz):
    _take(1, quiz, text="x", swap_matching=True, order_shift=True)
    _take(2, quiz, text="x", swap_matching=False, order_shift=False)
    report = quiz_report(quiz=quiz, first_only=True)
    matching = next(r for r in report.rows if r.question.type == "matching")
    assert [(p.text, p.percent) for p in matching.parts] == [
        ("Rosetta", 50.0), ("Voyager", 50.0), ("Apollo–Soyuz", 100.0),
    ]  # fmt: skip
    ordering = next(r for r in report.rows if r.question.type == "ordering")
    assert [p.percent for p in ordering.parts] == [50.0, 50.0, 50.0, 50.0]


def test_the_report_page_shows_the_analysis(client, teacher, quiz):
    _take(1, quiz, text="Halley", swap_matching=True, order_shift=False)
    client.force_login(teacher)
    html = client.get(reverse("admin:quizzes_quiz_statistics", args=[quiz.pk])).content.decode()
    assert "Most common wrong answers:" in html and "Halley: 1" in html
    assert "Matched right, by prompt:" in html and "Rosetta: 0%" in html
    assert "In the right place, by item:" in html


@pytest.mark.parametrize("learners", [2, 12])
def test_the_analysis_adds_no_query(quiz, learners, django_assert_num_queries):
    for n in range(learners):
        _take(n, quiz, text=f"wrong {n % 3}", swap_matching=bool(n % 2), order_shift=False)
    with django_assert_num_queries(5):
        quiz_report(quiz=quiz, first_only=False)
