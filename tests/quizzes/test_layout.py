"""An attempt's layout gives nothing away (SECURITY.md 1 and 24).

Choices, matching answers and ordering items are laid out by a uniform random permutation,
the right order included. A layout that avoids the key order leaks it: with two matching
pairs the only other order is the reverse, so answering "reversed" always scored 100 %.
"""

import itertools
import random
from collections import Counter

import pytest
from django.db.models import Prefetch

from quizzes.bank import question_save
from quizzes.grading import grade_response
from quizzes.models import Choice, Question
from quizzes.services import _choice_keys, question_layout

pytestmark = pytest.mark.django_db

ROUNDS = 6000


def _saved(data: dict) -> Question:
    question, _ = question_save(data=data)
    return Question.objects.prefetch_related(
        Prefetch("choices", queryset=Choice.objects.order_by("position", "pk"))
    ).get(pk=question.pk)


def _three_pairs() -> Question:
    return _saved(
        {
            "name": "three-pairs",
            "type": "matching",
            "text": "Match each agency to its country.",
            "pairs": [
                {"prompt": "NASA", "answer": "United States"},
                {"prompt": "JAXA", "answer": "Japan"},
                {"prompt": "CSA", "answer": "Canada"},
            ],
        }
    )


def _three_items() -> Question:
    return _saved(
        {
            "name": "three-items",
            "type": "ordering",
            "text": "Put these missions in the order they flew.",
            "items": ["Apollo–Soyuz", "First ISS module", "Artemis I"],
        }
    )


def _three_choices() -> Question:
    return _saved(
        {
            "name": "three-choices",
            "type": "single",
            "text": "Which agency runs Rosetta?",
            "choices": [
                {"text": "ESA", "fraction": 1},
                {"text": "NASA", "fraction": 0},
                {"text": "JAXA", "fraction": 0},
            ],
        }
    )


def _assert_uniform(orders: Counter, items: list) -> None:
    """Each of the 6 orders of 3 items appears near 1/6 of the time (chi-square, 5 d.o.f.)."""
    expected = ROUNDS / 6
    assert set(orders) == set(itertools.permutations(items)), orders
    chi_square = sum((count - expected) ** 2 / expected for count in orders.values())
    # 20.5 is the 0.999 quantile of chi-square with 5 degrees of freedom.
    assert chi_square < 20.5, orders
    assert all(abs(count / ROUNDS - 1 / 6) < 0.03 for count in orders.values()), orders


def test_matching_answers_follow_a_uniform_random_order_key_order_included():
    """SECURITY.md 1: the layout of matching answers is no clue to the key."""
    question = _three_pairs()
    rng = random.Random(7)
    orders = Counter()
    for _ in range(ROUNDS):
        layout = question_layout(question, shuffle=False, rng=rng)
        by_pk = {choice.pk: choice.match_text for choice in question.choices.all()}
        prompts = [by_pk[pk] for pk in layout["choices"]]
        # The answers' order relative to the prompts: (0, 1, 2) is the key itself.
        orders[tuple(prompts.index(by_pk[pk]) for pk in layout["answers"])] += 1
    _assert_uniform(orders, [0, 1, 2])


def test_ordering_items_follow_a_uniform_random_order_right_order_included():
    """SECURITY.md 1: the layout of ordering items is no clue to the right order."""
    question = _three_items()
    ids = [choice.pk for choice in question.choices.all()]
    rng = random.Random(8)
    orders = Counter(
        tuple(question_layout(question, shuffle=False, rng=rng)["choices"]) for _ in range(ROUNDS)
    )
    _assert_uniform(orders, ids)


def test_shuffled_choices_follow_a_uniform_random_order():
    """SECURITY.md 1: shuffled choices take every order, the authored one included."""
    question = _three_choices()
    ids = [choice.pk for choice in question.choices.all()]
    rng = random.Random(9)
    orders = Counter(
        tuple(question_layout(question, shuffle=True, rng=rng)["choices"]) for _ in range(ROUNDS)
    )
    _assert_uniform(orders, ids)


@pytest.mark.parametrize("shuffle", [True, False], ids=["shuffled", "in-order"])
def test_two_pairs_answered_reversed_are_right_only_about_half_the_time(shuffle):
    """SECURITY.md 1: "row 1 -> option 2, row 2 -> option 1" is a coin toss, not 100 %."""
    question = _saved(
        {
            "name": "two-pairs",
            "type": "matching",
            "text": "Match each agency to its country.",
            "pairs": [
                {"prompt": "NASA", "answer": "United States"},
                {"prompt": "JAXA", "answer": "Japan"},
            ],
        }
    )
    keys = _choice_keys(question)
    rng = random.Random(10)
    right = 0
    for _ in range(400):
        layout = question_layout(question, shuffle=shuffle, rng=rng)
        first, second = layout["answers"]
        reversed_pairs = {str(layout["choices"][0]): second, str(layout["choices"][1]): first}
        grade = grade_response(type="matching", choices=keys, response={"pairs": reversed_pairs})
        right += grade.score == 1
    assert 0.40 <= right / 400 <= 0.60, right
