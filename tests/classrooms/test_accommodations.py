"""Accommodations: the server's deadline and attempt limit use them, the learner's timer and
quiz page show them, the dashboard marks them; only the classroom's teachers set them.

Runs on SQLite and PostgreSQL (`DATABASE_URL=postgres://...`), the deadline tests included."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from classrooms.accommodations import (
    AccommodationError,
    accommodation_set,
    allowances_for,
)
from classrooms.models import Accommodation
from quizzes.models import Attempt
from quizzes.services import (
    AttemptClosed,
    AttemptLimitReached,
    attempt_save,
    attempt_start,
    attempt_submit,
)
from tests.classrooms.helpers import make_classroom
from tests.factories import TeacherFactory, UserFactory
from tests.quizzes.helpers import SINGLE, make_quiz

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


@pytest.fixture
def quiz(db):
    return make_quiz([SINGLE], slug="timed", time_limit_minutes=30, max_attempts=1)


@pytest.fixture
def classroom(teacher, student, other_student):
    return make_classroom(teacher, student, other_student)


def test_extra_minutes_move_the_servers_deadline(classroom, student, quiz):
    accommodation_set(classroom=classroom, user=student, quiz=quiz, extra_minutes=15)
    attempt = attempt_start(user=student, quiz=quiz, now=START)
    assert attempt.deadline == START + timedelta(minutes=45)


def test_a_time_factor_moves_the_deadline(classroom, student, quiz):
    accommodation_set(classroom=classroom, user=student, time_factor=Decimal("1.5"))
    attempt = attempt_start(user=student, quiz=quiz, now=START)
    assert attempt.deadline == START + timedelta(minutes=45)


def test_other_students_keep_the_quizs_limit(classroom, student, other_student, quiz):
    accommodation_set(classroom=classroom, user=student, quiz=quiz, extra_minutes=15)
    attempt = attempt_start(user=other_student, quiz=quiz, now=START)
    assert attempt.deadline == START + timedelta(minutes=30)


def test_a_whole_class_accommodation_counts_for_every_member(
    classroom, student, other_student, quiz
):
    accommodation_set(classroom=classroom, extra_minutes=10)
    for learner in (student, other_student):
        attempt = attempt_start(user=learner, quiz=quiz, now=START)
        assert attempt.deadline == START + timedelta(minutes=40)


def test_an_accommodation_for_another_quiz_does_not_count(classroom, student, quiz):
    other = make_quiz([SINGLE], slug="other", time_limit_minutes=5)
    accommodation_set(classroom=classroom, user=student, quiz=other, extra_minutes=15)
    attempt = attempt_start(user=student, quiz=quiz, now=START)
    assert attempt.deadline == START + timedelta(minutes=30)


def test_an_archived_classrooms_accommodation_no_longer_counts(classroom, student, quiz):
    accommodation_set(classroom=classroom, user=student, extra_minutes=15)
    classroom.is_archived = True
    classroom.save()
    assert allowances_for(user=student, quiz=quiz) == []


def test_saves_count_until_the_extended_deadline_and_not_after(classroom, student, quiz):
    accommodation_set(classroom=classroom, user=student, quiz=quiz, extra_minutes=15)
    attempt = attempt_start(user=student, quiz=quiz, now=START)
    answer = attempt.answers.get()
    choice = answer.question.choices.get(fraction=1)
    # 40 minutes in: past the quiz's 30, within the student's 45.
    attempt = attempt_save(
        attempt=attempt,
        responses={answer.pk: {"choice": choice.pk}},
        sequence=attempt.sequence,
        now=START + timedelta(minutes=40),
    )
    assert Attempt.objects.get(pk=attempt.pk).state == Attempt.State.IN_PROGRESS
    with pytest.raises(AttemptClosed):
        attempt_save(
            attempt=attempt,
            responses={answer.pk: None},
            sequence=attempt.sequence,
            now=START + timedelta(minutes=46),
        )
    closed = Attempt.objects.get(pk=attempt.pk)
    assert closed.state == Attempt.State.SUBMITTED
    assert closed.score == 1  # the answer saved at minute 40 counts
    assert closed.submitted_at == START + timedelta(minutes=45)


def test_extra_attempts_raise_the_limit(classroom, student, quiz):
    attempt_submit(attempt=attempt_start(user=student, quiz=quiz))
    with pytest.raises(AttemptLimitReached):
        attempt_start(user=student, quiz=quiz)
    accommodation_set(classroom=classroom, user=student, quiz=quiz, extra_attempts=1)
    second = attempt_submit(attempt=attempt_start(user=student, quiz=quiz))
    assert second.number == 2
    with pytest.raises(AttemptLimitReached, match="all 2 attempts"):
        attempt_start(user=student, quiz=quiz)


def test_setting_again_replaces(classroom, student, quiz):
    accommodation_set(classroom=classroom, user=student, quiz=quiz, extra_minutes=15)
    accommodation_set(classroom=classroom, user=student, quiz=quiz, extra_minutes=5)
    assert Accommodation.objects.get().extra_minutes == 5


def test_a_non_member_or_an_empty_accommodation_is_refused(classroom, quiz):
    with pytest.raises(AccommodationError):
        accommodation_set(classroom=classroom, user=UserFactory(username="x"), extra_minutes=5)
    with pytest.raises(AccommodationError):
        accommodation_set(classroom=classroom)


# --- What the learner sees -----------------------------------------------------------------


def test_the_quiz_page_and_the_timer_show_the_extra_time(client, classroom, student, quiz):
    accommodation_set(
        classroom=classroom, user=student, quiz=quiz, extra_minutes=15, extra_attempts=1
    )
    client.force_login(student)
    html = client.get(quiz.get_absolute_url()).content.decode()
    assert "Time limit 45 min" in html and "your extra time included" in html
    assert "2 attempts allowed" in html
    attempt = attempt_start(user=student, quiz=quiz)
    html = client.get(attempt.get_absolute_url()).content.decode()
    assert "includes 15 extra minutes" in html
    seconds = int(html.split('data-seconds-left="')[1].split('"')[0])
    assert 44 * 60 < seconds <= 45 * 60


def test_without_an_accommodation_nothing_extra_shows(client, classroom, other_student, quiz):
    client.force_login(other_student)
    html = client.get(quiz.get_absolute_url()).content.decode()
    assert "Time limit 30 min" in html and "extra" not in html


# --- The teacher's side --------------------------------------------------------------------


def _post_new(client, classroom, **data):
    return client.post(reverse("classrooms:accommodation-create", args=[classroom.pk]), data)


def test_teacher_gives_extra_time_from_the_drill_down(client, teacher, classroom, student, quiz):
    client.force_login(teacher)
    response = _post_new(
        client, classroom, student=student.pk, back=student.pk, quiz=quiz.pk,
        extra_minutes=10, time_factor="1", extra_attempts=0,
    )  # fmt: skip
    assert response["Location"] == reverse("classrooms:student", args=[classroom.pk, student.pk])
    row = Accommodation.objects.get()
    assert (row.user, row.quiz, row.extra_minutes) == (student, quiz, 10)
    html = client.get(response["Location"]).content.decode()
    assert "+10 min" in html


def test_teacher_gives_the_whole_class_extra_time(client, teacher, classroom, quiz):
    client.force_login(teacher)
    response = _post_new(
        client, classroom, student="", quiz="", extra_minutes=0, time_factor="1.25",
        extra_attempts=1,
    )  # fmt: skip
    assert response["Location"] == classroom.get_absolute_url()
    row = Accommodation.objects.get()
    assert row.user is None and row.quiz is None and row.time_factor == Decimal("1.25")


def test_the_dashboard_marks_accommodated_students(client, teacher, classroom, student, quiz):
    accommodation_set(classroom=classroom, user=student, extra_minutes=10)
    accommodation_set(classroom=classroom, extra_attempts=1)
    client.force_login(teacher)
    html = client.get(classroom.get_absolute_url()).content.decode()
    assert 'class="badge-accommodation"' in html
    assert "+10 min" in html
    assert "The whole class has:" in html and "+1 attempt" in html


@pytest.mark.parametrize(
    "data",
    [
        {"extra_minutes": "-5", "time_factor": "1", "extra_attempts": "0"},
        {"extra_minutes": "0", "time_factor": "9", "extra_attempts": "0"},
        {"extra_minutes": "0", "time_factor": "NaN", "extra_attempts": "0"},
        {"extra_minutes": "0", "time_factor": "1", "extra_attempts": "0"},
        {"extra_minutes": "5", "time_factor": "1", "extra_attempts": "0", "student": "999999"},
        {"extra_minutes": "5", "time_factor": "1", "extra_attempts": "0", "quiz": "abc"},
    ],
)
def test_bad_input_saves_nothing_and_says_why(client, teacher, classroom, data):
    client.force_login(teacher)
    response = _post_new(client, classroom, **data)
    assert response.status_code == 302
    assert not Accommodation.objects.exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages


def test_other_teachers_get_404_and_students_403(client, classroom, student, quiz):
    other = TeacherFactory(username="other_teacher")
    make_classroom(other, UserFactory(username="theirs"), name="Elsewhere")
    data = {"student": student.pk, "extra_minutes": 10, "time_factor": "1", "extra_attempts": 0}
    client.force_login(other)
    assert _post_new(client, classroom, **data).status_code == 404
    client.force_login(student)
    assert _post_new(client, classroom, **data).status_code == 403
    assert not Accommodation.objects.exists()


def test_removing_an_accommodation(client, teacher, classroom, student):
    row = accommodation_set(classroom=classroom, user=student, extra_minutes=10)
    other_class = make_classroom(TeacherFactory(username="t2"), student, name="Other")
    theirs = accommodation_set(classroom=other_class, user=student, extra_minutes=10)
    client.force_login(teacher)
    url = reverse("classrooms:accommodation-delete", args=[classroom.pk, theirs.pk])
    assert client.post(url).status_code == 404
    url = reverse("classrooms:accommodation-delete", args=[classroom.pk, row.pk])
    assert client.post(url).status_code == 302
    assert list(Accommodation.objects.all()) == [theirs]
