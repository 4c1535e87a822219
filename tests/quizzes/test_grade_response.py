"""Grading a stored response against a question's choices, and a quiz's grade."""

from decimal import Decimal

import pytest

from quizzes.grading import ChoiceKey, grade_response

TRUE_FALSE = [ChoiceKey(1, 0, "True", fraction=0.0), ChoiceKey(2, 1, "False", fraction=1.0)]
MATCHING = [
    ChoiceKey(10, 0, "Rosetta", "ESA", 1.0),
    ChoiceKey(11, 1, "Voyager", "NASA", 1.0),
    ChoiceKey(12, 2, "Curiosity", "NASA", 1.0),
]
ORDERING = [ChoiceKey(20, 0, "1975"), ChoiceKey(21, 1, "1977"), ChoiceKey(22, 2, "1998")]


@pytest.mark.parametrize(
    "response, score",
    [({"value": False}, 1.0), ({"value": True}, 0.0), (None, 0.0), ({}, 0.0)],
)
def test_true_false(response, score):
    assert grade_response(type="truefalse", choices=TRUE_FALSE, response=response).score == score


def test_matching_accepts_either_prompt_sharing_an_answer_text():
    # Voyager and Curiosity are both NASA: picking the other NASA row is just as right.
    response = {"pairs": {"10": 10, "11": 12, "12": 11}}
    assert grade_response(type="matching", choices=MATCHING, response=response).score == 1.0


def test_matching_partial_credit_per_pair():
    response = {"pairs": {"10": 10, "11": 11}}  # Curiosity left unmatched
    assert grade_response(type="matching", choices=MATCHING, response=response).score == 0.6667


def test_ordering_by_position():
    response = {"order": [20, 22, 21]}
    assert grade_response(type="ordering", choices=ORDERING, response=response).score == 0.3333


def test_numerical_from_text_with_decimal_comma():
    choices = [ChoiceKey(1, value=Decimal("2.5"), tolerance=Decimal("0.1"), fraction=1.0)]
    assert grade_response(type="numerical", choices=choices, response={"text": "2,6"}).correct
    assert grade_response(type="numerical", choices=choices, response={"text": "NaN"}).score == 0


def test_unknown_type_is_an_error():
    with pytest.raises(ValueError, match="unknown question type"):
        grade_response(type="essay", choices=[], response={"text": "x"})
