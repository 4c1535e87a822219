"""After a load test: was anything lost, duplicated or graded wrong?

    python -m <package>.integrity USERS.json SAVED.jsonl ACCESS.log OUT.json

- 5xx: every status of gunicorn's access log (one JSON object a line).
- lost answers: the last autosave the server confirmed for each page of each attempt is
  parsed again with the app's own form rule (quizzes.forms.parse_page) and compared with
  the stored responses.
- duplicated attempts: each simulated student has at most one attempt at the exam.
- grades: every submitted attempt's score equals re-grading its stored answers with
  quizzes.services.answer_grade (quizzes.grading) and averaging, as a submit does.
"""

import json
import os
import sys
from collections import Counter
from decimal import Decimal

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", f"{__package__}.settings")
django.setup()

from django.db.models import Count  # noqa: E402
from django.http import QueryDict  # noqa: E402

from quizzes.forms import parse_page  # noqa: E402
from quizzes.models import Answer, Attempt  # noqa: E402
from quizzes.selectors import attempt_page  # noqa: E402
from quizzes.services import answer_grade  # noqa: E402


def _statuses(access_log: str) -> Counter:
    statuses = Counter()
    with open(access_log) as handle:
        for line in handle:
            if line.startswith("{"):
                try:
                    statuses[int(json.loads(line)["status"])] += 1
                except (ValueError, KeyError):
                    continue
    return statuses


def main(users_file: str, saved_file: str, access_log: str, out: str) -> None:
    with open(users_file) as handle:
        usernames = json.load(handle)["users"]
    statuses = _statuses(access_log)
    attempts = Attempt.objects.filter(user__username__in=usernames)
    per_user = attempts.values("user", "quiz").annotate(n=Count("pk")).filter(n__gt=1)
    last = {}
    records = 0
    with open(saved_file) as handle:
        for line in handle:
            record = json.loads(line)
            records += 1
            # The page the server parsed the save against is the one the form names.
            key = (record["attempt"], int(QueryDict(record["body"])["page"]))
            if key not in last or record["time"] >= last[key]["time"]:
                last[key] = record
    lost, checked = [], 0
    by_pk = {a.pk: a for a in attempts.select_related("quiz")}
    for (attempt_pk, page_number), record in last.items():
        page = attempt_page(attempt=by_pk[attempt_pk], page=page_number)
        expected = parse_page(page.slots, QueryDict(record["body"]))
        stored = dict(Answer.objects.filter(pk__in=expected).values_list("pk", "response"))
        for answer_pk, response in expected.items():
            checked += 1
            if response is not None and stored.get(answer_pk) != response:
                lost.append({"attempt": attempt_pk, "answer": answer_pk, "saved": response,
                             "stored": stored.get(answer_pk)})  # fmt: skip
    mismatched, submitted = [], 0
    for attempt in attempts.filter(state=Attempt.State.SUBMITTED).prefetch_related(
        "answers__question__choices"
    ):
        submitted += 1
        answers = list(attempt.answers.all())
        regraded = [answer_grade(answer) for answer in answers]
        score = (sum(regraded, Decimal(0)) / len(answers)).quantize(Decimal("0.0001"))
        if score != attempt.score or any(
            a.score != g for a, g in zip(answers, regraded, strict=True)
        ):
            mismatched.append(attempt.pk)
    report = {
        "requests": sum(statuses.values()),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "server_errors_5xx": sum(v for k, v in statuses.items() if k >= 500),
        "students": len(usernames),
        "attempts": attempts.count(),
        "submitted": submitted,
        "duplicated_attempts": len(per_user),
        "saves_confirmed": records,
        "answers_checked": checked,
        "answers_lost": len(lost),
        "lost_examples": lost[:5],
        "stored_answers": Answer.objects.filter(
            attempt__in=attempts, response__isnull=False
        ).count(),
        "regrade_mismatches": len(mismatched),
    }
    with open(out, "w") as handle:
        json.dump(report, handle, indent=1)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main(*sys.argv[1:])
