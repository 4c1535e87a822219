"""Attempt services: start, save, check, submit, deadlines and limits."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from quizzes.models import Answer, Attempt, Question, Quiz
from quizzes.services import (
    DEADLINE_GRACE,
    AttemptClosed,
    AttemptError,
    AttemptLimitReached,
    StaleForm,
    attempt_close_if_expired,
    attempt_save,
    attempt_start,
    attempt_submit,
)
from tests.quizzes.helpers import MATCHING, SINGLE, make_quiz, right_response

pytestmark = pytest.mark.django_db


def save_right(attempt: Attempt, *, now=None) -> Attempt:
    responses = {
        answer.pk: right_response(answer.question)
        for answer in attempt.answers.select_related("question")
    }
    return attempt_save(attempt=attempt, responses=responses, sequence=attempt.sequence, now=now)


def test_start_lays_out_every_question_once(student):
    quiz = make_quiz()
    attempt = attempt_start(user=student, quiz=quiz)
    answers = list(attempt.answers.order_by("position"))
    assert [a.position for a in answers] == list(range(1, 8))
    assert [a.question.type for a in answers] == [t.value for t in Question.Type]
    for answer in answers:
        if answer.question.type in {"shortanswer", "numerical"}:
            continue
        ids = set(answer.question.choices.values_list("pk", flat=True))
        assert set(answer.layout["choices"]) == ids


def test_start_twice_resumes_the_open_attempt(student):
    quiz = make_quiz()
    first = attempt_start(user=student, quiz=quiz)
    again = attempt_start(user=student, quiz=quiz)
    assert again.pk == first.pk
    assert Attempt.objects.count() == 1


def test_matching_answers_are_shuffled_apart_from_the_prompts(student):
    quiz = make_quiz([MATCHING], shuffle_choices=False)
    orders = set()
    for _ in range(20):
        attempt = attempt_start(user=student, quiz=quiz)
        layout = attempt.answers.get().layout
        assert sorted(layout["answers"]) == sorted(layout["choices"])
        orders.add(tuple(layout["answers"]))
        attempt_submit(attempt=attempt)
    assert len(orders) > 1


def test_choices_keep_their_order_when_shuffling_is_off(student):
    quiz = make_quiz([SINGLE], shuffle_choices=False)
    answer = attempt_start(user=student, quiz=quiz).answers.get()
    assert answer.layout["choices"] == list(
        answer.question.choices.order_by("position").values_list("pk", flat=True)
    )


def test_random_quiz_draws_distinct_questions_from_its_pool(student, course):
    from django.core.management import call_command

    call_command("load_question_bank", "fixtures/questions.json", stdout=None)
    exam = Quiz.objects.get(slug="final-exam")
    attempt = attempt_start(user=student, quiz=exam)
    ids = list(attempt.answers.values_list("question_id", flat=True))
    assert len(ids) == len(set(ids)) == 20


def test_random_pool_can_be_limited_to_a_tag(student, course):
    from django.core.management import call_command

    from quizzes.models import Tag

    call_command("load_question_bank", "fixtures/questions.json", stdout=None)
    quiz = Quiz.objects.create(slug="voyager", title="Voyager", draw_count=50)
    quiz.pool_tags.set([Tag.objects.get(slug="mission:voyager")])
    attempt = attempt_start(user=student, quiz=quiz)
    questions = Question.objects.filter(answers__attempt=attempt)
    assert questions.count() == Question.objects.filter(tags__slug="mission:voyager").count()
    assert all(q.tags.filter(slug="mission:voyager").exists() for q in questions)


def test_a_quiz_without_questions_cannot_be_started(student):
    quiz = Quiz.objects.create(slug="empty", title="Empty")
    with pytest.raises(AttemptError, match="no questions"):
        attempt_start(user=student, quiz=quiz)
    assert not Attempt.objects.exists()


def test_attempt_limit_is_enforced(student):
    quiz = make_quiz([SINGLE], max_attempts=2)
    for _ in range(2):
        attempt_submit(attempt=attempt_start(user=student, quiz=quiz))
    with pytest.raises(AttemptLimitReached, match="all 2 attempts"):
        attempt_start(user=student, quiz=quiz)
    assert Attempt.objects.filter(user=student).count() == 2


def test_attempt_numbers_count_up_per_learner(student, other_student):
    quiz = make_quiz([SINGLE])
    attempt_submit(attempt=attempt_start(user=student, quiz=quiz))
    second = attempt_start(user=student, quiz=quiz)
    other = attempt_start(user=other_student, quiz=quiz)
    assert (second.number, other.number) == (2, 1)


def test_all_right_answers_score_full_marks(student):
    attempt = attempt_start(user=student, quiz=make_quiz())
    save_right(attempt)
    graded = attempt_submit(attempt=attempt)
    assert graded.is_submitted
    assert graded.score == Decimal("1.0000")
    assert graded.passed
    assert set(Answer.objects.values_list("score", flat=True)) == {Decimal("1.0000")}


def test_an_empty_attempt_scores_zero(student):
    graded = attempt_submit(attempt=attempt_start(user=student, quiz=make_quiz()))
    assert graded.score == 0
    assert graded.passed is False


def test_save_with_a_stale_sequence_changes_nothing(student):
    attempt = attempt_start(user=student, quiz=make_quiz([SINGLE]))
    answer = attempt.answers.get()
    right = right_response(answer.question)
    attempt_save(attempt=attempt, responses={answer.pk: right}, sequence=0)
    with pytest.raises(StaleForm):
        attempt_save(attempt=attempt, responses={answer.pk: None}, sequence=0)
    answer.refresh_from_db()
    assert answer.response == right


def test_each_save_moves_the_sequence_on(student):
    attempt = attempt_start(user=student, quiz=make_quiz([SINGLE]))
    answer = attempt.answers.get()
    after = attempt_save(attempt=attempt, responses={answer.pk: None}, sequence=0)
    assert after.sequence == 1
    assert attempt_save(attempt=after, responses={}, sequence=1).sequence == 2


def test_checking_an_answer_is_refused_when_feedback_comes_after_submitting(student):
    attempt = attempt_start(user=student, quiz=make_quiz([SINGLE]))
    answer = attempt.answers.get()
    with pytest.raises(AttemptError, match="only after you submit"):
        attempt_save(attempt=attempt, responses={}, sequence=0, check=answer.pk)
    answer.refresh_from_db()
    assert (answer.checked, answer.score) == (False, None)


def test_a_checked_answer_is_graded_at_once_and_cannot_change(student):
    attempt = attempt_start(user=student, quiz=make_quiz([SINGLE], feedback_timing="immediate"))
    answer = attempt.answers.get()
    wrong = {"choice": answer.question.choices.get(fraction=0, position=1).pk}
    attempt = attempt_save(
        attempt=attempt, responses={answer.pk: wrong}, sequence=0, check=answer.pk
    )
    answer.refresh_from_db()
    assert (answer.checked, answer.score) == (True, Decimal("0"))
    attempt_save(
        attempt=attempt, responses={answer.pk: right_response(answer.question)}, sequence=1
    )
    answer.refresh_from_db()
    assert answer.response == wrong
    assert attempt_submit(attempt=attempt).score == 0


def test_saving_after_the_deadline_is_refused_and_closes_the_attempt(student):
    quiz = make_quiz([SINGLE], time_limit_minutes=10)
    start = timezone.now()
    attempt = attempt_start(user=student, quiz=quiz, now=start)
    answer = attempt.answers.get()
    assert attempt.deadline == start + timedelta(minutes=10)
    late = attempt.deadline + DEADLINE_GRACE + timedelta(seconds=1)
    with pytest.raises(AttemptClosed, match="Time is up"):
        attempt_save(
            attempt=attempt,
            responses={answer.pk: right_response(answer.question)},
            sequence=0,
            now=late,
        )
    attempt.refresh_from_db()
    answer.refresh_from_db()
    assert attempt.is_submitted
    assert attempt.submitted_at == attempt.deadline
    assert answer.response is None
    assert attempt.score == 0


def test_a_save_within_the_grace_period_counts(student):
    quiz = make_quiz([SINGLE], time_limit_minutes=10)
    attempt = attempt_start(user=student, quiz=quiz)
    save_right(attempt, now=attempt.deadline + DEADLINE_GRACE - timedelta(seconds=1))
    assert attempt_submit(attempt=attempt).score == 1


def test_an_attempt_left_open_past_its_deadline_is_graded_when_touched(student):
    quiz = make_quiz([SINGLE], time_limit_minutes=5)
    attempt = attempt_start(user=student, quiz=quiz)
    save_right(attempt)
    later = attempt.deadline + timedelta(hours=2)
    closed = attempt_close_if_expired(attempt=attempt, now=later)
    assert closed.is_submitted
    assert closed.score == 1
    assert closed.submitted_at == attempt.deadline


def test_resuming_an_expired_attempt_grades_it_and_starts_nothing(student):
    quiz = make_quiz([SINGLE], time_limit_minutes=5, max_attempts=3)
    first = attempt_start(user=student, quiz=quiz)
    later = first.deadline + timedelta(minutes=1)
    resumed = attempt_start(user=student, quiz=quiz, now=later)
    assert (resumed.pk, resumed.is_submitted) == (first.pk, True)
    assert Attempt.objects.filter(user=student).count() == 1
    second = attempt_start(user=student, quiz=quiz, now=later)
    assert (second.number, second.state) == (2, Attempt.State.IN_PROGRESS)


def test_submitting_twice_grades_once(student):
    attempt = attempt_start(user=student, quiz=make_quiz([SINGLE]))
    first = attempt_submit(attempt=attempt)
    answer = attempt.answers.get()
    # Even if the stored answer changed behind its back, a second submit changes nothing.
    Answer.objects.filter(pk=answer.pk).update(response=right_response(answer.question))
    second = attempt_submit(attempt=attempt)
    assert (second.score, second.submitted_at) == (first.score, first.submitted_at)
    assert second.score == 0


def test_saving_to_a_submitted_attempt_is_refused(student):
    attempt = attempt_start(user=student, quiz=make_quiz([SINGLE]))
    attempt_submit(attempt=attempt)
    with pytest.raises(AttemptClosed, match="already been submitted"):
        attempt_save(attempt=attempt, responses={}, sequence=None)


def test_only_one_open_attempt_per_learner_and_quiz_is_allowed_by_the_database(student):
    from django.db import IntegrityError, transaction

    quiz = make_quiz([SINGLE])
    attempt = attempt_start(user=student, quiz=quiz)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(quiz=quiz, user=student, number=2, started_at=attempt.started_at)


def test_saves_from_one_page_in_a_row_are_never_stale_but_another_pages_are(student):
    """SECURITY.md 7: only another page's saves make a form stale, not its own autosaves."""
    quiz = make_quiz([SINGLE, MATCHING])
    attempt = attempt_start(user=student, quiz=quiz)
    first = attempt.answers.select_related("question").order_by("position").first()
    # Both carry the sequence the page was shown at (0): the autosave, then the button.
    attempt = attempt_save(
        attempt=attempt, responses={first.pk: None}, sequence=0, page_token="this-page"
    )
    attempt = attempt_save(
        attempt=attempt,
        responses={first.pk: right_response(first.question)},
        sequence=0,
        page_token="this-page",
    )
    assert attempt.sequence == 2
    for token in ("an-old-page", ""):
        with pytest.raises(StaleForm):
            attempt_save(attempt=attempt, responses={first.pk: None}, sequence=1, page_token=token)
    # Once another page saved, the first page's forms are stale again.
    attempt_save(attempt=attempt, responses={}, sequence=2, page_token="another-page")
    with pytest.raises(StaleForm):
        attempt_save(attempt=attempt, responses={}, sequence=2, page_token="this-page")
    assert Answer.objects.get(pk=first.pk).response == right_response(first.question)
