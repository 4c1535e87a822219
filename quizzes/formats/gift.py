"""Moodle's GIFT format, to and from the JSON form of PRODUCT.md.

Follows Moodle's reader (question/format/gift/format.php) wherever it maps to our types, but
reports what Moodle would guess at or drop: essays, descriptions, stray text, bad numbers.
Questions are separated by blank lines; ``//`` lines are comments; ``$CATEGORY:`` sets the
category of the questions that follow.
"""

import bisect
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from quizzes.formats import (
    CATEGORY_MAX,
    CHOICE_TEXT_MAX,
    NAME_MAX,
    FormatError,
    Problem,
    decimal_text,
    derived_name,
    label,
    number,
    question_problems,
    slugify,
)

__all__ = ["parse_gift", "write_gift"]

# Escaped characters become private-use placeholders while the structure is read, as Moodle does.
_PLACEHOLDERS = {c: chr(0xE000 + i) for i, c in enumerate("\\~=#{}:n")}
_RESTORE = str.maketrans({p: "\n" if c == "n" else c for c, p in _PLACEHOLDERS.items()})
_ESCAPE_RE = re.compile(r"\\([\\~=#{}:n])")
_PLACEHOLDER_RE = re.compile("[\ue000-\ue007]")
_FORMAT_RE = re.compile(r"\[(?:moodle|html|plain|markdown)\]")
_WEIGHT_RE = re.compile(r"\s*%([^%\n]*)%")
_CATEGORY = "$CATEGORY:"
_IDNUMBER_RE = re.compile(r"\[id:([^\]]+)\]")
_BLANK = "_____"
_TRUE, _FALSE = {"T", "TRUE"}, {"F", "FALSE"}
_HINT_MARKERS = "start each answer with = (right) or ~ (wrong), or write {T}, {F} or {#number}"


@dataclass
class _Block:
    """The lines of one question, comments left out, escapes replaced by placeholders."""

    text: str
    starts: list[int]
    numbers: list[int]

    @classmethod
    def of(cls, lines: list[tuple[int, str]]) -> "_Block":
        starts, offset = [], 0
        for _, line in lines:
            starts.append(offset)
            offset += len(line) + 1
        return cls("\n".join(line for _, line in lines), starts, [n for n, _ in lines])

    @property
    def line(self) -> int:
        return self.numbers[0]

    def line_at(self, offset: int) -> int:
        return self.numbers[max(bisect.bisect_right(self.starts, offset) - 1, 0)]


