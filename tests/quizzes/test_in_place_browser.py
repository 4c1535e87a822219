"""Quiz pages that feel instant (issue 13, items 3 and 4), in a real browser.

With JavaScript, "Check answer" and the page buttons post the same form and swap the page in
place; without it the same buttons reload the page as before. The exam clock counts in the
learner's own time zone and warns before time runs out.
"""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from quizzes.models import Answer, Attempt, Quiz
from quizzes.services import attempt_start
from tests.browser import horizontal_overflow, serious_violations
from tests.quizzes.helpers import make_quiz

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_check_answer_shows_the_verdict_in_place_or_by_reloading(visit, student, javascript):
    quiz = make_quiz(questions_per_page=10, feedback_timing=Quiz.Feedback.IMMEDIATE)
    attempt = attempt_start(user=student, quiz=quiz)
    page = visit(attempt.get_absolute_url(), width=375, user=student, javascript=javascript)
    if javascript:
        page.evaluate("window.stillHere = true")
    page.locator("#q1 input[type=radio]").first.check()
    page.locator("#q1").get_by_role("button", name="Check answer").click()
    page.locator("#q1 .verdict").wait_for()
    answer = Answer.objects.get(attempt=attempt, position=1)
    assert answer.checked and answer.response is not None
    # In place: the same document, the checked question focused; without JS, a new page.
    assert page.evaluate("window.stillHere === true") is javascript
    if javascript:
        assert page.evaluate("document.activeElement.id") == "q1"
    # The page's fresh token and sequence came with it: the next check is not stale.
    if javascript:  # a phone shows one question at a time
        for _ in range(3):
            page.get_by_role("button", name="Next question").click()
    page.fill("#q4-input", "Churyumov Gerasimenko")
    page.locator("#q4").get_by_role("button", name="Check answer").click()
    page.locator("#q4 .verdict").wait_for()
    assert "out of date" not in page.content()
    assert Answer.objects.get(attempt=attempt, position=4).checked


def test_page_buttons_move_in_place_and_save(visit, student):
    quiz = make_quiz(questions_per_page=3)
    attempt = attempt_start(user=student, quiz=quiz)
    page = visit(attempt.get_absolute_url(), width=375, user=student)
    page.evaluate("window.stillHere = true")
    page.locator("#q1 input[type=radio]").first.check()
    page.get_by_role("button", name="Save and next page →").click()
    page.get_by_role("heading", name="Page 2 of 3").wait_for()
    assert page.evaluate("window.stillHere === true")
    assert page.url.endswith("?page=2")
    assert Answer.objects.get(attempt=attempt, position=1).response is not None
    page.get_by_role("button", name="Summary").click()
    page.get_by_role("heading", name="Check your answers, then submit").wait_for()
    # The summary's list leads to each question.
    page.get_by_role("link", name="Question 5", exact=True).click()
    page.locator("#q5").wait_for()
    assert page.url.endswith("?page=2#q5")


def _open(browser, live_server, user, path, **context):
    context = browser.new_context(viewport={"width": 375, "height": 800}, **context)
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page = context.new_page()
    page.goto(live_server.url + path)
    return context, page


def test_the_exam_clock_counts_in_the_learners_own_time_zone(browser, live_server, student):
    quiz = make_quiz(questions_per_page=10, time_limit_minutes=20)
    attempt = attempt_start(user=student, quiz=quiz)
    context, page = _open(
        browser,
        live_server,
        student,
        attempt.get_absolute_url(),
        timezone_id="Asia/Kolkata",
        locale="en-GB",
    )
    try:
        clock = page.locator(".timer")
        clock.locator(".timer-ends", has_text="ends at").wait_for()
        text = clock.inner_text()
        assert "UTC" not in text and "Time is up" not in text
        assert "20 min left" in text or "19 min left" in text
        local_end = attempt.deadline.astimezone(ZoneInfo("Asia/Kolkata")).strftime("%H:%M")
        assert f"ends at {local_end}" in text
        assert page.locator(".timer-warning").inner_text() == ""
        # It stays in view as the learner scrolls down the page.
        page.mouse.wheel(0, 3000)
        page.wait_for_timeout(200)
        assert (
            page.evaluate("document.querySelector('.exam-clock').getBoundingClientRect().top") >= 0
        )
        assert page.evaluate("window.scrollY") > 0
    finally:
        context.close()


def test_the_exam_clock_warns_at_five_minutes_also_to_screen_readers(browser, live_server, student):
    quiz = make_quiz(questions_per_page=10, time_limit_minutes=20)
    attempt = attempt_start(user=student, quiz=quiz)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() + timedelta(minutes=4))
    context, page = _open(browser, live_server, student, attempt.get_absolute_url())
    try:
        warning = page.locator(".timer-warning")
        warning.filter(has_text="5 minutes left").wait_for()
        assert warning.get_attribute("aria-live") == "assertive"
        assert "4 min left" in page.locator(".timer-left").inner_text()
    finally:
        context.close()


def _choice_index(answer: Answer, *, right: bool) -> int:
    """Where the right (or a wrong) choice of a single-choice question sits on this attempt."""
    fractions = {c.pk: c.fraction for c in answer.question.choices.all()}
    return next(i for i, pk in enumerate(answer.layout["choices"]) if (fractions[pk] == 1) is right)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_try_again_in_place_or_by_reloading_and_the_first_try_counts(visit, student, javascript):
    quiz = make_quiz(questions_per_page=10, feedback_timing=Quiz.Feedback.IMMEDIATE)
    attempt = attempt_start(user=student, quiz=quiz)
    answer = Answer.objects.select_related("question").get(attempt=attempt, position=1)
    page = visit(attempt.get_absolute_url(), width=375, user=student, javascript=javascript)
    if javascript:
        page.evaluate("window.stillHere = true")
    page.check(f"#q1-{_choice_index(answer, right=False)}")
    page.locator("#q1").get_by_role("button", name="Check answer").click()
    page.locator("#q1 .verdict", has_text="Incorrect").wait_for()

    # The keyboard alone: with focus on "Try again", Enter presses it.
    page.get_by_role("button", name="Try again").focus()
    page.keyboard.press("Enter")
    page.locator("#q1 input[type=radio]:enabled").first.wait_for()
    assert "retry=1" in page.url
    if javascript:
        assert page.evaluate("document.activeElement.id") == "q1"  # the new inputs
    page.check(f"#q1-{_choice_index(answer, right=True)}")
    page.locator("#q1").get_by_role("button", name="Check answer").click()
    verdict = page.locator("#q1-try")
    verdict.filter(has_text="Right on your second try").wait_for()
    assert page.evaluate("window.stillHere === true") is javascript
    if javascript:
        assert page.evaluate("document.activeElement.id") == "q1-try"  # read out: the new verdict
    assert page.locator("#q1 .verdict").inner_text().endswith("Incorrect")  # the first try's
    assert page.get_by_role("button", name="Try again").count() == 0
    answer.refresh_from_db()
    assert answer.score == 0 and len(answer.retries) == 1
    assert horizontal_overflow(page) == 0
    if javascript:  # axe-core runs as a script: only where scripts run
        assert serious_violations(page) == []
