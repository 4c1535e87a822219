"""Aiken import and export: pure functions, no database."""

import json
from pathlib import Path

import pytest

from quizzes import bank
from quizzes.formats import FormatError
from quizzes.formats.aiken import parse_aiken, write_aiken
from tests.quizzes.helpers import MULTIPLE, SINGLE, TRUEFALSE

ROOT = Path(__file__).resolve().parents[2]

CANADARM = """\
Which agency built the Canadarm for the Space Shuttle?
A. ESA
B. CSA
C. JAXA
ANSWER: B
"""


def problems(text: str) -> list[str]:
    """The problems an Aiken text is refused with, as "LINE: message"."""
    with pytest.raises(FormatError) as error:
        parse_aiken(text)
    return [str(problem) for problem in error.value.problems]


def essentials(question: dict) -> tuple:
    """What Aiken can carry: the text, the options' text and which option is right."""
    return (
        question["text"],
        [c["text"] for c in question["choices"]],
        [c["fraction"] == 1 for c in question["choices"]],
    )


def test_one_question():
    (question,) = parse_aiken(CANADARM)
    assert question == {
        "name": question["name"],
        "type": "single",
        "text": "Which agency built the Canadarm for the Space Shuttle?",
        "general_feedback": "",
        "category": "default",
        "choices": [
            {"text": "ESA", "fraction": 0, "feedback": ""},
            {"text": "CSA", "fraction": 1, "feedback": ""},
            {"text": "JAXA", "fraction": 0, "feedback": ""},
        ],
    }
    assert question["name"].startswith("which-agency-built-the-canadarm-for-the-space-")
    assert bank.question_problems(question) == []


def test_names_are_stable_and_category_is_given():
    (first,) = parse_aiken(CANADARM, category="imported")
    (again,) = parse_aiken(CANADARM.replace("JAXA", "NASA"))
    assert first["category"] == "imported"
    assert first["name"] == again["name"]


def test_parenthesis_options_multi_line_text_and_several_questions():
    questions = parse_aiken(
        "\n"
        "Apollo and Soyuz docked in\n"
        "which year?\n"
        "A) 1969\n"
        "B) 1975\n"
        "ANSWER: B\n"
        "\n"
        "\n"
        "Which agency led Rosetta?\n"
        "A. NASA\n"
        "B. ESA\n"
        "ANSWER:A\n"
        "Next question right after the ANSWER line?\n"
        "  A.   Yes  \n"
        "  B. No\n"
        "  ANSWER:   a\n"
    )
    assert [essentials(q) for q in questions] == [
        ("Apollo and Soyuz docked in\nwhich year?", ["1969", "1975"], [False, True]),
        ("Which agency led Rosetta?", ["NASA", "ESA"], [True, False]),
        ("Next question right after the ANSWER line?", ["Yes", "No"], [True, False]),
    ]


def test_questions_with_the_same_text_are_numbered_in_file_order():
    first, second = parse_aiken(CANADARM + "\n" + CANADARM.replace("ANSWER: B", "ANSWER: A"))
    assert second["name"] == first["name"] + "-2"


def test_crlf_line_ends_and_a_byte_order_mark():
    (question,) = parse_aiken("\ufeff" + CANADARM.replace("\n", "\r\n"))
    assert essentials(question) == (
        "Which agency built the Canadarm for the Space Shuttle?",
        ["ESA", "CSA", "JAXA"],
        [False, True, False],
    )


def test_an_empty_file_has_no_questions():
    assert parse_aiken("") == []
    assert parse_aiken("\n\n  \n") == []


# Problems, each with its line ----------------------------------------------------------------


def test_missing_answer_at_the_end_of_the_file():
    assert problems("\nQuestion?\nA. a\nB. b\n") == ["2: the question has no ANSWER: line"]


def test_missing_answer_before_a_blank_line():
    assert problems("Question?\nA. a\nB. b\n\nNext?\nA. a\nB. b\nANSWER: A") == [
        "1: the question has no ANSWER: line"
    ]


def test_missing_answer_when_text_follows_the_options():
    assert problems("Question?\nA. a\nB. b\nNext?\nA. a\nB. b\nANSWER: A") == [
        "1: the question has no ANSWER: line"
    ]


def test_question_without_options():
    assert problems("Just text\nover two lines\n") == [
        "1: the question has no options and no ANSWER:"
    ]


def test_answer_letter_not_among_the_options():
    assert problems("Q?\nA. a\nB. b\nANSWER: C") == ["4: ANSWER: C is not among the options (A, B)"]


def test_answer_must_be_one_letter():
    assert problems("Q?\nA. a\nB. b\nANSWER: AB") == ["4: ANSWER: must be one letter, not 'AB'"]
    assert problems("Q?\nA. a\nB. b\nANSWER:") == ["4: ANSWER: must be one letter, not ''"]