class _Reader:
    """Reads one question block, collecting its problems with their lines."""

    def __init__(self, block: _Block, category: str) -> None:
        self.block = block
        self.category = category
        self.problems: list[Problem] = []
        self.titled = False

    def fail(self, offset: int | None, message: str, *, unsupported: bool = False) -> None:
        line = self.block.line if offset is None else self.block.line_at(offset)
        self.problems.append(Problem(line, message, unsupported=unsupported))

    def question(self) -> dict | None:
        text = self.block.text
        pos = len(text) - len(text.lstrip())
        name = ""
        if text.startswith("::", pos):
            end = text.find("::", pos + 2)
            if end == -1:
                self.fail(pos, "the title is not closed: write ::Title:: before the question text")
                return None
            name = _clean(text[pos + 2 : end], formats=False)
            self.titled = bool(name)
            pos = end + 2
        opening, closing = text.find("{", pos), text.find("}", pos)
        if opening == -1 and closing == -1:
            self.fail(None, "description items are not supported", unsupported=True)
            return None
        if opening == -1 or -1 < closing < opening:
            self.fail(closing, "} without an opening { (write \\} for a literal brace)")
            return None
        if closing == -1:
            self.fail(opening, "unclosed {: the answer block has no closing }")
            return None
        extra = next(
            (i for i in range(opening + 1, len(text)) if text[i] in "{}" and i != closing), -1
        )
        if extra != -1:
            self.fail(
                extra,
                f"unexpected {text[extra]}: a question has one answer block (separate questions "
                "with a blank line; write \\{ and \\} for literal braces)",
            )
            return None
        after = text[closing + 1 :]
        question_text = _clean(text[pos:opening] + (_BLANK + after if after.strip() else ""))
        answer, base = text[opening + 1 : closing], opening + 1
        general_feedback = ""
        if (split := answer.rfind("####")) != -1:
            general_feedback = _clean(answer[split + 4 :])
            answer = answer[:split]
        if len(name) > NAME_MAX:
            self.fail(None, f"the title is longer than {NAME_MAX} characters")
        data = {
            "name": name or derived_name(question_text),
            "type": "",
            "text": question_text,
            "general_feedback": general_feedback,
            "category": self.category,
        }
        fields = self.answers(answer, base)
        if fields is None or self.problems:
            return None
        data.update(fields)
        for problem in question_problems(data):
            self.fail(None, problem)
        return None if self.problems else data

    def answers(self, answer: str, base: int) -> dict | None:
        """The type and type-specific fields, read from the answer block (Moodle's order)."""
        body = answer.strip()
        start = base + len(answer) - len(answer.lstrip())
        if not body:
            self.fail(None, "essay questions are not supported", unsupported=True)
            return None
        if body.startswith("#"):
            return self.numerical(answer[start - base + 1 :], start + 1)
        if "~" in body:
            return self.choices(answer, base)
        if "=" in body and "->" in body:
            return self.matching(answer, base)
        head, *feedback = body.split("#", 2)
        if head.strip().upper() in _TRUE | _FALSE:
            return self.truefalse(head.strip().upper() in _TRUE, feedback)
        return self.shortanswer(answer, base)

    def segments(self, body: str, base: int, markers: str) -> list[tuple[str, str, int]] | None:
        """(marker, content, offset) for each answer; None when text precedes the first one."""
        pieces = re.split(f"([{re.escape(markers)}])", body)
        prefix, offset = pieces[0], base + len(pieces[0])
        if prefix.strip():
            offset = base + len(prefix) - len(prefix.lstrip())
            self.fail(offset, f"unknown marker in {_shown(prefix)!r}: {_HINT_MARKERS}")
            return None
        result = []
        for marker, content in zip(pieces[1::2], pieces[2::2], strict=True):
            result.append((marker, content, offset))
            offset += 1 + len(content)
        return result

    def weight(self, content: str, offset: int, *, low: int) -> tuple[Decimal | None, str, bool]:
        """The %n% weight leading an answer as a fraction (None when absent), the rest, ok."""
        if not content.lstrip().startswith("%"):
            return None, content, True
        match = _WEIGHT_RE.match(content)
        value = _decimal(match.group(1).strip()) if match else None
        if value is None:
            self.fail(offset, f"bad weight in {_shown(content)!r}: write it as %50% or %-50%")
            return None, content, False
        if not low <= value <= 100:
            self.fail(offset, f"weight {decimal_text(value)}% is out of range ({low}% to 100%)")
            return None, content, False
        return (value / 100).quantize(Decimal("1e-7")), content[match.end() :], True

    def text(self, value: str, offset: int, what: str = "an answer") -> str:
        value = _clean(value)
        if not value:
            self.fail(offset, f"{what} has no text")
        elif len(value) > CHOICE_TEXT_MAX:
            self.fail(offset, f"{what} is longer than {CHOICE_TEXT_MAX} characters")
        return value

    def choices(self, body: str, base: int) -> dict | None:
        segments = self.segments(body, base, "~=")
        if segments is None:
            return None
        choices, fractions = [], []
        for marker, content, offset in segments:
            fraction, rest = Decimal(1), content  # "=" is the right answer, as in Moodle
            if marker == "~":
                weight, rest, ok = self.weight(content, offset, low=-100)
                if not ok:
                    continue
                fraction = Decimal(0) if weight is None else weight
            text, _, feedback = rest.partition("#")
            choices.append(
                {"text": self.text(text, offset), "fraction": number(fraction),
                 "feedback": _clean(feedback)}
            )  # fmt: skip
            fractions.append(fraction)
        if self.problems:
            return None
        kind = "single" if any(marker == "=" for marker, _, _ in segments) else "multiple"
        if len(choices) < 2:
            self.fail(None, "a choice question needs at least two answers")
        elif kind == "single" and (rights := sum(1 for f in fractions if f == 1)) != 1:
            self.fail(
                None,
                f"a single-choice question needs exactly one right answer (=), not {rights}; "
                "for several right answers give each a weight such as ~%50%",
            )
        elif kind == "multiple":
            total = sum(f for f in fractions if f > 0)
            if not total:
                self.fail(None, "the answer block has no right answer: mark it with = or ~%100%")
            elif abs(total - 1) > Decimal("0.001"):
                self.fail(
                    None,
                    f"the right answers' weights add up to {decimal_text(total * 100)}%, not 100%",
                )
        return {"type": kind, "choices": choices}

    def truefalse(self, correct: bool, feedback: list[str]) -> dict:
        # Moodle: {T#a#b} shows a to who answers wrongly and b to who answers rightly.
        wrong, right = (_clean(f) for f in [*feedback, "", ""][:2])
        return {
            "type": "truefalse",
            "correct": correct,
            "feedback_true": right if correct else wrong,
            "feedback_false": wrong if correct else right,
        }

    def shortanswer(self, body: str, base: int) -> dict | None:
        segments = self.segments(body, base, "=")
        if segments is None:
            return None
        answers = []
        for _, content, offset in segments:
            weight, rest, ok = self.weight(content, offset, low=0)
            if ok:
                text, _, feedback = rest.partition("#")
                fraction = Decimal(1) if weight is None else weight
                answers.append(
                    {"text": self.text(text, offset), "fraction": number(fraction),
                     "feedback": _clean(feedback)}
                )  # fmt: skip
        if not self.problems and not any(a["fraction"] == 1 for a in answers):
            self.fail(None, "the answer block has no right answer: one answer needs 100%")
        return {"type": "shortanswer", "answers": answers}

    def numerical(self, body: str, base: int) -> dict | None:
        pieces = re.split("[=~]", body, maxsplit=1)
        entries = []
        if pieces[0].strip():  # {#1975:0}: one answer without "="
            entries.append(("=", pieces[0], base + len(pieces[0]) - len(pieces[0].lstrip())))
        segments = self.segments(body[len(pieces[0]) :], base + len(pieces[0]), "=~")
        entries += segments or []
        if not entries:
            self.fail(None, "a numerical answer needs a number: {#1975}, {#1975:2} or {#1..2}")
            return None
        answers = []
        for marker, content, offset in entries:
            if marker == "~":  # Moodle: a wrong answer, {#3:2~#Completely wrong} for any other
                spec, _, feedback = content.partition("#")
                parsed = self.number_spec(spec.strip(), offset) if spec.strip() else (None, 0)
                if parsed:
                    answers.append(
                        {"value": None if parsed[0] is None else number(parsed[0]),
                         "tolerance": number(Decimal(parsed[1])), "fraction": 0,
                         "feedback": _clean(feedback)}
                    )  # fmt: skip
                continue
            weight, rest, ok = self.weight(content, offset, low=0)
            if not ok:
                continue
            spec, _, feedback = rest.partition("#")
            parsed = self.number_spec(spec.strip(), offset)
            if parsed:
                answers.append(
                    {"value": number(parsed[0]), "tolerance": number(parsed[1]),
                     "fraction": number(Decimal(1) if weight is None else weight),
                     "feedback": _clean(feedback)}
                )  # fmt: skip
        if not self.problems and not any(a["fraction"] == 1 for a in answers):
            self.fail(None, "the answer block has no right answer: one answer needs 100%")
        return {"type": "numerical", "answers": answers}

    def number_spec(self, spec: str, offset: int) -> tuple[Decimal, Decimal] | None:
        """Value and tolerance from 1975, 1975:2 or 1973..1977 (Moodle's three forms)."""
        if spec.find("..") > 0:
            low, high = (_number(part) for part in spec.split("..", 1))
            if low is None or high is None:
                self.fail(offset, f"bad number in range {_shown(spec)!r}: write {{#min..max}}")
                return None
            if low > high:
                self.fail(offset, f"range {_shown(spec)!r}: the minimum is above the maximum")
                return None
            value = (low + high) / 2
            tolerance = high - value
        elif spec.find(":") > 0:
            value, tolerance = (_number(part) for part in spec.split(":", 1))
            if value is None or tolerance is None:
                self.fail(offset, f"bad number {_shown(spec)!r}: write {{#value:tolerance}}")
                return None
            if tolerance < 0:
                self.fail(offset, f"the tolerance in {_shown(spec)!r} cannot be negative")
                return None
        else:
            value, tolerance = _number(spec), Decimal(0)
            if value is None:
                self.fail(offset, f"bad number {_shown(spec)!r}")
                return None
        for item in (value, tolerance):
            if item.normalize().as_tuple().exponent < -6 or abs(item) >= 10**14:
                self.fail(offset, f"{decimal_text(item)} needs at most 14 digits before and 6 "
                                  "after the decimal point")  # fmt: skip
                return None
        return value, tolerance

    def matching(self, body: str, base: int) -> dict | None:
        segments = self.segments(body, base, "=")
        if segments is None:
            return None
        pairs, seen = [], set()
        for _, content, offset in segments:
            if "->" not in content:
                self.fail(
                    offset, f"matching pair {_shown(content)!r} needs the form =prompt -> answer"
                )
                continue
            if "#" in content:
                self.fail(offset, "matching pairs cannot have feedback (write \\# for a literal #)")
                continue
            prompt, _, answer = content.partition("->")
            if not _clean(prompt):  # Moodle's distractor: an extra answer with no prompt
                answer = self.text(answer, offset, "a matching answer")
                pairs.append({"prompt": "", "answer": answer})
                continue
            prompt = self.text(prompt, offset, "a matching prompt")
            answer = self.text(answer, offset, "a matching answer")
            if prompt and prompt in seen:
                self.fail(offset, f"the matching prompt {prompt!r} appears twice")
            seen.add(prompt)
            pairs.append({"prompt": prompt, "answer": answer})
        if not self.problems and sum(1 for pair in pairs if pair["prompt"]) < 2:
            self.fail(None, "a matching question needs at least two pairs")
        return {"type": "matching", "pairs": pairs}


