"""The learner's data download and account deletion: their own data, all of it, nobody else's."""

import json
import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from classrooms.models import Classroom, Membership
from lessons.models import LessonProgress
from quizzes.models import Answer, Attempt, Choice, Question
from quizzes.services import attempt_save, attempt_start, attempt_submit
from review.models import ReviewCard
from review.services import review_sync
from spaceedu.models import User
from tests.factories import LessonFactory, QuestionFactory, QuizFactory
from tests.progress.helpers import T0, attempt_with
from tests.quizzes.helpers import ALL_TYPES, make_quiz, right_response

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"  # tests.factories.UserFactory


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def history(student, other_student):
    """Both learners read a lesson, took the quiz, missed a question, and joined a class."""
    lesson = LessonFactory(title="Working together")
    q1, q2 = QuestionFactory(name="iss-partners"), QuestionFactory(name="rosetta-lead")
    quiz = QuizFactory(lesson=lesson, title="Partners quiz", questions=[q1, q2])
    classroom = Classroom.objects.create(name="Year 9 — Orion")
    other_room = Classroom.objects.create(name="Secret room")
    for user, room in ((student, classroom), (other_student, other_room)):
        LessonProgress.objects.create(user=user, lesson=lesson, started_at=T0, completed_at=T0)
        attempt_with(user, quiz, {q1: 1, q2: 0}, at=T0)
        review_sync(user=user, now=T0)
        Membership.objects.create(classroom=room, user=user)
    return {"lesson": lesson, "quiz": quiz, "classroom": classroom, "other_room": other_room}


def _export(client, **kwargs):
    response = client.post(reverse("account-data"), **kwargs)
    assert response.status_code == 200
    return response, json.loads(response.content)


def test_the_urls():
    assert reverse("account") == "/accounts/"
    assert reverse("account-data") == "/accounts/data/"
    assert reverse("account-delete") == "/accounts/delete/"


@pytest.mark.parametrize("name", ["account", "account-data", "account-delete"])
def test_anonymous_visitors_are_sent_to_log_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_account_page_links_to_the_data_and_delete_pages(student_client):
    html = student_client.get(reverse("account")).content.decode()
    for name in ("account-data", "account-delete", "password_change", "progress:page"):
        assert f'href="{reverse(name)}"' in html
    # The nav's name link leads to the account page.
    assert f'href="{reverse("account")}" title="Your account">' in html


