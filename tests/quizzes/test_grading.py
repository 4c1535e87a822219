"""Unit tests for the pure grading rules in quizzes.grading (no Django, no database)."""

from dataclasses import FrozenInstanceError
from decimal import Decimal

import pytest

from quizzes.grading import (
    Grade,
    NumericalAnswer,
    grade_matching,
    grade_multiple,
    grade_numerical,
    grade_ordering,
    grade_shortanswer,
    grade_single,
    grade_truefalse,
    normalise_answer,
    parse_number,
)

# --- Grade -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "correct", "partial"),
    [
        (0.0, False, False),
        (0.5, False, True),
        (0.0001, False, True),
        (0.9998, False, True),
        (0.9999, True, False),
        (1.0, True, False),
    ],
)
def test_grade_correct_and_partial_follow_the_score(
    score: float, correct: bool, partial: bool
) -> None:
    grade = Grade(score)
    assert grade.correct is correct
    assert grade.partial is partial


def test_grade_rounds_score_to_four_decimals() -> None:
    assert Grade(2 / 3).score == 0.6667


def test_grade_rounding_up_to_one_counts_as_correct() -> None:
    grade = Grade(0.99999)
    assert grade.score == 1.0
    assert grade.correct


@pytest.mark.parametrize("score", [-0.0001, 1.0001, float("nan"), float("inf")])
def test_grade_rejects_scores_outside_zero_to_one(score: float) -> None:
    with pytest.raises(ValueError):
        Grade(score)


def test_grade_is_immutable() -> None:
    grade = Grade(0.5)
    with pytest.raises(FrozenInstanceError):
        grade.score = 1.0  # type: ignore[misc]


# --- normalise_answer ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Churyumov Gerasimenko",
        "Churyumov\u2013Gerasimenko",  # en dash
        "Churyumov\u2014Gerasimenko",  # em dash
        "Churyumov-Gerasimenko",
        "  churyumov-GERASIMENKO. ",
        "CHURYUMOV\t\nGERASIMENKO",
        "Churyumov / Gerasimenko!",
        "Churyumov\u00a0Gerasimenko",  # no-break space
    ],
)
def test_normalise_answer_treats_dash_case_and_spacing_variants_alike(text: str) -> None:
    assert normalise_answer(text) == "churyumov gerasimenko"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Énergie", "energie"),
        ("Gödel", "godel"),
        ("Ångström", "angstrom"),
        ("São Paulo", "sao paulo"),
        ("Straße", "strasse"),
        ("İstanbul", "istanbul"),
        ("ﬁeld", "field"),  # compatibility ligature
    ],
)
def test_normalise_answer_strips_accents_and_folds_case(text: str, expected: str) -> None:
    assert normalise_answer(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Halley's comet", "halley s comet"),
        ('"Voyager 1"', "voyager 1"),
        ("Mars?!", "mars"),
        ("H2O + CO2", "h2o co2"),
        ("100°C", "100 c"),
        ("a\r\n\tb   c", "a b c"),
    ],
)
def test_normalise_answer_turns_punctuation_and_symbols_into_single_spaces(
    text: str, expected: str
) -> None:
    assert normalise_answer(text) == expected


@pytest.mark.parametrize("text", ["Churyu\u00admov", "Churyu\u200bmov", "\ufeffChuryumov"])
def test_normalise_answer_drops_invisible_format_characters(text: str) -> None:
    assert normalise_answer(text) == "churyumov"


@pytest.mark.parametrize("text", ["", "   ", "\t\n", "...", "\u2014 \u2013"])
def test_normalise_answer_of_blank_or_punctuation_only_text_is_empty(text: str) -> None:
    assert normalise_answer(text) == ""


@pytest.mark.parametrize(
    "text", ["  Énergie\u2014Straße.  ", "İstanbul", "Churyumov\u2013Gerasimenko"]
)
def test_normalise_answer_is_idempotent(text: str) -> None:
    once = normalise_answer(text)
    assert normalise_answer(once) == once


# --- parse_number ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1975", Decimal("1975")),
        ("  1975 ", Decimal("1975")),
        ("\t1975\n", Decimal("1975")),
        ("-3.5", Decimal("-3.5")),
        ("+3.5", Decimal("3.5")),
        ("0", Decimal("0")),
        ("-0", Decimal("0")),
        (".5", Decimal("0.5")),
        ("5.", Decimal("5")),
        ("2,5", Decimal("2.5")),
        ("-2,5", Decimal("-2.5")),
        ("007", Decimal("7")),
        ("1" * 30, Decimal("1" * 30)),
    ],
)
def test_parse_number_accepts_plain_decimal_numbers(text: str, expected: Decimal) -> None:
    assert parse_number(text) == expected