def _clean(value: str, *, formats: bool = True) -> str:
    """Trimmed text without its [format] prefix, placeholders turned back into characters."""
    value = value.strip()
    if formats and (match := _FORMAT_RE.match(value)):
        value = value[match.end() :].strip()
    return value.translate(_RESTORE)


def _shown(value: str) -> str:
    return " ".join(value.translate(_RESTORE).split())[:60]


def _decimal(value: str) -> Decimal | None:
    if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)", value):
        return None
    try:
        return Decimal(value)
    except InvalidOperation:  # pragma: no cover - the pattern only lets numbers through
        return None


def _number(value: str) -> Decimal | None:
    value = value.strip()
    if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", value):
        return None
    return Decimal(value)


def _category(path: str) -> str:
    """The last segment of a Moodle category path ("//" is a literal slash), as a slug."""
    segments = [s.replace("//", "/") for s in re.split(r"(?<!/)/(?!/)", path) if s.strip()]
    return slugify(segments[-1]) if segments else ""


def parse_gift(
    text: str, *, default_category: str = "default", skipped: list[Problem] | None = None
) -> list[dict]:
    """Questions in the JSON form from GIFT text; raises FormatError listing every problem.

    All or nothing: an essay or description item is a problem too, unless ``skipped`` is a
    list: then such items are left out and each is added to it with its line.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    problems: list[Problem] = []
    questions: list[tuple[int, dict, bool, str]] = []
    category = default_category
    lines: list[tuple[int, str]] = []
    idnumber = ""  # Moodle writes a question's id number in a comment above it: // [id:x]

    def flush() -> None:
        nonlocal idnumber
        if lines:
            reader = _Reader(_Block.of(lines), category)
            data = reader.question()
            if (
                skipped is not None
                and reader.problems
                and all(problem.unsupported for problem in reader.problems)
            ):
                skipped.extend(reader.problems)
            else:
                problems.extend(reader.problems)
            if data is not None:
                questions.append((reader.block.line, data, reader.titled, idnumber))
            lines.clear()
        idnumber = ""

    for line_number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped.startswith("//"):
            if not lines and (found := _IDNUMBER_RE.search(stripped)):
                idnumber = found.group(1).strip()
            continue
        if not stripped:
            flush()
        elif stripped.startswith(_CATEGORY):
            flush()
            category = _category(stripped[len(_CATEGORY) :].strip())
            if not category:
                message = "$CATEGORY: needs a category name with letters or digits"
                problems.append(Problem(line_number, message))
                category = default_category
            elif len(category) > CATEGORY_MAX:
                problems.append(
                    Problem(line_number, f"the category is longer than {CATEGORY_MAX} characters")
                )
        else:
            if _PLACEHOLDER_RE.search(line):
                message = "characters U+E000 to U+E007 are not allowed"
                problems.append(Problem(line_number, message))
            lines.append((line_number, _ESCAPE_RE.sub(lambda m: _PLACEHOLDERS[m.group(1)], line)))
    flush()

    first_line: dict[tuple[str, str], int] = {}
    for line, data, titled, number_id in questions:
        key = (data["category"], data["name"])
        if not titled:  # the same untitled text again: number it, as the file orders it
            stem, count = data["name"], 1
            while key in first_line:
                count += 1
                data["name"] = f"{stem}-{count}"
                key = (data["category"], data["name"])
        elif key in first_line:
            # Moodle allows a name twice. The later one is stored under its id number when
            # the file gives one, else under its name and text, so a re-import finds it again.
            data["name"] = _duplicate_name(data, number_id)
            key = (data["category"], data["name"])
        if key in first_line:
            problems.append(
                Problem(
                    line,
                    f"the name {data['name']!r} is already used in category {data['category']!r} "
                    f"(line {first_line[key]})",
                )
            )
        first_line.setdefault(key, line)
    if problems:
        raise FormatError(problems)
    return [data for _, data, _, _ in questions]


def _duplicate_name(data: dict, idnumber: str) -> str:
    """The stored name of a question whose title another question of the file already has."""
    if idnumber:
        suffix = f" [id:{idnumber}]"
    else:
        suffix = f" [{hashlib.sha256(data['text'].encode()).hexdigest()[:8]}]"
    return data["name"][: NAME_MAX - len(suffix)].rstrip() + suffix


def _escape(value: str, *, formats: bool = True) -> str:
    """GIFT text: special characters escaped, newlines as \\n, a literal [format] protected."""
    value = value.replace("\r", "").replace("\\", "\\\\")
    for char in "~=#{}:":
        value = value.replace(char, "\\" + char)
    value = value.replace("\n", "\\n")
    return "[moodle]" + value if formats and _FORMAT_RE.match(value.strip()) else value


def _weighted(marker: str, fraction: float, text: str, *, implicit: int) -> str:
    """An answer with its %weight%, left out when it is the marker's default."""
    fraction = Decimal(str(fraction))
    if fraction == implicit and not text.lstrip().startswith("%"):
        return marker + _escape(text)
    return f"{marker}%{decimal_text(fraction * 100)}%{_escape(text)}"


