"""Writes that change attempts: start, save, check, submit. Each runs in a transaction.

Only server time counts. Every call that touches an open attempt first closes it if its
deadline (plus a short grace for a request in flight) has passed.
"""

import random
import secrets
from collections.abc import Mapping
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from quizzes.allowances import allowance_for, attempt_limit, time_limit
from quizzes.grading import ChoiceKey, attempt_score, grade_response, marked_score
from quizzes.models import Answer, Attempt, Choice, Question, Quiz
from quizzes.retries import new_try, retry_refusal
from quizzes.selectors import LOCKED_BY_EXAM, questions_locked_by_open_exam

# A save posted just before the deadline may arrive a moment after it.
DEADLINE_GRACE = timedelta(seconds=10)


class AttemptError(Exception):
    """An attempt action the learner cannot take; the message says why."""


class AttemptLimitReached(AttemptError):
    pass


class AttemptClosed(AttemptError):
    """The attempt is submitted (or its time ran out); nothing more can change."""


class QuestionLocked(AttemptError):
    """The question is also in the learner's open exam: its answer waits for that (SECURITY 25)."""


class StaleForm(AttemptError):
    """The form came from an older page of the attempt (back button, second tab)."""


class RetryRefused(AttemptError):
    """A "Try again" the rules do not allow (a right answer, an exam, a timed quiz...)."""


def _choice_keys(question: Question) -> list[ChoiceKey]:
    return [
        ChoiceKey(
            id=choice.pk,
            position=choice.position,
            text=choice.text,
            match_text=choice.match_text,
            fraction=float(choice.fraction),
            value=choice.value,
            tolerance=choice.tolerance or Decimal(0),
        )
        for choice in question.choices.all()
    ]


def response_grade(question: Question, response: dict | None) -> Decimal:
    """A response's score for the question, 0..1 (4 decimals)."""
    grade = grade_response(type=question.type, choices=_choice_keys(question), response=response)
    return Decimal(str(grade.score))


def answer_grade(answer: Answer) -> Decimal:
    """The answer's score, 0..1, recomputed from its stored response (4 decimals): the first
    checked try, never a later one (``Answer.retries``)."""
    return response_grade(answer.question, answer.response)


def question_draw(*, quiz: Quiz, rng: random.Random) -> list[Question]:
    """The questions an attempt at the quiz gets, in order: its active fixed list (shuffled when
    the quiz says so), or ``draw_count`` active questions drawn from its lesson and tag pools;
    never an exam-only question in a quiz with immediate feedback.

    Learners' attempts and the teacher's preview both draw through here.
    """
    # Exam-only questions never reach a quiz whose feedback shows answers as you go.
    practice = quiz.feedback_timing == Quiz.Feedback.IMMEDIATE
    if quiz.is_random:
        pool = Question.objects.active()
        if practice:
            pool = pool.filter(exam_only=False)
        lessons = list(quiz.pool_lessons.all())
        tags = list(quiz.pool_tags.all())
        if lessons:
            pool = pool.filter(lesson__in=lessons)
        if tags:
            pool = pool.filter(tags__in=tags)
        ids = sorted(set(pool.values_list("pk", flat=True)))
        chosen = rng.sample(ids, k=min(quiz.draw_count, len(ids)))
        questions = Question.objects.in_bulk(chosen)
        return [questions[pk] for pk in chosen]
    questions = [
        link.question
        for link in quiz.quiz_questions.select_related("question").order_by("position", "pk")
        if link.question.is_active and not (practice and link.question.exam_only)
    ]
    if quiz.shuffle_questions:
        rng.shuffle(questions)
    return questions


