"""Ordering by drag and drop and by keyboard, over the position selects (issue 13, item 3).

With JavaScript the items can be dragged by their handle (Pointer Events, so touch too) or moved
with "Move up"/"Move down" and Alt+Arrow keys; each move writes the order into the selects, so
the server receives the same fields as without JavaScript.
"""

import pytest

from quizzes.models import Answer
from quizzes.services import attempt_start
from tests.browser import horizontal_overflow, serious_violations
from tests.quizzes.helpers import ORDERING, make_quiz

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _attempt(student):
    return attempt_start(user=student, quiz=make_quiz([ORDERING], questions_per_page=1))


def _items(page) -> list[str]:
    return page.locator("#q1 .order-item").all_inner_texts()


def _positions(page) -> list[str]:
    return page.locator("#q1 select").evaluate_all("selects => selects.map(s => s.value)")


def _saved_order(attempt) -> list[str]:
    answer = Answer.objects.select_related("question").get(attempt=attempt, position=1)
    text = {choice.pk: choice.text for choice in answer.question.choices.all()}
    return [text[pk] for pk in answer.response["order"]]


def _wait_for_autosave(page) -> None:
    page.locator(".autosave-status", has_text="Saved at").wait_for()


@pytest.mark.parametrize("width", [375, 1280])
def test_dragging_an_item_reorders_it_and_saves_that_order(visit, student, width):
    attempt = _attempt(student)
    page = visit(attempt.get_absolute_url(), width=width, user=student)
    before = _items(page)
    assert _positions(page) == [""] * len(before)
    # Drag the last item by its handle above the first one.
    handle = page.locator("#q1 .order-handle").last.bounding_box()
    first_row = page.locator("#q1 .order-row").first.bounding_box()
    page.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
    page.mouse.down()
    for step in range(1, 11):
        y = handle["y"] + (first_row["y"] + 4 - handle["y"]) * step / 10
        page.mouse.move(handle["x"] + handle["width"] / 2, y)
    page.mouse.up()
    after = _items(page)
    assert after == [before[-1], *before[:-1]]
    assert _positions(page) == [str(n) for n in range(1, len(after) + 1)]
    live = page.locator("#q1 [aria-live=polite]")
    assert live.inner_text() == f"Moved {before[-1]} to position 1."
    _wait_for_autosave(page)
    assert _saved_order(attempt) == after
    assert horizontal_overflow(page) <= 0


def test_keyboard_moves_an_item_and_the_selects_follow(visit, student):
    attempt = _attempt(student)
    page = visit(attempt.get_absolute_url(), width=375, user=student)
    before = _items(page)
    down = page.get_by_role("button", name=f"Move {before[0]} down")
    down.focus()
    page.keyboard.press("Enter")
    assert _items(page) == [before[1], before[0], *before[2:]]
    # The focus stays on the moved item's button: pressing again moves it further.
    page.keyboard.press("Enter")
    assert _items(page) == [before[1], before[2], before[0], *before[3:]]
    live = page.locator("#q1 [aria-live=polite]")
    assert live.inner_text() == f"Moved {before[0]} to position 3."
    # Alt+Arrow keys move the item whose control has the focus.
    page.keyboard.press("Alt+ArrowUp")
    assert _items(page) == [before[1], before[0], *before[2:]]
    assert live.inner_text() == f"Moved {before[0]} to position 2."
    assert _positions(page) == [str(n) for n in range(1, len(before) + 1)]
    # The first item cannot go up: its button says so and does nothing.
    up = page.get_by_role("button", name=f"Move {before[1]} up")
    assert up.get_attribute("aria-disabled") == "true"
    up.focus()
    page.keyboard.press("Enter")
    assert _items(page) == [before[1], before[0], *before[2:]]
    assert serious_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="Save answers", exact=True).click()
    assert _saved_order(attempt) == [before[1], before[0], *before[2:]]
    # The page shown again keeps the saved order.
    assert _items(page) == [before[1], before[0], *before[2:]]


def test_positions_picked_by_hand_put_the_rows_in_that_order(visit, student):
    attempt = _attempt(student)
    page = visit(attempt.get_absolute_url(), width=1280, user=student)
    before = _items(page)
    selects = page.locator("#q1 select")
    wanted = [len(before) - i for i in range(len(before))]  # reverse
    for i, position in enumerate(wanted):
        page.locator(f"#q1-{i}").select_option(str(position))
    assert _items(page) == list(reversed(before))
    assert selects.evaluate_all("s => s.map(e => e.value)") == [
        str(n) for n in range(1, len(before) + 1)
    ]


def test_without_javascript_the_selects_order_the_items(visit, student):
    attempt = _attempt(student)
    page = visit(attempt.get_absolute_url(), width=375, user=student, javascript=False)
    assert page.locator("#q1 .order-handle").count() == 0
    items = _items(page)
    for i in range(len(items)):
        page.locator(f"#q1-{i}").select_option(str(len(items) - i))
    with page.expect_navigation():
        page.get_by_role("button", name="Save answers", exact=True).click()
    assert _saved_order(attempt) == list(reversed(items))