def test_the_data_page_offers_a_download_button(student_client):
    response = student_client.get(reverse("account-data"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<form method="post" action="/accounts/data/">' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_the_download_is_a_json_attachment(student_client, history):
    response, data = _export(student_client)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="spaceedu-data-')
    assert "no-store" in response["Cache-Control"]
    by_get = student_client.get(reverse("account-data") + "?download=1")
    assert json.loads(by_get.content)["profile"] == data["profile"]


def test_the_download_holds_all_the_learners_data(student_client, student, history):
    _, data = _export(student_client)
    assert data["profile"] == {
        "username": "student",
        "first_name": student.first_name,
        "last_name": "",
        "email": "student@example.com",
        "date_joined": student.date_joined.isoformat(),
        "last_login": data["profile"]["last_login"],
    }
    assert data["lesson_progress"] == [
        {
            "lesson": "Working together",
            "lesson_slug": history["lesson"].slug,
            "started_at": T0.isoformat(),
            "completed_at": T0.isoformat(),
        }
    ]
    [attempt] = data["attempts"]
    assert (attempt["quiz"], attempt["number"], attempt["state"], attempt["score"]) == (
        "Partners quiz",
        1,
        "submitted",
        0.5,
    )
    q1, q2 = (link.question for link in history["quiz"].quiz_questions.order_by("position"))
    # SECURITY 23: questions by their text, never their internal name.
    assert [(a["question"], a["score"]) for a in attempt["answers"]] == [
        (q1.text, 1.0),
        (q2.text, 0.0),
    ]
    assert [(c["question"], c["box"]) for c in data["review_cards"]] == [(q2.text, 0)]
    assert data["review_answers"] == []
    assert "iss-partners" not in json.dumps(data) and "rosetta-lead" not in json.dumps(data)
    assert [m["classroom"] for m in data["classroom_memberships"]] == ["Year 9 — Orion"]
    assert data["classrooms_taught"] == []


def test_the_download_holds_nobody_elses_data(student_client, other_student, history):
    response, data = _export(student_client)
    body = response.content.decode()
    assert "other_student" not in body
    assert "Secret room" not in body
    assert len(data["attempts"]) == len(data["lesson_progress"]) == len(data["review_cards"]) == 1
    # Parameters naming someone else change nothing.
    _, again = _export(student_client, data={"user": other_student.pk})
    assert again["profile"]["username"] == "student"


def test_the_download_runs_a_fixed_number_of_queries(
    student_client, student, history, django_assert_num_queries
):
    for _ in range(5):
        attempt_with(student, history["quiz"], {})
    # session, user; progress, open-exam questions, attempts, answers, choices, cards,
    # review answers, memberships, classrooms taught
    with django_assert_num_queries(11):
        _export(student_client)


# -- answers as the learner saw them (SECURITY 23, SECURITY 9) ---------------------------------


@pytest.fixture
def every_type(student):
    """A finished and an open attempt at a quiz of every type, every answer right."""
    # Choice ids well above any position, count or clock digit, so a leaked id stands out.
    filler = QuestionFactory(name="filler")
    Choice.objects.bulk_create(Choice(question=filler, text=f"f{n}") for n in range(100))
    quiz = make_quiz(ALL_TYPES, slug="every-type", feedback_timing="immediate")
    for submit in (True, False):
        attempt = attempt_start(user=student, quiz=quiz, now=T0)
        for answer in attempt.answers.select_related("question"):
            answer.response = right_response(answer.question)
            answer.save(update_fields=["response"])
        if submit:
            attempt_submit(attempt=attempt, now=T0)
    return quiz


def _digit_tokens(body: str) -> set[str]:
    return set(re.findall(r"\d+", body))


def test_the_export_carries_no_choice_ids_for_any_question_type(student_client, every_type):
    """SECURITY 23: no id of a choice, prompt, answer or item, no internal name, for any type."""
    response, data = _export(student_client)
    body = response.content.decode()
    tokens = _digit_tokens(body)
    questions = Question.objects.filter(quizzes=every_type)
    assert {q.type for q in questions} == {data["type"] for data in ALL_TYPES}
    for question in questions:
        for choice in question.choices.all():
            assert str(choice.pk) not in tokens, (question.type, choice.pk)
        assert question.name not in body
    assert [a["state"] for a in data["attempts"]] == ["submitted", "in_progress"]


def test_the_export_describes_answers_as_the_learner_saw_them(student_client, student, every_type):
    """SECURITY 23: options by text and place in the attempt's order; matches, orders as text."""
    _, data = _export(student_client)
    exported = data["attempts"][0]["answers"]
    attempt = Attempt.objects.get(user=student, quiz=every_type, number=1)
    for answer, entry in zip(attempt.answers.order_by("position"), exported, strict=True):
        question = answer.question
        choices = {c.pk: c for c in question.choices.all()}
        shown = [choices[pk] for pk in answer.layout.get("choices", [])]
        assert entry["question"] == question.text
        assert entry["score"] == 1.0
        given = entry["answer"]
        if question.type in {"single", "multiple", "truefalse"}:
            assert given["options"] == [
                {"position": n, "text": c.text} for n, c in enumerate(shown, start=1)
            ]
            right = [n for n, c in enumerate(shown, start=1) if c.fraction > 0]
            assert given["chosen"] == right
        elif question.type in {"shortanswer", "numerical"}:
            assert given == {"text": answer.response["text"]}
        elif question.type == "matching":
            assert given == {"pairs": [{"prompt": c.text, "answer": c.match_text} for c in shown]}
        else:
            in_order = sorted(choices.values(), key=lambda c: (c.position, c.pk))
            assert given == {"order": [c.text for c in in_order]}


def test_an_open_attempt_exports_scores_only_for_checked_answers(student_client, student):
    """SECURITY 9: an unfinished attempt's export shows no grade the learner has not been shown."""
    quiz = make_quiz(ALL_TYPES[:2], slug="practice", feedback_timing="immediate")
    attempt = attempt_start(user=student, quiz=quiz, now=T0)
    first, second = attempt.answers.select_related("question").order_by("position")
    attempt_save(
        attempt=attempt,
        responses={
            first.pk: right_response(first.question),
            second.pk: right_response(second.question),
        },
        sequence=None,
        check=first.pk,
        now=T0,
    )
    Answer.objects.filter(pk=second.pk).update(score=1)  # a grade nobody has shown yet
    _, data = _export(student_client)
    [exported] = data["attempts"]
    assert [a["score"] for a in exported["answers"]] == [1.0, None]
    assert exported["answers"][1]["answer"]["chosen"]  # the learner's own pick is theirs
    assert "fraction" not in json.dumps(data) and "right" not in json.dumps(data)


def test_the_export_holds_back_scores_of_an_open_exams_questions(student_client, student):
    """SECURITY 25: an earlier score on a question of the open exam waits for the exam."""
    practice = make_quiz(ALL_TYPES[:2], slug="practice", feedback_timing="immediate")
    done = attempt_start(user=student, quiz=practice, now=T0)
    for answer in done.answers.select_related("question"):
        answer.response = right_response(answer.question)
        answer.save(update_fields=["response"])
    attempt_submit(attempt=done, now=T0)
    exam = make_quiz(ALL_TYPES[:1], slug="exam", feedback_timing="after")
    open_exam = attempt_start(user=student, quiz=exam, now=T0)
    _, data = _export(student_client)
    first, second = data["attempts"][0]["answers"]
    assert first["score"] is None
    assert first["note"] == "You can check this question after your exam."
    assert second["score"] == 1.0 and "note" not in second
    attempt_submit(attempt=open_exam, now=T0)
    _, data = _export(student_client)
    assert [a["score"] for a in data["attempts"][0]["answers"]] == [1.0, 1.0]


def test_the_export_carries_a_teachers_changed_mark_and_comment(student_client, student, teacher):
    """A mark a teacher changed is the learner's data too: the mark that counts and why."""
    from decimal import Decimal

    from quizzes.services import answer_mark_override

    quiz = make_quiz(ALL_TYPES[:2], slug="practice", feedback_timing="immediate")
    attempt = attempt_start(user=student, quiz=quiz, now=T0)
    attempt_submit(attempt=attempt, now=T0)
    first = attempt.answers.order_by("position").first()
    answer_mark_override(
        answer=first, score=Decimal("0.5"), comment="Half right: the year is 1998.", by=teacher,
        now=T0,
    )  # fmt: skip
    _, data = _export(student_client)
    first_entry, second_entry = data["attempts"][0]["answers"]
    assert first_entry["score"] == 0.5
    assert first_entry["mark_changed"] == {
        "by_teacher": True,
        "comment": "Half right: the year is 1998.",
        "at": T0.isoformat(),
    }
    assert "mark_changed" not in second_entry
    assert data["attempts"][0]["score"] == 0.25


# -- deleting the account -------------------------------------------------------------------------


def test_the_delete_page_asks_for_the_password(student_client):
    html = student_client.get(reverse("account-delete")).content.decode()
    assert 'type="password"' in html and 'name="password"' in html
    assert "cannot be undone" in html


def test_a_wrong_password_deletes_nothing(student_client, student):
    response = student_client.post(reverse("account-delete"), {"password": "guess"})
    assert response.status_code == 200
    assert "That is not your password." in response.content.decode()
    assert User.objects.filter(pk=student.pk).exists()


def test_deleting_removes_the_account_and_all_its_data(client, student, other_student, history):
    client.force_login(student)
    response = client.post(reverse("account-delete"), {"password": PASSWORD}, follow=True)
    assert response.redirect_chain == [(reverse("home"), 302)]
    assert "Your account and all your data have been deleted." in response.content.decode()
    assert SESSION_KEY not in client.session
    assert not User.objects.filter(pk=student.pk).exists()
    for model in (LessonProgress, Attempt, ReviewCard, Membership):
        assert not model.objects.filter(user_id=student.pk).exists()
    assert not Answer.objects.filter(attempt__user_id=student.pk).exists()
    # The other learner keeps everything; the classroom stays.
    for model in (LessonProgress, Attempt, ReviewCard, Membership):
        assert model.objects.filter(user=other_student).count() == 1
    assert Answer.objects.filter(attempt__user=other_student).count() == 2
    assert Classroom.objects.filter(pk=history["classroom"].pk).exists()
    # And the deleted learner is signed out.
    assert client.get(reverse("progress:page")).status_code == 302


def test_the_only_teacher_of_a_classroom_cannot_delete_their_account(client, teacher):
    classroom = Classroom.objects.create(name="Physics 7B")
    classroom.teachers.add(teacher)
    client.force_login(teacher)
    page = client.get(reverse("account-delete")).content.decode()
    assert "only teacher" in page and "Physics 7B" in page
    assert 'name="password"' not in page
    response = client.post(reverse("account-delete"), {"password": PASSWORD})
    assert response.status_code == 200
    assert "You are the only teacher of “Physics 7B”" in response.content.decode()
    assert User.objects.filter(pk=teacher.pk).exists()
    assert SESSION_KEY in client.session


def test_a_teacher_sharing_every_classroom_can_leave(client, teacher, other_student):
    classroom = Classroom.objects.create(name="Shared")
    co_teacher = User.objects.create_user("co-teacher", password=PASSWORD)
    classroom.teachers.add(teacher, co_teacher)
    Membership.objects.create(classroom=classroom, user=other_student)
    client.force_login(teacher)
    response = client.post(reverse("account-delete"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=teacher.pk).exists()
    assert list(classroom.teachers.all()) == [co_teacher]
    assert classroom.memberships.count() == 1


def test_deleting_needs_a_post_with_the_csrf_token(student):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(student)
    response = csrf_client.post(reverse("account-delete"), {"password": PASSWORD})
    assert response.status_code == 403
    assert User.objects.filter(pk=student.pk).exists()
