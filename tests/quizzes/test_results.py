"""The results data: each choice's mark, each match and each place judged in result_item()."""

import pytest

from quizzes.selectors import (
    PICKED_RIGHT,
    PICKED_WRONG,
    PLAIN,
    RIGHT_NOT_PICKED,
    attempt_results,
    result_item,
)
from tests.quizzes.pages import answers_of, merged, right_fields, save, start, submit, wrong_fields

pytestmark = pytest.mark.django_db


def graded(client, quiz, fields_of) -> dict:
    """Answer each question with fields_of(answer), submit, and return the items by type."""
    attempt = start(client, quiz)
    save(client, attempt, merged(*(fields_of(answer) for answer in answers_of(attempt))))
    submit(client, attempt)
    attempt.refresh_from_db()
    return {item.slot.question.type: item for item in attempt_results(attempt=attempt).items}


def marks(item) -> dict[str, str]:
    return {option.choice.text: option.mark for option in item.options}


def test_a_right_pick_is_picked_right_and_the_other_choices_plain(student_client, all_types_quiz):
    items = graded(student_client, all_types_quiz, right_fields)
    assert marks(items["single"]) == {"ESA": PICKED_RIGHT, "NASA": PLAIN, "JAXA": PLAIN}
    assert marks(items["multiple"]) == {
        "NASA": PICKED_RIGHT, "JAXA": PICKED_RIGHT, "ISRO": PLAIN, "CNSA": PLAIN,
    }  # fmt: skip
    assert marks(items["truefalse"]) == {"True": PICKED_RIGHT, "False": PLAIN}
    assert [option.picked for option in items["single"].options].count(True) == 1


def test_a_wrong_pick_is_picked_wrong_and_the_right_choice_right_not_picked(
    student_client, all_types_quiz
):
    items = graded(student_client, all_types_quiz, wrong_fields)
    single = marks(items["single"])
    assert single["ESA"] == RIGHT_NOT_PICKED
    assert sorted(single.values()) == sorted([RIGHT_NOT_PICKED, PICKED_WRONG, PLAIN])
    assert marks(items["multiple"]) == {
        "NASA": RIGHT_NOT_PICKED, "JAXA": RIGHT_NOT_PICKED, "ISRO": PICKED_WRONG,
        "CNSA": PICKED_WRONG,
    }  # fmt: skip
    assert marks(items["truefalse"]) == {"True": RIGHT_NOT_PICKED, "False": PICKED_WRONG}
    right = [o.choice.text for o in items["multiple"].options if o.right]
    assert sorted(right) == ["JAXA", "NASA"]
    assert not any(o.picked for o in items["multiple"].options if o.right)


def test_each_match_and_each_place_says_whether_it_is_right(student_client, all_types_quiz):
    right = graded(student_client, all_types_quiz, right_fields)
    assert [(m.prompt.text, m.given, m.right) for m in right["matching"].matches] == [
        (m.prompt.text, m.answer, True) for m in right["matching"].matches
    ]
    assert {m.prompt.text: m.answer for m in right["matching"].matches} == {
        "NASA": "United States", "JAXA": "Japan", "CSA": "Canada",
    }  # fmt: skip
    assert [place.right for place in right["ordering"].given_order] == [True, True, True]
    assert [p.choice for p in right["ordering"].given_order] == right["ordering"].right_order

    wrong = graded(student_client, all_types_quiz, wrong_fields)
    assert all(m.given is not None and not m.right for m in wrong["matching"].matches)
    assert [place.right for place in wrong["ordering"].given_order] == [False, False, False]


def test_unanswered_matches_and_places_are_empty_and_not_right(student_client, all_types_quiz):
    attempt = start(student_client, all_types_quiz)
    submit(student_client, attempt)
    items = {a.question.type: result_item(a) for a in answers_of(attempt)}
    assert all(m.given is None and not m.right for m in items["matching"].matches)
    assert all(p.choice is None and not p.right for p in items["ordering"].given_order)
    assert {option.mark for option in items["multiple"].options} == {RIGHT_NOT_PICKED, PLAIN}
