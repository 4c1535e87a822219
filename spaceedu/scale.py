"""Scale data: thousands of students in classrooms of 25–40, with graded attempts (bulk).

For benchmarks and load tests, never for a real site. Each batch of whole classrooms is one
transaction, so an interruption (Ctrl-C) keeps the finished batches and none of the one in
progress: no student without a classroom, no attempt without its answers.
"""

import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from classrooms.models import Membership
from classrooms.services import classroom_create
from lessons.models import LessonProgress
from quizzes.models import Answer, Attempt, Choice, Question, Quiz
from quizzes.services import answer_grade, question_draw, question_layout
from spaceedu.demo import _right_response, _wrong_response
from spaceedu.models import User

CLASS_SIZES = (25, 40)


@dataclass(frozen=True)
class Item:
    """One question of a quiz template: its layout and a right and a wrong response, graded."""

    question_id: int
    layout: dict
    right: dict | None
    right_score: Decimal
    wrong: dict | None
    wrong_score: Decimal


@dataclass
class ScaleReport:
    students: int = 0
    classrooms: int = 0
    attempts: int = 0
    answers: int = 0


def _templates(quizzes: list[Quiz], rng: random.Random) -> dict[int, list[Item]]:
    """Per quiz, one draw of its questions with graded right and wrong responses."""
    templates = {}
    for quiz in quizzes:
        drawn = question_draw(quiz=quiz, rng=rng)
        questions = Question.objects.prefetch_related(
            Prefetch("choices", queryset=Choice.objects.order_by("position", "pk"))
        ).in_bulk([q.pk for q in drawn])
        items = []
        for question in (questions[q.pk] for q in drawn):
            layout = question_layout(question, shuffle=quiz.shuffle_choices, rng=rng)
            probe = Answer(question=question, layout=layout)
            right, wrong = _right_response(probe), _wrong_response(probe, rng)
            scores = []
            for response in (right, wrong):
                probe.response = response
                scores.append(answer_grade(probe))  # the grading rule, applied once per shape
            items.append(Item(question.pk, layout, right, scores[0], wrong, scores[1]))
        if items:
            templates[quiz.pk] = items
    return templates