def question_layout(question: Question, *, shuffle: bool, rng: random.Random) -> dict:
    """The order this attempt shows the question's choices in; fixed for the attempt.

    Ordering items and matching answers always take a uniform random order, the right one
    included: an order that avoided the key would leak it (with two pairs, the reverse).
    Choices and matching prompts are shuffled when the quiz says so.
    """
    ids = [choice.pk for choice in question.choices.all()]
    if question.type in {Question.Type.SHORTANSWER, Question.Type.NUMERICAL}:
        return {}
    if question.type == Question.Type.TRUEFALSE:
        return {"choices": ids}
    if question.type == Question.Type.ORDERING:
        items = ids[:]
        rng.shuffle(items)
        return {"choices": items}
    if question.type == Question.Type.MATCHING:
        answers: dict[str, int] = {}
        for choice in question.choices.all():
            answers.setdefault(choice.match_text, choice.pk)
        prompts = [choice.pk for choice in question.choices.all() if choice.text]  # no distractors
        if shuffle:
            rng.shuffle(prompts)
        answer_ids = list(answers.values())
        rng.shuffle(answer_ids)
        return {"choices": prompts, "answers": answer_ids}
    if shuffle:
        ids = ids[:]
        rng.shuffle(ids)
    return {"choices": ids}


def attempt_close_if_expired(*, attempt: Attempt, now: datetime | None = None) -> Attempt:
    """Close and grade an open attempt whose deadline (plus grace) has passed."""
    now = now or timezone.now()
    if (
        attempt.state == Attempt.State.IN_PROGRESS
        and attempt.deadline is not None
        and now > attempt.deadline + DEADLINE_GRACE
    ):
        return attempt_submit(attempt=attempt, now=attempt.deadline)
    return attempt


def attempt_start(*, user, quiz: Quiz, now: datetime | None = None) -> Attempt:
    """Resume the learner's open attempt, or start a new one within the attempt limit.

    An open attempt past its deadline is closed, graded and returned (submitted).

    The unique (quiz, user, number) and one-open-attempt constraints back the rule when two
    starts race: the loser gets the winner's attempt or the limit message, never a 500.
    """
    now = now or timezone.now()
    open_attempt = Attempt.objects.filter(
        user=user, quiz=quiz, state=Attempt.State.IN_PROGRESS
    ).first()
    if open_attempt is not None:
        # An attempt whose time ran out is graded and shown; a new one is a separate choice.
        return attempt_close_if_expired(attempt=open_attempt, now=now)
    used = Attempt.objects.filter(user=user, quiz=quiz).aggregate(n=Max("number"))["n"] or 0
    allowance = allowance_for(user=user, quiz=quiz)
    limit = attempt_limit(quiz=quiz, allowance=allowance)
    if limit is not None and used >= limit:
        raise AttemptLimitReached(
            _("You have used all %(count)d attempts at this quiz.") % {"count": limit}
        )
    allowed_time = time_limit(quiz=quiz, allowance=allowance)
    rng = random.Random(secrets.randbits(64))  # noqa: S311 - shuffling, not secrets
    questions = question_draw(quiz=quiz, rng=rng)
    if not questions:
        raise AttemptError(_("This quiz has no questions yet."))
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                quiz=quiz,
                user=user,
                number=used + 1,
                started_at=now,
                deadline=now + allowed_time if allowed_time else None,
            )
            prefetched = Question.objects.prefetch_related(
                Prefetch("choices", queryset=Choice.objects.order_by("position", "pk"))
            ).in_bulk([question.pk for question in questions])
            Answer.objects.bulk_create(
                Answer(
                    attempt=attempt,
                    question_id=question.pk,
                    position=position,
                    layout=question_layout(
                        prefetched[question.pk], shuffle=quiz.shuffle_choices, rng=rng
                    ),
                )
                for position, question in enumerate(questions, start=1)
            )
    except IntegrityError:
        # Another request started an attempt at the same moment.
        open_attempt = Attempt.objects.filter(
            user=user, quiz=quiz, state=Attempt.State.IN_PROGRESS
        ).first()
        if open_attempt is not None:
            return open_attempt
        raise AttemptLimitReached(
            _("Another attempt was started at the same moment. Please try again.")
        ) from None
    return attempt


