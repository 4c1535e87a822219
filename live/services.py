"""Writes of a live quiz: create, join, approve, the host's controls, answers, the end.

Each runs in a transaction with the session row locked, bumps the session's version and
announces it to the session's sockets after the commit. Grades come from the quiz's own rule
(``quizzes.services.answer_grade``); points from ``live.scoring``. When a session ends, each
signed-in learner's answers become a submitted attempt at the quiz, graded by
``quizzes.services.attempt_submit``, so progress, the classroom dashboard and the quiz's item
statistics count them without a rule of their own.
"""

import random
import secrets
from collections.abc import Mapping
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from classrooms.models import Classroom, Membership
from live.events import announce
from live.models import LiveAnswer, LivePlayer, LiveQuestion, LiveSession
from live.scoring import answer_points
from quizzes.models import Answer, Attempt, Choice, Question, Quiz
from quizzes.services import answer_grade, attempt_submit, question_draw, question_layout

User = get_user_model()

# Question types a phone can answer in a few taps (matching needs a wide screen).
PHONE_TYPES = frozenset(
    {
        Question.Type.SINGLE,
        Question.Type.MULTIPLE,
        Question.Type.TRUEFALSE,
        Question.Type.NUMERICAL,
        Question.Type.SHORTANSWER,
        Question.Type.ORDERING,
    }
)
PIN_LENGTH = 6
NAME_MIN, NAME_MAX = 2, 20
SECONDS_CHOICES = (10, 20, 30, 45, 60, 90, 120)
# An answer sent just before time is up may arrive a moment after it.
ANSWER_GRACE = timedelta(seconds=1)
S = LiveSession.Status


class LiveError(Exception):
    """An action the session's state does not allow; the message says why."""


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def new_pin() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(PIN_LENGTH))


def _lock(session: LiveSession) -> LiveSession:
    return LiveSession.objects.select_for_update().get(pk=session.pk)


def _changed(
    session: LiveSession, now: datetime, fields: list[str], *, host_only: bool = False
) -> LiveSession:
    session.version += 1
    session.last_activity = now
    session.save(update_fields=[*fields, "version", "last_activity"])
    announce(session=session, host_only=host_only)
    return session


def _questions(quiz: Quiz) -> list[Question]:
    rng = random.Random(secrets.randbits(64))  # noqa: S311 - shuffling, not secrets
    drawn = [q for q in question_draw(quiz=quiz, rng=rng) if q.type in PHONE_TYPES]
    prefetched = Question.objects.prefetch_related(
        Prefetch("choices", queryset=Choice.objects.order_by("position", "pk"))
    ).in_bulk([q.pk for q in drawn])
    return [prefetched[q.pk] for q in drawn]


def session_create(
    *,
    host: User,
    quiz: Quiz,
    classroom: Classroom | None = None,
    scoring: str = LiveSession.Scoring.ACCURACY,
    approval_required: bool = False,
    seconds: int = 30,
    now: datetime | None = None,
) -> LiveSession:
    """Open a session of the quiz's phone-friendly questions, in the lobby, with a fresh PIN."""
    now = _now(now)
    if classroom is not None and not classroom.teachers.filter(pk=host.pk).exists():
        raise LiveError(_("You do not teach this classroom."))
    if seconds not in SECONDS_CHOICES:
        raise LiveError(_("Choose a time per question from the list."))
    if scoring not in LiveSession.Scoring.values:
        raise LiveError(_("Choose a scoring mode from the list."))
    questions = _questions(quiz)
    if not questions:
        raise LiveError(_("This quiz has no questions that can be answered on a phone."))
    rng = random.Random(secrets.randbits(64))  # noqa: S311 - shuffling, not secrets
    for _attempt in range(10):
        try:
            with transaction.atomic():
                session = LiveSession.objects.create(
                    host=host,
                    quiz=quiz,
                    classroom=classroom,
                    pin=new_pin(),
                    scoring=scoring,
                    approval_required=approval_required,
                    seconds=seconds,
                    last_activity=now,
                )
                LiveQuestion.objects.bulk_create(
                    LiveQuestion(
                        session=session,
                        position=position,
                        question=question,
                        layout=question_layout(question, shuffle=quiz.shuffle_choices, rng=rng),
                    )
                    for position, question in enumerate(questions, start=1)
                )
                return session
        except IntegrityError:
            continue  # the PIN is in use by an open session: draw another
    raise LiveError(_("No free PIN right now; please try again."))


