"""The answer form of an attempt page: what the learner sees, and reading what they post.

Choices are never identified by their database ids on the page: ids follow the order an
author typed the choices in (often the right one first), so fields carry each choice's index
in this attempt's own order, and the server maps it back.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext as _

from quizzes.formats.aiken import parse_aiken
from quizzes.formats.gift import parse_gift
from quizzes.grading import parse_number
from quizzes.models import Answer, Choice, Question

MAX_TEXT_LENGTH = 200
MAX_NUMBER_LENGTH = 30


class BadAnswer(ValueError):
    """A posted answer that no honest form could send, or a malformed value."""


class SharedPosition(BadAnswer):
    """Two or more items of an ordering were given the same position."""

    def __init__(self, slot: "Slot", *, picked: dict[int, int], rows: set[int]):
        super().__init__(
            _("In question %(n)d, give each item its own position: the marked items share one.")
            % {"n": slot.answer.position}
        )
        self.answer_id = slot.answer.pk
        self.picked = picked
        self.rows = rows


@dataclass
class Option:
    index: int
    choice: Choice
    selected: bool = False

    @property
    def letter(self) -> str:
        """A, B, … Z, then AA, AB …: how a matching answer is named in its list and select."""
        first, last = divmod(self.index, 26)
        return (chr(ord("A") + first - 1) if first else "") + chr(ord("A") + last)


@dataclass
class Row:
    """A matching prompt or an ordering item, with the learner's pick (index or position)."""

    index: int
    choice: Choice
    picked: int | None = None
    shares_position: bool = False  # an ordering row given a position another row also has


@dataclass
class Slot:
    """One question of the attempt as the page shows it."""

    answer: Answer
    question: Question
    options: list[Option] = field(default_factory=list)  # single, multiple, truefalse
    rows: list[Row] = field(default_factory=list)  # matching prompts, ordering items
    answer_options: list[Option] = field(default_factory=list)  # matching answers
    text: str = ""  # shortanswer, numerical

    @property
    def name(self) -> str:
        return f"q{self.answer.position}"

    @property
    def template(self) -> str:
        return f"quizzes/includes/question_{self.question.type}.html"

    @property
    def positions(self) -> range:
        return range(1, len(self.rows) + 1)


def _choices(answer: Answer) -> dict[int, Choice]:
    return {choice.pk: choice for choice in answer.question.choices.all()}


def build_slot(answer: Answer) -> Slot:
    """The question as laid out for this attempt, with the learner's saved response."""
    question, response = answer.question, answer.response or {}
    choices = _choices(answer)
    ordered = [choices[pk] for pk in answer.layout.get("choices", []) if pk in choices]
    slot = Slot(answer=answer, question=question)
    if question.type in {Question.Type.SINGLE, Question.Type.TRUEFALSE}:
        picked = response.get("choice")
        if question.type == Question.Type.TRUEFALSE and "value" in response:
            picked = ordered[0].pk if response["value"] else ordered[-1].pk
        slot.options = [Option(i, c, c.pk == picked) for i, c in enumerate(ordered)]
    elif question.type == Question.Type.MULTIPLE:
        picked = set(response.get("choices", []))
        slot.options = [Option(i, c, c.pk in picked) for i, c in enumerate(ordered)]
    elif question.type in {Question.Type.SHORTANSWER, Question.Type.NUMERICAL}:
        slot.text = response.get("text", "")
    elif question.type == Question.Type.MATCHING:
        answers = [choices[pk] for pk in answer.layout.get("answers", []) if pk in choices]
        index_of = {choice.pk: i for i, choice in enumerate(answers)}
        pairs = response.get("pairs", {})
        slot.answer_options = [Option(i, c) for i, c in enumerate(answers)]
        slot.rows = [Row(i, c, index_of.get(pairs.get(str(c.pk)))) for i, c in enumerate(ordered)]
    elif question.type == Question.Type.ORDERING:
        order = response.get("order", [])
        place = {pk: n for n, pk in enumerate(order, start=1) if pk is not None}
        slot.rows = [Row(i, c, place.get(c.pk)) for i, c in enumerate(ordered)]
    return slot


def _index(value: str, count: int, *, what: str) -> int:
    if not value.isascii() or not value.isdigit() or int(value) >= count:
        raise BadAnswer(
            _("“%(value)s” is not one of the %(what)s.") % {"value": value[:20], "what": what}
        )
    return int(value)


def _single_value(data: Mapping, key: str) -> str:
    values = data.getlist(key)
    if len(values) > 1:
        raise BadAnswer(_("Question %(key)s was answered twice in one form.") % {"key": key})
    return values[0] if values else ""


