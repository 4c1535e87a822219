"""“Try again” in practice quizzes (issue 13, item 3): the service and its rules.

The first checked try is what counts; later tries are kept beside it and change no mark,
statistic, mastery or review card.
"""

from decimal import Decimal

import pytest
from django.utils import timezone

from progress.selectors import tag_mastery
from quizzes.models import Answer, Attempt, Quiz, QuizQuestion, Tag
from quizzes.reports import quiz_report
from quizzes.retries import MAX_RETRIES, right_on_try
from quizzes.services import (
    AttemptClosed,
    AttemptError,
    RetryRefused,
    attempt_save,
    attempt_start,
    attempt_submit,
)
from review.models import ReviewCard
from review.services import review_sync
from tests.quizzes.helpers import MULTIPLE, SINGLE, make_quiz, right_response

pytestmark = pytest.mark.django_db


def _wrong(answer: Answer) -> dict:
    return {"choice": next(c.pk for c in answer.question.choices.all() if c.fraction < 1)}


def _check(attempt: Attempt, answer: Answer, response: dict | None, **kwargs) -> Attempt:
    """Post one question's response and check it, as the page's Check button does."""
    attempt.refresh_from_db()
    return attempt_save(
        attempt=attempt,
        responses={answer.pk: response},
        sequence=attempt.sequence,
        check=answer.pk,
        page_token="page",
        **kwargs,
    )


def _practice(student, **options):
    quiz = make_quiz([SINGLE], feedback_timing=Quiz.Feedback.IMMEDIATE, **options)
    attempt = attempt_start(user=student, quiz=quiz)
    return quiz, attempt, attempt.answers.select_related("question").get()


def _checked_wrong(student, **options):
    quiz, attempt, answer = _practice(student, **options)
    _check(attempt, answer, _wrong(answer))
    return quiz, attempt, answer


def test_a_right_second_try_is_recorded_and_the_first_try_still_counts(student):
    _quiz, attempt, answer = _checked_wrong(student)
    first = Answer.objects.get(pk=answer.pk)
    _check(attempt, answer, right_response(answer.question), tries_seen=0)
    answer = Answer.objects.get(pk=answer.pk)
    assert answer.response == first.response and answer.score == 0 and answer.checked
    assert answer.retries == [{"response": right_response(answer.question), "score": "1.0"}]
    assert right_on_try(answer) == 2
    assert attempt_submit(attempt=attempt).score == 0


def test_a_wrong_second_try_is_recorded_and_a_third_may_follow(student):
    _quiz, attempt, answer = _checked_wrong(student)
    _check(attempt, answer, _wrong(answer), tries_seen=0)
    _check(attempt, answer, right_response(answer.question), tries_seen=1)
    answer = Answer.objects.get(pk=answer.pk)
    assert [entry["score"] for entry in answer.retries] == ["0.0", "1.0"]
    assert right_on_try(answer) == 3
    assert answer.score == 0


def test_the_same_try_posted_twice_records_one(student):
    _quiz, attempt, answer = _checked_wrong(student)
    for _ in range(2):
        _check(attempt, answer, right_response(answer.question), tries_seen=0)
    assert len(Answer.objects.get(pk=answer.pk).retries) == 1


def test_a_try_on_a_right_answer_is_refused(student):
    _quiz, attempt, answer = _practice(student)
    _check(attempt, answer, right_response(answer.question))
    with pytest.raises(RetryRefused, match="already got this question right"):
        _check(attempt, answer, _wrong(answer), tries_seen=0)
    assert Answer.objects.get(pk=answer.pk).retries == []


def test_no_try_after_a_right_later_try(student):
    _quiz, attempt, answer = _checked_wrong(student)
    _check(attempt, answer, right_response(answer.question), tries_seen=0)
    with pytest.raises(RetryRefused):
        _check(attempt, answer, _wrong(answer), tries_seen=1)
    assert len(Answer.objects.get(pk=answer.pk).retries) == 1


def test_a_try_in_a_timed_quiz_is_refused(student):
    _quiz, attempt, answer = _checked_wrong(student, time_limit_minutes=20)
    with pytest.raises(RetryRefused, match="timed quiz"):
        _check(attempt, answer, right_response(answer.question), tries_seen=0)


def test_a_try_in_a_quiz_with_feedback_after_submitting_is_refused(student):
    quiz = make_quiz([SINGLE])  # feedback after submitting: the exam's setting
    attempt = attempt_start(user=student, quiz=quiz)
    answer = attempt.answers.select_related("question").get()
    Answer.objects.filter(pk=answer.pk).update(checked=True, score=0)
    with pytest.raises(AttemptError, match="only after you submit"):
        _check(attempt, answer, right_response(answer.question), tries_seen=0)
    assert Answer.objects.get(pk=answer.pk).retries == []


