"""Quiz pages on a phone (issue 13, item 3), in a real browser.

With JavaScript and a narrow screen, a page of several questions shows one at a time with
"Previous question"/"Next question"; the hidden ones stay in the form, so every answer is still
saved. Without JavaScript, or on a wide screen, the page stacks its questions as before.
Matching shows every answer in full, whatever the select cuts short.
"""

import json
from pathlib import Path

import pytest

from quizzes.models import Answer
from quizzes.services import attempt_start
from tests.browser import horizontal_overflow, serious_violations
from tests.quizzes.helpers import MATCHING, MULTIPLE, SINGLE, TRUEFALSE, make_quiz

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE, DESKTOP = 375, 1280
BANK = Path(__file__).resolve().parents[2] / "fixtures" / "questions.json"


def _visible(page) -> list[str]:
    return page.evaluate(
        """Array.from(document.querySelectorAll('#attempt-form > fieldset.question'))
             .filter(q => q.getBoundingClientRect().height > 0).map(q => q.id)"""
    )


def _phone_quiz(student):
    """Six questions, three a page: two pages of several questions."""
    quiz = make_quiz([SINGLE, MULTIPLE, TRUEFALSE], copies=2, questions_per_page=3)
    return attempt_start(user=student, quiz=quiz)


def test_a_phone_shows_one_question_at_a_time_and_next_moves_on(visit, student):
    attempt = _phone_quiz(student)
    page = visit(attempt.get_absolute_url(), width=PHONE, user=student)
    stepper = page.locator(".question-stepper")
    assert _visible(page) == ["q1"]
    assert stepper.locator(".stepper-cue").inner_text() == "Question 1 of 6"
    assert page.get_by_role("button", name="Previous question").is_hidden()

    page.locator("#q1 input[type=radio]").first.check()
    page.get_by_role("button", name="Next question").click()
    assert _visible(page) == ["q2"]
    assert stepper.locator(".stepper-cue").inner_text() == "Question 2 of 6"
    # The new question's heading takes the focus: a screen reader announces it.
    assert page.evaluate("document.activeElement.closest('fieldset').id") == "q2"
    assert page.evaluate("document.activeElement.tagName") == "LEGEND"
    page.get_by_role("button", name="Previous question").click()
    assert _visible(page) == ["q1"]
    assert page.locator("#q1 input[type=radio]").first.is_checked()

    page.get_by_role("button", name="Next question").click()
    page.get_by_role("button", name="Next question").click()
    assert _visible(page) == ["q3"]
    # An answer given to a question now hidden still goes with the form.
    page.evaluate(
        """const box = document.querySelector('#q2 input[type=checkbox][name=q2]');
           box.checked = true; box.dispatchEvent(new Event('change', {bubbles: true}));"""
    )
    assert _visible(page) == ["q3"]
    # At the last question of a page, Next moves on to the next page, in place.
    page.evaluate("window.stillHere = true")
    page.get_by_role("button", name="Next question").click()
    page.get_by_role("heading", name="Page 2 of 2").wait_for()
    assert page.evaluate("window.stillHere === true")
    page.wait_for_function("document.activeElement.closest('fieldset')?.id === 'q4'")
    assert _visible(page) == ["q4"]
    assert stepper.locator(".stepper-cue").inner_text() == "Question 4 of 6"
    saved = dict(Answer.objects.filter(attempt=attempt).values_list("position", "response"))
    assert saved[1] is not None and saved[2] is not None and saved[3] is None
    # The last question of the quiz has no Next: "Save and review answers" is right there.
    page.get_by_role("button", name="Next question").click()
    page.get_by_role("button", name="Next question").click()
    assert _visible(page) == ["q6"]
    assert page.get_by_role("button", name="Next question").is_hidden()
    # Previous from the first question of a page goes back to the last one of the page before.
    page.get_by_role("button", name="Previous question").click()
    page.get_by_role("button", name="Previous question").click()
    page.get_by_role("button", name="Previous question").click()
    page.get_by_role("heading", name="Page 1 of 2").wait_for()
    page.wait_for_function("document.activeElement.closest('fieldset')?.id === 'q3'")
    assert _visible(page) == ["q3"]
    assert serious_violations(page) == []
    assert horizontal_overflow(page) <= 0