def _feedback(value: str) -> str:
    return "#" + _escape(value) if value else ""


def _truefalse_block(data: dict) -> str:
    # The first feedback is for a wrong answer, the second for a right one (see _Reader).
    correct = data["correct"]
    right = data.get("feedback_true" if correct else "feedback_false", "")
    wrong = data.get("feedback_false" if correct else "feedback_true", "")
    block = "TRUE" if correct else "FALSE"
    if wrong or right:
        block += "#" + _escape(wrong) + _feedback(right)
    general = data.get("general_feedback", "")
    return block + ("####" + _escape(general) if general else "")


def _answer_lines(data: dict) -> list[str]:
    kind, lines = data["type"], []
    if kind in {"single", "multiple"}:
        for choice in data["choices"]:
            if kind == "single" and Decimal(str(choice["fraction"])) == 1:
                answer = "=" + _escape(choice["text"])  # Moodle reads "=%..." literally
            else:
                answer = _weighted("~", choice["fraction"], choice["text"], implicit=0)
            lines.append(answer + _feedback(choice.get("feedback", "")))
    elif kind == "shortanswer":
        for answer in data["answers"]:
            if "->" in answer["text"] + answer.get("feedback", ""):
                raise ValueError(f"the short answer {answer['text']!r} or its feedback contains "
                                 "'->', which GIFT reads as matching")  # fmt: skip
            text = _weighted("=", answer.get("fraction", 1), answer["text"], implicit=1)
            lines.append(text + _feedback(answer.get("feedback", "")))
    elif kind == "numerical":
        for answer in data["answers"]:
            if answer.get("value") is None:  # any other answer: Moodle's ~#feedback
                lines.append("~" + _feedback(answer.get("feedback", "")))
                continue
            fraction = Decimal(str(answer.get("fraction", 1)))
            weight = "" if fraction == 1 else f"%{decimal_text(fraction * 100)}%"
            spec = f"{decimal_text(answer['value'])}:{decimal_text(answer.get('tolerance', 0))}"
            lines.append(f"={weight}{spec}{_feedback(answer.get('feedback', ''))}")
    elif kind == "matching":
        for pair in data["pairs"]:
            if "->" in pair["prompt"]:
                raise ValueError(f"the matching prompt {pair['prompt']!r} contains '->'")
            prompt = _escape(pair["prompt"]) + " " if pair["prompt"] else ""
            lines.append(f"={prompt}-> {_escape(pair['answer'])}")
    if data.get("general_feedback"):
        lines.append("####" + _escape(data["general_feedback"]))
    return lines