# --- Players ---------------------------------------------------------------------------------


def display_name(user: User) -> str:
    """How a signed-in learner appears in a live session."""
    return (user.get_full_name() or user.username)[:40]


def normalise_name(name: str) -> str:
    return " ".join(str(name).split())


def _name_key(name: str) -> str:
    return normalise_name(name).casefold()


def _member_names(session: LiveSession) -> set[str]:
    """Folded names a guest may not take: signed-in players', the host's and the class's."""
    users = list(
        User.objects.filter(live_players__session=session).only(
            "username", "first_name", "last_name"
        )
    )
    users.append(session.host)
    if session.classroom_id is not None:
        users += list(
            User.objects.filter(
                pk__in=Membership.objects.filter(classroom_id=session.classroom_id).values(
                    "user_id"
                )
            ).only("username", "first_name", "last_name")
        )
    names = set()
    for user in users:
        for name in (user.username, user.first_name, user.get_full_name(), display_name(user)):
            if name:
                names.add(_name_key(name))
    return names


def player_join(
    *, session: LiveSession, user: User | None = None, name: str = "", now: datetime | None = None
) -> LivePlayer:
    """A signed-in learner joins as themselves (again: the same player); a guest with a
    nickname of 2 to 20 characters that no member of the session or class goes by, held for
    the host's approval when the host asks for it."""
    now = _now(now)
    with transaction.atomic():
        session = _lock(session)
        if session.is_ended:
            raise LiveError(_("This live quiz has ended."))
        if user is not None and user.is_authenticated:
            player = LivePlayer.objects.filter(session=session, user=user).first()
            if player is not None:
                return player
            player = LivePlayer.objects.create(
                session=session,
                user=user,
                name=display_name(user),
                name_key=f"@{user.pk}",
                joined_at=now,
            )
            _changed(session, now, [])
            return player
        name = normalise_name(name)
        if not NAME_MIN <= len(name) <= NAME_MAX:
            raise LiveError(
                _("A nickname has %(min)d to %(max)d characters.")
                % {"min": NAME_MIN, "max": NAME_MAX}
            )
        if not name.isprintable():
            raise LiveError(_("Choose a nickname of letters, digits and spaces."))
        key = _name_key(name)
        if key in _member_names(session):
            raise LiveError(_("That name belongs to a signed-in learner; choose another nickname."))
        if LivePlayer.objects.filter(session=session, name_key=key).exists():
            raise LiveError(_("Someone in this quiz already uses that nickname."))
        player = LivePlayer.objects.create(
            session=session,
            name=name,
            name_key=key,
            status=LivePlayer.Status.WAITING
            if session.approval_required
            else LivePlayer.Status.APPROVED,
            joined_at=now,
        )
        _changed(session, now, [])
        return player


def player_decide(
    *, session: LiveSession, player_id: int, approve: bool, now: datetime | None = None
) -> LivePlayer:
    """The host lets a waiting guest in, or refuses (or later removes) a player."""
    now = _now(now)
    with transaction.atomic():
        session = _lock(session)
        player = LivePlayer.objects.filter(session=session, pk=player_id).first()
        if player is None:
            raise LiveError(_("No such player in this quiz."))
        player.status = LivePlayer.Status.APPROVED if approve else LivePlayer.Status.REFUSED
        player.save(update_fields=["status"])
        _changed(session, now, [])
        return player


# --- The host's controls ---------------------------------------------------------------------


def _ask(session: LiveSession, position: int, now: datetime) -> LiveSession:
    question = LiveQuestion.objects.get(session=session, position=position)
    question.asked_at = now
    question.save(update_fields=["asked_at"])
    session.status, session.position = S.QUESTION, position
    session.deadline = now + timedelta(seconds=session.seconds)
    session.remaining_ms = None
    return _changed(session, now, ["status", "position", "deadline", "remaining_ms"])


def _next_position(session: LiveSession) -> int | None:
    return (
        LiveQuestion.objects.filter(session=session, position__gt=session.position)
        .order_by("position")
        .values_list("position", flat=True)
        .first()
    )


