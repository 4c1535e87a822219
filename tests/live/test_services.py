"""The live quiz's rules: create, join, the host's controls, answers, grading, the end."""

from datetime import timedelta
from decimal import Decimal

import pytest

from live.models import LiveAnswer, LivePlayer, LiveQuestion, LiveSession
from live.services import (
    LiveError,
    answer_save,
    end_idle_sessions,
    end_if_idle,
    player_decide,
    player_join,
    question_next,
    question_reveal,
    question_skip,
    session_create,
    session_end,
    session_pause,
    session_resume,
)
from quizzes.models import Attempt
from quizzes.services import attempt_start
from tests.classrooms.helpers import make_classroom
from tests.factories import TeacherFactory, UserFactory
from tests.live.helpers import NOW, current, live_quiz, right, started
from tests.quizzes.helpers import ALL_TYPES, MATCHING, MULTIPLE, SINGLE

pytestmark = pytest.mark.django_db
S = LiveSession.Status


def later(seconds):
    return NOW + timedelta(seconds=seconds)


def test_create_opens_a_lobby_with_a_pin_and_only_phone_questions(teacher):
    quiz = live_quiz(ALL_TYPES)
    session = session_create(host=teacher, quiz=quiz, now=NOW)
    assert session.status == S.LOBBY
    assert len(session.pin) == 6 and session.pin.isdigit()
    types = list(session.questions.values_list("question__type", flat=True))
    assert "matching" not in types
    assert len(types) == len(ALL_TYPES) - 1


def test_create_refuses_a_classroom_the_host_does_not_teach(teacher, student):
    classroom = make_classroom(TeacherFactory(), student)
    with pytest.raises(LiveError):
        session_create(host=teacher, quiz=live_quiz(), classroom=classroom, now=NOW)


def test_create_refuses_a_quiz_without_phone_questions(teacher):
    with pytest.raises(LiveError):
        session_create(host=teacher, quiz=live_quiz([MATCHING]), now=NOW)


def test_open_pins_are_unique(teacher, monkeypatch):
    first = session_create(host=teacher, quiz=live_quiz(), now=NOW)
    pins = iter([first.pin, first.pin, "999999"])
    monkeypatch.setattr("live.services.new_pin", lambda: next(pins))
    second = session_create(host=teacher, quiz=first.quiz, now=NOW)
    assert second.pin == "999999"


def test_a_signed_in_learner_joins_once_as_themselves(teacher, student):
    session = session_create(host=teacher, quiz=live_quiz(), now=NOW)
    first = player_join(session=session, user=student, now=NOW)
    again = player_join(session=session, user=student, name="someone else", now=NOW)
    assert first == again
    assert first.user == student and first.status == LivePlayer.Status.APPROVED


@pytest.mark.parametrize("name", ["A", "x" * 21, "   ", "bad\x00name"])
def test_guest_nicknames_are_checked(teacher, name):
    session = session_create(host=teacher, quiz=live_quiz(), now=NOW)
    with pytest.raises(LiveError):
        player_join(session=session, name=name, now=NOW)


def test_a_guest_cannot_take_a_members_name(teacher):
    alice = UserFactory(username="alice", first_name="Alice", last_name="Adams")
    bob = UserFactory(username="bob", first_name="Bob", last_name="Brown")
    classroom = make_classroom(teacher, bob)
    session = session_create(host=teacher, quiz=live_quiz(), classroom=classroom, now=NOW)
    player_join(session=session, user=alice, now=NOW)
    for name in ["Alice Adams", "alice", "  ALICE  adams ", "Bob Brown", "bob", "teacher"]:
        with pytest.raises(LiveError):
            player_join(session=session, name=name, now=NOW)
    assert player_join(session=session, name="Rocket Fan", now=NOW).is_guest


def test_two_guests_cannot_share_a_nickname(teacher):
    session = session_create(host=teacher, quiz=live_quiz(), now=NOW)
    player_join(session=session, name="Comet", now=NOW)
    with pytest.raises(LiveError):
        player_join(session=session, name="comet", now=NOW)


def test_guests_wait_for_approval_when_the_host_asks(teacher):
    session = session_create(host=teacher, quiz=live_quiz(), approval_required=True, now=NOW)
    guest = player_join(session=session, name="Comet", now=NOW)
    assert guest.status == LivePlayer.Status.WAITING
    session = question_next(session=session, now=NOW)
    with pytest.raises(LiveError):
        answer_save(session=session, player=guest, response=right(session), now=NOW)
    guest = player_decide(session=session, player_id=guest.pk, approve=True, now=NOW)
    answer_save(session=session, player=guest, response=right(session), now=NOW)


def test_answers_change_until_time_is_up(teacher, student):
    session = started(teacher, seconds=30)
    player = player_join(session=session, user=student, now=NOW)
    wrong = {"choice": current(session).question.choices.order_by("position")[1].pk}
    answer_save(session=session, player=player, response=wrong, now=later(5))
    answer_save(session=session, player=player, response=right(session), now=later(20))
    assert LiveAnswer.objects.get().response == right(session)
    with pytest.raises(LiveError):
        answer_save(session=session, player=player, response=wrong, now=later(32))
    assert LiveAnswer.objects.get().response == right(session)