def test_parse_number_keeps_every_digit_exactly() -> None:
    assert parse_number("0.1000000000000000000000000001") == Decimal(
        "0.1000000000000000000000000001"
    )


def test_parse_number_reads_a_lone_comma_as_a_decimal_comma_even_for_thousands() -> None:
    # Documented ambiguity: "1,000" is read as one (decimal comma), never as a thousand.
    assert parse_number("1,000") == Decimal("1")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "NaN",
        "nan",
        "sNaN",
        "inf",
        "-inf",
        "Infinity",
        "1e5",
        "1E5",
        "1.5e-3",
        "1,000.5",
        "1.000,5",
        "1,000,000",
        "--1",
        "+-1",
        "1-",
        "-",
        ".",
        ",",
        "1..5",
        "1.2.3",
        "1 975",
        "1_000",
        "0x10",
        "1/2",
        "½",
        "one",
        "1975 AD",
        "3.5 km",
        "__import__('os')",
        "1" * 31,
        "1" * 10_000,
    ],
)
def test_parse_number_rejects_anything_but_a_plain_decimal(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "\u0661\u0669\u0667\u0665",  # Arabic-Indic digits for 1975
        "\u06f1\u06f9\u06f7\u06f5",  # Extended Arabic-Indic (Persian) digits
        "\u0967\u096f\u096d\u096b",  # Devanagari digits
        "\uff11\uff19\uff17\uff15",  # fullwidth digits
        "\u00b2",  # superscript two
    ],
)
def test_parse_number_rejects_non_ascii_digits(text: str) -> None:
    # Decimal() itself would accept most of these; only ASCII digits are allowed so what the
    # learner saw and what was graded can never disagree.
    assert parse_number(text) is None


def test_parse_number_length_limit_applies_after_stripping_whitespace() -> None:
    assert parse_number(" " * 100 + "1975" + " " * 100) == Decimal("1975")


# --- grade_single ----------------------------------------------------------------------------

SINGLE = {1: 1.0, 2: 0.0, 3: 0.5, 4: -0.5}


@pytest.mark.parametrize(
    ("selected", "score"),
    [(1, 1.0), (2, 0.0), (3, 0.5), (None, 0.0)],
)
def test_single_choice_scores_the_selected_fraction(selected: int | None, score: float) -> None:
    assert grade_single(fractions=SINGLE, selected=selected).score == score


def test_single_choice_negative_fraction_is_clamped_to_zero() -> None:
    assert grade_single(fractions=SINGLE, selected=4).score == 0.0


def test_single_choice_right_answer_is_correct_and_half_is_partial() -> None:
    assert grade_single(fractions=SINGLE, selected=1).correct
    assert grade_single(fractions=SINGLE, selected=3).partial


def test_single_choice_unknown_id_raises() -> None:
    with pytest.raises(ValueError):
        grade_single(fractions=SINGLE, selected=99)


@pytest.mark.parametrize("bad", [1.5, -1.5, float("nan")])
def test_single_choice_rejects_fractions_outside_minus_one_to_one(bad: float) -> None:
    with pytest.raises(ValueError):
        grade_single(fractions={1: bad, 2: 1.0}, selected=2)


def test_single_choice_with_no_choices_and_no_selection_scores_zero() -> None:
    assert grade_single(fractions={}, selected=None).score == 0.0


# --- grade_multiple --------------------------------------------------------------------------

# Two right answers worth half each, two wrong answers costing half each.
MULTI = {1: 0.5, 2: 0.5, 3: -0.5, 4: -0.5}


@pytest.mark.parametrize(
    ("selected", "score"),
    [
        ({1, 2}, 1.0),
        ({1}, 0.5),
        ({2}, 0.5),
        ({1, 2, 3}, 0.5),
        ({1, 3}, 0.0),
        ({3}, 0.0),
        ({3, 4}, 0.0),
        (set(), 0.0),
    ],
)
def test_multiple_response_sums_ticked_fractions_clamped_to_zero_one(
    selected: set[int], score: float
) -> None:
    assert grade_multiple(fractions=MULTI, selected=selected).score == score


def test_multiple_response_all_boxes_ticked_scores_zero_when_wrongs_cancel() -> None:
    assert grade_multiple(fractions=MULTI, selected={1, 2, 3, 4}).score == 0.0


