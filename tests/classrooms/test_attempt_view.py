"""The teacher's read-only view of a student's attempt and the mark override."""

from decimal import Decimal

import pytest
from django.urls import reverse

from quizzes.models import Answer, Attempt
from quizzes.standing import standings
from tests.classrooms.helpers import make_classroom, take_quiz
from tests.factories import TeacherFactory, UserFactory
from tests.quizzes.helpers import make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz(db):
    return make_quiz(slug="attempt-view", pass_mark=50)


@pytest.fixture
def world(teacher, student, other_student, quiz):
    """The teacher's class holds `student`; another teacher's class holds `other_student`."""
    other_teacher = TeacherFactory(username="other_teacher")
    classroom = make_classroom(teacher, student)
    elsewhere = make_classroom(other_teacher, other_student, name="Elsewhere")
    attempt = take_quiz(student, quiz, right=3)  # 3 of 7 right
    return {
        "classroom": classroom,
        "elsewhere": elsewhere,
        "attempt": attempt,
        "other_teacher": other_teacher,
    }


def _url(world, name="classrooms:attempt", classroom=None, **extra):
    attempt = world["attempt"]
    kwargs = {
        "pk": (classroom or world["classroom"]).pk,
        "user_id": attempt.user_id,
        "attempt_id": attempt.pk,
        **extra,
    }
    return reverse(name, kwargs=kwargs)


def _mark_url(world, answer, classroom=None):
    return _url(world, "classrooms:mark", classroom=classroom, answer_id=answer.pk)


def test_teacher_sees_answers_marks_and_right_answers(client, teacher, world):
    client.force_login(teacher)
    response = client.get(_url(world))
    assert response.status_code == 200
    html = response.content.decode()
    assert "43%" in html  # 3 of 7
    assert "Not passed" in html  # pass mark 50%
    assert html.count('class="question result') == 7
    # The right answers show even where the quiz hides them from learners in review.
    assert "the right answer" in html
    assert "Right match" in html
    assert "Right order" in html


def test_teacher_view_shows_right_answers_whatever_the_review_policy(client, teacher, world, quiz):
    quiz.show_right_answers = False
    quiz.save()
    client.force_login(teacher)
    html = client.get(_url(world)).content.decode()
    assert "Right order" in html


@pytest.mark.parametrize(
    "who", ["anonymous", "student", "other_student", "other_teacher", "teacher_elsewhere"]
)
def test_everyone_but_the_students_teachers_gets_404(client, who, world, student, other_student):
    users = {
        "student": student,
        "other_student": other_student,
        "other_teacher": world["other_teacher"],
    }
    classroom = None
    if who == "teacher_elsewhere":
        # A teacher of another classroom asking through their own classroom.
        users[who] = world["other_teacher"]
        classroom = world["elsewhere"]
    if who != "anonymous":
        client.force_login(users[who])
    response = client.get(_url(world, classroom=classroom))
    if who == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == 404


def test_the_student_gets_their_own_results_page(client, student, world):
    client.force_login(student)
    response = client.get(reverse("quizzes:results", kwargs={"pk": world["attempt"].pk}))
    assert response.status_code == 200
    assert "Your results" in response.content.decode()


def test_an_attempt_at_another_student_via_this_classroom_is_404(client, teacher, world, quiz):
    stranger = UserFactory(username="stranger")
    theirs = take_quiz(stranger, quiz, right=1)
    client.force_login(teacher)
    url = reverse(
        "classrooms:attempt",
        kwargs={"pk": world["classroom"].pk, "user_id": stranger.pk, "attempt_id": theirs.pk},
    )
    assert client.get(url).status_code == 404
    # Nor does naming a member while asking for someone else's attempt work.
    url = reverse(
        "classrooms:attempt",
        kwargs={
            "pk": world["classroom"].pk,
            "user_id": world["attempt"].user_id,
            "attempt_id": theirs.pk,
        },
    )
    assert client.get(url).status_code == 404


def test_a_co_teacher_of_a_second_classroom_of_the_student_sees_it(client, student, world):
    co = TeacherFactory(username="second_class_teacher")
    second = make_classroom(co, student, name="Second")
    client.force_login(co)
    assert client.get(_url(world, classroom=second)).status_code == 200


def _answer(world, position=7) -> Answer:
    return world["attempt"].answers.get(position=position)