def test_reveal_grades_with_the_quiz_rule_and_partial_credit(teacher, student, other_student):
    session = started(teacher, live_quiz([MULTIPLE]))
    right_choices = right(session)["choices"]
    full = player_join(session=session, user=student, now=NOW)
    half = player_join(session=session, user=other_student, now=NOW)
    answer_save(session=session, player=full, response={"choices": right_choices}, now=later(3))
    answer_save(session=session, player=half, response={"choices": right_choices[:1]}, now=later(1))
    assert LiveAnswer.objects.filter(score__isnull=False).count() == 0  # graded only at reveal
    session = question_reveal(session=session, now=later(10))
    assert session.status == S.REVEAL
    scores = dict(LiveAnswer.objects.values_list("player__user__username", "points"))
    assert scores == {"student": 1000, "other_student": 500}
    with pytest.raises(LiveError):
        answer_save(session=session, player=full, response={"choices": []}, now=later(11))


def test_speed_mode_adds_a_small_bonus(teacher, student, other_student):
    session = started(teacher, live_quiz([SINGLE]), scoring="speed", seconds=20)
    fast = player_join(session=session, user=student, now=NOW)
    slow = player_join(session=session, user=other_student, now=NOW)
    answer_save(session=session, player=fast, response=right(session), now=later(2))
    answer_save(session=session, player=slow, response=right(session), now=later(18))
    question_reveal(session=session, now=later(20))
    points = dict(LiveAnswer.objects.values_list("player__user__username", "points"))
    assert points == {"student": 1090, "other_student": 1010}


def test_pause_stops_the_clock(teacher, student):
    session = started(teacher, seconds=30)
    player = player_join(session=session, user=student, now=NOW)
    session = session_pause(session=session, now=later(10))
    with pytest.raises(LiveError):
        answer_save(session=session, player=player, response=right(session), now=later(11))
    session = session_resume(session=session, now=later(100))
    assert session.deadline == later(120)
    answer_save(session=session, player=player, response=right(session), now=later(110))


def test_next_needs_a_reveal_and_the_last_question_ends(teacher, student):
    session = started(teacher, live_quiz([SINGLE], copies=2))
    with pytest.raises(LiveError):
        question_next(session=session, now=later(1))
    session = question_reveal(session=session, now=later(1))
    session = question_next(session=session, now=later(2))
    assert session.position == 2
    session = question_reveal(session=session, now=later(3))
    session = question_next(session=session, now=later(4))
    assert session.status == S.ENDED


def test_skipped_questions_count_for_no_one(teacher, student):
    session = started(teacher, live_quiz([SINGLE, MULTIPLE]))
    player = player_join(session=session, user=student, now=NOW)
    answer_save(session=session, player=player, response=right(session), now=later(1))
    session = question_skip(session=session, now=later(2))
    assert session.position == 2 and session.status == S.QUESTION
    answer_save(session=session, player=player, response=right(session), now=later(3))
    session = session_end(session=session, now=later(4))
    attempt = Attempt.objects.get(user=student)
    assert [a.question.type for a in attempt.answers.order_by("position")] == ["multiple"]
    assert attempt.score == Decimal(1)
    assert LiveQuestion.objects.get(session=session, position=1).skipped


def test_the_end_records_a_graded_attempt_for_signed_in_learners_only(teacher, student):
    session = started(teacher, live_quiz([SINGLE, MULTIPLE]))
    player = player_join(session=session, user=student, now=NOW)
    guest = player_join(session=session, name="Comet", now=NOW)
    answer_save(session=session, player=player, response=right(session), now=later(1))
    answer_save(session=session, player=guest, response=right(session), now=later(1))
    session = question_reveal(session=session, now=later(2))
    session = question_next(session=session, now=later(3))
    session = session_end(session=session, now=later(4))  # the second question unanswered
    attempt = Attempt.objects.get()
    assert attempt.user == student and attempt.is_submitted
    assert attempt.score == Decimal("0.5")
    assert LivePlayer.objects.get(pk=player.pk).attempt == attempt
    assert session_end(session=session, now=later(5)).status == S.ENDED
    assert Attempt.objects.count() == 1


def test_the_end_respects_the_attempt_limit_and_an_open_attempt(teacher, student, other_student):
    quiz = live_quiz([SINGLE], max_attempts=1)
    session = started(teacher, quiz)
    for user in (student, other_student):
        player_join(session=session, user=user, now=NOW)
    attempt_start(user=other_student, quiz=quiz, now=NOW)  # open, and the only one allowed
    session_end(session=session, now=later(1))
    assert Attempt.objects.filter(user=student).count() == 1
    assert Attempt.objects.filter(user=other_student).count() == 1


def test_an_idle_session_ends(teacher, settings):
    settings.LIVE_IDLE_MINUTES = 30
    session = started(teacher)
    assert end_if_idle(session=session, now=later(29 * 60)).status == S.QUESTION
    assert end_if_idle(session=session, now=later(31 * 60)).status == S.ENDED
    other = started(teacher, session.quiz)
    assert end_idle_sessions(now=later(31 * 60)) == 1
    other.refresh_from_db()
    assert other.is_ended


def test_an_ended_session_takes_no_one(teacher, student):
    session = session_end(session=started(teacher), now=later(1))
    with pytest.raises(LiveError):
        player_join(session=session, user=student, now=later(2))


def test_the_command_ends_idle_sessions(teacher, settings):
    import io

    from django.core.management import call_command

    settings.LIVE_IDLE_MINUTES = 1
    session = started(teacher)
    LiveSession.objects.filter(pk=session.pk).update(last_activity=NOW - timedelta(hours=1))
    out = io.StringIO()
    call_command("end_idle_live_sessions", stdout=out)
    assert out.getvalue().startswith("1 idle")
    session.refresh_from_db()
    assert session.is_ended