def parse_slot(slot: Slot, data) -> dict | None:
    """The stored response for what was posted for this question (None: unanswered)."""
    name, question = slot.name, slot.question
    count = len(slot.options)
    if question.type == Question.Type.SINGLE:
        value = _single_value(data, name)
        if not value:
            return None
        return {"choice": slot.options[_index(value, count, what=_("choices"))].choice.pk}
    if question.type == Question.Type.TRUEFALSE:
        value = _single_value(data, name)
        if not value:
            return None
        return {"value": _index(value, count, what=_("choices")) == 0}
    if question.type == Question.Type.MULTIPLE:
        values = data.getlist(name)
        if len(values) > count:
            raise BadAnswer(_("More boxes were ticked than the question has."))
        picked = {slot.options[_index(v, count, what=_("choices"))].choice.pk for v in values}
        return {"choices": sorted(picked)} if picked else None
    if question.type in {Question.Type.SHORTANSWER, Question.Type.NUMERICAL}:
        text = " ".join(_single_value(data, name).split())
        limit = MAX_NUMBER_LENGTH if question.type == Question.Type.NUMERICAL else MAX_TEXT_LENGTH
        if len(text) > limit:
            raise BadAnswer(
                _("Your answer to question %(n)d is too long (at most %(limit)d characters).")
                % {"n": slot.answer.position, "limit": limit}
            )
        if not text:
            return None
        if question.type == Question.Type.NUMERICAL and parse_number(text) is None:
            raise BadAnswer(
                _("Your answer to question %(n)d must be a number, such as 1975 or 2.5.")
                % {"n": slot.answer.position}
            )
        return {"text": text}
    if question.type == Question.Type.MATCHING:
        pairs = {}
        for row in slot.rows:
            value = _single_value(data, f"{name}-{row.index}")
            if value:
                picked = _index(value, len(slot.answer_options), what=_("answers"))
                pairs[str(row.choice.pk)] = slot.answer_options[picked].choice.pk
        return {"pairs": pairs} if pairs else None
    if question.type == Question.Type.ORDERING:
        order: list[int | None] = [None] * len(slot.rows)
        picked: dict[int, int] = {}  # row index -> position
        for row in slot.rows:
            value = _single_value(data, f"{name}-{row.index}")
            if value:
                position = _index(value, len(slot.rows) + 1, what=_("positions"))
                if position == 0:
                    raise BadAnswer(_("“0” is not one of the positions."))
                picked[row.index] = position
        shared = {i for i, p in picked.items() if list(picked.values()).count(p) > 1}
        if shared:
            raise SharedPosition(slot, picked=picked, rows=shared)
        for row in slot.rows:
            if row.index in picked:
                order[picked[row.index] - 1] = row.choice.pk
        return {"order": order} if any(pk is not None for pk in order) else None
    raise BadAnswer(_("This question cannot be answered."))


def parse_flags(slots: Sequence[Slot], data) -> dict[int, bool]:
    """ "Flag for later" by answer id for this page's questions: a ticked box is posted."""
    # A checked question shows its feedback, not the box: its flag stays as it was.
    return {
        slot.answer.pk: f"flag-{slot.answer.position}" in data
        for slot in slots
        if not slot.answer.checked
    }


def field_names(slots: Sequence[Slot]) -> set[str]:
    names = set()
    for slot in slots:
        names.add(slot.name)
        names.update(f"{slot.name}-{row.index}" for row in slot.rows)
    return names


def parse_page(slots: Sequence[Slot], data) -> dict[int, dict | None]:
    """Responses by answer id for this page's slots; answers to other questions are refused."""
    responses, shared = parse_page_keeping(slots, data)
    if shared:
        raise shared[0]
    return responses


def parse_page_keeping(
    slots: Sequence[Slot], data
) -> tuple[dict[int, dict | None], list["SharedPosition"]]:
    """As ``parse_page``, but an ordering with two items at one position leaves out only that
    question (its stored answer is kept) and says so, instead of refusing the whole page."""
    allowed = field_names(slots)
    foreign = [
        key for key in data if key.startswith("q") and key[1:2].isdigit() and key not in allowed
    ]
    if foreign:
        raise BadAnswer(_("The form answered a question that is not on this page of your attempt."))
    responses, shared = {}, []
    for slot in slots:
        try:
            responses[slot.answer.pk] = parse_slot(slot, data)
        except SharedPosition as problem:
            shared.append(problem)
    return responses, shared


def mark_shared_positions(slots: Sequence[Slot], shared: Sequence["SharedPosition"]) -> None:
    """Show the learner's posted positions on the questions left out, the shared rows marked."""
    by_answer = {problem.answer_id: problem for problem in shared}
    for slot in slots:
        problem = by_answer.get(slot.answer.pk)
        if problem is None:
            continue
        for row in slot.rows:
            row.picked = problem.picked.get(row.index)
            row.shares_position = row.index in problem.rows


class QuestionImportForm(forms.Form):
    """A GIFT or Aiken file to import into a quiz."""

    MAX_SIZE = 1024 * 1024

    file = forms.FileField(
        label=_("File"), required=False, help_text=_("UTF-8 text, at most 1 MB.")
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=[("gift", "GIFT (Moodle)"), ("aiken", "Aiken")]
    )
    dry_run = forms.BooleanField(
        label=_("Only check the file"), required=False, help_text=_("Nothing is saved.")
    )
    # The file read by the previous post (a problem, or only checked): the teacher can fix
    # the format or untick "only check" without choosing the file again.
    kept_text = forms.CharField(required=False, widget=forms.HiddenInput, max_length=MAX_SIZE)
    kept_name = forms.CharField(required=False, widget=forms.HiddenInput, max_length=255)

    text = ""
    name = ""

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload is None:
            return None
        if upload.size > self.MAX_SIZE:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        try:
            self.text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from None
        self.name = upload.name[:255]
        return upload

    def clean(self) -> dict:
        data = super().clean()
        if "file" in self.errors:
            return data
        if data.get("file") is None:
            if not data.get("kept_text"):
                self.add_error("file", _("Choose a file."))
            else:
                self.text, self.name = data["kept_text"], data.get("kept_name", "")
        return data

    @property
    def kept(self) -> "QuestionImportForm":
        """A fresh form that keeps this one's file, format and choice, for the next post."""
        return QuestionImportForm(
            initial={
                "format": self.cleaned_data.get("format"),
                "dry_run": self.cleaned_data.get("dry_run"),
                "kept_text": self.text,
                "kept_name": self.name,
            }
        )

    def parse(self, *, category: str) -> list[dict]:
        """The file's questions in JSON form (raises FormatError listing every problem)."""
        if self.cleaned_data["format"] == "gift":
            return parse_gift(self.text, default_category=category)
        return parse_aiken(self.text, category=category)