def test_override_changes_the_mark_and_the_attempt_score(client, teacher, world, quiz, student):
    client.force_login(teacher)
    answer = _answer(world)  # the last question: unanswered, 0
    response = client.post(
        _mark_url(world, answer), {"percent": "100", "comment": "Close enough, well argued."}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#q7")
    answer.refresh_from_db()
    assert answer.override_score == Decimal("1")
    assert answer.score == Decimal("1")
    assert answer.overridden_by == teacher
    assert answer.overridden_at is not None
    attempt = Attempt.objects.get(pk=world["attempt"].pk)
    assert attempt.score == Decimal("0.5714")  # 4 of 7
    # The dashboard's standing reads the same score.
    grade = standings(users=[student.pk], quizzes=[quiz])[(student.pk, quiz.pk)].grade
    assert grade == Decimal("0.5714")


def test_the_learner_sees_the_new_mark_and_the_comment(client, teacher, student, world):
    client.force_login(teacher)
    client.post(_mark_url(world, _answer(world)), {"percent": "50", "comment": "Half: <b>why</b>"})
    client.force_login(student)
    html = client.get(reverse("quizzes:results", kwargs={"pk": world["attempt"].pk})).content
    html = html.decode()
    assert "Mark changed by your teacher to 50%." in html
    assert "Half: &lt;b&gt;why&lt;/b&gt;" in html  # plain text, escaped
    assert "50%" in html


def test_double_submit_of_an_override_counts_once(client, teacher, world):
    client.force_login(teacher)
    url = _mark_url(world, _answer(world))
    client.post(url, {"percent": "100", "comment": "ok"})
    client.post(url, {"percent": "100", "comment": "ok"})
    assert Attempt.objects.get(pk=world["attempt"].pk).score == Decimal("0.5714")


def test_clearing_an_override_restores_the_computed_mark(client, teacher, world):
    client.force_login(teacher)
    url = _mark_url(world, _answer(world))
    client.post(url, {"percent": "100", "comment": "ok"})
    client.post(url, {"action": "clear"})
    answer = _answer(world)
    assert answer.override_score is None and answer.overridden_by is None
    assert answer.score == Decimal("0")
    assert Attempt.objects.get(pk=world["attempt"].pk).score == Decimal("0.4286")


@pytest.mark.parametrize("percent", ["101", "-1", "abc", "", "NaN", "1e400"])
def test_a_bad_mark_is_400_and_changes_nothing(client, teacher, world, percent):
    client.force_login(teacher)
    response = client.post(_mark_url(world, _answer(world)), {"percent": percent})
    assert response.status_code == 400
    assert _answer(world).override_score is None
    assert Attempt.objects.get(pk=world["attempt"].pk).score == Decimal("0.4286")


@pytest.mark.parametrize("who", ["other_teacher", "teacher_elsewhere"])
def test_other_teachers_cannot_override(client, who, world):
    client.force_login(world["other_teacher"])
    classroom = world["elsewhere"] if who == "teacher_elsewhere" else None
    response = client.post(
        _mark_url(world, _answer(world), classroom=classroom), {"percent": "100"}
    )
    assert response.status_code == 404
    assert _answer(world).override_score is None


@pytest.mark.parametrize("who", ["student", "other_student"])
def test_students_posting_an_override_get_403(client, who, world, student, other_student):
    client.force_login({"student": student, "other_student": other_student}[who])
    response = client.post(_mark_url(world, _answer(world)), {"percent": "100"})
    assert response.status_code == 403
    assert _answer(world).override_score is None


def test_an_answer_of_another_attempt_is_404(client, teacher, world, quiz, student):
    second = take_quiz(student, quiz, right=0)
    client.force_login(teacher)
    foreign = second.answers.get(position=1)
    assert client.post(_mark_url(world, foreign), {"percent": "100"}).status_code == 404


def test_an_attempt_in_progress_shows_no_answers_and_takes_no_override(
    client, teacher, world, quiz, student
):
    from quizzes.services import attempt_start

    open_attempt = attempt_start(user=student, quiz=quiz)
    client.force_login(teacher)
    url = reverse(
        "classrooms:attempt",
        kwargs={"pk": world["classroom"].pk, "user_id": student.pk, "attempt_id": open_attempt.pk},
    )
    html = client.get(url).content.decode()
    assert "still in progress" in html
    answer = open_attempt.answers.get(position=1)
    response = client.post(url + f"answers/{answer.pk}/mark/", {"percent": "100"})
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.override_score is None


def test_drill_down_links_every_attempt(client, teacher, world, student, quiz):
    client.force_login(teacher)
    url = reverse("classrooms:student", kwargs={"pk": world["classroom"].pk, "user_id": student.pk})
    html = client.get(url).content.decode()
    assert _url(world) in html


@pytest.mark.parametrize("copies", [1, 3])
def test_teacher_attempt_page_queries_are_fixed(
    client, teacher, student, django_assert_num_queries, copies
):
    # Session, user, Teachers group, the classroom, the attempt (membership checked in it),
    # its answers, their choices.
    quiz = make_quiz(slug=f"sized-{copies}", copies=copies)
    classroom = make_classroom(teacher, student)
    attempt = take_quiz(student, quiz, right=2)
    client.force_login(teacher)
    url = reverse(
        "classrooms:attempt",
        kwargs={"pk": classroom.pk, "user_id": student.pk, "attempt_id": attempt.pk},
    )
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200
