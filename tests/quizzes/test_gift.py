"""GIFT import and export: pure functions, no database."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from quizzes import bank
from quizzes.formats import FormatError, Problem
from quizzes.formats.gift import parse_gift, write_gift
from tests.quizzes.helpers import ALL_TYPES, ORDERING

ROOT = Path(__file__).resolve().parents[2]
JSON_KEYS = (
    "name", "type", "text", "general_feedback", "category", "choices", "correct",
    "feedback_true", "feedback_false", "answers", "pairs", "items",
)  # fmt: skip


def one(text: str, **options) -> dict:
    """The only question of a GIFT text."""
    (question,) = parse_gift(text, **options)
    return question


def problems(text: str) -> list[str]:
    """The problems a GIFT text is refused with, as "LINE: message"."""
    with pytest.raises(FormatError) as error:
        parse_gift(text)
    return [str(problem) for problem in error.value.problems]


def json_form(data: dict) -> dict:
    """A bank question reduced to the JSON form, integral numbers as int (as question_data)."""

    def plain(value):
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return value

    return {key: plain(data[key]) for key in JSON_KEYS if key in data}


def bank_questions() -> list[dict]:
    data = json.loads((ROOT / "fixtures" / "questions.json").read_text(encoding="utf-8"))
    return [json_form(q) for q in data["questions"]]


# Constructs --------------------------------------------------------------------------------


def test_single_choice_with_title():
    assert one("::Grant::Who is buried in Grant's tomb?{=Grant ~Jefferson ~no one}") == {
        "name": "Grant",
        "type": "single",
        "text": "Who is buried in Grant's tomb?",
        "general_feedback": "",
        "category": "default",
        "choices": [
            {"text": "Grant", "fraction": 1, "feedback": ""},
            {"text": "Jefferson", "fraction": 0, "feedback": ""},
            {"text": "no one", "fraction": 0, "feedback": ""},
        ],
    }


def test_untitled_question_gets_a_stable_name_from_its_text():
    first = one("What is the capital of France? {=Paris ~Lyon}")
    again = one("// the same question, another file\nWhat is the capital of France? {=Paris ~Nice}")
    other = one("What is the capital of Italy? {=Rome ~Milan}")
    assert first["name"] == again["name"]
    assert first["name"].startswith("what-is-the-capital-of-france-")
    assert len(first["name"].rsplit("-", 1)[1]) == 8
    assert other["name"] != first["name"]


def test_empty_title_falls_back_to_the_derived_name():
    assert one("::::Capital of France? {=Paris ~Lyon}")["name"].startswith("capital-of-france-")


def test_title_with_escaped_colon_and_surrounding_spaces():
    assert one(":: Ratio 1\\:2 ::Pick one {=a ~b}")["name"] == "Ratio 1:2"


def test_category_lines_apply_to_the_following_questions():
    questions = parse_gift(
        "Before {=a ~b}\n\n"
        "$CATEGORY: $course$/top/Historical Context\n\n"
        "First {=a ~b}\n\n"
        "Second {=a ~b}\n\n"
        "$CATEGORY: Économie\n"
        "Third {=a ~b}\n",
        default_category="imported",
    )
    assert [q["category"] for q in questions] == [
        "imported",
        "historical-context",
        "historical-context",
        "economie",
    ]


def test_category_path_double_slash_is_a_literal_slash():
    assert one("$CATEGORY: top/Moon//Mars\n\nQ {=a ~b}")["category"] == "moonmars"


def test_comment_lines_are_ignored_anywhere():
    question = one(
        "// header comment\n"
        "::Q:: What\n"
        "  // a comment inside the question\n"
        "is it? {\n"
        "// and one among the answers\n"
        "=a\n"
        "~b // not a comment: only whole lines are\n"
        "}"
    )
    assert question["text"] == "What\nis it?"
    assert [c["text"] for c in question["choices"]] == [
        "a",
        "b // not a comment: only whole lines are",
    ]


def test_per_answer_feedback_and_general_feedback():
    question = one("Q? {=a#Right. ~b#Wrong, it is a. ####Because a.}")
    assert [c["feedback"] for c in question["choices"]] == ["Right.", "Wrong, it is a."]
    assert question["general_feedback"] == "Because a."


def test_weighted_choices_without_equals_are_multiple_response():
    question = one("Which two? {~%50%ESA#yes ~%50%CSA ~%-50%SpaceX ~%-100%Nobody ~Boeing}")
    assert question["type"] == "multiple"
    assert [c["fraction"] for c in question["choices"]] == [0.5, 0.5, -0.5, -1, 0]
    assert question["choices"][0]["feedback"] == "yes"


def test_multiple_response_with_thirds():
    question = one("Three? {~%33.33333%a ~%33.33333%b ~%33.33334%c ~%-100%d}")
    assert [c["fraction"] for c in question["choices"]] == [0.3333333, 0.3333333, 0.3333334, -1]
    assert one("Three? {~%33.333%a ~%33.333%b ~%33.333%c ~d}")["type"] == "multiple"


def test_equals_with_weighted_wrong_answers_is_single_with_partial_credit():
    question = one("Best? {=a ~%50%b ~%-25%c ~d}")
    assert question["type"] == "single"
    assert [c["fraction"] for c in question["choices"]] == [1, 0.5, -0.25, 0]


def test_integral_fractions_are_ints_and_others_floats():
    question = one("Which? {~%100%a ~%0%b ~%-50%c}")
    assert [type(c["fraction"]) for c in question["choices"]] == [int, int, float]


@pytest.mark.parametrize(
    ("block", "correct"), [("T", True), ("TRUE", True), ("F", False), ("FALSE", False)]
)
def test_true_false_forms(block, correct):
    question = one(f"::tf::The Sun is a star. {{{block}}}")
    assert question["type"] == "truefalse"
    assert question["correct"] is correct
    assert question["feedback_true"] == question["feedback_false"] == ""


def test_true_false_is_read_whatever_the_case():
    assert one("The Sun is a star. {true}")["correct"] is True


def test_true_false_feedback_first_is_for_a_wrong_answer_second_for_a_right_one():
    # Moodle's split_truefalse_comment: {ANSWER#wrong-answer feedback#right-answer feedback}.
    true = one("The Sun is a star. {TRUE#No, it is a star.#Yes, a G-type star.####General.}")
    assert true["correct"] is True
    assert true["feedback_true"] == "Yes, a G-type star."
    assert true["feedback_false"] == "No, it is a star."
    assert true["general_feedback"] == "General."
    false = one("The Moon is a star. {F#No, it is a moon.#Right, a moon.}")
    assert false["correct"] is False
    assert false["feedback_true"] == "No, it is a moon."
    assert false["feedback_false"] == "Right, a moon."


def test_true_false_with_only_the_wrong_answer_feedback():
    question = one("The Moon is a star. {F#It is a moon.}")
    assert (question["feedback_true"], question["feedback_false"]) == ("It is a moon.", "")


def test_short_answer():
    question = one(
        "Who's buried in Grant's tomb?{=Grant =Ulysses S. Grant#Full name! =%50%Ulysses}"
    )
    assert question["type"] == "shortanswer"
    assert question["answers"] == [
        {"text": "Grant", "fraction": 1, "feedback": ""},
        {"text": "Ulysses S. Grant", "fraction": 1, "feedback": "Full name!"},
        {"text": "Ulysses", "fraction": 0.5, "feedback": ""},
    ]


def test_missing_word_puts_a_blank_where_the_answers_were():
    question = one("::mw::Grant is {~buried =entombed ~living} in Grant's tomb.")
    assert question["text"] == "Grant is _____ in Grant's tomb."
    assert question["type"] == "single"
    short = one("Two plus {=two =2} equals four.")
    assert (short["type"], short["text"]) == ("shortanswer", "Two plus _____ equals four.")


def test_answers_at_the_end_leave_no_blank():
    assert one("Two plus two equals {=four =4}\n")["text"] == "Two plus two equals"


def test_numerical_with_tolerance_and_exact_value():
    assert one("When was Grant born?{#1822:5}")["answers"] == [
        {"value": 1822, "tolerance": 5, "fraction": 1, "feedback": ""}
    ]
    assert one("Year? {#1975}")["answers"][0] == {
        "value": 1975, "tolerance": 0, "fraction": 1, "feedback": ""
    }  # fmt: skip
    assert one("Pi? {#3.1415:0.0005#About 3.14}")["answers"] == [
        {"value": 3.1415, "tolerance": 0.0005, "fraction": 1, "feedback": "About 3.14"}
    ]
    assert one("Below zero? {#-40:2.5}")["answers"][0]["value"] == -40


def test_numerical_range_becomes_midpoint_and_half_width():
    assert one("A number from 1.5 to 2.5? {#1.5..2.5}")["answers"] == [
        {"value": 2, "tolerance": 0.5, "fraction": 1, "feedback": ""}
    ]
    answer = one("From -5 to 4? {#-5..4}")["answers"][0]
    assert (answer["value"], answer["tolerance"]) == (-0.5, 4.5)


def test_numerical_with_several_weighted_answers():
    question = one(
        "When was Ulysses S. Grant born? {#\n"
        "    =1822:0      # Correct! Full credit.\n"
        "    =%50%1822:2  # He was born in 1822. Half credit for being close.\n"
        "    =%25%1815..1830\n"
        "}"
    )
    assert question["type"] == "numerical"
    assert question["answers"] == [
        {"value": 1822, "tolerance": 0, "fraction": 1, "feedback": "Correct! Full credit."},
        {"value": 1822, "tolerance": 2, "fraction": 0.5,
         "feedback": "He was born in 1822. Half credit for being close."},
        {"value": 1822.5, "tolerance": 7.5, "fraction": 0.25, "feedback": ""},
    ]  # fmt: skip


def test_numerical_answers_on_one_line():
    assert one("Year? {# =1975:0 =%50%1976:1}")["answers"] == [
        {"value": 1975, "tolerance": 0, "fraction": 1, "feedback": ""},
        {"value": 1976, "tolerance": 1, "fraction": 0.5, "feedback": ""},
    ]


def test_matching():
    question = one(
        "::m::Match the countries with their capitals. {\n"
        "  =Canada -> Ottawa\n"
        "  =Italy  -> Rome\n"
        "  =Japan  -> Tokyo\n"
        "  ####Capitals.\n"
        "}"
    )
    assert question["type"] == "matching"
    assert question["pairs"] == [
        {"prompt": "Canada", "answer": "Ottawa"},
        {"prompt": "Italy", "answer": "Rome"},
        {"prompt": "Japan", "answer": "Tokyo"},
    ]
    assert question["general_feedback"] == "Capitals."


def test_backslash_escapes_in_title_text_answers_and_feedback():
    question = one(
        "::a\\:b::1 + 2 \\= 3, \\{set\\}, 50\\% \\~ \\# C:\\\\dir\\nNext line {\n"
        "=x\\=1#it\\'s \\#1\n"
        "~y \\-> z\n"
        "####a\\~b\n"
        "}"
    )
    assert question["name"] == "a:b"
    assert question["text"] == "1 + 2 = 3, {set}, 50\\% ~ # C:\\dir\nNext line"
    assert question["choices"][0] == {"text": "x=1", "fraction": 1, "feedback": "it\\'s #1"}
    assert question["choices"][1]["text"] == "y \\-> z"
    assert question["general_feedback"] == "a~b"


def test_text_format_prefixes_are_stripped():
    assert one("[markdown]**Bold** question {=a ~b}")["text"] == "**Bold** question"
    assert one("::t::[html]<p>Which?</p>{=a ~b}")["text"] == "<p>Which?</p>"
    assert one("[plain]Plain {T}")["text"] == "Plain"
    question = one("[moodle]Moodle {=[html]<b>a</b>#[plain]fb ~b ####[markdown]*gf*}")
    assert question["text"] == "Moodle"
    assert question["choices"][0] == {"text": "<b>a</b>", "fraction": 1, "feedback": "fb"}
    assert question["general_feedback"] == "*gf*"
    assert one("[unknown]text {T}")["text"] == "[unknown]text"


def test_multi_line_question_and_answers():
    question = one(
        "::Q::\n"
        "What two people are entombed\n"
        "in Grant's tomb? {\n"
        "   ~%-100%No one\n"
        "   ~%50%Grant\n"
        "   ~%50%Grant's wife\n"
        "   ~%-100%Grant's father\n"
        "}\n"
    )
    assert question["text"] == "What two people are entombed\nin Grant's tomb?"
    assert question["type"] == "multiple"
    assert [c["text"] for c in question["choices"]][2] == "Grant's wife"


def test_blank_lines_separate_questions():
    questions = parse_gift("\n\n::a::A? {T}\n\n\n::b::B? {F}\n   \n::c::C? {=x ~y}\n\n")
    assert [q["name"] for q in questions] == ["a", "b", "c"]


def test_crlf_line_ends_and_a_byte_order_mark():
    questions = parse_gift(
        "\ufeff// exported on Windows\r\n"
        "::a::Line one\r\nline two {\r\n=x\r\n~y\r\n}\r\n\r\n::b::B {T}"
    )
    assert [q["name"] for q in questions] == ["a", "b"]
    assert questions[0]["text"] == "Line one\nline two"
    assert questions[0]["choices"][1]["text"] == "y"


def test_an_empty_file_has_no_questions():
    assert parse_gift("") == []
    assert parse_gift("// only a comment\n\n$CATEGORY: x\n") == []


def test_parsed_questions_pass_the_bank_rules():
    text = (
        "Q {=a ~b}\n\nQ2 {~%50%a ~%50%b ~c}\n\nQ3 {T}\n\nQ4 {=x}\n\nQ5 {#1}\n\nQ6 {=a -> b =c -> d}"
    )
    for question in parse_gift(text):
        assert bank.question_problems(question) == []


# Problems, each with its line ----------------------------------------------------------------


def test_essay_is_unsupported():
    assert problems("::e::\nWrite about Grant. {}") == ["1: essay questions are not supported"]
    assert problems("\n\nEssay {####general feedback}") == ["3: essay questions are not supported"]


def test_description_is_unsupported():
    assert problems("// intro\n\nThese questions are about Grant.") == [
        "3: description items are not supported"
    ]


def test_unclosed_brace_reports_its_line():
    assert problems("::q::\nWho? {\n=a\n~b\n") == [
        "2: unclosed {: the answer block has no closing }"
    ]


def test_closing_brace_without_opening():
    assert problems("Who? =a ~b}") == ["1: } without an opening { (write \\} for a literal brace)"]


def test_two_questions_without_a_blank_line():
    assert problems("A? {=a ~b}\nB? {=a ~b}") == [
        "2: unexpected {: a question has one answer block (separate questions with a blank "
        "line; write \\{ and \\} for literal braces)"
    ]


def test_unclosed_title():
    assert problems("::Title without end {T}") == [
        "1: the title is not closed: write ::Title:: before the question text"
    ]


def test_no_right_answer():
    assert problems("Q? {~a ~b}") == [
        "1: the answer block has no right answer: mark it with = or ~%100%"
    ]
    assert problems("Q? {=%50%a =%20%b}") == [
        "1: the answer block has no right answer: one answer needs 100%"
    ]
    assert problems("Q? {#=%50%3}") == [
        "1: the answer block has no right answer: one answer needs 100%"
    ]


def test_unknown_marker():
    message = (
        "unknown marker in {!r}: start each answer with = (right) or ~ (wrong), "
        "or write {{T}}, {{F}} or {{#number}}"
    )
    assert problems("Q? {Paris}") == ["1: " + message.format("Paris")]
    assert problems("Q?\n{\n  *a\n  ~b\n  =c\n}") == ["3: " + message.format("*a")]
    assert problems("Q? {x =a -> b =c -> d}") == ["1: " + message.format("x")]


def test_bad_numbers_report_the_line_of_the_answer():
    assert problems("Year? {#\n=1975:0\n=abc\n=19,75\n}") == [
        "3: bad number 'abc'",
        "4: bad number '19,75'",
    ]
    assert problems("Year? {#1975:x}") == ["1: bad number '1975:x': write {#value:tolerance}"]
    assert problems("Year? {#1..x}") == ["1: bad number in range '1..x': write {#min..max}"]
    assert problems("Year? {#5..1}") == ["1: range '5..1': the minimum is above the maximum"]
    assert problems("Year? {#5:-1}") == ["1: the tolerance in '5:-1' cannot be negative"]
    assert problems("Year? {#NaN}") == ["1: bad number 'NaN'"]
    assert problems("Tiny? {#0.0000001}") == [
        "1: 0.0000001 needs at most 14 digits before and 6 after the decimal point"
    ]
    assert problems("Year? {#}") == [
        "1: a numerical answer needs a number: {#1975}, {#1975:2} or {#1..2}"
    ]


def test_numerical_wrong_answer_feedback_is_any_other_answer():
    [question] = parse_gift("Year? {#\n=1975\n~#Look it up.\n}")
    assert question["answers"][-1] == {
        "value": None,
        "tolerance": 0,
        "fraction": 0,
        "feedback": "Look it up.",
    }


def test_weights_out_of_range_or_malformed():
    assert problems("Q? {\n=a\n~%150%b\n}") == ["3: weight 150% is out of range (-100% to 100%)"]
    assert problems("Q? {\n~%-120%a\n~%100%b\n}") == [
        "2: weight -120% is out of range (-100% to 100%)"
    ]
    assert problems("Q? {=a =%-50%b}") == ["1: weight -50% is out of range (0% to 100%)"]
    assert problems("Q? {=a ~%half%b}") == ["1: bad weight in '%half%b': write it as %50% or %-50%"]
    assert problems("Q? {=a ~%50b}") == ["1: bad weight in '%50b': write it as %50% or %-50%"]


def test_multiple_response_weights_must_add_up_to_100():
    assert problems("Which? {~%50%a ~%40%b ~c}") == [
        "1: the right answers' weights add up to 90%, not 100%"
    ]
    assert problems("Which? {~%60%a ~%60%b ~c}") == [
        "1: the right answers' weights add up to 120%, not 100%"
    ]


def test_single_choice_needs_exactly_one_right_answer():
    assert problems("Q? {=a =b ~c}") == [
        "1: a single-choice question needs exactly one right answer (=), not 2; "
        "for several right answers give each a weight such as ~%50%"
    ]
    assert problems("Q? {=a ~%100%b}") == [
        "1: a single-choice question needs exactly one right answer (=), not 2; "
        "for several right answers give each a weight such as ~%50%"
    ]


def test_a_choice_question_needs_two_answers_with_text():
    assert problems("Q? {~%100%only}") == ["1: a choice question needs at least two answers"]
    assert problems("Q? {=a ~ #feedback only}") == ["1: an answer has no text"]


def test_matching_problems():
    assert problems("Match {=a -> b}") == ["1: a matching question needs at least two pairs"]
    assert problems("Match {\n=a -> b\n=c\n=d -> e\n}") == [
        "3: matching pair 'c' needs the form =prompt -> answer"
    ]
    assert problems("Match {\n=a -> b\n= -> distractor\n}") == [
        "1: a matching question needs at least two pairs"
    ]
    assert problems("Match {\n=a -> b\n=a -> c\n}") == ["3: the matching prompt 'a' appears twice"]
    assert problems("Match {=a -> b#fb =c -> d}") == [
        "1: matching pairs cannot have feedback (write \\# for a literal #)"
    ]
    assert problems("Match {=a -> =c -> d}") == ["1: a matching answer has no text"]


def test_question_without_text():
    assert problems("::t::{=a ~b}") == ["1: the question has no text"]


def test_title_too_long():
    assert problems(f"::{'x' * 121}::Q {{T}}") == ["1: the title is longer than 120 characters"]


def test_answer_too_long():
    assert problems(f"Q {{={'x' * 501} ~b}}") == ["1: an answer is longer than 500 characters"]


def test_empty_category():
    assert problems("$CATEGORY:   \n\nQ {T}") == [
        "1: $CATEGORY: needs a category name with letters or digits"
    ]


def test_duplicate_names_in_a_category_are_kept_apart_by_text():
    questions = parse_gift("::a::A {T}\n\n::a::B {F}\n\n$CATEGORY: other\n\n::a::C {T}")
    names = [q["name"] for q in questions]
    assert names[0] == "a" and names[1].startswith("a [") and names[2] == "a"
    # A third with the same title and text as the second cannot be told apart from it.
    assert problems("::a::A {T}\n\n::a::B {F}\n\n::a::B {T}") == [
        f"5: the name {names[1]!r} is already used in category 'default' (line 3)"
    ]


def test_untitled_questions_with_the_same_text_are_numbered_in_file_order():
    questions = parse_gift("Match these. {=a -> b =c -> d}\n\nMatch these. {=e -> f =g -> h}")
    first, second = (q["name"] for q in questions)
    assert second == first + "-2"


def test_private_use_placeholder_characters_are_refused():
    assert problems("Q \ue001 {T}") == ["1: characters U+E000 to U+E007 are not allowed"]


def test_format_error_collects_every_problem_of_a_file():
    text = (
        "// a file with many mistakes\n"  # 1
        "::ok::Fine {=a ~b}\n"  # 2
        "\n"
        "::essay::Tell me. {}\n"  # 4
        "\n"
        "Just a description.\n"  # 6
        "\n"
        "::open::Unclosed {\n"  # 8
        "=a\n"
        "\n"
        "::num::Year {#\n"  # 11
        "=19x5\n"  # 12
        "=%200%1975\n"  # 13
        "}\n"
        "\n"
        "::multi::Which? {~%30%a ~%30%b ~c}\n"  # 16
    )
    with pytest.raises(FormatError) as error:
        parse_gift(text)
    assert [str(p) for p in error.value.problems] == [
        "4: essay questions are not supported",
        "6: description items are not supported",
        "8: unclosed {: the answer block has no closing }",
        "12: bad number '19x5'",
        "13: weight 200% is out of range (0% to 100%)",
        "16: the right answers' weights add up to 60%, not 100%",
    ]
    assert str(error.value).splitlines() == [str(p) for p in error.value.problems]
    assert isinstance(error.value, ValueError)


def test_problem_and_format_error():
    problem = Problem(line=3, message="bad number 'x'")
    assert str(problem) == "3: bad number 'x'"
    error = FormatError([Problem(5, "b"), Problem(2, "a")])
    assert error.problems == [Problem(2, "a"), Problem(5, "b")]
    assert str(error) == "2: a\n5: b"


# Writing and round trips ---------------------------------------------------------------------


def test_write_gift_output():
    text = write_gift([
        {"name": "q:1", "type": "single", "text": "1 + 1 = {2}?\nSure?", "general_feedback": "#1",
         "category": "maths", "choices": [
             {"text": "yes~", "fraction": 1, "feedback": "Right."},
             {"text": "no", "fraction": 0, "feedback": ""},
             {"text": "half", "fraction": 0.5, "feedback": ""}]},
        {"name": "tf", "type": "truefalse", "text": "True?", "general_feedback": "",
         "category": "maths", "correct": False, "feedback_true": "Wrong.",
         "feedback_false": "Right."},
    ])  # fmt: skip
    assert text == (
        "$CATEGORY: $course$/top/maths\n\n"
        "::q\\:1::1 + 1 \\= \\{2\\}?\\nSure?{\n"
        "\t=yes\\~#Right.\n"
        "\t~no\n"
        "\t~%50%half\n"
        "\t####\\#1\n"
        "}\n\n"
        "::tf::True?{FALSE#Wrong.#Right.}\n"
    )


def test_write_gift_refuses_ordering_questions_by_name():
    with pytest.raises(FormatError) as error:
        write_gift([ALL_TYPES[0], ORDERING])
    assert [str(p) for p in error.value.problems] == [
        "0: question 'missions-in-order': GIFT has no ordering questions"
    ]


def test_write_gift_refuses_invalid_and_unwritable_questions():
    single = ALL_TYPES[0]
    with pytest.raises(FormatError) as error:
        write_gift([
            {**single, "name": "two-rights",
             "choices": [{**c, "fraction": 1} for c in single["choices"]]},
            {**ALL_TYPES[3], "name": "arrow", "answers": [
                {"text": "a -> b", "fraction": 1, "feedback": ""}]},
            {**ALL_TYPES[5], "name": "arrow-prompt",
             "pairs": [{"prompt": "a -> b", "answer": "c"}, {"prompt": "d", "answer": "e"}]},
        ])  # fmt: skip
    assert [str(p) for p in error.value.problems] == [
        "0: question 'two-rights': a single-choice question needs exactly one right choice "
        "(fraction 1)",
        "0: question 'arrow': the short answer 'a -> b' or its feedback contains '->', which "
        "GIFT reads as matching",
        "0: question 'arrow-prompt': the matching prompt 'a -> b' contains '->'",
    ]


def test_write_gift_of_nothing_is_empty():
    assert write_gift([]) == ""


def test_round_trip_of_one_question_per_type():
    questions = [q for q in ALL_TYPES if q["type"] != "ordering"]
    assert parse_gift(write_gift(questions)) == questions


def test_round_trip_of_awkward_text():
    question = {
        "name": "[html]a::b\\n",
        "type": "multiple",
        "text": "[markdown]Line {1}\n\n  indented ~ = # : \\ \\n -> //x\n$CATEGORY: no",
        "general_feedback": "####",
        "category": "x-y",
        "choices": [
            {"text": "%50% literally", "fraction": 0, "feedback": "[plain]#"},
            {"text": "=%50%", "fraction": 0.3333333, "feedback": "a\nb"},
            {"text": "b -> c", "fraction": 0.6666667, "feedback": ""},
        ],
    }
    assert parse_gift(write_gift([question])) == [question]
    single = {**question, "type": "single", "choices": [
        {"text": "%1%", "fraction": 1, "feedback": ""},
        {"text": "%2%", "fraction": 0, "feedback": ""},
    ]}  # fmt: skip
    assert parse_gift(write_gift([single])) == [single]


def test_round_trip_of_numbers():
    question = {
        "name": "n", "type": "numerical", "text": "N?", "general_feedback": "", "category": "c",
        "answers": [
            {"value": -0.000001, "tolerance": 0.5, "fraction": 1, "feedback": ""},
            {"value": 12345678901234, "tolerance": 0, "fraction": 0.3333333, "feedback": "x"},
            {"value": 2.5, "tolerance": 1e-06, "fraction": 0, "feedback": ""},
        ],
    }  # fmt: skip
    assert parse_gift(write_gift([question])) == [question]


def test_round_trip_of_the_whole_question_bank():
    """Every non-ordering question of fixtures/questions.json survives GIFT exactly."""
    questions = [q for q in bank_questions() if q["type"] != "ordering"]
    assert len(questions) == 73
    parsed = parse_gift(write_gift(questions))
    assert json.dumps(parsed, sort_keys=True) == json.dumps(questions, sort_keys=True)


def test_formats_need_no_django():
    code = (
        "import sys, quizzes.formats.gift, quizzes.formats.aiken; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
