"""The quiz statistics report: per-question figures aggregated in the database."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, F, FloatField, Sum
from django.db.models.functions import Cast

from quizzes.models import Answer, Attempt, Question, Quiz
from quizzes.statistics import ItemStatistics, ItemSums, choice_frequencies, item_statistics


@dataclass(frozen=True)
class ChoiceShare:
    text: str
    right: bool
    percent: float


@dataclass(frozen=True)
class ItemRow:
    question: Question
    stats: ItemStatistics
    choices: list[ChoiceShare]


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
    questions = Question.objects.filter(pk__in=sums).prefetch_related("choices").order_by("name")
    picks = _choice_picks(answers)
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
        rows.append(ItemRow(question=question, stats=stats, choices=_shares(question, picks, row)))
    return QuizReport(quiz=quiz, first_only=first_only, attempts=sum(lengths.values()), rows=rows)


def _choice_picks(answers) -> Counter:
    """How often each choice was picked, by (question id, choice id or True/False)."""
    picks: Counter = Counter()
    choice_types = ["single", "multiple", "truefalse"]
    responses = answers.filter(question__type__in=choice_types, response__isnull=False)
    for question_id, response in responses.values_list("question_id", "response").iterator():
        if "choice" in response:
            picks[(question_id, response["choice"])] += 1
        elif "value" in response:
            picks[(question_id, bool(response["value"]))] += 1
        for choice in response.get("choices", []):
            picks[(question_id, choice)] += 1
    return picks


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
