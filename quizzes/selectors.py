"""Reads the quiz pages need: plain data, a fixed number of queries."""

import math
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import (
    Count,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _lazy

from lessons.models import Lesson
from quizzes.allowances import NONE, Allowance, allowance_for, attempt_limit, time_limit
from quizzes.forms import Option, Slot, build_slot
from quizzes.grading import is_fully_right, normalise_answer, parse_number
from quizzes.models import Answer, Attempt, Choice, Quiz
from quizzes.standing import Standing, standing


@dataclass(frozen=True)
class QuizOverview:
    quiz: Quiz
    attempts: list[Attempt]
    open_attempt: Attempt | None
    standing: Standing
    allowance: Allowance = NONE  # the learner's extra time and attempts

    @property
    def used(self) -> int:
        return len(self.attempts)

    @property
    def attempt_limit(self) -> int | None:
        return attempt_limit(quiz=self.quiz, allowance=self.allowance)

    @property
    def time_limit(self):
        """The time an attempt gets, the learner's extra time included."""
        return time_limit(quiz=self.quiz, allowance=self.allowance)

    @property
    def attempts_left(self) -> int | None:
        limit = self.attempt_limit
        if limit is None:
            return None
        return max(0, limit - self.used)

    @property
    def can_start(self) -> bool:
        return self.open_attempt is not None or self.attempts_left != 0

    @property
    def question_count(self) -> int:
        """The quiz's fixed questions, counted by ``published_quiz`` (no query of its own)."""
        return self.quiz.fixed_count

    @property
    def grade_percent(self) -> int | None:
        return self.standing.percent

    @property
    def passed(self) -> bool:
        return self.standing.passed


def published_quiz(*, slug: str) -> Quiz | None:
    """The published quiz with its lesson and ``fixed_count``, its fixed questions (1 query)."""
    return (
        Quiz.objects.filter(slug=slug, is_published=True)
        .select_related("lesson")
        .annotate(fixed_count=Count("quiz_questions"))
        .first()
    )


def quiz_overview(*, quiz: Quiz, user) -> QuizOverview:
    """The quiz from ``published_quiz`` with the learner's attempts, grade and allowance
    (2 queries; none for a visitor)."""
    attempts = (
        list(Attempt.objects.filter(quiz=quiz, user=user).order_by("number"))
        if (user.is_authenticated)
        else []
    )
    for attempt in attempts:
        attempt.quiz = quiz  # spares a query per attempt for Attempt.passed
    return QuizOverview(
        quiz=quiz,
        attempts=attempts,
        open_attempt=next((a for a in attempts if not a.is_submitted), None),
        standing=standing(quiz=quiz, attempts=attempts),
        allowance=allowance_for(user=user, quiz=quiz),
    )


def final_exams() -> QuerySet[Quiz]:
    """Published quizzes without a lesson; the first is the course's final exam (no query)."""
    return Quiz.objects.filter(lesson__isnull=True, is_published=True).order_by("pk")


def final_exam() -> Quiz | None:
    """The course's final exam: the first published quiz without a lesson (1 query)."""
    return final_exams().first()


def lesson_quiz(*, lesson: Lesson) -> Quiz | None:
    """The lesson's quiz: its first published one (1 query)."""
    return lesson.quizzes.filter(is_published=True).order_by("pk").first()


def lesson_quizzes(*, lessons: list[Lesson]) -> dict[int, Quiz]:
    """Lesson id -> the lesson's quiz, as lesson_quiz chooses it, for many lessons (1 query)."""
    quizzes: dict[int, Quiz] = {}
    for quiz in Quiz.objects.filter(is_published=True, lesson__in=lessons).order_by("pk"):
        quizzes.setdefault(quiz.lesson_id, quiz)
    return quizzes


# Why a question's right answer waits while the learner has an exam open (SECURITY 25).
LOCKED_BY_EXAM = _lazy("You can check this question after your exam.")


def open_exam_answers(*, user) -> QuerySet[Answer]:
    """The learner's answer slots in open attempts whose feedback comes after submitting.

    The SQL form of ``questions_locked_by_open_exam``, for a subquery (no query of its own).
    """
    return Answer.objects.filter(
        attempt__user=user,
        attempt__state=Attempt.State.IN_PROGRESS,
        attempt__quiz__feedback_timing=Quiz.Feedback.AFTER_SUBMIT,
    )


def questions_locked_by_open_exam(*, user) -> set[int]:
    """The questions of the learner's open attempts whose feedback comes after submitting.

    Until such an attempt is submitted, nothing may show their right answers: no "Check answer"
    in practice, no spaced review (SECURITY 25). 1 query; none for an anonymous visitor.
    """
    if not getattr(user, "is_authenticated", True):
        return set()
    return set(open_exam_answers(user=user).values_list("question_id", flat=True))


def open_timed_attempt(*, user, now: datetime | None = None) -> Attempt | None:
    """The learner's open timed attempt whose time is still running, soonest deadline first
    (1 query; none for a visitor): the home page's "Continue" leads there before a lesson."""
    if not user.is_authenticated:
        return None
    return (
        Attempt.objects.filter(
            user=user,
            state=Attempt.State.IN_PROGRESS,
            deadline__gt=now or timezone.now(),
        )
        .select_related("quiz")
        .order_by("deadline")
        .first()
    )


def attempt_for_results(*, pk: int, user) -> Attempt | None:
    """The learner's own attempt (as ``attempt_of``) with the lesson after its quiz's lesson,
    as ``next_lesson_slug`` and ``next_lesson_title`` (None if last): still one query."""
    after = (
        Lesson.objects.published()
        .filter(
            course=OuterRef("quiz__lesson__course"),
            position__gt=OuterRef("quiz__lesson__position"),
        )
        .order_by("position", "pk")
    )
    return (
        Attempt.objects.filter(pk=pk, user=user)
        .select_related("quiz", "quiz__lesson")
        .annotate(
            next_lesson_slug=Subquery(after.values("slug")[:1]),
            next_lesson_title=Subquery(after.values("title")[:1]),
        )
        .first()
    )


def attempt_of(*, pk: int, user) -> Attempt | None:
    """The learner's own attempt, or None: another learner's attempt does not exist for them."""
    return Attempt.objects.filter(pk=pk, user=user).select_related("quiz", "quiz__lesson").first()


def _choices_in_order() -> Prefetch:
    return Prefetch("question__choices", queryset=Choice.objects.order_by("position", "pk"))


def _answers_in_order(attempt: Attempt) -> QuerySet[Answer]:
    """The attempt's answers with their questions, in order (1 query; choices not read)."""
    return (
        Answer.objects.filter(attempt=attempt)
        .select_related("question", "question__lesson", "overridden_by")
        .order_by("position")
    )


def _answers(attempt: Attempt) -> list[Answer]:
    """The attempt's answers with their questions and choices, in order (2 queries)."""
    return list(_answers_in_order(attempt).prefetch_related(_choices_in_order()))


@dataclass(frozen=True)
class AttemptPage:
    attempt: Attempt
    slots: list[Slot]
    page: int  # from 1; 0 is the summary before submitting
    page_count: int
    answered: list[bool]  # by question position
    now: datetime
    flagged: list[bool] = field(default_factory=list)  # by question position

    @property
    def is_summary(self) -> bool:
        return self.page == 0

    @property
    def pages(self) -> range:
        return range(1, self.page_count + 1)

    @property
    def seconds_left(self) -> int | None:
        if self.attempt.deadline is None:
            return None
        return max(0, math.floor((self.attempt.deadline - self.now).total_seconds()))

    @property
    def extra_minutes(self) -> int:
        """The learner's extra time in this attempt (an accommodation), in whole minutes."""
        attempt, limit = self.attempt, self.attempt.quiz.time_limit
        if attempt.deadline is None or not limit:
            return 0
        extra = attempt.deadline - attempt.started_at - limit
        return max(0, math.floor(extra.total_seconds() / 60))

    @property
    def minutes_left(self) -> int | None:
        seconds = self.seconds_left
        return None if seconds is None else math.ceil(seconds / 60)

    @property
    def answered_count(self) -> int:
        return sum(self.answered)

    @property
    def unanswered_positions(self) -> list[int]:
        return [n for n, done in enumerate(self.answered, start=1) if not done]

    @property
    def question_rows(self) -> list[tuple[int, int, bool, bool]]:
        """(position, the page it is on, answered, flagged) for each question: the summary's
        links."""
        per_page = self.attempt.quiz.questions_per_page
        flagged = self.flagged or [False] * len(self.answered)
        return [
            (n, math.ceil(n / per_page), done, flag)
            for n, (done, flag) in enumerate(zip(self.answered, flagged, strict=True), 1)
        ]

    @property
    def flagged_pages(self) -> set[int]:
        """The pages with a question flagged for later: the navigator marks them."""
        return {on_page for _n, on_page, _done, flag in self.question_rows if flag}


def attempt_page(*, attempt: Attempt, page: int) -> AttemptPage:
    """One page of an open attempt (2 queries, whatever the number of questions): every
    answer with its question, then the choices of only this page's questions."""
    answers = list(_answers_in_order(attempt))
    per_page = attempt.quiz.questions_per_page
    page_count = max(1, math.ceil(len(answers) / per_page))
    page = min(max(page, 0), page_count)
    on_page = answers[(page - 1) * per_page : page * per_page] if page else []
    prefetch_related_objects(on_page, _choices_in_order())
    return AttemptPage(
        attempt=attempt,
        slots=[build_slot(answer) for answer in on_page],
        page=page,
        page_count=page_count,
        answered=[answer.response is not None for answer in answers],
        now=timezone.now(),
        flagged=[answer.flagged for answer in answers],
    )


# How a choice of a single, multiple or true/false question shows on the results page.
PICKED_RIGHT = "picked-right"  # the learner picked it and it is right: ✓
PICKED_WRONG = "picked-wrong"  # the learner picked it and it is wrong: ✗
RIGHT_NOT_PICKED = "right-not-picked"  # right, not picked: ✓ only where right answers show
PLAIN = "plain"  # wrong and not picked: ○


@dataclass(frozen=True)
class ResultOption:
    """A choice as graded: the learner's option and the mark it earns."""

    option: Option
    mark: str  # PICKED_RIGHT, PICKED_WRONG, RIGHT_NOT_PICKED or PLAIN

    @property
    def choice(self) -> Choice:
        return self.option.choice

    @property
    def picked(self) -> bool:
        return self.mark in (PICKED_RIGHT, PICKED_WRONG)

    @property
    def right(self) -> bool:
        return self.mark in (PICKED_RIGHT, RIGHT_NOT_PICKED)

    @property
    def feedback(self) -> str:
        """The teacher's feedback on this choice, shown at it when the learner picked it."""
        return self.option.choice.feedback if self.picked else ""


def option_mark(option: Option) -> str:
    """The mark of a choice: a choice with a positive fraction is right."""
    right = option.choice.fraction > 0
    if option.selected:
        return PICKED_RIGHT if right else PICKED_WRONG
    return RIGHT_NOT_PICKED if right else PLAIN


@dataclass(frozen=True)
class ResultMatch:
    """A matching prompt as graded: the answer the learner matched to it and the right one."""

    prompt: Choice
    given: str | None  # None when the learner matched nothing
    answer: str  # the right match
    right: bool


@dataclass(frozen=True)
class ResultPlace:
    """A place of an ordering as the learner filled it, and whether the right item is there."""

    choice: Choice | None  # None when the learner left the place empty
    right: bool


@dataclass
class ResultItem:
    """A question after grading: the learner's answer, the right one, and why."""

    slot: Slot
    score: float
    feedback: list[str] = field(default_factory=list)  # per-choice or per-answer feedback
    options: list[ResultOption] = field(default_factory=list)  # single, multiple, truefalse
    right_answers: list[str] = field(default_factory=list)  # texts, for text-entry types
    matches: list[ResultMatch] = field(default_factory=list)  # matching, by prompt
    right_order: list[Choice] = field(default_factory=list)  # ordering
    given_order: list[ResultPlace] = field(default_factory=list)  # ordering

    @property
    def percent(self) -> int:
        return round(self.score * 100)

    @property
    def correct(self) -> bool:
        return is_fully_right(self.score)

    @property
    def partial(self) -> bool:
        return self.score > 0 and not self.correct


def result_item(answer: Answer) -> ResultItem:
    """A graded question for the results page: the answer given, the right one, the feedback."""
    slot = build_slot(answer)
    question, response = answer.question, answer.response or {}
    choices = list(question.choices.all())
    item = ResultItem(slot=slot, score=float(answer.score or 0))
    if question.type in {"single", "multiple", "truefalse"}:
        # Multiple response: each picked choice's feedback shows at that choice (ResultOption),
        # never as a loose "Right." next to a loose "No." about the same answer.
        item.feedback = [
            o.choice.feedback
            for o in slot.options
            if o.selected and o.choice.feedback and question.type != "multiple"
        ]
        item.options = [ResultOption(option=o, mark=option_mark(o)) for o in slot.options]
    elif question.type == "shortanswer":
        given = normalise_answer(response.get("text", ""))
        matched = [c for c in choices if given and normalise_answer(c.text) == given]
        item.feedback = [c.feedback for c in matched if c.feedback]
        item.right_answers = [c.text for c in choices if c.fraction >= 1]
    elif question.type == "numerical":
        value = parse_number(response.get("text", ""))
        matched = [
            c for c in choices
            if value is not None and c.value is not None
            and c.value - c.tolerance <= value <= c.value + c.tolerance
        ]  # fmt: skip
        # Nothing matched: the feedback of "any other answer" (an answer without a value).
        matched = matched or [c for c in choices if c.value is None]
        item.feedback = [c.feedback for c in matched[:1] if c.feedback]
        item.right_answers = [
            f"{c.value.normalize():f}" + (f" ± {c.tolerance.normalize():f}" if c.tolerance else "")
            for c in choices
            if c.fraction >= 1 and c.value is not None
        ]
    elif question.type == "matching":
        answers = {option.index: option.choice.match_text for option in slot.answer_options}
        item.matches = []
        for row in slot.rows:
            given = answers.get(row.picked) if row.picked is not None else None
            item.matches.append(
                ResultMatch(
                    prompt=row.choice,
                    given=given,
                    answer=row.choice.match_text,
                    right=given is not None and given == row.choice.match_text,
                )
            )
    elif question.type == "ordering":
        item.right_order = sorted(choices, key=lambda c: (c.position, c.pk))
        by_id = {c.pk: c for c in choices}
        order = response.get("order") or [None] * len(choices)
        given = [by_id.get(pk) for pk in order]
        item.given_order = [
            ResultPlace(
                choice=choice,
                right=choice is not None
                and place < len(item.right_order)
                and choice == item.right_order[place],
            )
            for place, choice in enumerate(given)
        ]
    return item


@dataclass(frozen=True)
class AttemptResults:
    attempt: Attempt
    items: list[ResultItem]
    # Questions also in the learner's open exam: shown without marks until it is submitted.
    locked: frozenset[int] = frozenset()

    @property
    def correct_count(self) -> int:
        return sum(item.correct for item in self.items)

    @property
    def missed(self) -> list[ResultItem]:
        """The questions not fully right (and not held back): the jump list and the review."""
        return [
            item
            for item in self.items
            if not item.correct and item.slot.question.pk not in self.locked
        ]

    @property
    def to_practise(self) -> list[ResultItem]:
        """The missed questions spaced review brings back: answered (a skipped question was not
        got wrong) and not kept for exams only; ``review.selectors.missed_answers`` is the SQL
        form, tested against this one."""
        return [
            item
            for item in self.missed
            if item.slot.answer.response is not None and not item.slot.question.exam_only
        ]


def attempt_results(*, attempt: Attempt, hold_back: bool = True) -> AttemptResults:
    """A submitted attempt, question by question, its open exam's questions held back from
    the learner (SECURITY 25; 4 queries). A teacher's view holds nothing back (3 queries)."""
    locked = questions_locked_by_open_exam(user=attempt.user_id) if hold_back else set()
    return AttemptResults(
        attempt=attempt,
        items=[result_item(a) for a in _answers(attempt)],
        locked=frozenset(locked),
    )


def checked_items(slots: list[Slot]) -> dict[int, ResultItem]:
    """Immediate feedback for the slots already checked, by answer id (no queries)."""
    return {slot.answer.pk: result_item(slot.answer) for slot in slots if slot.answer.checked}