def _is_stale(locked: Attempt, *, sequence: int, page_token: str) -> bool:
    """A form is stale when the attempt changed since its page was shown, unless every change
    since came from that same page (its autosaves, or a click while one was in flight)."""
    if sequence == locked.sequence:
        return False
    own = bool(page_token) and page_token == locked.page_token
    return not (own and locked.page_token_since <= sequence <= locked.sequence)


def _lock_open(
    attempt: Attempt, *, sequence: int | None, now: datetime, page_token: str = ""
) -> Attempt:
    """Lock the attempt row; refuse a closed attempt or a stale form."""
    locked = Attempt.objects.select_for_update().select_related("quiz").get(pk=attempt.pk)
    if locked.state != Attempt.State.IN_PROGRESS:
        raise AttemptClosed(_("This attempt has already been submitted."))
    if locked.deadline is not None and now > locked.deadline + DEADLINE_GRACE:
        raise AttemptClosed(_("Time is up: answers sent after the deadline are not counted."))
    if sequence is not None and _is_stale(locked, sequence=sequence, page_token=page_token):
        raise StaleForm(
            _(
                "This page was out of date (it was changed in another tab or window), so "
                "nothing was saved from it. Here are your latest answers."
            )
        )
    return locked


def attempt_save(
    *,
    attempt: Attempt,
    responses: Mapping[int, dict | None],
    sequence: int | None,
    check: int | None = None,
    page_token: str = "",
    now: datetime | None = None,
    flags: Mapping[int, bool] | None = None,
    tries_seen: int | None = None,
) -> Attempt:
    """Save responses (answer id -> response) to an open attempt; optionally check one.

    ``sequence`` is the attempt's sequence when the page was shown and ``page_token`` that
    page's random token: a form is refused as stale when another page saved since.
    A checked answer (immediate feedback) is graded now and can no longer change; a question
    also in the learner's open exam cannot be checked until that exam is submitted.
    Raises AttemptClosed past the deadline: the expired attempt is then closed and graded.

    "Try again": a check of an answer already checked, with ``tries_seen`` (the later tries
    its page showed), grades the posted response as a new try and keeps it in
    ``Answer.retries`` only; the first try's response and score never change. A check
    posted twice from one page records one try. Raises RetryRefused where no try is allowed.
    """
    now = now or timezone.now()
    try:
        with transaction.atomic():
            locked = _lock_open(attempt, sequence=sequence, now=now, page_token=page_token)
            if check is not None and locked.quiz.feedback_timing != Quiz.Feedback.IMMEDIATE:
                raise AttemptError(_("This quiz shows feedback only after you submit."))
            rows = Answer.objects.filter(
                attempt=locked, pk__in={*responses, *([check] if check else [])}
            )
            if check is not None:  # only grading needs the question and its choices
                rows = rows.select_related("question").prefetch_related("question__choices")
            answers = {answer.pk: answer for answer in rows}
            if (
                check is not None
                and not answers[check].checked
                and answers[check].question_id in questions_locked_by_open_exam(user=locked.user_id)
            ):
                raise QuestionLocked(str(LOCKED_BY_EXAM))
            if check is not None and answers[check].checked and tries_seen is not None:
                _record_try(locked, answers[check], responses.get(check), tries_seen=tries_seen)
            changed = []
            for answer_id, response in responses.items():
                answer = answers[answer_id]
                if not answer.checked and answer.response != response:
                    answer.response, answer.saved_at = response, now
                    changed.append(answer)
            for answer_id, flagged in (flags or {}).items():
                answer = answers.get(answer_id)
                if answer is not None and answer.flagged != flagged:
                    answer.flagged = flagged
                    if answer not in changed:
                        changed.append(answer)
            Answer.objects.bulk_update(changed, ["response", "saved_at", "flagged"])
            if check is not None and not answers[check].checked:
                answer = answers[check]
                answer.score = answer_grade(answer)
                answer.checked = True
                answer.save(update_fields=["score", "checked"])
            if not page_token or page_token != locked.page_token:
                locked.page_token, locked.page_token_since = page_token, locked.sequence
            locked.sequence += 1
            locked.save(update_fields=["sequence", "page_token", "page_token_since"])
            return locked
    except AttemptClosed:
        attempt_close_if_expired(attempt=attempt, now=now)
        raise


