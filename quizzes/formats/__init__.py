"""Text formats for question banks (GIFT, Aiken), to and from the JSON form of PRODUCT.md.

Pure functions on strings and dicts: standard library only, no Django, no database. The
parsers collect every problem of a file and raise one ``FormatError`` listing them all.
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = ["FormatError", "Problem"]

TYPES = ("single", "multiple", "truefalse", "shortanswer", "numerical", "matching", "ordering")
NAME_MAX = 120  # Question.name
CATEGORY_MAX = 120  # Question.category
CHOICE_TEXT_MAX = 500  # Choice.text and Choice.match_text


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an import file, at a line (1-based; 0 when no line applies)."""

    line: int
    message: str
    # A question of a type SpaceEdu does not have (essay, description): skippable on request.
    unsupported: bool = False

    def __str__(self) -> str:
        return f"{self.line}: {self.message}"


class FormatError(ValueError):
    """A file (or a set of questions) cannot be converted; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda problem: problem.line)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def slugify(value: str) -> str:
    """Lower-case ASCII words joined by hyphens (the same rules as Django's slugify)."""
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value.lower())
    return re.sub(r"[-\s]+", "-", value).strip("-_")


def derived_name(text: str) -> str:
    """A stable name for an untitled question: a slug of its first words and a short hash."""
    digest = hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]
    slug = slugify(" ".join(text.replace("_", " ").split()[:8]))[:60].strip("-") or "question"
    return f"{slug}-{digest}"


def number(value: Decimal) -> int | float:
    """A decimal as JSON wants it: int when integral, else float (as ``question_data`` does)."""
    value = value.normalize()
    return int(value) if value == value.to_integral_value() else float(value)


def decimal_text(value: float | int | Decimal) -> str:
    """A number written without exponent or float noise: 0.3333333, 1958, -0.5."""
    text = format(Decimal(str(value)).normalize(), "f")
    return "0" if text in {"-0", "0"} else text


def _decimal(value) -> Decimal | None:
    try:
        result = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return result if result.is_finite() else None


def question_problems(data: dict) -> list[str]:
    """What is wrong with one question in JSON form (empty when it can be saved).

    The one home of these rules: the bank loader, the admin and the importers all use it.
    """
    kind = data.get("type")
    if kind not in TYPES:
        return [f"unknown type {kind!r}"]
    problems = []
    if not str(data.get("name", "")).strip():
        problems.append("the question has no name")
    if not str(data.get("text", "")).strip():
        problems.append("the question has no text")
    if kind in {"single", "multiple"}:
        choices = data.get("choices") or []
        fractions = [_decimal(c.get("fraction", 0)) for c in choices]
        if any(f is None for f in fractions):
            return [*problems, "a fraction is not a number"]
        if len(choices) < 2:
            problems.append("a choice question needs at least two choices")
        if any(not -1 <= f <= 1 for f in fractions):
            problems.append("fractions must be between -1 and 1")
        if kind == "single" and sum(1 for f in fractions if f == 1) != 1:
            problems.append("a single-choice question needs exactly one right choice (fraction 1)")
        if kind == "multiple" and abs(sum(f for f in fractions if f > 0) - 1) > Decimal("0.001"):
            problems.append(
                "the right choices' fractions of a multiple-response question must add up to 1"
            )
    elif kind == "truefalse":
        if not isinstance(data.get("correct"), bool):
            problems.append(
                "a true/false question needs correct: true or false "
                "(two answers, “True” then “False”, one with fraction 1)"
            )
    elif kind == "shortanswer":
        answers = data.get("answers") or []
        if not any(_decimal(a.get("fraction", 0)) == 1 for a in answers):
            problems.append("a short-answer question needs an accepted answer with fraction 1")
    elif kind == "numerical":
        answers = data.get("answers") or []
        # An answer without a value is Moodle's "any other answer" (wrong, with feedback).
        if not any(a.get("value") is not None for a in answers):
            problems.append("a numerical question needs a value")
        elif any(a.get("value") is None and _decimal(a.get("fraction", 0)) != 0 for a in answers):
            problems.append("an answer without a value (any other answer) must score 0")
        elif not any(_decimal(a.get("fraction", 1)) == 1 for a in answers):
            problems.append("a numerical question needs an answer with fraction 1")
    elif kind == "matching":
        pairs = data.get("pairs") or []
        # A pair with an empty prompt is a distractor: an extra answer that matches nothing.
        prompts = [p.get("prompt") for p in pairs if p.get("prompt")]
        if len(prompts) < 2:
            problems.append("a matching question needs at least two pairs")
        if len(set(prompts)) != len(prompts):
            problems.append("each matching prompt must be different")
        if any(not str(p.get("answer") or "").strip() for p in pairs):
            problems.append("each matching pair (and distractor) needs an answer")
    elif kind == "ordering":
        items = data.get("items") or []
        if len(items) < 3:
            problems.append("an ordering question needs at least three items")
        if len(set(items)) != len(items):
            problems.append("each ordering item must be different")
    return problems


def label(data: dict) -> str:
    """How a question is named in a writer's error message."""
    return repr(data.get("name") or str(data.get("text", ""))[:40] or "?")