def _write_question(data: dict) -> str:
    head = f"::{_escape(data['name'], formats=False)}::{_escape(data['text'])}"
    if data["type"] == "truefalse":
        return f"{head}{{{_truefalse_block(data)}}}"
    opening = "{#" if data["type"] == "numerical" else "{"
    return head + opening + "".join(f"\n\t{line}" for line in _answer_lines(data)) + "\n}"


def write_gift(questions: Iterable[dict]) -> str:
    """GIFT text for questions in the JSON form; raises FormatError for any it cannot write."""
    problems: list[Problem] = []
    parts: list[str] = []
    current = None
    for data in questions:
        if data.get("type") == "ordering":
            problems.append(Problem(0, f"question {label(data)}: GIFT has no ordering questions"))
            continue
        issues = question_problems(data)
        try:
            text = "" if issues else _write_question(data)
        except ValueError as error:
            issues = [str(error)]
        except (KeyError, TypeError) as error:
            issues = [f"missing or malformed field {error}"]
        if issues:
            problems.extend(Problem(0, f"question {label(data)}: {issue}") for issue in issues)
            continue
        category = str(data.get("category") or "default")
        if category != current:
            current = category
            parts.append(f"{_CATEGORY} $course$/top/{category.replace('/', '//')}")
        parts.append(text)
    if problems:
        raise FormatError(problems)
    return "\n\n".join(parts) + "\n" if parts else ""
