"""No quiz page is wider than a 375 px phone, long answers included (issue 13, item 3).

Feedback and result pages used to be 407–463 px wide at 375: long choices, the matching
table and the "your answer" chips pushed the page sideways.
"""

import pytest

from quizzes.models import Quiz
from quizzes.services import attempt_save, attempt_start, attempt_submit
from tests.quizzes.helpers import MATCHING, MULTIPLE, ORDERING, SHORTANSWER, SINGLE, make_quiz

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = 375
LONG_WORD = "Intergovernmental-Agreement-on-Space-Station-Cooperation-1998"
LONG = f"The partners signed the {LONG_WORD} after years of talks between the agencies"


def _long(data: dict, **changes) -> dict:
    return {**data, "name": f"long-{data['name']}", **changes}


LONG_QUESTIONS = [
    _long(
        SINGLE,
        text=f"{LONG}. Which is right?",
        choices=[
            {"text": LONG, "fraction": 1, "feedback": LONG},
            {"text": f"{LONG_WORD} {LONG_WORD}", "fraction": 0, "feedback": LONG},
        ],
    ),
    _long(
        MULTIPLE,
        choices=[
            {"text": LONG, "fraction": 0.5, "feedback": ""},
            {"text": LONG_WORD, "fraction": 0.5, "feedback": ""},
            {"text": f"Not {LONG_WORD}", "fraction": -0.5, "feedback": LONG},
        ],
    ),
    _long(SHORTANSWER),
    _long(
        MATCHING,
        pairs=[
            {"prompt": LONG, "answer": LONG_WORD},
            {"prompt": LONG_WORD, "answer": f"{LONG_WORD} and friends"},
            {"prompt": "Rosetta", "answer": LONG},
        ],
    ),
    _long(ORDERING, items=[LONG, LONG_WORD, f"{LONG_WORD} again", "Rosetta"]),
]


def _wrong_responses(attempt) -> dict:
    """A wrong or partial answer of every question, the long texts picked."""
    responses = {}
    for answer in attempt.answers.select_related("question").prefetch_related("question__choices"):
        choices = list(answer.question.choices.order_by("position"))
        kind = answer.question.type
        if kind == "single":
            responses[answer.pk] = {"choice": choices[1].pk}
        elif kind == "multiple":
            responses[answer.pk] = {"choices": [choices[0].pk, choices[2].pk]}
        elif kind == "shortanswer":
            responses[answer.pk] = {"text": LONG_WORD * 2}
        elif kind == "matching":
            responses[answer.pk] = {
                "pairs": {str(choices[0].pk): choices[1].pk, str(choices[1].pk): choices[0].pk}
            }
        else:
            responses[answer.pk] = {"order": [c.pk for c in reversed(choices)]}
    return responses


def _width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_no_quiz_page_is_wider_than_a_phone(visit, student):
    quiz = make_quiz(
        LONG_QUESTIONS,
        slug="long-answers",
        questions_per_page=10,
        feedback_timing=Quiz.Feedback.IMMEDIATE,
        show_right_answers=True,
    )
    assert _width(visit(quiz.get_absolute_url(), width=PHONE, user=student)) <= PHONE
    attempt = attempt_start(user=student, quiz=quiz)
    url = attempt.get_absolute_url()
    assert _width(visit(url, width=PHONE, user=student)) <= PHONE

    responses = _wrong_responses(attempt)
    for pk in responses:
        attempt = attempt_save(
            attempt=attempt, responses=responses, sequence=attempt.sequence, check=pk
        )
    feedback = visit(url, width=PHONE, user=student)
    assert feedback.locator(".question.result").count() == len(LONG_QUESTIONS)
    assert _width(feedback) <= PHONE
    assert _width(visit(f"{url}?page=0", width=PHONE, user=student)) <= PHONE

    attempt_submit(attempt=attempt)
    results = visit(f"/quizzes/attempts/{attempt.pk}/results/", width=PHONE, user=student)
    assert results.locator(".question.result").count() == len(LONG_QUESTIONS)
    assert _width(results) <= PHONE


def _answer_review_question(page) -> None:
    """Answer the review page's question with the long texts, as a learner would, and send it."""
    form = page.locator("form.review-form")
    radios, boxes = form.locator("input[type=radio]"), form.locator("input[type=checkbox]")
    if radios.count():
        radios.last.check()
    for index in range(boxes.count()):
        boxes.nth(index).check()
    for field in form.locator("input[type=text]").all():
        field.fill(LONG_WORD * 2)
    for index, select in enumerate(form.locator("select").all(), start=1):
        select.select_option(index=index)  # a different answer or position on each row
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def test_the_review_feedback_page_is_not_wider_than_a_phone(visit, student):
    """Each long question missed in a quiz, answered in spaced review: its feedback page (POST,
    redirect, GET) keeps to 375 px."""
    quiz = make_quiz(
        LONG_QUESTIONS, slug="long-review", questions_per_page=10, show_right_answers=True
    )
    attempt = attempt_start(user=student, quiz=quiz)
    attempt = attempt_save(attempt=attempt, responses=_wrong_responses(attempt), sequence=0)
    attempt_submit(attempt=attempt)
    page = visit("/review/", width=PHONE, user=student)
    seen = set()
    for _ in LONG_QUESTIONS:
        assert _width(page) <= PHONE
        _answer_review_question(page)
        assert "/review/answers/" in page.url
        assert page.locator(".question.result").count() == 1
        seen.add(page.locator(".question-text").inner_text())
        assert _width(page) <= PHONE, page.locator(".question-text").inner_text()
        page.goto(page.url.split("/review/")[0] + "/review/")
    assert len(seen) == len(LONG_QUESTIONS)