def _class_sizes(students: int, rng: random.Random) -> list[int]:
    """Classroom sizes adding up to ``students``: 25–40 each (fewer only below 25 in all)."""
    low, high = CLASS_SIZES
    count = max(1, round(students / ((low + high) / 2)))
    while students / count > high:
        count += 1
    sizes = [students // count + (1 if i < students % count else 0) for i in range(count)]
    for i in range(count - 1):  # some variety, within the bounds
        move = rng.randint(-5, 5)
        if low <= sizes[i] + move <= high and low <= sizes[i + 1] - move <= high:
            sizes[i], sizes[i + 1] = sizes[i] + move, sizes[i + 1] - move
    return sizes


def scale_seed(
    *,
    students: int,
    attempts_per_student: int,
    batch_size: int = 500,
    seed: int = 2026,
    progress: Callable[[int], None] = lambda done: None,
) -> ScaleReport:
    """Add students in classrooms of 25–40, each with submitted attempts across the quizzes.

    A batch (whole classrooms, about ``batch_size`` students) is written in one transaction;
    ``progress`` is told how many students each finished batch added.
    """
    rng = random.Random(seed)  # noqa: S311 - test data, repeatable on purpose
    quizzes = [q for q in Quiz.objects.filter(is_published=True).order_by("pk")]
    templates = _templates(quizzes, rng)
    quizzes = [q for q in quizzes if q.pk in templates]
    lessons_of = {q.pk: q.lesson_id for q in quizzes}
    run = secrets.token_hex(3)
    password = make_password(None)
    now = timezone.now()
    report = ScaleReport()
    sizes = _class_sizes(students, rng)
    start = 0
    while start < len(sizes):
        batch = [sizes[start]]
        while start + len(batch) < len(sizes) and sum(batch) + sizes[start + len(batch)] <= (
            batch_size
        ):
            batch.append(sizes[start + len(batch)])
        with transaction.atomic():
            added = _batch(
                batch,
                quizzes=quizzes,
                templates=templates,
                lessons_of=lessons_of,
                attempts_per_student=attempts_per_student,
                tag=f"scale-{run}-{start:05d}",
                password=password,
                now=now,
                rng=rng,
            )
        start += len(batch)
        report.students += added.students
        report.classrooms += added.classrooms
        report.attempts += added.attempts
        report.answers += added.answers
        progress(added.students)
    return report


def _batch(sizes, *, quizzes, templates, lessons_of, attempts_per_student, tag, password, now,
           rng) -> ScaleReport:  # fmt: skip
    teacher = User.objects.create(username=f"{tag}-teacher", password=password, is_staff=True)
    users = User.objects.bulk_create(
        [
            User(
                username=f"{tag}-{i:04d}",
                first_name="Student",
                last_name=f"{tag[-5:]}-{i:04d}",
                email=f"{tag}-{i:04d}@example.invalid",
                password=password,
            )
            for i in range(sum(sizes))
        ],  # fmt: skip
        batch_size=1000,
    )
    memberships, offset = [], 0
    for number, size in enumerate(sizes, start=1):
        classroom = classroom_create(teacher=teacher, name=f"Scale {tag} class {number}")
        memberships += [Membership(classroom=classroom, user=u) for u in users[offset:][:size]]
        offset += size
    Membership.objects.bulk_create(memberships, batch_size=2000)
    attempts, answer_sets, progress = [], [], []
    for user in users:
        skill = rng.uniform(0.3, 0.95)
        used: dict[int, int] = {}
        lessons_done = set()
        for index in range(attempts_per_student):
            quiz = next(
                (
                    q
                    for q in (quizzes[(index + k) % len(quizzes)] for k in range(len(quizzes)))
                    if q.max_attempts is None or used.get(q.pk, 0) < q.max_attempts
                ),
                None,
            )
            if quiz is None:
                break
            used[quiz.pk] = used.get(quiz.pk, 0) + 1
            started = now - timedelta(days=rng.uniform(1, 60))
            rights = [rng.random() < skill for _ in templates[quiz.pk]]
            scores = [
                item.right_score if right else item.wrong_score
                for item, right in zip(templates[quiz.pk], rights, strict=True)
            ]
            score = (sum(scores, Decimal(0)) / len(scores)).quantize(Decimal("0.0001"))
            attempts.append(
                Attempt(
                    quiz=quiz,
                    user=user,
                    number=used[quiz.pk],
                    state=Attempt.State.SUBMITTED,
                    started_at=started,
                    submitted_at=started + timedelta(minutes=6),
                    deadline=started + quiz.time_limit if quiz.time_limit else None,
                    score=score,
                )  # fmt: skip
            )
            answer_sets.append((rights, scores, quiz.pk, started))
            if lessons_of[quiz.pk]:
                lessons_done.add((lessons_of[quiz.pk], started))
        progress += [
            LessonProgress(
                user=user,
                lesson_id=lesson,
                started_at=when - timedelta(minutes=20),
                completed_at=when - timedelta(minutes=5),
            )  # fmt: skip
            for lesson, when in {lesson: when for lesson, when in sorted(lessons_done)}.items()
        ]
    Attempt.objects.bulk_create(attempts, batch_size=1000)
    LessonProgress.objects.bulk_create(progress, batch_size=2000, ignore_conflicts=True)
    answers = [
        Answer(
            attempt=attempt,
            question_id=item.question_id,
            position=position,
            layout=item.layout,
            response=item.right if right else item.wrong,
            score=score,
            saved_at=started + timedelta(minutes=position),
        )  # fmt: skip
        for attempt, (rights, scores, quiz_pk, started) in zip(attempts, answer_sets, strict=True)
        for position, (item, right, score) in enumerate(
            zip(templates[quiz_pk], rights, scores, strict=True), start=1
        )
    ]
    Answer.objects.bulk_create(answers, batch_size=2000)
    return ScaleReport(len(users), len(sizes), len(attempts), len(answers))
