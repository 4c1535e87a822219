"""Races on a SQLite file with the site's settings, run in its own process by
tests/quizzes/test_sqlite_concurrency.py: `python -m tests.quizzes.sqlite_race <threads>`.

Prints one JSON line: what each race's threads raised, by exception class.
"""

import json
import sys
from collections import Counter

import django


def main(threads: int) -> None:
    django.setup()
    from django.core.management import call_command

    from quizzes.models import Attempt
    from quizzes.services import attempt_save, attempt_start, attempt_submit
    from tests.factories import UserFactory
    from tests.quizzes.helpers import SINGLE, make_quiz, right_response
    from tests.quizzes.test_concurrency import race

    call_command("migrate", verbosity=0)
    quiz = make_quiz([SINGLE])
    report = {}

    attempt = attempt_start(user=UserFactory(), quiz=quiz)
    answer = attempt.answers.get()
    response = right_response(answer.question)
    _, errors = race(
        threads,
        lambda: attempt_save(attempt=attempt, responses={answer.pk: response}, sequence=0),
    )
    report["saves"] = Counter(type(error).__name__ for error in errors)

    attempt = attempt_start(user=UserFactory(), quiz=quiz)
    results, errors = race(threads, lambda: attempt_submit(attempt=attempt))
    report["submits"] = Counter(type(error).__name__ for error in errors)
    report["submitted"] = len({(r.pk, r.score, r.submitted_at) for r in results})

    limited = make_quiz([SINGLE], slug="limited", max_attempts=2)
    user = UserFactory()
    attempt_submit(attempt=attempt_start(user=user, quiz=limited))
    results, errors = race(threads, lambda: attempt_start(user=user, quiz=limited))
    report["starts"] = Counter(type(error).__name__ for error in errors)
    report["started"] = sorted({attempt.number for attempt in results})
    report["attempts"] = Attempt.objects.filter(user=user, quiz=limited).count()
    print(json.dumps(report))


if __name__ == "__main__":
    main(int(sys.argv[1]))