def test_multiple_response_all_boxes_ticked_never_beats_rights_minus_wrongs() -> None:
    fractions = {1: 0.5, 2: 0.5, 3: -0.25, 4: 0.0}
    assert grade_multiple(fractions=fractions, selected=[1, 2, 3, 4]).score == 0.75


def test_multiple_response_without_penalties_lets_all_boxes_score_full_marks() -> None:
    # Why question authors must give wrong choices negative fractions.
    fractions = {1: 0.5, 2: 0.5, 3: 0.0, 4: 0.0}
    assert grade_multiple(fractions=fractions, selected=[1, 2, 3, 4]).score == 1.0


def test_multiple_response_duplicates_are_counted_once() -> None:
    assert grade_multiple(fractions=MULTI, selected=[1, 1, 1]).score == 0.5
    assert grade_multiple(fractions=MULTI, selected=[1, 3, 3]).score == 0.0


def test_multiple_response_thirds_add_up_to_correct() -> None:
    fractions = {1: 0.3333, 2: 0.3333, 3: 0.3333, 4: -1.0}
    grade = grade_multiple(fractions=fractions, selected=[1, 2, 3])
    assert grade.score == 0.9999
    assert grade.correct
    assert not grade.partial


def test_multiple_response_float_sums_do_not_drift() -> None:
    fractions = {1: 0.1, 2: 0.2, 3: 0.7}
    assert grade_multiple(fractions=fractions, selected=[1, 2]).score == 0.3
    assert grade_multiple(fractions=fractions, selected=[1, 2, 3]).score == 1.0


def test_multiple_response_overconfigured_fractions_are_capped_at_one() -> None:
    assert grade_multiple(fractions={1: 1.0, 2: 1.0}, selected=[1, 2]).score == 1.0


def test_multiple_response_partial_grade_is_flagged_partial() -> None:
    grade = grade_multiple(fractions=MULTI, selected=[1])
    assert grade.partial
    assert not grade.correct


@pytest.mark.parametrize("selected", [[99], [1, 99], [1, 2, -1]])
def test_multiple_response_unknown_id_raises(selected: list[int]) -> None:
    with pytest.raises(ValueError):
        grade_multiple(fractions=MULTI, selected=selected)


def test_multiple_response_rejects_fractions_outside_minus_one_to_one() -> None:
    with pytest.raises(ValueError):
        grade_multiple(fractions={1: 2.0}, selected=[])


# --- grade_truefalse -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("correct", "given", "score"),
    [
        (True, True, 1.0),
        (False, False, 1.0),
        (True, False, 0.0),
        (False, True, 0.0),
        (True, None, 0.0),
        (False, None, 0.0),
    ],
)
def test_true_false_scores_one_only_for_the_right_answer(
    correct: bool, given: bool | None, score: float
) -> None:
    assert grade_truefalse(correct=correct, given=given).score == score


# --- grade_shortanswer -----------------------------------------------------------------------

COMET = [("Churyumov-Gerasimenko", 1.0), ("67P", 1.0), ("Churyumov", 0.5)]


@pytest.mark.parametrize(
    ("given", "score"),
    [
        ("Churyumov-Gerasimenko", 1.0),
        ("churyumov\u2013gerasimenko", 1.0),  # en dash
        ("  CHURYUMOV GERASIMENKO.  ", 1.0),
        ("67p", 1.0),
        ("Churyumov", 0.5),
        ("Halley", 0.0),
        ("Churyumov Gerasimenko comet", 0.0),
        ("Gerasimenko", 0.0),
    ],
)
def test_short_answer_matches_normalised_text(given: str, score: float) -> None:
    assert grade_shortanswer(answers=COMET, given=given).score == score


@pytest.mark.parametrize("given", ["", "   ", "\t\n", "...", "—"])
def test_short_answer_blank_or_punctuation_only_scores_zero(given: str) -> None:
    blank_accepted = [("", 1.0), ("-", 1.0)]
    assert grade_shortanswer(answers=blank_accepted, given=given).score == 0.0


def test_short_answer_best_matching_fraction_wins() -> None:
    answers = [("mars", 0.25), ("Mars", 1.0), ("MARS!", 0.5)]
    assert grade_shortanswer(answers=answers, given="mars").score == 1.0


def test_short_answer_accents_in_accepted_answer_are_ignored() -> None:
    answers = [("Énergie cinétique", 1.0)]
    assert grade_shortanswer(answers=answers, given="energie cinetique").correct


def test_short_answer_with_no_accepted_answers_scores_zero() -> None:
    assert grade_shortanswer(answers=[], given="anything").score == 0.0