def _record_try(
    attempt: Attempt, answer: Answer, response: dict | None, *, tries_seen: int
) -> None:
    """Grade a later try and keep it beside the first (inside attempt_save's transaction)."""
    if 0 <= tries_seen < len(answer.retries):
        return  # the same try posted again, or a page older than the latest try
    refusal = retry_refusal(
        answer=answer, attempt=attempt, locked=questions_locked_by_open_exam(user=attempt.user_id)
    )
    if refusal is not None:
        raise RetryRefused(refusal)
    if tries_seen != len(answer.retries):
        raise RetryRefused(_("That try does not follow the ones you made. Reload the page."))
    if response is None:
        raise RetryRefused(_("Give an answer before you check it again."))
    score = response_grade(answer.question, response)
    answer.retries = [*answer.retries, new_try(response=response, score=score)]
    answer.save(update_fields=["retries"])


def attempt_submit(*, attempt: Attempt, now: datetime | None = None) -> Attempt:
    """Grade the attempt once from its stored answers; submitting again changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if locked.state == Attempt.State.SUBMITTED:
            return locked
        answers = list(
            Answer.objects.filter(attempt=locked)
            .select_related("question")
            .prefetch_related("question__choices")
        )
        for answer in answers:
            answer.score = marked_score(graded=answer_grade(answer), override=answer.override_score)
        score = attempt_score([answer.score for answer in answers])
        submitted_at = min(now, locked.deadline) if locked.deadline else now
        # The conditional update is the guard where rows cannot be locked (SQLite): only
        # one submit moves the attempt out of "in progress"; the others change nothing.
        won = Attempt.objects.filter(pk=locked.pk, state=Attempt.State.IN_PROGRESS).update(
            state=Attempt.State.SUBMITTED, score=score, submitted_at=submitted_at
        )
        if won:
            Answer.objects.bulk_update(answers, ["score"])
    return Attempt.objects.select_related("quiz").get(pk=attempt.pk)


def answer_mark_override(
    *,
    answer: Answer,
    score: Decimal | None,
    comment: str,
    by,
    now: datetime | None = None,
) -> Attempt:
    """A teacher sets one question's mark (0..1) in a submitted attempt, with a comment, or
    clears it (``score`` None: the computed grade counts again); the attempt's score follows.

    Kept with who and when. Posting the same mark twice changes nothing the second time.
    """
    now = now or timezone.now()
    if score is not None and not Decimal(0) <= score <= Decimal(1):
        raise AttemptError(_("A mark is between 0% and 100%."))
    with transaction.atomic():
        locked = (
            Attempt.objects.select_for_update().select_related("quiz").get(pk=answer.attempt_id)
        )
        if locked.state != Attempt.State.SUBMITTED:
            raise AttemptError(_("Marks can be changed only once the attempt is submitted."))
        answers = list(
            Answer.objects.filter(attempt=locked)
            .select_related("question")
            .prefetch_related("question__choices")
        )
        target = next(a for a in answers if a.pk == answer.pk)
        if score is None:
            target.override_score, target.override_comment = None, ""
            target.overridden_by, target.overridden_at = None, None
        else:
            target.override_score = score.quantize(Decimal("0.0001"))
            target.override_comment, target.overridden_by, target.overridden_at = comment, by, now
        target.score = marked_score(graded=answer_grade(target), override=target.override_score)
        locked.score = attempt_score([a.score or Decimal(0) for a in answers])
        target.save(
            update_fields=[
                "score", "override_score", "override_comment", "overridden_by", "overridden_at",
            ]
        )  # fmt: skip
        locked.save(update_fields=["score"])
    return locked
