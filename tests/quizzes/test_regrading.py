"""Regrading a quiz after fixing a question: the plan shown first, then the change; and the
teacher's mark override, which a regrade keeps."""

from decimal import Decimal

import pytest
from django.urls import reverse

from quizzes.grading import attempt_score, marked_score
from quizzes.models import Answer, Attempt, Choice
from quizzes.regrading import quiz_regrade, regrade_plan
from quizzes.services import AttemptError, answer_mark_override, attempt_start
from tests.classrooms.helpers import take_quiz
from tests.factories import UserFactory
from tests.quizzes.helpers import SINGLE, make_quiz

pytestmark = pytest.mark.django_db


def test_attempt_score_is_the_mean_to_four_places():
    assert attempt_score([Decimal(1), Decimal(0), Decimal(0)]) == Decimal("0.3333")
    assert attempt_score([]) == Decimal(0)
    assert attempt_score([1.0, 0.5]) == Decimal("0.7500")


def test_marked_score_prefers_the_override():
    assert marked_score(graded=Decimal("0.5"), override=None) == Decimal("0.5")
    assert marked_score(graded=Decimal("0.5"), override=Decimal("0")) == Decimal("0")


@pytest.fixture
def quiz(db):
    """Two copies of one single-choice question: answering "NASA and ESA" is wrong today."""
    return make_quiz([SINGLE], slug="regrade", copies=2, pass_mark=60)


def _answer_wrong_then_submit(user, quiz):
    """Both questions answered "NASA and ESA" (wrong, until the key is fixed)."""
    from quizzes.services import attempt_save, attempt_submit

    attempt = attempt_start(user=user, quiz=quiz)
    responses = {}
    for answer in attempt.answers.select_related("question"):
        wrong = answer.question.choices.get(text="NASA and ESA")
        responses[answer.pk] = {"choice": wrong.pk}
    attempt = attempt_save(attempt=attempt, responses=responses, sequence=attempt.sequence)
    return attempt_submit(attempt=attempt)


def _fix_key(quiz, copy=0):
    """The author decides "NASA and ESA" earns full marks too, in one copy."""
    Choice.objects.filter(question__name=f"{SINGLE['name']}-{copy}", text="NASA and ESA").update(
        fraction=1
    )


def test_plan_shows_the_change_and_writes_nothing(quiz):
    learner = UserFactory(username="learner")
    attempt = _answer_wrong_then_submit(learner, quiz)
    assert attempt.score == 0
    _fix_key(quiz)
    plan = regrade_plan(quiz=quiz)
    assert plan.attempts_checked == 1
    [change] = plan.changes
    assert (change.old, change.new, change.answers_changed) == (Decimal(0), Decimal("0.5"), 1)
    [learner_change] = plan.learners
    assert (learner_change.old_percent, learner_change.new_percent) == (0, 50)
    assert Attempt.objects.get(pk=attempt.pk).score == 0


def test_apply_regrades_once(quiz):
    learner = UserFactory(username="learner")
    attempt = _answer_wrong_then_submit(learner, quiz)
    _fix_key(quiz)
    plan = regrade_plan(quiz=quiz)
    applied = quiz_regrade(quiz=quiz, token=plan.token)
    assert applied is not None and len(applied.changes) == 1
    assert Attempt.objects.get(pk=attempt.pk).score == Decimal("0.5")
    # A second submit of the same confirm page changes nothing more.
    again = quiz_regrade(quiz=quiz, token=plan.token)
    assert again is None
    assert regrade_plan(quiz=quiz).changes == []


def test_a_stale_plan_is_not_applied(quiz):
    learner = UserFactory(username="learner")
    attempt = _answer_wrong_then_submit(learner, quiz)
    _fix_key(quiz, copy=0)
    token = regrade_plan(quiz=quiz).token
    _fix_key(quiz, copy=1)  # the question changed again after the page was shown
    assert quiz_regrade(quiz=quiz, token=token) is None
    assert Attempt.objects.get(pk=attempt.pk).score == 0


