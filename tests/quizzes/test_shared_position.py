"""An ordering with two items at one position is pointed out at those rows; the rest of the
page is saved, and that question keeps its stored answer (issue 13, item 3)."""

import pytest

from quizzes.models import Answer
from quizzes.services import attempt_start
from tests.quizzes.helpers import ORDERING, SINGLE, make_quiz
from tests.quizzes.pages import save, save_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(student):
    return attempt_start(user=student, quiz=make_quiz([SINGLE, ORDERING], questions_per_page=5))


def _stored(attempt, position):
    return Answer.objects.get(attempt=attempt, position=position).response


def test_a_shared_position_keeps_the_rest_of_the_page(student_client, attempt):
    save(student_client, attempt, {"q2-0": "1", "q2-1": "2", "q2-2": "3", "q2-3": "4"})
    before = _stored(attempt, 2)
    fields = {"q1": "0", "q2-0": "1", "q2-1": "1", "q2-2": "3", "q2-3": "4"}
    response = save(student_client, attempt, fields)
    assert response.status_code == 400
    html = response.content.decode()
    assert _stored(attempt, 1) is not None  # the other question is saved
    assert _stored(attempt, 2) == before  # the ordering keeps its stored answer
    assert "Your other answers on this page are saved." in html
    assert html.count("Another item is also at position 1.") == 2
    assert html.count('aria-invalid="true"') == 2
    # The learner's picks are shown as posted, to fix one row.
    assert html.count('<option value="1" selected>') == 2


def test_a_shared_position_is_said_on_autosave_too(student_client, attempt):
    fields = {"q1": "0", "q2-0": "2", "q2-1": "2"}
    response = save_json(student_client, attempt, fields)
    assert response.status_code == 200
    assert "give each item its own position" in response.json()["error"]
    assert _stored(attempt, 1) is not None
    assert _stored(attempt, 2) is None


def test_a_shared_position_is_never_checked(student_client, student):
    from quizzes.models import Quiz

    quiz = make_quiz(
        [ORDERING], slug="check", questions_per_page=5, feedback_timing=Quiz.Feedback.IMMEDIATE
    )
    attempt = attempt_start(user=student, quiz=quiz)
    response = save(student_client, attempt, {"q1-0": "1", "q1-1": "1"}, check=1)
    assert response.status_code == 400
    assert not Answer.objects.get(attempt=attempt, position=1).checked
