""" "Flag for later" (Moodle), stored per attempt question, a plain checkbox without JavaScript."""

import pytest

from quizzes.models import Answer
from quizzes.services import attempt_start
from tests.quizzes.helpers import make_quiz
from tests.quizzes.pages import page_url, save

pytestmark = pytest.mark.django_db


def _flagged(attempt) -> list[int]:
    return list(
        Answer.objects.filter(attempt=attempt, flagged=True).values_list("position", flat=True)
    )


def test_a_flag_is_saved_shown_and_cleared(student_client, student):
    attempt = attempt_start(user=student, quiz=make_quiz(questions_per_page=3))
    response = save(student_client, attempt, {"q1": "0", "flag-2": "1"}, action="next")
    assert response.status_code == 302
    assert _flagged(attempt) == [2]
    page = student_client.get(page_url(attempt, 1)).content.decode()
    assert 'name="flag-2" id="flag-2" value="1" checked' in page
    assert 'name="flag-1" id="flag-1" value="1">' in page
    summary = student_client.get(page_url(attempt, 0)).content.decode()
    assert summary.count("⚑ Flagged") == 1
    assert "(flagged)" in summary  # the navigator marks page 1
    # Unticked and saved: the flag is gone; the answer stays.
    save(student_client, attempt, {"q1": "0"})
    assert _flagged(attempt) == []
    assert Answer.objects.get(attempt=attempt, position=1).response is not None


def test_a_flag_changes_no_grade(student_client, student):
    from quizzes.services import attempt_submit

    attempt = attempt_start(user=student, quiz=make_quiz(questions_per_page=10))
    save(student_client, attempt, {f"flag-{n}": "1" for n in range(1, 8)})
    assert Answer.objects.filter(attempt=attempt, response__isnull=False).count() == 0
    attempt = attempt_submit(attempt=attempt)
    assert attempt.score == 0


def test_a_flag_is_in_the_learners_data_export(student_client, student):
    from quizzes.personal_data import quizzes_export

    attempt = attempt_start(user=student, quiz=make_quiz(questions_per_page=10))
    save(student_client, attempt, {"flag-3": "1"})
    [exported] = quizzes_export(user=student)["attempts"]
    assert [a["flagged"] for a in exported["answers"]] == [n == 3 for n in range(1, 8)]
