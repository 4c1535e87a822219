"""The quiz statistics report: per-question figures aggregated in the database."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, F, FloatField, Sum
from django.db.models.functions import Cast

from quizzes.grading import FULLY_RIGHT, normalise_answer
from quizzes.models import Answer, Attempt, Question, Quiz
from quizzes.statistics import ItemStatistics, ItemSums, choice_frequencies, item_statistics


@dataclass(frozen=True)
class ChoiceShare:
    text: str
    right: bool
    percent: float


@dataclass(frozen=True)
class ResponseCount:
    """A wrong answer typed by learners (as first typed), and how many typed it."""

    text: str
    count: int


@dataclass(frozen=True)
class PartShare:
    """A matching prompt or an ordering item, and the share of responses that got it right."""

    text: str
    percent: float


@dataclass(frozen=True)
class ItemRow:
    question: Question
    stats: ItemStatistics
    choices: list[ChoiceShare]
    wrong_answers: list[ResponseCount] = field(default_factory=list)  # short answer, numerical
    parts: list[PartShare] = field(default_factory=list)  # matching prompts, ordering items


@dataclass(frozen=True)
class QuizReport:
    quiz: Quiz
    first_only: bool
    attempts: int
    rows: list[ItemRow]


def _float(expression):
    return Cast(expression, FloatField())


def quiz_report(*, quiz: Quiz, first_only: bool) -> QuizReport:
    """Item statistics from learners' first or all submitted attempts (5 queries, any size)."""
    attempts = Attempt.objects.filter(quiz=quiz, state=Attempt.State.SUBMITTED)
    if first_only:
        attempts = attempts.filter(number=1)
    # Attempts of a quiz have the same number of questions unless the quiz changed; the
    # rest-of-test correction uses the most common length.
    lengths = Counter(attempts.annotate(length=Count("answers")).values_list("length", flat=True))
    n_questions = max(lengths, key=lengths.get) if lengths else 1
    answers = Answer.objects.filter(attempt__in=attempts, score__isnull=False)
    x, t = _float(F("score")), _float(F("attempt__score"))
    sums = {
        row["question_id"]: row
        for row in answers.values("question_id").annotate(
            n=Count("pk"),
            sum_x=Sum(x),
            sum_xx=Sum(x * x),
            sum_t=Sum(t),
            sum_tt=Sum(t * t),
            sum_xt=Sum(x * t),
        )
    }
    questions = list(
        Question.objects.filter(pk__in=sums).prefetch_related("choices").order_by("name")
    )
    picks, analysis = _responses(answers, {question.pk: question for question in questions})
    rows = []
    for question in questions:
        row = sums[question.pk]
        stats = item_statistics(
            ItemSums(
                n=row["n"],
                sum_x=row["sum_x"] or 0.0,
                sum_xx=row["sum_xx"] or 0.0,
                sum_t=row["sum_t"] or 0.0,
                sum_tt=row["sum_tt"] or 0.0,
                sum_xt=row["sum_xt"] or 0.0,
                n_questions=max(1, n_questions),
            )
        )
        rows.append(
            ItemRow(
                question=question,
                stats=stats,
                choices=_shares(question, picks, row),
                wrong_answers=analysis.wrong_answers(question),
                parts=analysis.parts(question),
            )
        )
    return QuizReport(quiz=quiz, first_only=first_only, attempts=sum(lengths.values()), rows=rows)


# Moodle's response analysis shows the most common answers; the few most common wrong ones.
WRONG_ANSWERS_SHOWN = 5


class _Analysis:
    """Typed wrong answers by question, and right counts per matching prompt or ordering item."""

    def __init__(self) -> None:
        self.typed: dict[int, Counter] = {}
        self.first_seen: dict[tuple[int, str], str] = {}
        self.right: Counter = Counter()  # (question id, choice id) -> responses right there
        self.answered: Counter = Counter()  # question id -> responses

    def add_typed(self, question_id: int, text: str) -> None:
        key = normalise_answer(text)
        if key:
            self.typed.setdefault(question_id, Counter())[key] += 1
            self.first_seen.setdefault((question_id, key), text.strip())

    def wrong_answers(self, question: Question) -> list[ResponseCount]:
        counts = self.typed.get(question.pk, Counter())
        return [
            ResponseCount(self.first_seen[(question.pk, key)], count)
            for key, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[
                :WRONG_ANSWERS_SHOWN
            ]
        ]

    def parts(self, question: Question) -> list[PartShare]:
        if question.type not in {"matching", "ordering"}:
            return []
        total = self.answered[question.pk]
        choices = sorted(question.choices.all(), key=lambda c: (c.position, c.pk))
        return [
            PartShare(c.text, 100 * self.right[(question.pk, c.pk)] / total if total else 0.0)
            for c in choices
            if c.text  # a matching distractor is no row
        ]


def _responses(answers, questions: dict[int, Question]) -> tuple[Counter, _Analysis]:
    """One pass over the responses: how often each choice was picked, by (question id, choice
    id or True/False), and the response analysis of the other types (1 query)."""
    picks: Counter = Counter()
    analysis = _Analysis()
    responses = answers.filter(response__isnull=False)
    rows = responses.values_list("question_id", "response", "score").iterator()
    for question_id, response, score in rows:
        question = questions.get(question_id)
        kind = question.type if question else None
        if kind in {"shortanswer", "numerical"}:
            if score is not None and score < FULLY_RIGHT:
                analysis.add_typed(question_id, str(response.get("text", "")))
            continue
        if kind == "matching":
            _count_matching(analysis, question, response)
            continue
        if kind == "ordering":
            _count_ordering(analysis, question, response)
            continue
        if "choice" in response:
            picks[(question_id, response["choice"])] += 1
        elif "value" in response:
            picks[(question_id, bool(response["value"]))] += 1
        for choice in response.get("choices", []):
            picks[(question_id, choice)] += 1
    return picks, analysis


def _count_matching(analysis: _Analysis, question: Question, response: dict) -> None:
    choices = {c.pk: c for c in question.choices.all()}
    analysis.answered[question.pk] += 1
    for prompt, answer in (response.get("pairs") or {}).items():
        prompt_choice = choices.get(int(prompt)) if str(prompt).isdigit() else None
        answer_choice = choices.get(answer)
        if prompt_choice and answer_choice and answer_choice.match_text == prompt_choice.match_text:
            analysis.right[(question.pk, prompt_choice.pk)] += 1


def _count_ordering(analysis: _Analysis, question: Question, response: dict) -> None:
    right = [c.pk for c in sorted(question.choices.all(), key=lambda c: (c.position, c.pk))]
    analysis.answered[question.pk] += 1
    for place, item in enumerate(response.get("order") or []):
        if place < len(right) and item == right[place]:
            analysis.right[(question.pk, item)] += 1


def _shares(question: Question, picks: Counter, row: dict) -> list[ChoiceShare]:
    if question.type not in {"single", "multiple", "truefalse"}:
        return []
    choices = sorted(question.choices.all(), key=lambda c: (c.position, c.pk))
    keys = {
        c.pk: ((question.pk, i == 0) if question.type == "truefalse" else (question.pk, c.pk))
        for i, c in enumerate(choices)
    }
    shares = choice_frequencies({c.pk: picks[keys[c.pk]] for c in choices}, responses=row["n"])
    return [ChoiceShare(c.text, c.fraction > 0, shares[c.pk]) for c in choices]
