"""Small quizzes built from the JSON form, for tests that need exact control."""

from contextlib import contextmanager
from datetime import timedelta

from django.db import transaction

from quizzes.bank import question_save
from quizzes.models import Question, Quiz, QuizQuestion

SINGLE = {
    "name": "apollo-soyuz-partners",
    "type": "single",
    "text": "Who flew the Apollo–Soyuz Test Project?",
    "general_feedback": "NASA and the Soviet space programme, in July 1975.",
    "category": "tests",
    "choices": [
        {"text": "NASA and the Soviet space programme", "fraction": 1, "feedback": "Right."},
        {"text": "NASA and ESA", "fraction": 0, "feedback": "ESA took no part."},
        {"text": "ESA and JAXA", "fraction": 0, "feedback": "No."},
    ],
}
MULTIPLE = {
    "name": "jwst-partners",
    "type": "multiple",
    "text": "Which agencies built the JWST with NASA? Choose two.",
    "general_feedback": "ESA and the CSA.",
    "category": "tests",
    "choices": [
        {"text": "ESA", "fraction": 0.5, "feedback": ""},
        {"text": "CSA", "fraction": 0.5, "feedback": ""},
        {"text": "Roscosmos", "fraction": -0.5, "feedback": "No."},
        {"text": "SpaceX", "fraction": -0.5, "feedback": "A company."},
    ],
}
TRUEFALSE = {
    "name": "voyager-esa",
    "type": "truefalse",
    "text": "Voyager was a joint NASA–ESA mission.",
    "general_feedback": "Voyager was NASA only.",
    "category": "tests",
    "correct": False,
    "feedback_true": "No: NASA only.",
    "feedback_false": "Right: NASA only.",
}
SHORTANSWER = {
    "name": "rosetta-comet",
    "type": "shortanswer",
    "text": "Which comet did Rosetta study? (67P/…)",
    "general_feedback": "67P/Churyumov–Gerasimenko.",
    "category": "tests",
    "answers": [{"text": "Churyumov–Gerasimenko", "fraction": 1, "feedback": "Yes."}],
}
NUMERICAL = {
    "name": "apollo-soyuz-year",
    "type": "numerical",
    "text": "In which year did Apollo and Soyuz dock?",
    "general_feedback": "In July 1975.",
    "category": "tests",
    "answers": [{"value": 1975, "tolerance": 0, "fraction": 1, "feedback": "Yes."}],
}
MATCHING = {
    "name": "mission-leads",
    "type": "matching",
    "text": "Match each mission to who led it.",
    "general_feedback": "",
    "category": "tests",
    "pairs": [
        {"prompt": "Rosetta", "answer": "ESA"},
        {"prompt": "Voyager", "answer": "NASA"},
        {"prompt": "Apollo–Soyuz", "answer": "NASA and the Soviet programme"},
    ],
}
ORDERING = {
    "name": "missions-in-order",
    "type": "ordering",
    "text": "Oldest first.",
    "general_feedback": "",
    "category": "tests",
    "items": ["Apollo–Soyuz", "Voyager launch", "First ISS module", "Rosetta launch"],
}
ALL_TYPES = [SINGLE, MULTIPLE, TRUEFALSE, SHORTANSWER, NUMERICAL, MATCHING, ORDERING]


def make_quiz(questions=ALL_TYPES, *, slug="test-quiz", copies: int = 1, **options) -> Quiz:
    """A published quiz with a fixed list: the given questions, `copies` times over."""
    minutes = options.pop("time_limit_minutes", None)
    if minutes:
        options["time_limit"] = timedelta(minutes=minutes)
    quiz = Quiz.objects.create(slug=slug, title=f"Quiz {slug}", **options)
    position = 0
    for copy in range(copies):
        for data in questions:
            question, _ = question_save(data={**data, "name": f"{data['name']}-{copy}"})
            position += 1
            QuizQuestion.objects.create(quiz=quiz, question=question, position=position)
    return quiz


def right_response(question: Question) -> dict:
    """The stored response that earns full marks."""
    choices = list(question.choices.order_by("position", "pk"))
    if question.type == "single":
        return {"choice": next(c.pk for c in choices if c.fraction == 1)}
    if question.type == "multiple":
        return {"choices": [c.pk for c in choices if c.fraction > 0]}
    if question.type == "truefalse":
        return {"value": choices[0].fraction > 0}
    if question.type in {"shortanswer", "numerical"}:
        best = max(choices, key=lambda c: c.fraction)
        return {"text": best.text if question.type == "shortanswer" else str(best.value)}
    if question.type == "matching":
        return {"pairs": {str(c.pk): c.pk for c in choices}}
    return {"order": [c.pk for c in choices]}


def wrong_response(question: Question) -> dict:
    """A stored response that earns nothing."""
    choices = list(question.choices.order_by("position", "pk"))
    if question.type == "single":
        return {"choice": next(c.pk for c in choices if c.fraction <= 0)}
    if question.type == "multiple":
        return {"choices": [c.pk for c in choices if c.fraction <= 0][:1]}
    if question.type == "truefalse":
        return {"value": not choices[0].fraction > 0}
    if question.type == "shortanswer":
        return {"text": "not an answer"}
    if question.type == "numerical":
        return {"text": "-987654"}
    if question.type == "matching":
        return {"pairs": {str(c.pk): choices[i - 1].pk for i, c in enumerate(choices)}}
    return {"order": [c.pk for c in reversed(choices)]}


@contextmanager
def rolled_back():
    """A savepoint undone at the end: one Hypothesis example's rows never meet the next's."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