def test_a_link_to_a_question_shows_that_question(visit, student):
    attempt = _phone_quiz(student)
    page = visit(f"{attempt.get_absolute_url()}?page=2#q5", width=PHONE, user=student)
    assert _visible(page) == ["q5"]
    page.evaluate("window.location.hash = '#q4'")
    page.wait_for_function("document.querySelector('#q4').getBoundingClientRect().height > 0")
    assert _visible(page) == ["q4"]


@pytest.mark.parametrize(
    ("width", "javascript"), [(PHONE, False), (DESKTOP, True)], ids=["phone-no-js", "desktop"]
)
def test_without_javascript_or_on_a_wide_screen_the_page_stacks_its_questions(
    visit, student, width, javascript
):
    attempt = _phone_quiz(student)
    page = visit(attempt.get_absolute_url(), width=width, user=student, javascript=javascript)
    assert _visible(page) == ["q1", "q2", "q3"]
    assert page.get_by_role("button", name="Next question").count() == 0 or (
        page.get_by_role("button", name="Next question").is_hidden()
    )


def test_resizing_across_the_breakpoint_loses_nothing(visit, student):
    attempt = _phone_quiz(student)
    page = visit(attempt.get_absolute_url(), width=PHONE, user=student)
    page.locator("#q1 input[type=radio]").first.check()
    page.get_by_role("button", name="Next question").click()
    page.locator("#q2 input[name=q2]").first.check()
    page.set_viewport_size({"width": DESKTOP, "height": 900})
    assert _visible(page) == ["q1", "q2", "q3"]
    assert page.locator("#q1 input[type=radio]").first.is_checked()
    assert page.locator("#q2 input[name=q2]").first.is_checked()
    page.set_viewport_size({"width": PHONE, "height": 900})
    assert _visible(page) == ["q2"]
    with page.expect_navigation():
        page.get_by_role("button", name="Save answers", exact=True).click()
    saved = dict(Answer.objects.filter(attempt=attempt).values_list("position", "response"))
    assert saved[1] is not None and saved[2] is not None
    # "Save answers" reloads the page; it comes back at the question the learner was on.
    assert _visible(page) == ["q2"]


def _longest_bank_matching() -> dict:
    """The real bank's matching question with the longest answer."""
    bank = json.loads(BANK.read_text(encoding="utf-8"))["questions"]
    matching = [q for q in bank if q["type"] == "matching"]
    question = max(matching, key=lambda q: max(len(p["answer"]) for p in q["pairs"]))
    keys = ("name", "type", "text", "general_feedback", "category", "pairs")
    return {key: question[key] for key in keys}


def test_matching_on_a_phone_shows_every_answer_in_full(visit, student):
    longest = _longest_bank_matching()
    quiz = make_quiz([longest, MATCHING], questions_per_page=1)
    attempt = attempt_start(user=student, quiz=quiz)
    page = visit(attempt.get_absolute_url(), width=PHONE, user=student)
    answers = page.locator("#q1 .match-answers li")
    assert answers.count() == len(longest["pairs"])
    shown = {answers.nth(i).locator(".match-answer").inner_text() for i in range(answers.count())}
    assert shown == {pair["answer"] for pair in longest["pairs"]}
    for i in range(answers.count()):
        box = answers.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE
        assert answers.nth(i).evaluate("e => e.scrollWidth <= e.clientWidth")
    # The selects name each answer by its letter; picking one saves that answer.
    first = page.locator("#q1 select").first
    labels = first.locator("option").all_inner_texts()[1:]
    assert [label.split(":")[0] for label in labels] == ["A", "B", "C", "D"][: len(labels)]
    first.select_option(label=labels[0])
    widest = page.evaluate(
        """Math.max(...Array.from(document.querySelectorAll('main *'))
             .map(e => e.getBoundingClientRect().right))"""
    )
    assert widest <= PHONE
    assert horizontal_overflow(page) <= 0
    assert serious_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="Save answers", exact=True).click()
    response = Answer.objects.get(attempt=attempt, position=1).response
    assert len(response["pairs"]) == 1
