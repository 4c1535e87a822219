"""What quizzes keep about a learner, for the learner's own data export.

Answers are described as the learner saw them (SECURITY 23): question and option texts, and
positions in the attempt's own order; never a database id of a choice, prompt, answer or item
(their order gives away the order the author typed them in), nor the question's internal name.
"""

import copy

from django.db.models import Prefetch

from lessons.personal_data import isoformat_or_none
from quizzes.forms import Slot, build_slot
from quizzes.models import Answer, Attempt, Choice, Question
from quizzes.selectors import LOCKED_BY_EXAM, questions_locked_by_open_exam


def _score(value) -> float | None:
    return None if value is None else float(value)


def _given(slot: Slot) -> dict | None:
    """The learner's response in the words and places the attempt showed them."""
    if slot.answer.response is None:
        return None
    kind = slot.question.type
    if kind in {Question.Type.SINGLE, Question.Type.MULTIPLE, Question.Type.TRUEFALSE}:
        return {
            "options": [
                {"position": option.index + 1, "text": option.choice.text}
                for option in slot.options
            ],
            "chosen": [option.index + 1 for option in slot.options if option.selected],
        }
    if kind in {Question.Type.SHORTANSWER, Question.Type.NUMERICAL}:
        return {"text": slot.text}
    if kind == Question.Type.MATCHING:
        answers = {option.index: option.choice.match_text for option in slot.answer_options}
        return {
            "pairs": [
                {"prompt": row.choice.text, "answer": answers.get(row.picked)} for row in slot.rows
            ]
        }
    if kind == Question.Type.ORDERING:
        by_place = {row.picked: row.choice.text for row in slot.rows if row.picked is not None}
        return {"order": [by_place.get(place) for place in slot.positions]}
    return None


def _later_try(answer: Answer, stored: dict) -> dict:
    again = copy.copy(answer)
    again.response = stored.get("response")
    return {"answer": _given(build_slot(again)), "score": _score(stored.get("score"))}


def _answer(answer: Answer, *, submitted: bool, locked: set[int]) -> dict:
    # An open attempt shows a question's score only once immediate feedback has shown it;
    # a question of an open exam shows none anywhere until that exam is submitted.
    shown = (submitted or answer.checked) and answer.question_id not in locked
    entry = {
        "position": answer.position,
        "question": answer.question.text,
        "answer": _given(build_slot(answer)),
        "score": _score(answer.score) if shown else None,
        "flagged": answer.flagged,  # the learner's own "flag for later"
    }
    if shown and answer.retries:
        # "Try again" in practice: kept for the learner, never counted in the mark.
        entry["later_tries"] = [_later_try(answer, stored) for stored in answer.retries]
    if answer.question_id in locked and (submitted or answer.checked):
        entry["note"] = str(LOCKED_BY_EXAM)
    if shown and answer.is_overridden:
        # The mark that counts is the teacher's; the learner's copy says so, and why.
        entry["mark_changed"] = {
            "by_teacher": True,
            "comment": answer.override_comment,
            "at": isoformat_or_none(answer.overridden_at),
        }
    return entry


def quizzes_export(*, user) -> dict:
    """The learner's attempts with their answers, JSON-ready (4 queries)."""
    locked = questions_locked_by_open_exam(user=user)
    attempts = (
        Attempt.objects.filter(user=user)
        .select_related("quiz")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.select_related("question").order_by("position"),
            ),
            Prefetch(
                "answers__question__choices",
                queryset=Choice.objects.order_by("position", "pk"),
            ),
        )
        .order_by("started_at", "pk")
    )
    return {
        "attempts": [
            {
                "quiz": attempt.quiz.title,
                "quiz_slug": attempt.quiz.slug,
                "number": attempt.number,
                "state": attempt.state,
                "started_at": isoformat_or_none(attempt.started_at),
                "submitted_at": isoformat_or_none(attempt.submitted_at),
                "score": _score(attempt.score),
                "answers": [
                    _answer(answer, submitted=attempt.is_submitted, locked=locked)
                    for answer in attempt.answers.all()
                ],
            }
            for attempt in attempts
        ]
    }
