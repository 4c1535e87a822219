"""Seed a benchmark database and count each page's queries (run by benchmarks/run.py).

    python -m <package>.seed prepare PLAN.json     # migrate, course, demo, bench data
    python -m <package>.seed count PLAN.json OUT.json

Only the project's services and models are used, the same at every commit measured, so one
harness gives before and after numbers. Large classrooms are copied row by row from students
who took their quizzes through the services (bulk inserts), which keeps seeding to a minute.
"""

import io
import json
import os
import random
import sys
from datetime import timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", f"{__package__}.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.sessions.backends.base import VALID_KEY_CHARS  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.contrib.sessions.models import Session  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.crypto import get_random_string  # noqa: E402

from classrooms.models import Membership  # noqa: E402
from classrooms.services import assignment_create, classroom_create, members_add  # noqa: E402
from lessons.models import Lesson, LessonProgress  # noqa: E402
from lessons.services import lesson_complete  # noqa: E402
from quizzes.models import Answer, Attempt  # noqa: E402
from quizzes.selectors import final_exam, lesson_quizzes  # noqa: E402
from quizzes.services import attempt_save, attempt_start  # noqa: E402
from spaceedu.demo import _right_response, _take_quiz  # noqa: E402
from spaceedu.models import User  # noqa: E402

from .forms import form_fields  # noqa: E402

PASSWORD = "bench-Orbit-2026-password"  # noqa: S105 - a throwaway benchmark database
POOL = 1500  # open exam attempts for the submit benchmark, one per learner
BIG_CLASS = 3000


def _copy(model, rows, **overrides):
    """Unsaved copies of rows (every column but the id), with some columns replaced."""
    fields = [f.attname for f in model._meta.concrete_fields if not f.primary_key]
    return [model(**{**{name: getattr(row, name) for name in fields}, **overrides}) for row in rows]


def _users(prefix: str, count: int) -> list[User]:
    unusable = make_password(None)
    return User.objects.bulk_create(
        [
            User(
                username=f"{prefix}-{i:05d}",
                first_name="Bench",
                last_name=f"{i}",
                email=f"{prefix}-{i:05d}@example.com",
                password=unusable,
            )
            for i in range(count)
        ],  # fmt: skip
        batch_size=500,
    )


def _assign(classroom, lessons, quizzes, exam, now) -> None:
    start = now - timedelta(days=14)
    for lesson, days in zip(lessons[:3], (-7, -1, 6), strict=False):
        assignment_create(classroom=classroom, lesson=lesson, due_at=now + timedelta(days=days),
                          now=start)  # fmt: skip
    for lesson in lessons[:2]:
        assignment_create(classroom=classroom, quiz=quizzes[lesson.pk],
                          due_at=now + timedelta(days=3), now=start)  # fmt: skip
    assignment_create(classroom=classroom, quiz=exam, due_at=now + timedelta(days=9), now=start)


def _clone_learners(sources: list[User], targets: list[User]) -> None:
    """Give each target the lesson progress, attempts and answers of a source learner."""
    progress = {u.pk: list(LessonProgress.objects.filter(user=u)) for u in sources}
    attempts = {u.pk: list(Attempt.objects.filter(user=u)) for u in sources}
    answers = {a.pk: list(Answer.objects.filter(attempt=a)) for rows in attempts.values()
               for a in rows}  # fmt: skip
    new_progress, new_attempts, origin = [], [], []
    for index, user in enumerate(targets):
        source = sources[index % len(sources)]
        new_progress += _copy(LessonProgress, progress[source.pk], user_id=user.pk)
        for attempt in attempts[source.pk]:
            new_attempts += _copy(Attempt, [attempt], user_id=user.pk)
            origin.append(attempt.pk)
    LessonProgress.objects.bulk_create(new_progress, batch_size=1000)
    Attempt.objects.bulk_create(new_attempts, batch_size=1000)
    new_answers = []
    for attempt, source_pk in zip(new_attempts, origin, strict=True):
        new_answers += _copy(Answer, answers[source_pk], attempt_id=attempt.pk)
    Answer.objects.bulk_create(new_answers, batch_size=2000)


