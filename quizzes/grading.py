"""Pure grading rules for every SpaceEdu question type.

Standard library only: no Django, no database. Every grader returns a ``Grade`` whose score is
the fraction (0.0 to 1.0) of the question's marks earned. A ``ValueError`` means the learner's
submission or the question's configuration is inconsistent (for example an unknown choice id);
views turn it into a 400 response.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import MAX_PREC, ROUND_HALF_UP, Decimal, localcontext

__all__ = [
    "ChoiceKey",
    "Grade",
    "NumericalAnswer",
    "grade_matching",
    "grade_multiple",
    "grade_numerical",
    "grade_ordering",
    "grade_response",
    "grade_shortanswer",
    "grade_single",
    "grade_truefalse",
    "normalise_answer",
    "parse_number",
    "FULLY_RIGHT",
    "GradeInputs",
    "as_percent",
    "attempt_score",
    "grade_from_inputs",
    "marked_score",
    "is_fully_right",
    "is_passed",
    "quiz_grade",
]

# Fully right: fractions configured as thirds (0.3333 x 3) add up to 0.9999, which must still
# count as correct. The one threshold; SQL filters use it through quizzes.models.fully_right.
FULLY_RIGHT = Decimal("0.9999")
_MAX_NUMBER_LENGTH = 30
# Explicit [0-9] rather than \d or Decimal() alone: Decimal() also accepts "1_000", "inf", "nan",
# exponents and non-ASCII digits such as "١٩٧٥", none of which a learner should be able to submit.
_NUMBER_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


@dataclass(frozen=True)
class Grade:
    """Fraction of a question's marks earned, 0.0 to 1.0, rounded to 4 decimals."""

    score: float

    def __post_init__(self) -> None:
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"score must be between 0 and 1, got {self.score!r}")
        # Rounding here keeps the invariant true however the Grade was built.
        object.__setattr__(self, "score", round(float(self.score), 4))

    @property
    def correct(self) -> bool:
        """A grade is correct when its score is 1, allowing for rounded fractions (3 x 0.3333)."""
        return is_fully_right(self.score)

    @property
    def partial(self) -> bool:
        """A grade is partial when some, but not all, of the marks were earned."""
        return self.score > 0.0 and not self.correct


@dataclass(frozen=True)
class NumericalAnswer:
    """An accepted numerical answer: any value within value +/- tolerance earns the fraction."""

    value: Decimal
    tolerance: Decimal = Decimal(0)
    fraction: float = 1.0

    def __post_init__(self) -> None:
        if not self.value.is_finite():
            raise ValueError(f"value must be finite, got {self.value!r}")
        if not self.tolerance.is_finite() or self.tolerance < 0:
            raise ValueError(f"tolerance must be finite and >= 0, got {self.tolerance!r}")
        _check_fraction(self.fraction, low=0.0)


def normalise_answer(text: str) -> str:
    """Fold case and accents, turn punctuation and symbols into spaces, and collapse whitespace."""
    # NFKD splits accents off as combining marks and maps compatibility forms (ligatures,
    # fullwidth and mathematical letters) to plain ones, so casefolding afterwards covers them all.
    decomposed = unicodedata.normalize("NFKD", text).casefold()
    kept: list[str] = []
    for char in decomposed:
        category = unicodedata.category(char)
        # Marks are the stripped accents; Cf characters (soft hyphen, zero-width space, BOM) are
        # invisible, so a learner cannot know they pasted one.
        if category.startswith("M") or category == "Cf":
            continue
        kept.append(" " if category[0] in "PS" else char)
    return " ".join("".join(kept).split())


def parse_number(text: str) -> Decimal | None:
    """Parse a plain decimal number (ASCII digits, optional sign, "." or a lone ","), else None."""
    candidate = text.strip()
    if len(candidate) > _MAX_NUMBER_LENGTH:
        return None
    # A single comma with no dot is a decimal comma ("2,5"); any other comma use is ambiguous
    # with thousands separators ("1,000.5") and is rejected rather than guessed.
    if candidate.count(",") == 1 and "." not in candidate:
        candidate = candidate.replace(",", ".")
    if _NUMBER_RE.fullmatch(candidate) is None:
        return None
    return Decimal(candidate)


def grade_single(*, fractions: Mapping[int, float], selected: int | None) -> Grade:
    """Score the selected choice's fraction, floored at 0; no selection scores 0."""
    _check_fractions(fractions)
    if selected is None:
        return Grade(0.0)
    if selected not in fractions:
        raise ValueError(f"unknown choice id {selected!r}")
    return _grade(fractions[selected])


