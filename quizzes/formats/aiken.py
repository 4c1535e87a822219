"""The Aiken format (single-choice questions only), to and from the JSON form of PRODUCT.md.

    Which agency built the Canadarm?
    A. ESA
    B) CSA
    ANSWER: B

Aiken carries no name, feedback or general feedback: names are derived from the text,
feedback is empty on import and left out on export.
"""

import re
from collections.abc import Iterable

from quizzes.formats import (
    CHOICE_TEXT_MAX,
    FormatError,
    Problem,
    derived_name,
    label,
    question_problems,
)

__all__ = ["parse_aiken", "write_aiken"]

_OPTION_RE = re.compile(r"([A-Z])(?:[.)]\s+|\))(\S.*)")
_ANSWER_RE = re.compile(r"ANSWER:\s*(.*)")  # upper case, as in Moodle


class _Question:
    """A question being read: its first line, text lines and options by letter."""

    def __init__(self, line: int, text: str) -> None:
        self.line = line
        self.text = [text]
        self.options: dict[str, str] = {}


def _finish(
    question: _Question, answer: str, line: int, category: str, problems: list[Problem]
) -> dict | None:
    """The question in JSON form once its ANSWER line is read, or None with its problems."""
    found = len(problems)
    if len(question.options) < 2:
        problems.append(Problem(question.line, "a question needs at least two options (A. to Z.)"))
    letter = answer.strip().upper()
    if not re.fullmatch(r"[A-Z]", letter):
        problems.append(Problem(line, f"ANSWER: must be one letter, not {answer.strip()!r}"))
    elif letter not in question.options:
        letters = ", ".join(question.options) or "none"
        problems.append(Problem(line, f"ANSWER: {letter} is not among the options ({letters})"))
    if len(problems) > found:
        return None
    text = "\n".join(question.text).strip()
    data = {
        "name": derived_name(text),
        "type": "single",
        "text": text,
        "general_feedback": "",
        "category": category,
        "choices": [
            {"text": option, "fraction": int(key == letter), "feedback": ""}
            for key, option in question.options.items()
        ],
    }
    problems.extend(Problem(question.line, problem) for problem in question_problems(data))
    return None if len(problems) > found else data


def parse_aiken(text: str, *, category: str = "default") -> list[dict]:
    """Single-choice questions in the JSON form from Aiken text; FormatError lists all problems."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    problems: list[Problem] = []
    questions: list[dict] = []
    current: _Question | None = None

    def missing_answer() -> None:
        if current.options:
            problems.append(Problem(current.line, "the question has no ANSWER: line"))
        else:
            problems.append(Problem(current.line, "the question has no options and no ANSWER:"))

    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        option = _OPTION_RE.fullmatch(line)
        answer = _ANSWER_RE.fullmatch(line)
        if not line:
            if current is not None:  # a blank line ends a question without its ANSWER:
                missing_answer()
                current = None
        elif answer:
            if current is None:
                problems.append(Problem(number, "ANSWER: without a question before it"))
            else:
                data = _finish(current, answer.group(1), number, category, problems)
                if data is not None:
                    questions.append(data)
                current = None
        elif option:
            letter, option_text = option.groups()
            if current is None:
                problems.append(Problem(number, f"option {letter} comes before any question text"))
            elif letter in current.options:
                problems.append(Problem(number, f"option {letter} appears twice"))
            else:
                current.options[letter] = option_text.strip()
                if len(current.options[letter]) > CHOICE_TEXT_MAX:
                    message = f"option {letter} is longer than {CHOICE_TEXT_MAX} characters"
                    problems.append(Problem(number, message))
        elif current is None:
            current = _Question(number, line)
        elif current.options:  # text after the options: the ANSWER: line was left out
            missing_answer()
            current = _Question(number, line)
        else:
            current.text.append(line)
    if current is not None:
        missing_answer()
    if problems:
        raise FormatError(problems)
    seen: set[str] = set()
    for data in questions:  # the same text again: number it, as the file orders it
        stem, count = data["name"], 1
        while data["name"] in seen:
            count += 1
            data["name"] = f"{stem}-{count}"
        seen.add(data["name"])
    return questions


def _write_question(data: dict) -> str:
    """One question in Aiken; ValueError when Aiken cannot hold it."""
    if data.get("type") != "single":
        raise ValueError(
            f"only single-choice questions can be written in Aiken, not {data.get('type')!r}"
        )
    choices = data["choices"]
    if len(choices) > 26:
        raise ValueError("Aiken allows at most 26 options (A to Z)")
    if any(float(c["fraction"]) not in {0, 1} for c in choices):
        raise ValueError("Aiken cannot hold partial-credit choices (fractions other than 0 and 1)")
    lines = [line.strip() for line in data["text"].strip().splitlines()]
    for line in lines:
        if not line:
            raise ValueError("Aiken question text cannot contain blank lines")
        if _OPTION_RE.fullmatch(line) or _ANSWER_RE.fullmatch(line):
            raise ValueError(f"the text line {line!r} would be read as an option or ANSWER:")
    letters = [chr(ord("A") + i) for i in range(len(choices))]
    for letter, choice in zip(letters, choices, strict=True):
        if len(choice["text"].strip().splitlines()) != 1:
            raise ValueError(f"option {letter} must be one non-empty line")
        lines.append(f"{letter}. {choice['text'].strip()}")
    right = next(
        letter for letter, c in zip(letters, choices, strict=True) if float(c["fraction"]) == 1
    )
    lines.append(f"ANSWER: {right}")
    return "\n".join(lines)


def write_aiken(questions: Iterable[dict]) -> str:
    """Aiken text for single-choice questions; FormatError names each question it cannot write.

    Names, feedback and general feedback are left out: Aiken has no place for them.
    """
    problems: list[Problem] = []
    parts: list[str] = []
    for data in questions:
        issues = [] if data.get("type") != "single" else question_problems(data)
        try:
            text = "" if issues else _write_question(data)
        except ValueError as error:
            issues = [str(error)]
        except (KeyError, TypeError) as error:
            issues = [f"missing or malformed field {error}"]
        if issues:
            problems.extend(Problem(0, f"question {label(data)}: {issue}") for issue in issues)
        else:
            parts.append(text)
    if problems:
        raise FormatError(problems)
    return "\n\n".join(parts) + "\n" if parts else ""