def test_regrade_keeps_a_teachers_override(quiz, teacher):
    learner = UserFactory(username="learner")
    attempt = _answer_wrong_then_submit(learner, quiz)
    first = attempt.answers.get(position=1)
    answer_mark_override(answer=first, score=Decimal("0.25"), comment="Partly", by=teacher)
    Choice.objects.filter(text="NASA and ESA").update(fraction=1)  # both copies fixed
    quiz_regrade(quiz=quiz)
    first.refresh_from_db()
    assert first.score == Decimal("0.25")
    assert Attempt.objects.get(pk=attempt.pk).score == Decimal("0.625")


def test_open_attempts_are_not_regraded(quiz):
    learner = UserFactory(username="learner")
    attempt_start(user=learner, quiz=quiz)
    _fix_key(quiz)
    assert regrade_plan(quiz=quiz).attempts_checked == 0


def test_override_needs_a_submitted_attempt_and_a_mark_in_range(quiz, teacher):
    learner = UserFactory(username="learner")
    attempt = attempt_start(user=learner, quiz=quiz)
    answer = attempt.answers.first()
    with pytest.raises(AttemptError):
        answer_mark_override(answer=answer, score=Decimal(1), comment="", by=teacher)
    done = _answer_wrong_then_submit(UserFactory(username="other"), quiz)
    with pytest.raises(AttemptError):
        answer_mark_override(
            answer=done.answers.first(), score=Decimal("1.5"), comment="", by=teacher
        )


def test_submit_uses_the_same_score_rule(quiz):
    learner = UserFactory(username="learner")
    attempt = take_quiz(learner, quiz, right=1)
    scores = list(Answer.objects.filter(attempt=attempt).values_list("score", flat=True))
    assert attempt.score == attempt_score(scores) == Decimal("0.5")


# --- The admin's confirm page ------------------------------------------------------------------


def _url(quiz):
    return reverse("admin:quizzes_quiz_regrade", args=[quiz.pk])


def test_confirm_page_lists_changes_then_applies(client, teacher, quiz):
    learner = UserFactory(username="learner", first_name="Lea", last_name="Rner")
    attempt = _answer_wrong_then_submit(learner, quiz)
    _fix_key(quiz)
    client.force_login(teacher)
    response = client.get(_url(quiz))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lea Rner" in html and "50%" in html
    assert Attempt.objects.get(pk=attempt.pk).score == 0
    token = response.context["plan"].token
    response = client.post(_url(quiz), {"token": token})
    assert response.status_code == 302
    assert Attempt.objects.get(pk=attempt.pk).score == Decimal("0.5")
    # The double submit changes nothing and says the grades are up to date.
    response = client.post(_url(quiz), {"token": token}, follow=True)
    assert "already up to date" in response.content.decode()
    assert Attempt.objects.get(pk=attempt.pk).score == Decimal("0.5")


def test_confirm_page_shows_the_new_plan_when_questions_changed_meanwhile(client, teacher, quiz):
    learner = UserFactory(username="learner")
    attempt = _answer_wrong_then_submit(learner, quiz)
    _fix_key(quiz, copy=0)
    client.force_login(teacher)
    token = client.get(_url(quiz)).context["plan"].token
    _fix_key(quiz, copy=1)
    response = client.post(_url(quiz), {"token": token})
    assert response.status_code == 409
    assert "nothing was regraded" in response.content.decode()
    assert Attempt.objects.get(pk=attempt.pk).score == 0


def test_quiz_change_form_links_the_regrade(client, teacher, quiz):
    client.force_login(teacher)
    html = client.get(reverse("admin:quizzes_quiz_change", args=[quiz.pk])).content.decode()
    assert _url(quiz) in html


def test_students_cannot_regrade(client, student, quiz):
    client.force_login(student)
    response = client.post(_url(quiz), {"token": "x"})
    assert response.status_code == 302  # to the admin login
    assert "/login/" in response["Location"]


@pytest.mark.parametrize("learners", [1, 6])
def test_plan_queries_are_fixed(quiz, django_assert_num_queries, learners):
    for n in range(learners):
        _answer_wrong_then_submit(UserFactory(username=f"l{n}"), quiz)
    _fix_key(quiz)
    # Attempts with their learners, answers with questions, the questions' choices.
    with django_assert_num_queries(3):
        regrade_plan(quiz=quiz)