def grade_multiple(*, fractions: Mapping[int, float], selected: Collection[int]) -> Grade:
    """Score the sum of the ticked choices' fractions (wrong ones subtract), clamped to [0, 1]."""
    _check_fractions(fractions)
    ticked = set(selected)
    unknown = ticked - fractions.keys()
    if unknown:
        raise ValueError(f"unknown choice ids {sorted(unknown)!r}")
    # fsum is exactly rounded, so the result cannot depend on the set's arbitrary iteration order.
    return _grade(math.fsum(fractions[choice] for choice in ticked))


def grade_truefalse(*, correct: bool, given: bool | None) -> Grade:
    """Score 1 when the given answer equals the correct one, otherwise (or unanswered) 0."""
    return Grade(1.0 if given is not None and given == correct else 0.0)


def grade_shortanswer(*, answers: Sequence[tuple[str, float]], given: str) -> Grade:
    """Score the best fraction among accepted answers equal to the given one after normalising."""
    for _, fraction in answers:
        _check_fraction(fraction, low=0.0)
    normalised = normalise_answer(given)
    if not normalised:
        return Grade(0.0)
    return _grade(
        max(
            (fraction for text, fraction in answers if normalise_answer(text) == normalised),
            default=0.0,
        )
    )


def grade_numerical(*, answers: Sequence[NumericalAnswer], given: Decimal | None) -> Grade:
    """Score the best fraction of answers where value - tolerance <= given <= value + tolerance."""
    if given is None:
        return Grade(0.0)
    if not given.is_finite():
        raise ValueError(f"given must be finite, got {given!r}")
    best = 0.0
    # MAX_PREC makes the additions exact; the default 28-digit context would round the bounds
    # and could move a value that sits exactly on a bound to the wrong side of it.
    with localcontext(prec=MAX_PREC):
        for answer in answers:
            if answer.value - answer.tolerance <= given <= answer.value + answer.tolerance:
                best = max(best, answer.fraction)
    return _grade(best)


def grade_matching(*, pairs: Mapping[int, int], given: Mapping[int, int | None]) -> Grade:
    """Score the share of prompts matched to their correct answer; unanswered prompts are wrong."""
    if not pairs:
        raise ValueError("a matching question needs at least one pair")
    unknown = given.keys() - pairs.keys()
    if unknown:
        raise ValueError(f"unknown prompt ids {sorted(unknown)!r}")
    matched = sum(1 for prompt, answer in pairs.items() if given.get(prompt) == answer)
    return _grade(matched / len(pairs))


def grade_ordering(*, items: Sequence[int], given: Sequence[int | None]) -> Grade:
    """Score the share of positions holding the right item; missing or None positions are wrong."""
    if not items:
        raise ValueError("an ordering question needs at least one item")
    if len(set(items)) != len(items):
        raise ValueError("ordering items must be distinct")
    if len(given) > len(items):
        raise ValueError(f"{len(given)} positions given for {len(items)} items")
    placed = [item for item in given if item is not None]
    unknown = set(placed) - set(items)
    if unknown:
        raise ValueError(f"unknown item ids {sorted(unknown)!r}")
    if len(set(placed)) != len(placed):
        raise ValueError("an item was placed more than once")
    # strict=False: a shorter given leaves the trailing positions unplaced.
    in_place = sum(1 for expected, item in zip(items, given, strict=False) if item == expected)
    return _grade(in_place / len(items))


def _grade(raw: float) -> Grade:
    # Negative fractions penalise within a question but never take marks from other questions.
    return Grade(min(1.0, max(0.0, raw)))


def _check_fractions(fractions: Mapping[int, float]) -> None:
    for fraction in fractions.values():
        _check_fraction(fraction, low=-1.0)


def _check_fraction(fraction: float, *, low: float) -> None:
    # Written so that NaN fails the check too.
    if not low <= fraction <= 1.0:
        raise ValueError(f"fraction must be between {low} and 1, got {fraction!r}")


@dataclass(frozen=True)
class ChoiceKey:
    """What grading needs of one stored choice (see ``quizzes.models.Choice``)."""

    id: int
    position: int = 0
    text: str = ""
    match_text: str = ""
    fraction: float = 0.0
    value: Decimal | None = None
    tolerance: Decimal = Decimal(0)


