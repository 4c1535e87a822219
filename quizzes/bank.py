"""Questions in the JSON form of PRODUCT.md, to and from the database.

The authored bank (fixtures/questions.json) and, later, GIFT and Aiken imports all pass
through ``question_data`` / ``questions_save``: one place knows how each type is stored.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.text import slugify

from lessons.models import Lesson
from quizzes.formats import question_problems
from quizzes.formats.aiken import write_aiken
from quizzes.formats.gift import write_gift
from quizzes.models import Choice, Question, Quiz, QuizQuestion, Tag

LESSON_QUIZ_TITLE = "Check your understanding: {title}"
# Each export format's writer and the question types it can carry.
WRITERS = {
    "gift": (
        write_gift,
        {"single", "multiple", "truefalse", "shortanswer", "numerical", "matching"},
    ),
    "aiken": (write_aiken, {"single"}),
}


class BankError(ValueError):
    """The bank file is not valid; nothing was saved."""


def _decimal(value, *, what: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise BankError(f"{what} is not a number: {value!r}") from None
    if not number.is_finite():
        raise BankError(f"{what} is not a finite number: {value!r}")
    return number


def _choice_rows(data: dict) -> list[dict]:
    kind = data["type"]
    if kind in {"single", "multiple"}:
        return [
            {"text": c["text"], "fraction": _decimal(c.get("fraction", 0), what="fraction"),
             "feedback": c.get("feedback", "")}
            for c in data["choices"]
        ]  # fmt: skip
    if kind == "truefalse":
        return [
            {"text": "True", "fraction": Decimal(int(data["correct"])),
             "feedback": data.get("feedback_true", "")},
            {"text": "False", "fraction": Decimal(int(not data["correct"])),
             "feedback": data.get("feedback_false", "")},
        ]  # fmt: skip
    if kind == "shortanswer":
        return [
            {"text": a["text"], "fraction": _decimal(a.get("fraction", 1), what="fraction"),
             "feedback": a.get("feedback", "")}
            for a in data["answers"]
        ]  # fmt: skip
    if kind == "numerical":
        return [
            {"value": None if a.get("value") is None else _decimal(a["value"], what="value"),
             "tolerance": _decimal(a.get("tolerance", 0), what="tolerance"),
             "fraction": _decimal(a.get("fraction", 1), what="fraction"),
             "feedback": a.get("feedback", "")}
            for a in data["answers"]
        ]  # fmt: skip
    if kind == "matching":
        return [
            {"text": p["prompt"], "match_text": p["answer"], "fraction": Decimal(1)}
            for p in data["pairs"]
        ]
    return [{"text": item, "fraction": Decimal(1)} for item in data["items"]]  # ordering


def _number(value: Decimal | None):
    if value is None:
        return None
    value = value.normalize()
    return int(value) if value == value.to_integral_value() else float(value)


def question_data(question: Question, *, choices: list[Choice] | None = None) -> dict:
    """A question in the JSON form of PRODUCT.md; `choices` replaces the stored ones (a form's)."""
    if choices is None:
        choices = list(question.choices.all())
    choices = sorted(choices, key=lambda c: (c.position, c.pk or 0))
    data = {
        "name": question.name,
        "type": question.type,
        "text": question.text,
        "general_feedback": question.general_feedback,
        "category": question.category,
    }
    kind = question.type
    if kind in {"single", "multiple"}:
        data["choices"] = [
            {"text": c.text, "fraction": _number(c.fraction), "feedback": c.feedback}
            for c in choices
        ]
    elif kind == "truefalse":
        if len(choices) != 2 or {c.text for c in choices} != {"True", "False"}:
            data["correct"] = None  # question_problems explains
        else:
            data["correct"] = choices[0].fraction > 0
            data["feedback_true"], data["feedback_false"] = choices[0].feedback, choices[1].feedback
    elif kind == "shortanswer":
        data["answers"] = [
            {"text": c.text, "fraction": _number(c.fraction), "feedback": c.feedback}
            for c in choices
        ]
    elif kind == "numerical":
        data["answers"] = [
            {"value": _number(c.value), "tolerance": _number(c.tolerance),
             "fraction": _number(c.fraction), "feedback": c.feedback}
            for c in choices
        ]  # fmt: skip
    elif kind == "matching":
        data["pairs"] = [{"prompt": c.text, "answer": c.match_text} for c in choices]
    else:
        data["items"] = [c.text for c in choices]
    return data


def _save_choices(question: Question, rows: list[dict]) -> bool:
    """Update choices in place, position by position, so attempts' choice ids stay valid."""
    existing = list(question.choices.order_by("position", "pk"))
    changed = False
    for position, row in enumerate(rows):
        wanted = {"position": position, "text": "", "match_text": "", "feedback": "",
                  "value": None, "tolerance": Decimal(0), **row}  # fmt: skip
        if position < len(existing):
            choice = existing[position]
            if any(getattr(choice, k) != v for k, v in wanted.items()):
                for key, value in wanted.items():
                    setattr(choice, key, value)
                choice.save()
                changed = True
        else:
            Choice.objects.create(question=question, **wanted)
            changed = True
    extra = [choice.pk for choice in existing[len(rows) :]]
    if extra:
        Choice.objects.filter(pk__in=extra).delete()
        changed = True
    return changed


@dataclass
class SaveResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


KEEP = None  # for question_save: leave the stored lesson or tags as they are


def question_save(
    *, data: dict, lesson: Lesson | None = KEEP, tags: list[Tag] | None = KEEP
) -> tuple[Question, str]:
    """Create or update the question named so in its category; say what happened.

    A file format that cannot carry the lesson, paragraph or tags leaves them as stored.
    """
    problems = question_problems(data)
    if problems:
        raise BankError(f"{data.get('name', '?')}: {'; '.join(problems)}")
    category = slugify(data.get("category") or "default") or "default"
    fields = {
        "type": data["type"],
        "text": data["text"],
        "general_feedback": data.get("general_feedback", ""),
    }
    if lesson is not KEEP:
        fields["lesson"] = lesson
    if "paragraph" in data:
        fields["paragraph"] = data["paragraph"]
    question, created = Question.objects.get_or_create(
        category=category, name=data["name"], defaults=fields
    )
    changed = False
    if not created and any(getattr(question, k) != v for k, v in fields.items()):
        for key, value in fields.items():
            setattr(question, key, value)
        question.save()
        changed = True
    changed |= _save_choices(question, _choice_rows(data))
    if tags is not KEEP and set(question.tags.all()) != set(tags):
        question.tags.set(tags)
        changed = True
    return question, "created" if created else "updated" if changed else "unchanged"


@transaction.atomic
def bank_load(*, bank: dict) -> SaveResult:
    """Load the authored bank: tags, questions and quizzes; loading it twice changes nothing."""
    lessons = {lesson.slug: lesson for lesson in Lesson.objects.all()}
    tags = {}
    for slug, name in bank.get("tags", {}).items():
        kind = slug.partition(":")[0]
        tag, _ = Tag.objects.update_or_create(slug=slug, defaults={"kind": kind, "name": name})
        tags[slug] = tag
    result = SaveResult()
    by_lesson: dict[str, list[Question]] = {}
    for data in bank["questions"]:
        lesson_slug = data.get("lesson")
        if lesson_slug and lesson_slug not in lessons:
            raise BankError(f"{data['name']}: no lesson {lesson_slug!r}; import the article first")
        unknown = [slug for slug in data.get("tags", []) if slug not in tags]
        if unknown:
            raise BankError(f"{data['name']}: unknown tags {unknown}")
        question, outcome = question_save(
            data=data,
            lesson=lessons.get(lesson_slug),
            tags=[tags[slug] for slug in data.get("tags", [])],
        )
        setattr(result, outcome, getattr(result, outcome) + 1)
        by_lesson.setdefault(lesson_slug, []).append(question)
    for spec in bank.get("quizzes", []):
        _quiz_save(spec, lessons=lessons, questions=by_lesson.get(spec.get("lesson"), []))
    return result


def _quiz_save(spec: dict, *, lessons: dict[str, Lesson], questions: list[Question]) -> Quiz:
    lesson = lessons.get(spec["lesson"]) if spec.get("lesson") else None
    minutes = spec.get("time_limit_minutes")
    quiz, _ = Quiz.objects.update_or_create(
        slug=spec["slug"],
        defaults={
            "title": spec.get("title") or LESSON_QUIZ_TITLE.format(title=lesson.title),
            "lesson": lesson,
            "instructions": spec.get("instructions", ""),
            "draw_count": spec.get("draw_count"),
            "shuffle_questions": spec.get("shuffle_questions", False),
            "time_limit": timedelta(minutes=minutes) if minutes else None,
            "max_attempts": spec.get("max_attempts"),
            "grading_method": spec.get("grading_method", Quiz.Grading.HIGHEST),
            "pass_mark": spec.get("pass_mark", 70),
            "feedback_timing": spec.get("feedback_timing", Quiz.Feedback.AFTER_SUBMIT),
        },
    )
    if quiz.draw_count:
        quiz.pool_lessons.set(lessons.values())
    else:
        wanted = [(q.pk, position) for position, q in enumerate(questions, start=1)]
        current = list(
            quiz.quiz_questions.order_by("position").values_list("question_id", "position")
        )
        if current != wanted:
            quiz.quiz_questions.all().delete()
            QuizQuestion.objects.bulk_create(
                QuizQuestion(quiz=quiz, question_id=pk, position=position)
                for pk, position in wanted
            )
    return quiz


@transaction.atomic
def questions_import(*, questions: list[dict], quiz: Quiz | None = None) -> SaveResult:
    """Save parsed questions (matched by name in their category) and add them to the quiz.

    All or nothing; importing the same file again changes nothing and adds no duplicates.
    """
    result = SaveResult()
    saved = []
    for data in questions:
        if quiz is not None and data.get("category", "default") == "default":
            data = {**data, "category": quiz.slug}
        question, outcome = question_save(data=data)
        setattr(result, outcome, getattr(result, outcome) + 1)
        saved.append(question)
    if quiz is not None:
        linked = set(quiz.quiz_questions.values_list("question_id", flat=True))
        last = max(quiz.quiz_questions.values_list("position", flat=True), default=0)
        QuizQuestion.objects.bulk_create(
            QuizQuestion(quiz=quiz, question=question, position=last + offset)
            for offset, question in enumerate(
                (q for q in dict.fromkeys(saved) if q.pk not in linked), start=1
            )
        )
    return result


def questions_export(questions) -> tuple[list[dict], list[Question]]:
    """The questions in JSON form, in a stable order, with their choices in one query."""
    ordered = list(questions.prefetch_related("choices").order_by("category", "name"))
    return [question_data(question) for question in ordered], ordered
