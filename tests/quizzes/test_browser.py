"""Quiz pages in a real browser: accessible, autosaving, and working by keyboard."""

import contextlib

import pytest
from playwright.sync_api import Error as PlaywrightError

from quizzes.models import Answer, Quiz
from quizzes.services import attempt_save, attempt_start, attempt_submit
from tests.browser import WIDTHS, serious_violations
from tests.quizzes.helpers import make_quiz, right_response

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_quiz_attempt_and_review_pages_are_accessible(visit, student, width):
    quiz = make_quiz(questions_per_page=10, time_limit_minutes=20)
    attempt = attempt_start(user=student, quiz=quiz)
    assert serious_violations(visit(quiz.get_absolute_url(), width=width, user=student)) == []
    assert serious_violations(visit(attempt.get_absolute_url(), width=width, user=student)) == []
    for answer in attempt.answers.select_related("question")[:3]:
        attempt = attempt_save(
            attempt=attempt,
            responses={answer.pk: right_response(answer.question)},
            sequence=attempt.sequence,
        )
    attempt_submit(attempt=attempt)
    review = visit(f"/quizzes/attempts/{attempt.pk}/results/", width=width, user=student)
    assert serious_violations(review) == []


def test_immediate_feedback_page_is_accessible(visit, student, bank):
    quiz = Quiz.objects.get(slug="historical-context-quiz")
    attempt = attempt_start(user=student, quiz=quiz)
    first = attempt.answers.order_by("position").first()
    attempt_save(attempt=attempt, responses={}, sequence=0, check=first.pk)
    page = visit(attempt.get_absolute_url(), width=1280, user=student)
    assert page.locator("#q1 .verdict").count() == 1
    assert serious_violations(page) == []


def test_answers_are_autosaved_as_the_learner_goes(visit, student):
    quiz = make_quiz(questions_per_page=10)
    attempt = attempt_start(user=student, quiz=quiz)
    page = visit(attempt.get_absolute_url(), width=1280, user=student)
    page.locator("#q1 input[type=radio]").first.check()
    page.fill("#q4-input", "Churyumov Gerasimenko")
    page.locator(".autosave-status", has_text="Saved at").wait_for()
    page.wait_for_timeout(1500)  # the text field's own debounce
    saved = {a.position: a.response for a in Answer.objects.filter(attempt=attempt)}
    assert saved[1] is not None
    assert saved[4] == {"text": "Churyumov Gerasimenko"}
    # The page's sequence followed the saves, so the Save button still works afterwards.
    page.get_by_role("button", name="Save answers").click()
    page.get_by_text("Your answers are saved.").wait_for()


def test_a_learner_can_take_a_quiz_with_the_keyboard_alone(visit, student):
    quiz = make_quiz(questions_per_page=10)
    page = visit(quiz.get_absolute_url(), width=390, user=student)
    page.get_by_role("button", name="Start the quiz").focus()
    page.keyboard.press("Enter")
    page.locator("#q1").wait_for()
    page.locator("#q1-0").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Save and review answers →").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_role("button", name="Submit all and finish").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # Six questions are not answered: asked once, listing them, before submitting.
    page.locator("#confirm-submit", has_text="Question 7").wait_for()
    page.get_by_role("button", name="Submit anyway").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_role("heading", name="Your results").wait_for()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_enter_in_a_short_answer_box_saves_and_stays_on_the_page(visit, student, javascript):
    """Enter used to press "Page 1" of the navigator: it jumped to page 1, in exams too."""
    quiz = make_quiz(questions_per_page=3, time_limit_minutes=20)
    attempt = attempt_start(user=student, quiz=quiz)
    url = f"{attempt.get_absolute_url()}?page=2"
    page = visit(url, width=1280, user=student, javascript=javascript)
    page.fill("#q4-input", "Churyumov Gerasimenko")
    with page.expect_navigation():
        page.press("#q4-input", "Enter")
    assert page.url.endswith(url)
    page.get_by_text("Your answers are saved.").wait_for()
    assert page.input_value("#q4-input") == "Churyumov Gerasimenko"
    answer = Answer.objects.get(attempt=attempt, position=4)
    assert answer.response == {"text": "Churyumov Gerasimenko"}
    assert not answer.checked


def test_enter_in_a_short_answer_box_checks_it_in_a_practice_quiz(visit, student):
    """With immediate feedback, Enter presses the question's own Check button."""
    quiz = make_quiz(questions_per_page=3, feedback_timing=Quiz.Feedback.IMMEDIATE)
    attempt = attempt_start(user=student, quiz=quiz)
    url = f"{attempt.get_absolute_url()}?page=2"
    page = visit(url, width=1280, user=student)
    page.fill("#q4-input", "Churyumov Gerasimenko")
    with page.expect_navigation():
        page.press("#q4-input", "Enter")
    page.locator("#q4 .verdict").wait_for()
    assert page.url.endswith(f"{url}#q4")
    answer = Answer.objects.get(attempt=attempt, position=4)
    assert answer.checked
    assert answer.response == {"text": "Churyumov Gerasimenko"}


def test_presses_during_an_autosave_are_never_lost(visit, student):
    """SECURITY.md 7: a page's own autosave in flight never makes its Check or Save stale.

    Each autosave reaches the server (which bumps the attempt's sequence) but its answer is
    held back from the page while the learner presses a button, ten times over.
    """
    quiz = make_quiz(
        copies=2, questions_per_page=14, feedback_timing=Quiz.Feedback.IMMEDIATE, max_attempts=None
    )
    attempt = attempt_start(user=student, quiz=quiz)
    page = visit(attempt.get_absolute_url(), width=1280, user=student)
    held = []

    def hold_autosaves(route, request):
        if request.headers.get("accept") == "application/json":
            held.append((route, route.fetch()))  # saved on the server, not yet on the page
        else:
            route.continue_()

    page.route("**/save/", hold_autosaves)
    checks = iter([1, 2, 3, 8, 9])
    for round in range(10):
        text = f"Philae {round}"
        page.fill("#q4-input", text)
        for _ in range(100):
            if held:
                break
            page.wait_for_timeout(50)
        assert held, "the autosave did not start"
        if round % 2:
            position = next(checks)
            button = page.locator(f"#q{position}").get_by_role("button", name="Check answer")
        else:
            position = None
            button = page.get_by_role("button", name="Save answers", exact=True)
        with page.expect_navigation():
            button.click()
            page.wait_for_timeout(300)  # the press meets the autosave still in flight
            while held:
                route, response = held.pop()
                with contextlib.suppress(PlaywrightError):  # the page left without it
                    route.fulfill(response=response)
        page.wait_for_load_state()
        assert "out of date" not in page.content(), round
        assert page.input_value("#q4-input") == text
        answers = {a.position: a for a in Answer.objects.filter(attempt=attempt)}
        assert answers[4].response == {"text": text}, round
        if position is not None:
            assert answers[position].checked, round
            page.locator(f"#q{position} .verdict").wait_for()
        else:
            page.get_by_text("Your answers are saved.").wait_for()