def grade_response(
    *, type: str, choices: Sequence[ChoiceKey], response: Mapping[str, object] | None
) -> Grade:
    """Grade a stored response (choice ids, text or order) against the question's choices.

    Responses: single {"choice": id}; multiple {"choices": [id, ...]}; truefalse
    {"value": bool}; shortanswer and numerical {"text": str}; matching
    {"pairs": {"prompt id": answer choice id}}; ordering {"order": [id, ...]}.
    No response scores 0.
    """
    if not response:
        return Grade(0.0)
    fractions = {choice.id: choice.fraction for choice in choices}
    if type == "single":
        return grade_single(fractions=fractions, selected=response.get("choice"))
    if type == "multiple":
        return grade_multiple(fractions=fractions, selected=response.get("choices", []))
    if type == "truefalse":
        # The "True" choice comes first; it is the right one when it carries the marks.
        first = min(choices, key=lambda choice: choice.position)
        return grade_truefalse(correct=first.fraction > 0, given=response.get("value"))
    if type == "shortanswer":
        return grade_shortanswer(
            answers=[(choice.text, choice.fraction) for choice in choices],
            given=str(response.get("text", "")),
        )
    if type == "numerical":
        return grade_numerical(
            answers=[
                NumericalAnswer(choice.value, choice.tolerance, choice.fraction)
                for choice in choices
                if choice.value is not None
            ],
            given=parse_number(str(response.get("text", ""))),
        )
    if type == "matching":
        # Two prompts may share an answer text; any choice carrying that text is right. A
        # choice without a prompt is a distractor: an answer that matches no prompt.
        canonical = {}
        for choice in sorted(choices, key=lambda c: c.position):
            canonical.setdefault(choice.match_text, choice.id)
        by_id = {choice.id: canonical[choice.match_text] for choice in choices}
        pairs = {choice.id: by_id[choice.id] for choice in choices if choice.text}
        given = {int(prompt): by_id.get(answer) for prompt, answer in response["pairs"].items()}
        return grade_matching(pairs=pairs, given=given)
    if type == "ordering":
        items = [choice.id for choice in sorted(choices, key=lambda c: c.position)]
        return grade_ordering(items=items, given=response.get("order", []))
    raise ValueError(f"unknown question type {type!r}")


# --- Quiz grades: the pure half of quizzes.standing -----------------------------------------

# An attempt's score is stored with four decimal places (Attempt.score).
SCORE_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class GradeInputs:
    """What any grading method needs from a learner's submitted attempts at one quiz."""

    count: int
    highest: Decimal | None = None
    total: Decimal | None = None
    first: Decimal | None = None  # the score of the lowest-numbered submitted attempt
    latest: Decimal | None = None  # the score of the highest-numbered submitted attempt


def _decimal(value) -> Decimal:
    # SQLite hands aggregates back as floats: str() keeps their shortest exact decimal form.
    return value if isinstance(value, Decimal) else Decimal(str(value))


def marked_score(*, graded: Decimal, override: Decimal | None) -> Decimal:
    """A question's mark in an attempt: the teacher's override when there is one, else the
    grade computed from the response."""
    return graded if override is None else _decimal(override)


def attempt_score(scores: Sequence) -> Decimal:
    """An attempt's score, 0..1 to four places: the mean of its questions' marks (0 without
    questions). Submitting, a teacher's override and a regrade all score through here."""
    values = [_decimal(score) for score in scores]
    if not values:
        return Decimal(0)
    return (sum(values, Decimal(0)) / len(values)).quantize(SCORE_PLACES)


def grade_from_inputs(inputs: GradeInputs, *, method: str) -> Decimal | None:
    """The quiz grade, 0..1 to four places, by the grading method; None before a submission."""
    if not inputs.count:
        return None
    if method == "highest":
        value = _decimal(inputs.highest)
    elif method == "latest":
        value = _decimal(inputs.latest)
    elif method == "first":
        value = _decimal(inputs.first)
    elif method == "average":
        value = _decimal(inputs.total) / inputs.count
    else:
        raise ValueError(f"unknown grading method {method!r}")
    return value.quantize(SCORE_PLACES, rounding=ROUND_HALF_UP)


def quiz_grade(scores: Sequence, *, method: str) -> Decimal | None:
    """The grade from submitted attempts' scores, oldest first (the in-memory form)."""
    values = [_decimal(score) for score in scores]
    inputs = GradeInputs(
        count=len(values),
        highest=max(values, default=None),
        total=sum(values, Decimal(0)),
        first=values[0] if values else None,
        latest=values[-1] if values else None,
    )
    return grade_from_inputs(inputs, method=method)


def is_passed(grade: Decimal | None, *, pass_mark: int) -> bool:
    """Passed: the grade as a percentage reaches the pass mark, compared exactly."""
    return grade is not None and _decimal(grade) * 100 >= pass_mark


def as_percent(score) -> int | None:
    """A score or grade (0..1) as a whole percentage, halves rounded up, as pages show it."""
    if score is None:
        return None
    return int((_decimal(score) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def is_fully_right(score) -> bool:
    """A question's score is fully right when it reaches FULLY_RIGHT."""
    return score is not None and _decimal(score) >= FULLY_RIGHT
