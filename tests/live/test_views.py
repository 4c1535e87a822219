"""The live pages: who may host and play, the PIN, the phone's answers, all without JavaScript."""

import pytest
from django.test import Client
from django.urls import reverse

from live.models import LiveAnswer, LivePlayer, LiveSession
from live.services import player_join, question_next, question_reveal, session_create
from tests.classrooms.helpers import make_classroom
from tests.live.helpers import live_quiz, right
from tests.quizzes.helpers import SINGLE

pytestmark = pytest.mark.django_db
CONTROLS = ["next", "reveal", "skip", "pause", "resume", "end"]


@pytest.fixture
def session(teacher):
    return session_create(host=teacher, quiz=live_quiz())


def enter_pin(client: Client, pin: str):
    return client.post(reverse("live:join"), {"pin": pin})


def test_a_teacher_starts_a_session_from_a_classroom(teacher_client, teacher, student):
    classroom = make_classroom(teacher, student)
    quiz = live_quiz()
    url = reverse("live:create")
    page = teacher_client.get(url, {"quiz": quiz.slug, "classroom": classroom.pk})
    assert page.status_code == 200
    response = teacher_client.post(
        url, {"quiz": quiz.slug, "classroom": classroom.pk, "scoring": "accuracy", "seconds": 30}
    )
    session = LiveSession.objects.get()
    assert response.url == reverse("live:host", kwargs={"pk": session.pk})
    assert session.classroom == classroom and session.host == teacher
    host = teacher_client.get(response.url)
    assert session.pin in host.content.decode()
    assert "/live/" in host.content.decode()


def test_the_classroom_and_quiz_pages_offer_a_live_quiz(teacher_client, teacher, student):
    classroom = make_classroom(teacher, student)
    quiz = live_quiz()
    page = teacher_client.get(reverse("classrooms:detail", kwargs={"pk": classroom.pk}))
    assert "Start a live quiz" in page.content.decode()
    page = teacher_client.get(quiz.get_absolute_url())
    assert "Start a live quiz" in page.content.decode()


def test_students_cannot_host(student_client):
    quiz = live_quiz()
    assert student_client.get(reverse("live:create"), {"quiz": quiz.slug}).status_code == 403


def test_another_teachers_classroom_is_404(teacher_client, other_teacher, student):
    classroom = make_classroom(other_teacher, student)
    quiz = live_quiz()
    response = teacher_client.get(
        reverse("live:create"), {"quiz": quiz.slug, "classroom": classroom.pk}
    )
    assert response.status_code == 404


@pytest.mark.parametrize("bad", ["0", "abc", "9" * 30, "１"])
def test_bad_create_parameters_are_404(teacher_client, bad):
    live_quiz()
    response = teacher_client.get(reverse("live:create"), {"quiz": "live-quiz", "classroom": bad})
    assert response.status_code == 404
    assert teacher_client.post(reverse("live:create"), {"quiz": bad}).status_code == 404


def test_bad_options_are_400(teacher_client):
    quiz = live_quiz()
    response = teacher_client.post(reverse("live:create"), {"quiz": quiz.slug, "seconds": "7"})
    assert response.status_code == 400
    assert not LiveSession.objects.exists()


def test_only_the_host_controls_the_session(client, session, student, other_teacher):
    host_url = reverse("live:host", kwargs={"pk": session.pk})
    for user in (student, other_teacher):
        client.force_login(user)
        assert client.get(host_url).status_code == 404
        assert client.get(reverse("live:host-state", kwargs={"pk": session.pk})).status_code == 404
        for action in CONTROLS:
            url = reverse("live:control", kwargs={"pk": session.pk, "action": action})
            assert client.post(url).status_code == 404
    client.logout()
    assert client.get(host_url).status_code == 302  # to the login page
    session.refresh_from_db()
    assert session.status == LiveSession.Status.LOBBY and session.version == 0


def test_the_host_runs_the_quiz_with_plain_posts(teacher_client, session):
    for action in ["next", "pause", "resume", "reveal", "next", "skip", "end"]:
        url = reverse("live:control", kwargs={"pk": session.pk, "action": action})
        response = teacher_client.post(url)
        assert response.status_code == 302
        assert teacher_client.get(response.url).status_code == 200
    session.refresh_from_db()
    assert session.is_ended


def test_a_wrong_control_is_a_message_not_a_500(teacher_client, session):
    url = reverse("live:control", kwargs={"pk": session.pk, "action": "reveal"})
    page = teacher_client.post(url, follow=True)
    assert "no open question" in page.content.decode()
    bad = reverse("live:control", kwargs={"pk": session.pk, "action": "explode"})
    assert teacher_client.post(bad, follow=True).status_code == 200


def test_a_signed_in_student_joins_with_the_pin(student_client, student, session):
    response = enter_pin(student_client, f" {session.pin[:3]} {session.pin[3:]} ")
    assert response.url == reverse("live:play", kwargs={"pk": session.pk})
    assert LivePlayer.objects.get().user == student
    assert "You’re in" in student_client.get(response.url).content.decode()


def test_a_guest_joins_with_a_nickname_marked_guest(client, session, teacher_client):
    response = enter_pin(client, session.pin)
    assert client.get(response.url).status_code == 200  # the nickname form
    page = client.post(response.url, {"name": "Comet"}, follow=True)
    assert "You’re in" in page.content.decode()
    host = teacher_client.get(reverse("live:host", kwargs={"pk": session.pk})).content.decode()
    assert "Comet" in host and "guest" in host