def question_next(*, session: LiveSession, now: datetime | None = None) -> LiveSession:
    """From the lobby or a revealed question, ask the next question; after the last, end."""
    now = _now(now)
    with transaction.atomic():
        session = _lock(session)
        if session.status not in (S.LOBBY, S.REVEAL):
            raise LiveError(_("Show the answer (or skip the question) before moving on."))
        if session.status == S.LOBBY and session.started_at is None:
            session.started_at = now
            session.save(update_fields=["started_at"])
        position = _next_position(session)
        if position is None:
            return _end(session, now)
        return _ask(session, position, now)


def question_skip(*, session: LiveSession, now: datetime | None = None) -> LiveSession:
    """Drop the open question (it counts for no one) and ask the next one."""
    now = _now(now)
    with transaction.atomic():
        session = _lock(session)
        if session.status not in (S.QUESTION, S.PAUSED):
            raise LiveError(_("There is no open question to skip."))
        LiveQuestion.objects.filter(session=session, position=session.position).update(skipped=True)
        position = _next_position(session)
        if position is None:
            return _end(session, now)
        return _ask(session, position, now)


def session_pause(*, session: LiveSession, now: datetime | None = None) -> LiveSession:
    """Stop the clock of the open question; answers wait until it resumes."""
    now = _now(now)
    with transaction.atomic():
        session = _lock(session)
        if session.status != S.QUESTION:
            raise LiveError(_("Only an open question can be paused."))
        left = max(timedelta(0), session.deadline - now)
        session.status, session.deadline = S.PAUSED, None
        session.remaining_ms = int(left.total_seconds() * 1000)
        return _changed(session, now, ["status", "deadline", "remaining_ms"])


def session_resume(*, session: LiveSession, now: datetime | None = None) -> LiveSession:
    now = _now(now)
    with transaction.atomic():
        session = _lock(session)
        if session.status != S.PAUSED:
            raise LiveError(_("The quiz is not paused."))
        session.status = S.QUESTION
        session.deadline = now + timedelta(milliseconds=session.remaining_ms or 0)
        session.remaining_ms = None
        return _changed(session, now, ["status", "deadline", "remaining_ms"])


def _grade_current(session: LiveSession) -> None:
    """Grade every answer to the current question with the quiz's rule, then its points."""
    question = (
        LiveQuestion.objects.select_related("question")
        .prefetch_related(
            Prefetch("question__choices", queryset=Choice.objects.order_by("position", "pk"))
        )
        .get(session=session, position=session.position)
    )
    answers = list(LiveAnswer.objects.filter(question=question))
    for answer in answers:
        graded = Answer(question=question.question, response=answer.response)
        answer.score = answer_grade(graded)
        elapsed = (answer.answered_at - (question.asked_at or answer.answered_at)).total_seconds()
        answer.points = answer_points(
            score=answer.score, mode=session.scoring, elapsed=elapsed, seconds=session.seconds
        )
    LiveAnswer.objects.bulk_update(answers, ["score", "points"])
    question.revealed = True
    question.save(update_fields=["revealed"])


def question_reveal(*, session: LiveSession, now: datetime | None = None) -> LiveSession:
    """Close the question (early, if the host wants), grade its answers and show the answer."""
    now = _now(now)
    with transaction.atomic():
        session = _lock(session)
        if session.status not in (S.QUESTION, S.PAUSED):
            raise LiveError(_("There is no open question to reveal."))
        _grade_current(session)
        session.status, session.remaining_ms = S.REVEAL, None
        session.deadline = min(session.deadline, now) if session.deadline else now
        return _changed(session, now, ["status", "deadline", "remaining_ms"])


def _attempt_answer(
    attempt: Attempt, position: int, question: LiveQuestion, live: LiveAnswer | None
) -> Answer:
    """A live answer as a slot of the quiz attempt, laid out as the phone showed it."""
    return Answer(
        attempt=attempt,
        question_id=question.question_id,
        position=position,
        layout=question.layout,
        response=live.response if live else None,
        saved_at=live.answered_at if live else None,
    )


