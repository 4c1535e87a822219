"""Time the main pages with Django's test client on a seeded database.

    DEBUG=1 DATABASE_URL=sqlite:////tmp/bench.sqlite3 python benchmarks/pages.py [--runs 50]

It migrates and seeds the database it is given (import_article, load_question_bank,
seed_demo), then requests each page `--runs` times as the right user and prints the median
and 95th percentile in milliseconds, the SQL queries per request and the peak Python memory
of one request (tracemalloc). Numbers are for comparing changes on one machine, not promises.
"""

import argparse
import io
import logging
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spaceedu.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


def measure(client: Client, path: str, runs: int) -> tuple[float, float, int, float]:
    client.get(path)  # warm caches and templates
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    reset_queries()  # each request resets the log; start the capture from an empty one
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    tracemalloc.start()
    client.get(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], len(queries), peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    runs = parser.parse_args().runs
    setup_test_environment()
    logging.disable(logging.WARNING)  # the optional pages may 404 before they exist
    quiet = io.StringIO()
    call_command("migrate", verbosity=0)
    call_command("import_article", "fixtures/article.txt", stdout=quiet)
    call_command("load_question_bank", "fixtures/questions.json", stdout=quiet)
    call_command("seed_demo", stdout=quiet)

    from classrooms.models import Classroom
    from quizzes.models import Attempt, Quiz
    from quizzes.services import attempt_start
    from spaceedu.models import User

    student = User.objects.get(username="demo-student-07")
    teacher = User.objects.get(username="demo-teacher")
    exam = Quiz.objects.get(slug="final-exam")
    attempt = attempt_start(user=student, quiz=exam)
    reviewed = Attempt.objects.filter(user=student, state="submitted").first()
    classroom = Classroom.objects.get()

    learner, staff, visitor = Client(), Client(), Client()
    learner.force_login(student)
    staff.force_login(teacher)
    pages = [
        (visitor, "/"),
        (visitor, "/lessons/scientific-benefits/"),
        (learner, "/lessons/"),
        (learner, "/lessons/scientific-benefits/"),
        (learner, "/quizzes/final-exam/"),
        (learner, f"/quizzes/attempts/{attempt.pk}/"),
        (staff, f"/admin/quizzes/quiz/{exam.pk}/statistics/?attempts=all"),
        (staff, "/admin/quizzes/question/"),
    ]
    if reviewed is not None:
        pages.append((learner, f"/quizzes/attempts/{reviewed.pk}/results/"))
    for optional in ("/progress/", "/review/", f"/classrooms/{classroom.pk}/"):
        client = staff if optional.startswith("/classrooms/") else learner
        if client.get(optional).status_code == 200:
            pages.append((client, optional))
    print(f"{'page':58} {'median ms':>9} {'p95 ms':>7} {'queries':>7} {'peak KiB':>8}")
    for client, path in pages:
        median, p95, queries, peak = measure(client, path, runs)
        print(f"{path:58} {median:9.1f} {p95:7.1f} {queries:7d} {peak:8.0f}")


if __name__ == "__main__":
    main()
