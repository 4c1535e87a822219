"""A realistic demo classroom: 25 students at every stage of the course (seeded, repeatable)."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from classrooms.models import Classroom
from classrooms.services import assignment_create, classroom_create, members_add
from lessons.models import Lesson
from lessons.services import lesson_complete, lesson_start
from quizzes.models import Answer, Quiz
from quizzes.selectors import lesson_quizzes
from quizzes.services import attempt_save, attempt_start, attempt_submit
from spaceedu.models import User

DEMO_CLASSROOM = "Year 9 Space Club"
STUDENT_NAMES = [
    ("Zoë", "Martín"), ("José", "Núñez"), ("Anaïs", "Dupré"), ("Liam", "O'Brien"),
    ("Aiko", "Tanaka"), ("Mateo", "García"), ("Freya", "Lindqvist"), ("Kwame", "Mensah"),
    ("Chloé", "Lefèvre"), ("Ravi", "Patel"), ("Ingrid", "Sørensen"), ("Noah", "Smith, Jr."),
    ("Amara", "Okafor"), ("Luca", "Rossi"), ("Maja", "Kowalska"), ("Omar", "Haddad"),
    ("Sofia", "Ivanova"), ("Ethan", "Brown"), ("Leïla", "Benali"), ("Hana", "Novák"),
    ("Diego", "Álvarez"), ("Yuki", "Sato"), ("Elif", "Yılmaz"), ("Finn", "Murphy"),
    ("Mía", "Fernández"),
]  # fmt: skip


def _wrong_response(answer: Answer, rng: random.Random) -> dict | None:
    choices = list(answer.question.choices.all())
    kind = answer.question.type
    if kind in {"single", "multiple"}:
        wrong = [c for c in choices if c.fraction <= 0]
        return {"choice": wrong[0].pk} if kind == "single" else {"choices": [wrong[0].pk]}
    if kind == "truefalse":
        return {"value": not choices[0].fraction > 0}
    if kind in {"shortanswer", "numerical"}:
        return {"text": "1900" if kind == "numerical" else "I am not sure"}
    return None


def _right_response(answer: Answer) -> dict:
    choices = sorted(answer.question.choices.all(), key=lambda c: (c.position, c.pk))
    kind = answer.question.type
    if kind == "single":
        return {"choice": next(c.pk for c in choices if c.fraction == 1)}
    if kind == "multiple":
        return {"choices": [c.pk for c in choices if c.fraction > 0]}
    if kind == "truefalse":
        return {"value": choices[0].fraction > 0}
    if kind == "shortanswer":
        return {"text": max(choices, key=lambda c: c.fraction).text}
    if kind == "numerical":
        return {"text": str(max(choices, key=lambda c: c.fraction).value)}
    if kind == "matching":
        return {"pairs": {str(c.pk): c.pk for c in choices}}
    return {"order": [c.pk for c in choices]}


def _take_quiz(user, quiz: Quiz, *, skill: float, rng: random.Random, when) -> None:
    attempt = attempt_start(user=user, quiz=quiz, now=when)
    answers = list(attempt.answers.select_related("question").prefetch_related("question__choices"))
    responses = {
        a.pk: _right_response(a) if rng.random() < skill else _wrong_response(a, rng)
        for a in answers
    }
    attempt = attempt_save(attempt=attempt, responses=responses, sequence=0, now=when)
    attempt_submit(attempt=attempt, now=when + timedelta(minutes=6))


@transaction.atomic
def demo_classroom_ensure(*, teacher: User, student: User) -> tuple[Classroom, bool]:
    """Create the demo classroom once: 25 students plus the demo student, varied progress."""
    existing = Classroom.objects.filter(name=DEMO_CLASSROOM, teachers=teacher).first()
    if existing is not None:
        return existing, False
    rng = random.Random(2026)  # noqa: S311 - demo data, repeatable on purpose
    now = timezone.now()
    term_start = now - timedelta(days=14)  # the class has been running for two weeks
    classroom = classroom_create(
        teacher=teacher, name=DEMO_CLASSROOM, description="Tuesdays and Thursdays, room 4B."
    )
    lessons = list(Lesson.objects.published().in_order())
    quizzes = lesson_quizzes(lessons=lessons)
    students = [student]
    for index, (first, last) in enumerate(STUDENT_NAMES, start=1):
        user, created = User.objects.get_or_create(
            username=f"demo-student-{index:02d}",
            defaults={"first_name": first, "last_name": last,
                      "email": f"demo-student-{index:02d}@example.com"},
        )  # fmt: skip
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        students.append(user)
    members_add(classroom=classroom, users=students)
    for lesson, days in zip(lessons[:3], (-7, -1, 6), strict=False):
        assignment_create(
            classroom=classroom, lesson=lesson, due_at=now + timedelta(days=days), now=term_start
        )
    for lesson, days in zip(lessons[:2], (-5, 4), strict=False):
        if lesson.pk in quizzes:
            due_at = now + timedelta(days=days)
            assignment_create(
                classroom=classroom, quiz=quizzes[lesson.pk], due_at=due_at, now=term_start
            )
    for user in students[1:]:
        reached = rng.randint(0, len(lessons))  # lessons this student has got to
        skill = rng.uniform(0.35, 0.95)
        for position, lesson in enumerate(lessons[:reached], start=1):
            started = now - timedelta(days=14 - position, hours=rng.randint(0, 8))
            done = position < reached or rng.random() < 0.5
            lesson_start(user=user, lesson=lesson, now=started)
            if done:
                lesson_complete(user=user, lesson=lesson, now=started + timedelta(minutes=9))
            quiz = quizzes.get(lesson.pk)
            if done and quiz is not None and rng.random() < 0.8:
                for retry in range(rng.choice([1, 1, 2])):
                    _take_quiz(user, quiz, skill=min(0.98, skill + 0.15 * retry), rng=rng,
                               when=started + timedelta(minutes=15 + 30 * retry))  # fmt: skip
    return classroom, True