def _record_attempts(session: LiveSession, now: datetime) -> None:
    """Each signed-in player's answers to the asked questions become a submitted attempt at
    the quiz (its grade by the quiz's rule), within the quiz's attempt limit; a learner with
    an attempt open at the quiz keeps it, and the live answers then stay in this session only."""
    questions = list(
        LiveQuestion.objects.filter(session=session, asked_at__isnull=False, skipped=False)
    )
    if not questions:
        return
    players = list(
        LivePlayer.objects.filter(
            session=session, user__isnull=False, status=LivePlayer.Status.APPROVED
        )
    )
    responses = {
        (a.player_id, a.question_id): a
        for a in LiveAnswer.objects.filter(question__in=questions, player__in=players)
    }
    used = dict(
        Attempt.objects.filter(quiz=session.quiz, user__in=[p.user_id for p in players])
        .values("user")
        .annotate(n=Max("number"))
        .values_list("user", "n")
    )
    limit = session.quiz.max_attempts
    for player in players:
        number = used.get(player.user_id, 0) + 1
        if limit is not None and number > limit:
            continue
        try:
            with transaction.atomic():
                attempt = Attempt.objects.create(
                    quiz=session.quiz,
                    user_id=player.user_id,
                    number=number,
                    started_at=session.started_at or now,
                )
                Answer.objects.bulk_create(
                    _attempt_answer(
                        attempt, position, question, responses.get((player.pk, question.pk))
                    )
                    for position, question in enumerate(questions, start=1)
                )
        except IntegrityError:
            continue  # an attempt of theirs is open at this quiz
        player.attempt = attempt_submit(attempt=attempt, now=now)
        player.save(update_fields=["attempt"])


def _end(session: LiveSession, now: datetime) -> LiveSession:
    if session.status in (S.QUESTION, S.PAUSED):
        _grade_current(session)
    _record_attempts(session, now)
    session.status, session.deadline, session.remaining_ms = S.ENDED, None, None
    session.ended_at = now
    return _changed(session, now, ["status", "deadline", "remaining_ms", "ended_at"])


def session_end(*, session: LiveSession, now: datetime | None = None) -> LiveSession:
    """End the session: the open question is graded, signed-in players' attempts recorded."""
    now = _now(now)
    with transaction.atomic():
        session = _lock(session)
        if session.is_ended:
            return session
        return _end(session, now)


def end_if_idle(*, session: LiveSession, now: datetime | None = None) -> LiveSession:
    """A session nobody has touched for LIVE_IDLE_MINUTES ends (its PIN is then free)."""
    now = _now(now)
    idle = timedelta(minutes=settings.LIVE_IDLE_MINUTES)
    if session.is_ended or now - session.last_activity <= idle:
        return session
    return session_end(session=session, now=now)


def end_idle_sessions(*, now: datetime | None = None) -> int:
    """End every idle session; how many ended."""
    now = _now(now)
    cutoff = now - timedelta(minutes=settings.LIVE_IDLE_MINUTES)
    idle = LiveSession.objects.exclude(status=S.ENDED).filter(last_activity__lt=cutoff)
    count = 0
    for session in idle:
        session_end(session=session, now=now)
        count += 1
    return count


# --- Answers ---------------------------------------------------------------------------------


def answer_save(
    *,
    session: LiveSession,
    player: LivePlayer,
    response: Mapping | None,
    now: datetime | None = None,
) -> LiveAnswer:
    """Keep the player's answer to the open question; it may change until time is up.

    Only server time counts; the answer is graded at the reveal, never before.
    """
    now = _now(now)
    with transaction.atomic():
        session = _lock(session)
        if player.session_id != session.pk or player.status != LivePlayer.Status.APPROVED:
            raise LiveError(_("You are not playing in this quiz."))
        if session.status == S.PAUSED:
            raise LiveError(_("The quiz is paused; answer when it resumes."))
        if session.status != S.QUESTION or now > session.deadline + ANSWER_GRACE:
            raise LiveError(_("Time is up: this question no longer takes answers."))
        question = LiveQuestion.objects.get(session=session, position=session.position)
        answer, created = LiveAnswer.objects.get_or_create(
            player=player,
            question=question,
            defaults={"response": response, "answered_at": now},
        )
        if not created and answer.response != response:
            answer.response, answer.answered_at = response, now
            answer.save(update_fields=["response", "answered_at"])
        session.last_activity = now
        if created:
            # The projector's count of answers changed; the phones' screens did not.
            _changed(session, now, [], host_only=True)
        else:
            session.save(update_fields=["last_activity"])
        return answer