def test_a_try_at_a_question_of_the_open_exam_is_refused(student):
    _quiz, attempt, answer = _checked_wrong(student)
    exam = Quiz.objects.create(slug="exam", title="Exam")  # feedback after submitting
    QuizQuestion.objects.create(quiz=exam, question=answer.question, position=1)
    attempt_start(user=student, quiz=exam)
    with pytest.raises(RetryRefused, match="after your exam"):
        _check(attempt, answer, right_response(answer.question), tries_seen=0)
    assert Answer.objects.get(pk=answer.pk).retries == []


def test_a_try_after_the_attempt_is_submitted_is_refused(student):
    _quiz, attempt, answer = _checked_wrong(student)
    attempt_submit(attempt=attempt)
    with pytest.raises(AttemptClosed):
        _check(attempt, answer, right_response(answer.question), tries_seen=0)
    assert Answer.objects.get(pk=answer.pk).retries == []


def test_an_empty_try_is_refused(student):
    _quiz, attempt, answer = _checked_wrong(student)
    with pytest.raises(RetryRefused, match="Give an answer"):
        _check(attempt, answer, None, tries_seen=0)


def test_a_try_that_skips_ahead_of_the_stored_ones_is_refused(student):
    _quiz, attempt, answer = _checked_wrong(student)
    with pytest.raises(RetryRefused):
        _check(attempt, answer, right_response(answer.question), tries_seen=3)


def test_tries_stop_at_the_limit(student):
    _quiz, attempt, answer = _checked_wrong(student)
    for n in range(MAX_RETRIES):
        _check(attempt, answer, _wrong(answer), tries_seen=n)
    with pytest.raises(RetryRefused, match="last try"):
        _check(attempt, answer, right_response(answer.question), tries_seen=MAX_RETRIES)
    assert len(Answer.objects.get(pk=answer.pk).retries) == MAX_RETRIES


def test_a_check_without_tries_seen_leaves_a_checked_answer_alone(student):
    """An older page's Check (no try count) changes nothing, as before "Try again"."""
    _quiz, attempt, answer = _checked_wrong(student)
    _check(attempt, answer, right_response(answer.question))
    answer = Answer.objects.get(pk=answer.pk)
    assert answer.retries == [] and answer.score == 0


def test_a_partly_right_multiple_response_may_be_tried_again(student):
    quiz = make_quiz([MULTIPLE], feedback_timing=Quiz.Feedback.IMMEDIATE)
    attempt = attempt_start(user=student, quiz=quiz)
    answer = attempt.answers.select_related("question").get()
    half = next(c.pk for c in answer.question.choices.all() if c.fraction > 0)
    _check(attempt, answer, {"choices": [half]})
    assert Answer.objects.get(pk=answer.pk).score == Decimal("0.5")
    _check(attempt, answer, right_response(answer.question), tries_seen=0)
    answer = Answer.objects.get(pk=answer.pk)
    assert answer.score == Decimal("0.5") and right_on_try(answer) == 2


def test_a_right_later_try_changes_no_grade_statistic_mastery_or_review(student, other_student):
    """Two learners both wrong the first time; one tries again and gets it right. Every
    reader of grades sees the two alike."""
    quiz = make_quiz([SINGLE], feedback_timing=Quiz.Feedback.IMMEDIATE)
    tag = Tag.objects.create(slug="mission:apollo-soyuz", kind=Tag.Kind.MISSION, name="ASTP")
    quiz.questions.get().tags.add(tag)
    attempts = {}
    for learner, retry in ((student, True), (other_student, False)):
        attempt = attempt_start(user=learner, quiz=quiz)
        answer = attempt.answers.select_related("question").get()
        _check(attempt, answer, _wrong(answer))
        if retry:
            _check(attempt, answer, right_response(answer.question), tries_seen=0)
        attempts[learner.pk] = attempt_submit(attempt=attempt)

    assert Answer.objects.filter(attempt__user=student).get().retries  # the try was kept
    assert attempts[student.pk].score == attempts[other_student.pk].score == 0
    report = quiz_report(quiz=quiz, first_only=False)
    assert report.rows[0].stats.facility == 0
    assert [share.percent for share in report.rows[0].choices if share.right] == [0]
    mastery = {row.name: row for row in tag_mastery(user=student)}["ASTP"]
    assert (mastery.tried, mastery.right) == (1, 0)
    assert review_sync(user=student, now=timezone.now()) == 1
    assert ReviewCard.objects.filter(user=student, question=quiz.questions.get()).exists()


def test_the_learners_data_export_lists_later_tries_as_they_saw_them(student):
    from quizzes.personal_data import quizzes_export

    _quiz, attempt, answer = _checked_wrong(student)
    _check(attempt, answer, right_response(answer.question), tries_seen=0)
    [exported] = quizzes_export(user=student)["attempts"]
    [entry] = exported["answers"]
    assert entry["score"] == 0.0
    [later] = entry["later_tries"]
    assert later["score"] == 1.0
    right = next(c for c in answer.question.choices.all() if c.fraction == 1)
    chosen = later["answer"]["chosen"]
    assert [later["answer"]["options"][n - 1]["text"] for n in chosen] == [right.text]
    # Positions and texts, never a choice id.
    assert all(set(option) == {"position", "text"} for option in later["answer"]["options"])