def _sessions(users: list[User]) -> list[str]:
    """Signed-in sessions for users, written straight to the database."""
    store, expiry = SessionStore(), timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    rows = []
    for user in users:
        data = {SESSION_KEY: str(user.pk), HASH_SESSION_KEY: user.get_session_auth_hash(),
                BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend"}  # fmt: skip
        rows.append(Session(session_key=get_random_string(32, VALID_KEY_CHARS),
                            session_data=store.encode(data), expire_date=expiry))  # fmt: skip
    Session.objects.bulk_create(rows, batch_size=1000)
    return [row.session_key for row in rows]


def prepare(plan_path: str) -> None:
    quiet = io.StringIO()
    call_command("migrate", verbosity=0)
    call_command("import_article", "fixtures/article.txt", stdout=quiet)
    call_command("load_question_bank", "fixtures/questions.json", stdout=quiet)
    call_command("seed_demo", stdout=quiet)
    rng = random.Random(11)  # noqa: S311 - benchmark data, repeatable on purpose
    now = timezone.now()
    lessons = list(Lesson.objects.published().in_order())
    quizzes = lesson_quizzes(lessons=lessons)
    exam = final_exam()
    teacher = User.objects.get(username="demo-teacher")
    teacher.set_password(PASSWORD)
    teacher.save()

    # The learner: every lesson done, every lesson quiz taken, one exam graded, one open.
    learner = User.objects.create_user("bench-learner", "bench-learner@example.com", PASSWORD)
    for day, lesson in enumerate(lessons):
        when = now - timedelta(days=20 - day)
        lesson_complete(user=learner, lesson=lesson, now=when)
        if lesson.pk in quizzes:
            _take_quiz(learner, quizzes[lesson.pk], skill=0.6, rng=rng,
                       when=when + timedelta(minutes=10))  # fmt: skip
    _take_quiz(learner, exam, skill=0.7, rng=rng, when=now - timedelta(days=1))
    graded = Attempt.objects.filter(user=learner, quiz=exam, state="submitted").get()
    open_exam = attempt_start(user=learner, quiz=exam)

    # A classroom of 30 who took their quizzes through the services.
    with transaction.atomic():
        class30 = classroom_create(teacher=teacher, name="Bench class of 30")
        students = _users("bench-s", 30)
        members_add(classroom=class30, users=[*students, learner])
        _assign(class30, lessons, quizzes, exam, now)
    for index, student in enumerate(students):
        skill = rng.uniform(0.35, 0.95)
        for position, lesson in enumerate(lessons[: 1 + index % 4]):
            when = now - timedelta(days=10 - position)
            lesson_complete(user=student, lesson=lesson, now=when)
            if lesson.pk in quizzes:
                _take_quiz(student, quizzes[lesson.pk], skill=skill, rng=rng,
                           when=when + timedelta(minutes=10))  # fmt: skip
        if index % 3 == 0:
            _take_quiz(student, exam, skill=skill, rng=rng, when=now - timedelta(days=2))

    # A classroom of 3,000 for the gradebook: copies of the 30.
    with transaction.atomic():
        big = classroom_create(teacher=teacher, name="Bench district of 3000")
        crowd = _users("bench-g", BIG_CLASS)
        Membership.objects.bulk_create(
            [Membership(classroom=big, user=u) for u in crowd], batch_size=1000
        )
        _assign(big, lessons, quizzes, exam, now)
        _clone_learners(students, crowd)

    # Learners with one open exam each (saved answers) for the submit benchmark.
    template = User.objects.create_user("bench-template", "bench-template@example.com", None)
    attempt = attempt_start(user=template, quiz=exam)
    answers = attempt.answers.select_related("question").prefetch_related("question__choices")
    attempt_save(attempt=attempt, responses={a.pk: _right_response(a) for a in answers},
                 sequence=attempt.sequence)  # fmt: skip
    with transaction.atomic():
        takers = _users("bench-p", POOL + 2)
        _clone_learners([template], takers)
        keys = _sessions(takers)
    opened = Attempt.objects.filter(user__in=takers).order_by("user_id")
    pool = [
        [key, f"/quizzes/attempts/{attempt_pk}/submit/"]
        for key, attempt_pk in zip(keys, opened.values_list("pk", flat=True), strict=True)
    ]
    result = graded.pk
    pages = [
        ("home", "GET", "/", "learner"),
        ("lesson list", "GET", "/lessons/", "learner"),
        ("lesson", "GET", lessons[1].get_absolute_url(), "learner"),
        ("quiz page", "GET", exam.get_absolute_url(), "learner"),
        ("exam attempt page", "GET", f"/quizzes/attempts/{open_exam.pk}/", "learner"),
        ("attempt save", "POST", f"/quizzes/attempts/{open_exam.pk}/save/", "learner"),
        ("submit", "POST", "pool", "pool"),
        ("result page", "GET", f"/quizzes/attempts/{result}/results/", "learner"),
        ("My progress", "GET", "/progress/", "learner"),
        ("spaced review", "GET", "/review/", "learner"),
        ("teacher dashboard (30 students)", "GET", f"/classrooms/{class30.pk}/", "teacher"),
        ("gradebook CSV (3,000 students)", "GET", f"/classrooms/{big.pk}/gradebook.csv",
         "teacher"),
    ]  # fmt: skip
    plan = {
        "password": PASSWORD,
        "learner": learner.username,
        "teacher": teacher.username,
        "reference": "/__bench__/ok/",
        "pages": [dict(zip(("name", "method", "path", "who"), p, strict=True)) for p in pages],
        "slow": {"gradebook CSV (3,000 students)": 15},
        "pool": pool[:POOL],
        "reserved": pool[POOL:],
        "rows": {
            "users": User.objects.count(),
            "attempts": Attempt.objects.count(),
            "answers": Answer.objects.count(),
        },
    }
    with open(plan_path, "w") as out:
        json.dump(plan, out, indent=1)


def count(plan_path: str, out_path: str) -> None:
    """Queries per request for each page, with Django's test client on the same database."""
    with open(plan_path) as handle:
        plan = json.load(handle)
    clients = {}
    for who in ("learner", "teacher"):
        clients[who] = Client(headers={"X-Forwarded-Proto": "https"})
        clients[who].force_login(User.objects.get(username=plan[who]))
    pool_client = Client(headers={"X-Forwarded-Proto": "https"})
    pool_client.cookies[settings.SESSION_COOKIE_NAME] = plan["reserved"][0][0]
    clients["pool"] = pool_client
    counts = {}
    reference = [dict(name="reference", method="GET", path=plan["reference"], who="learner")]
    for page in reference + plan["pages"]:
        client = clients[page["who"]]
        if page["method"] == "GET":
            client.get(page["path"])  # warm: the first visit may write (review cards, progress)

            def send(client=client, page=page):
                return client.get(page["path"])
        elif page["who"] == "pool":

            def send(client=client, path=plan["reserved"][0][1]):
                return client.post(path)
        else:
            attempt_path = page["path"].removesuffix("save/")
            _, fields = form_fields(client.get(attempt_path).content.decode(), "/save/")

            def send(client=client, page=page, fields=fields):
                return client.post(page["path"], fields, headers={"Accept": "application/json"})

        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            response = send()
        if response.status_code >= 400:
            raise SystemExit(f"{page['name']}: {response.status_code}")
        counts[page["name"]] = len(queries)
    with open(out_path, "w") as out:
        json.dump(counts, out, indent=1)


def profile(plan_path: str, out_dir: str, runs: str = "20") -> None:
    """pyinstrument profiles of every GET page (Django's test client), one text file each."""
    from pyinstrument import Profiler

    with open(plan_path) as handle:
        plan = json.load(handle)
    clients = {}
    for who in ("learner", "teacher"):
        clients[who] = Client(headers={"X-Forwarded-Proto": "https"})
        clients[who].force_login(User.objects.get(username=plan[who]))
    for page in plan["pages"]:
        if page["method"] != "GET":
            continue
        client, times = clients[page["who"]], 2 if "gradebook" in page["name"] else int(runs)
        client.get(page["path"])
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(times):
            response = client.get(page["path"])
            if response.streaming:
                b"".join(response.streaming_content)
        profiler.stop()
        session = profiler.last_session
        # CPU time is the steadier figure on a shared machine: waiting for a core is not in it.
        wall, cpu = session.duration / times * 1000, session.cpu_time / times * 1000
        name = page["name"].split(" (")[0].replace(" ", "-").lower()
        with open(os.path.join(out_dir, f"{name}.txt"), "w") as out:
            out.write(f"{page['name']}: {wall:.1f} ms a request, {cpu:.1f} ms of CPU ")
            out.write(f"({times} requests)\n")
            out.write(profiler.output_text(unicode=False, color=False))
        print(f"{page['name']:34} {wall:7.1f} ms {cpu:7.1f} ms CPU")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"prepare": prepare, "count": count, "profile": profile}[command](*args)