@pytest.mark.parametrize("bad", [-0.5, 1.5, float("nan")])
def test_short_answer_rejects_fractions_outside_zero_to_one(bad: float) -> None:
    with pytest.raises(ValueError):
        grade_shortanswer(answers=[("mars", bad)], given="venus")


# --- grade_numerical -------------------------------------------------------------------------

LAUNCH_YEAR = [NumericalAnswer(value=Decimal("1977"), tolerance=Decimal("0"))]
PI = [NumericalAnswer(value=Decimal("3.14"), tolerance=Decimal("0.01"))]


@pytest.mark.parametrize(
    ("given", "score"),
    [
        (Decimal("1977"), 1.0),
        (Decimal("1977.000"), 1.0),
        (Decimal("1978"), 0.0),
        (Decimal("1976.9999"), 0.0),
        (None, 0.0),
    ],
)
def test_numerical_exact_answer(given: Decimal | None, score: float) -> None:
    assert grade_numerical(answers=LAUNCH_YEAR, given=given).score == score


@pytest.mark.parametrize(
    ("given", "score"),
    [
        (Decimal("3.14"), 1.0),
        (Decimal("3.13"), 1.0),  # exactly value - tolerance: inside
        (Decimal("3.15"), 1.0),  # exactly value + tolerance: inside
        (Decimal("3.1299"), 0.0),  # 0.0001 below the lower bound
        (Decimal("3.1501"), 0.0),  # 0.0001 above the upper bound
        (Decimal("-3.14"), 0.0),
    ],
)
def test_numerical_tolerance_bounds_are_inclusive(given: Decimal, score: float) -> None:
    assert grade_numerical(answers=PI, given=given).score == score


def test_numerical_bounds_use_exact_decimal_arithmetic() -> None:
    # The float 0.1 + 0.2 is 0.30000000000000004, which a float bound would reject.
    answers = [NumericalAnswer(value=Decimal("0.1"), tolerance=Decimal("0.2"))]
    assert grade_numerical(answers=answers, given=Decimal("0.3")).correct


def test_numerical_bounds_do_not_round_at_the_default_decimal_precision() -> None:
    # 1977 + 1E-30 needs 34 significant digits; the default 28-digit context would round the
    # upper bound down to 1977 and wrongly reject a value exactly on it.
    answers = [NumericalAnswer(value=Decimal("1977"), tolerance=Decimal("1E-30"))]
    on_upper_bound = Decimal("1977." + "0" * 29 + "1")
    just_outside = Decimal("1977." + "0" * 29 + "2")
    assert grade_numerical(answers=answers, given=on_upper_bound).correct
    assert grade_numerical(answers=answers, given=just_outside).score == 0.0


ORBIT = [
    NumericalAnswer(value=Decimal("365.25"), tolerance=Decimal("0.25"), fraction=1.0),
    NumericalAnswer(value=Decimal("365"), tolerance=Decimal("5"), fraction=0.5),
    NumericalAnswer(value=Decimal("360"), tolerance=Decimal("0"), fraction=0.25),
]


@pytest.mark.parametrize(
    ("given", "score"),
    [
        (Decimal("365.25"), 1.0),
        (Decimal("365.5"), 1.0),  # inside both the 1.0 and the 0.5 ranges: best wins
        (Decimal("365"), 1.0),
        (Decimal("364.9999"), 0.5),
        (Decimal("370"), 0.5),
        (Decimal("360"), 0.5),  # inside the 0.5 range and exactly 360: best wins
        (Decimal("359.9999"), 0.0),
        (Decimal("370.0001"), 0.0),
    ],
)
def test_numerical_several_answers_best_fraction_wins(given: Decimal, score: float) -> None:
    assert grade_numerical(answers=ORBIT, given=given).score == score


def test_numerical_answer_order_does_not_matter() -> None:
    reordered = list(reversed(ORBIT))
    assert grade_numerical(answers=reordered, given=Decimal("365.5")).score == 1.0


def test_numerical_with_no_answers_scores_zero() -> None:
    assert grade_numerical(answers=[], given=Decimal("1")).score == 0.0


def test_numerical_accepts_parse_number_output() -> None:
    assert grade_numerical(answers=PI, given=parse_number(" 3,15 ")).correct
    assert grade_numerical(answers=PI, given=parse_number("pi")).score == 0.0