def test_a_guest_cannot_use_a_members_name(client, session, student):
    player_join(session=session, user=student)
    url = enter_pin(client, session.pin).url
    response = client.post(url, {"name": "student"})
    assert response.status_code == 400
    assert LivePlayer.objects.count() == 1


def test_a_wrong_pin_is_400_and_guessing_is_throttled(client, session, settings):
    settings.RATE_LIMIT_LIVE_PIN_MISS_PER_ADDRESS = "3/m"
    wrong = "000000" if session.pin != "000000" else "111111"
    for _ in range(3):
        assert enter_pin(client, wrong).status_code == 400
    assert enter_pin(client, wrong).status_code == 429
    assert enter_pin(client, session.pin).status_code == 429  # even the right one, for now


def test_the_pin_form_is_throttled_per_address(client, session, settings):
    settings.RATE_LIMIT_LIVE_JOIN_PER_ADDRESS = "2/m"
    assert enter_pin(client, session.pin).status_code == 302
    assert enter_pin(client, session.pin).status_code == 302
    assert enter_pin(client, session.pin).status_code == 429


@pytest.mark.parametrize("pin", ["12345", "1234567", "abcdef", "١٢٣٤٥٦", "x" * 5000])
def test_malformed_pins_are_400(client, pin):
    assert enter_pin(client, pin).status_code == 400


def test_the_phone_page_needs_the_pin(client, session, student):
    for name in ["play", "state"]:
        assert client.get(reverse(f"live:{name}", kwargs={"pk": session.pk})).status_code == 404
    assert client.post(reverse("live:answer", kwargs={"pk": session.pk})).status_code == 404
    client.force_login(student)
    assert client.get(reverse("live:play", kwargs={"pk": session.pk})).status_code == 404


def test_the_phone_answers_and_changes_without_javascript(student_client, student, session):
    enter_pin(student_client, session.pin)
    session = question_next(session=session)
    url = reverse("live:answer", kwargs={"pk": session.pk})
    assert student_client.post(url, {"q1": "1"}).status_code == 302
    page = student_client.post(url, {"q1": "0"}, follow=True).content.decode()
    assert "Answer saved" in page
    assert 'value="0" checked' in page  # the kept answer, after a reload
    assert LiveAnswer.objects.get().response == right(session)


@pytest.mark.parametrize("data", [{"q1": "7"}, {"q1": ["0", "1"]}, {"q1": "-1"}, {"q1": "x" * 500}])
def test_a_bad_answer_is_400_and_stores_nothing(student_client, session, data):
    enter_pin(student_client, session.pin)
    question_next(session=session)
    response = student_client.post(reverse("live:answer", kwargs={"pk": session.pk}), data)
    assert response.status_code == 400
    assert not LiveAnswer.objects.exists()


def test_posted_scores_are_ignored(student_client, session):
    enter_pin(student_client, session.pin)
    question_next(session=session)
    url = reverse("live:answer", kwargs={"pk": session.pk})
    student_client.post(url, {"q1": "1", "score": "1", "points": "5000", "player": "1"})
    question_reveal(session=session)
    assert LiveAnswer.objects.get().points == 0


def test_the_json_answer_reply(student_client, session):
    enter_pin(student_client, session.pin)
    question_next(session=session)
    url = reverse("live:answer", kwargs={"pk": session.pk})
    reply = student_client.post(url, {"q1": "0"}, headers={"Accept": "application/json"})
    assert reply.json()["ok"] is True
    question_reveal(session=session)
    late = student_client.post(url, {"q1": "1"}, headers={"Accept": "application/json"})
    assert late.status_code == 409 and late.json()["ok"] is False


def test_the_reveal_shows_right_or_wrong_on_the_phone(student_client, session):
    enter_pin(student_client, session.pin)
    session = question_next(session=session)
    student_client.post(reverse("live:answer", kwargs={"pk": session.pk}), {"q1": "0"})
    question_reveal(session=session)
    page = student_client.get(reverse("live:play", kwargs={"pk": session.pk})).content.decode()
    assert "Right!" in page and "+1000" in page
    assert "NASA and the Soviet space programme, in July 1975." in page  # the explanation


def test_the_podium_and_summary_at_the_end(teacher_client, student_client, session):
    enter_pin(student_client, session.pin)
    session = question_next(session=session)
    student_client.post(reverse("live:answer", kwargs={"pk": session.pk}), {"q1": "0"})
    teacher_client.post(reverse("live:control", kwargs={"pk": session.pk, "action": "end"}))
    host = teacher_client.get(reverse("live:host", kwargs={"pk": session.pk})).content.decode()
    assert "Podium" in host and "Class summary" in host and "100%" in host
    phone = student_client.get(reverse("live:play", kwargs={"pk": session.pk})).content.decode()
    assert "You came 1 with 1000 points." in phone
    assert "See your answers" in phone


def test_a_quiz_of_one_question_ends_after_next(teacher_client, teacher):
    session = session_create(host=teacher, quiz=live_quiz([SINGLE]))
    for action in ["next", "reveal", "next"]:
        teacher_client.post(reverse("live:control", kwargs={"pk": session.pk, "action": action}))
    session.refresh_from_db()
    assert session.is_ended