def test_fewer_than_two_options():
    assert problems("Q?\nA. only\nANSWER: A") == [
        "1: a question needs at least two options (A. to Z.)"
    ]


def test_option_before_any_question_text():
    assert problems("A. a\nB. b\nANSWER: A") == [
        "1: option A comes before any question text",
        "2: option B comes before any question text",
        "3: ANSWER: without a question before it",
    ]


def test_duplicate_option_letter():
    assert problems("Q?\nA. a\nA. b\nB. c\nANSWER: A") == ["3: option A appears twice"]


def test_option_too_long():
    assert problems(f"Q?\nA. {'x' * 501}\nB. b\nANSWER: B") == [
        "2: option A is longer than 500 characters"
    ]


def test_format_error_collects_every_problem_of_a_file():
    text = (
        "Good?\n"  # 1
        "A. yes\n"
        "B. no\n"
        "ANSWER: A\n"
        "\n"
        "No answer?\n"  # 6
        "A. a\n"
        "B. b\n"
        "\n"
        "Wrong letter?\n"  # 10
        "A. a\n"
        "B. b\n"
        "ANSWER: D\n"  # 13
        "\n"
        "One option?\n"  # 15
        "A. a\n"
        "ANSWER: A\n"
    )
    with pytest.raises(FormatError) as error:
        parse_aiken(text)
    assert [str(p) for p in error.value.problems] == [
        "6: the question has no ANSWER: line",
        "13: ANSWER: D is not among the options (A, B)",
        "15: a question needs at least two options (A. to Z.)",
    ]


# Writing and round trips ---------------------------------------------------------------------


def test_write_aiken_output_leaves_out_feedback_and_name():
    assert write_aiken([SINGLE, {**SINGLE, "text": "Second\nline two"}]) == (
        "Who flew the Apollo–Soyuz Test Project?\n"
        "A. NASA and the Soviet space programme\n"
        "B. NASA and ESA\n"
        "C. ESA and JAXA\n"
        "ANSWER: A\n"
        "\n"
        "Second\n"
        "line two\n"
        "A. NASA and the Soviet space programme\n"
        "B. NASA and ESA\n"
        "C. ESA and JAXA\n"
        "ANSWER: A\n"
    )
    assert write_aiken([]) == ""


def test_write_aiken_refuses_other_types_naming_them():
    with pytest.raises(FormatError) as error:
        write_aiken([SINGLE, MULTIPLE, TRUEFALSE])
    assert [str(p) for p in error.value.problems] == [
        "0: question 'jwst-partners': only single-choice questions can be written in Aiken, "
        "not 'multiple'",
        "0: question 'voyager-esa': only single-choice questions can be written in Aiken, "
        "not 'truefalse'",
    ]


def test_write_aiken_refuses_what_it_cannot_hold():
    partial = {**SINGLE, "name": "partial", "choices": [
        {"text": "a", "fraction": 1, "feedback": ""},
        {"text": "b", "fraction": 0.5, "feedback": ""},
    ]}  # fmt: skip
    blank = {**SINGLE, "name": "blank", "text": "One\n\nTwo"}
    looks_like_option = {**SINGLE, "name": "option", "text": "Who?\nA. trick"}
    two_lines = {**SINGLE, "name": "two-lines", "choices": [
        {"text": "a\nb", "fraction": 1, "feedback": ""},
        {"text": "c", "fraction": 0, "feedback": ""},
    ]}  # fmt: skip
    invalid = {**SINGLE, "name": "invalid", "choices": SINGLE["choices"][:1]}
    with pytest.raises(FormatError) as error:
        write_aiken([partial, blank, looks_like_option, two_lines, invalid])
    assert [str(p) for p in error.value.problems] == [
        "0: question 'partial': Aiken cannot hold partial-credit choices "
        "(fractions other than 0 and 1)",
        "0: question 'blank': Aiken question text cannot contain blank lines",
        "0: question 'option': the text line 'A. trick' would be read as an option or ANSWER:",
        "0: question 'two-lines': option A must be one non-empty line",
        "0: question 'invalid': a choice question needs at least two choices",
    ]


def test_round_trip_of_the_single_choice_questions_of_the_bank():
    """Aiken keeps the text, the options and the right one.

    It has no place for names, feedback or general feedback, so those are not compared:
    names come back derived from the text, feedback comes back empty.
    """
    data = json.loads((ROOT / "fixtures" / "questions.json").read_text(encoding="utf-8"))
    singles = [q for q in data["questions"] if q["type"] == "single"]
    assert len(singles) == 16
    parsed = parse_aiken(write_aiken(singles), category="bank")
    assert [essentials(q) for q in parsed] == [essentials(q) for q in singles]
    assert all(q["general_feedback"] == "" for q in parsed)
    assert all(c["feedback"] == "" for q in parsed for c in q["choices"])
    assert all(bank.question_problems(q) == [] for q in parsed)