@pytest.mark.parametrize("given", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_numerical_rejects_non_finite_given(given: Decimal) -> None:
    with pytest.raises(ValueError):
        grade_numerical(answers=PI, given=given)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"value": Decimal("NaN")},
        {"value": Decimal("Infinity")},
        {"value": Decimal("1"), "tolerance": Decimal("-0.1")},
        {"value": Decimal("1"), "tolerance": Decimal("Infinity")},
        {"value": Decimal("1"), "fraction": 1.5},
        {"value": Decimal("1"), "fraction": -0.5},
    ],
)
def test_numerical_answer_rejects_invalid_configuration(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        NumericalAnswer(**kwargs)  # type: ignore[arg-type]


def test_numerical_answer_defaults_to_exact_match_for_full_marks() -> None:
    answer = NumericalAnswer(value=Decimal("42"))
    assert answer.tolerance == 0
    assert answer.fraction == 1.0


# --- grade_matching --------------------------------------------------------------------------

PLANETS = {1: 10, 2: 20, 3: 30, 4: 40}


@pytest.mark.parametrize(
    ("given", "score"),
    [
        ({1: 10, 2: 20, 3: 30, 4: 40}, 1.0),
        ({1: 10, 2: 20, 3: 40, 4: 30}, 0.5),
        ({1: 20, 2: 10, 3: 40, 4: 30}, 0.0),
        ({1: 10}, 0.25),
        ({1: 10, 2: None, 3: None, 4: None}, 0.25),
        ({}, 0.0),
        ({1: 99, 2: 20, 3: 30, 4: 40}, 0.75),  # distractor answer id: simply wrong
    ],
)
def test_matching_scores_share_of_prompts_matched(
    given: dict[int, int | None], score: float
) -> None:
    assert grade_matching(pairs=PLANETS, given=given).score == score


def test_matching_missing_prompts_count_as_wrong() -> None:
    grade = grade_matching(pairs={1: 10, 2: 20, 3: 30}, given={1: 10, 2: 20})
    assert grade.score == 0.6667
    assert grade.partial


def test_matching_same_answer_for_every_prompt_earns_only_its_one_match() -> None:
    assert grade_matching(pairs=PLANETS, given=dict.fromkeys(PLANETS, 10)).score == 0.25


def test_matching_unknown_prompt_raises() -> None:
    with pytest.raises(ValueError):
        grade_matching(pairs=PLANETS, given={1: 10, 5: 50})


def test_matching_without_pairs_raises() -> None:
    with pytest.raises(ValueError):
        grade_matching(pairs={}, given={})


# --- grade_ordering --------------------------------------------------------------------------

SOLAR = [1, 2, 3, 4]


@pytest.mark.parametrize(
    ("given", "score"),
    [
        ([1, 2, 3, 4], 1.0),
        ([4, 3, 2, 1], 0.0),
        ([1, 2, 4, 3], 0.5),
        ([2, 3, 4, 1], 0.0),  # every item one place off: no position is right
        ([1, 3, 2, 4], 0.5),
    ],
)
def test_ordering_scores_share_of_positions_right(given: list[int], score: float) -> None:
    assert grade_ordering(items=SOLAR, given=given).score == score


@pytest.mark.parametrize(
    ("given", "score"),
    [
        ([], 0.0),
        ([1], 0.25),
        ([1, 2], 0.5),
        ([None, 2, None, 4], 0.5),
        ([None, None, None, None], 0.0),
        ([1, None, 3], 0.5),
        ([None, 1], 0.0),
    ],
)
def test_ordering_unplaced_items_count_as_wrong(given: list[int | None], score: float) -> None:
    assert grade_ordering(items=SOLAR, given=given).score == score


def test_ordering_three_items_rounds_to_four_decimals() -> None:
    assert grade_ordering(items=[1, 2, 3], given=[1, 3, 2]).score == 0.3333


@pytest.mark.parametrize(
    "given",
    [
        [1, 2, 3, 99],  # unknown id
        [1, 1, 3, 4],  # duplicated id
        [1, None, 1],  # duplicated id around a gap
        [1, 2, 3, 4, None],  # longer than items
    ],
)
def test_ordering_invalid_submission_raises(given: list[int | None]) -> None:
    with pytest.raises(ValueError):
        grade_ordering(items=SOLAR, given=given)


@pytest.mark.parametrize("items", [[], [1, 2, 2]])
def test_ordering_invalid_configuration_raises(items: list[int]) -> None:
    with pytest.raises(ValueError):
        grade_ordering(items=items, given=[])


# --- keyword-only API ------------------------------------------------------------------------


def test_graders_take_keyword_arguments_only() -> None:
    with pytest.raises(TypeError):
        grade_truefalse(True, True)  # type: ignore[misc]
