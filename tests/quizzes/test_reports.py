"""The quiz statistics report: hand-computed values, first/all attempts, CSV, fixed queries."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Answer, Attempt, Question
from quizzes.reports import quiz_report
from spaceedu.models import User
from tests.quizzes.helpers import SINGLE, make_quiz

pytestmark = pytest.mark.django_db

# Five learners, three questions (1 = right): worked out by hand in
# tests/quizzes/test_statistics.py. Facility 80 / 40 / 60; discrimination 0 / 16.67 / -32.73.
SCORES = [(1, 1, 1), (1, 1, 0), (1, 0, 1), (1, 0, 0), (0, 0, 1)]


def graded_attempts(quiz, scores, *, number=1, users=None):
    """Submitted attempts with the given question scores, written straight to the database."""
    links = quiz.quiz_questions.select_related("question").order_by("position")
    questions = [link.question for link in links]
    if users is None:
        start = User.objects.count()
        users = User.objects.bulk_create(
            User(username=f"learner-{start + i}") for i in range(len(scores))
        )
    now = timezone.now()
    attempts = Attempt.objects.bulk_create(
        Attempt(
            quiz=quiz, user=user, number=number, state=Attempt.State.SUBMITTED,
            started_at=now, submitted_at=now,
            score=Decimal(sum(row)) / len(row),
        )
        for user, row in zip(users, scores, strict=True)
    )  # fmt: skip
    right = {q.pk: q.choices.get(fraction=1).pk for q in questions}
    wrong = {q.pk: q.choices.filter(fraction=0).first().pk for q in questions}
    Answer.objects.bulk_create(
        Answer(
            attempt=attempt, question=question, position=position, layout={},
            response={"choice": (right if x else wrong)[question.pk]}, score=Decimal(x),
        )
        for attempt, row in zip(attempts, scores, strict=True)
        for position, (question, x) in enumerate(zip(questions, row, strict=True), start=1)
    )  # fmt: skip
    return users


@pytest.fixture
def quiz():
    return make_quiz([SINGLE], copies=3)


def test_hand_computed_facility_and_discrimination(quiz):
    graded_attempts(quiz, SCORES)
    report = quiz_report(quiz=quiz, first_only=True)
    stats = {row.question.name: row.stats for row in report.rows}
    assert report.attempts == 5
    q1, q2, q3 = (stats[f"apollo-soyuz-partners-{i}"] for i in range(3))
    assert (round(q1.facility, 2), round(q2.facility, 2), round(q3.facility, 2)) == (80, 40, 60)
    assert round(q1.sd, 2) == 44.72
    # Within 0.01 points: attempt scores are stored to 4 decimals (2/3 -> 0.6667).
    assert q1.discrimination == pytest.approx(0, abs=0.01)
    assert q2.discrimination == pytest.approx(16.67, abs=0.01)
    assert q3.discrimination == pytest.approx(-32.73, abs=0.01)
    assert q3.flags == ("negative-discrimination",)


def test_choice_picks_are_counted(quiz):
    graded_attempts(quiz, SCORES)
    row = next(
        r for r in quiz_report(quiz=quiz, first_only=True).rows if r.question.name.endswith("-0")
    )
    shares = {choice.text: choice.percent for choice in row.choices}
    assert shares["NASA and the Soviet space programme"] == 80
    assert shares["NASA and ESA"] == 20
    assert shares["ESA and JAXA"] == 0


def test_first_attempts_only_or_all(quiz):
    users = graded_attempts(quiz, SCORES)
    graded_attempts(quiz, [(1, 1, 1)] * 5, number=2, users=users)
    first = quiz_report(quiz=quiz, first_only=True)
    every = quiz_report(quiz=quiz, first_only=False)
    assert (first.attempts, every.attempts) == (5, 10)
    assert round(first.rows[1].stats.facility) == 40
    assert round(every.rows[1].stats.facility) == 70


def test_too_easy_and_too_hard_are_flagged(quiz):
    graded_attempts(quiz, [(1, 0, 1), (1, 0, 0), (1, 0, 1)])
    flags = [row.stats.flags for row in quiz_report(quiz=quiz, first_only=True).rows]
    assert "too-easy" in flags[0] and "too-hard" in flags[1]


def test_in_progress_attempts_are_left_out(quiz, student):
    from quizzes.services import attempt_start

    attempt_start(user=student, quiz=quiz)
    assert quiz_report(quiz=quiz, first_only=False).rows == []


@pytest.mark.parametrize("count", [10, 1000])
def test_report_runs_a_fixed_number_of_queries(quiz, count, django_assert_num_queries):
    graded_attempts(quiz, [SCORES[i % 5] for i in range(count)])
    with django_assert_num_queries(5):
        report = quiz_report(quiz=quiz, first_only=True)
    assert report.attempts == count


def test_teacher_sees_the_report_and_downloads_csv(client, teacher, quiz):
    graded_attempts(quiz, SCORES)
    client.force_login(teacher)
    url = reverse("admin:quizzes_quiz_statistics", args=[quiz.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "negative discrimination" in html and "80.0%" in html
    assert url in client.get(reverse("admin:quizzes_quiz_change", args=[quiz.pk])).content.decode()
    csv = client.get(url + "?attempts=all&format=csv")
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    text = csv.content.decode("utf-8-sig").splitlines()
    assert text[0] == "question,type,answers,facility %,sd %,discrimination %,flags"
    assert "apollo-soyuz-partners-2,single,5,60.00,54.77,-32.73,negative-discrimination" in text


def test_students_cannot_see_the_report(client, student, quiz):
    client.force_login(student)
    response = client.get(reverse("admin:quizzes_quiz_statistics", args=[quiz.pk]))
    assert response.status_code == 302


def test_an_empty_report_says_so(client, teacher, quiz):
    client.force_login(teacher)
    page = client.get(reverse("admin:quizzes_quiz_statistics", args=[quiz.pk]))
    assert "No submitted attempts yet." in page.content.decode()
    assert Question.objects.count() == 3


@pytest.mark.parametrize("name", ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)"])
def test_statistics_csv_defuses_formula_looking_question_names(client, teacher, quiz, name):
    """SECURITY 28: a question name a spreadsheet would run as a formula comes out as text."""
    Question.objects.filter(pk=quiz.quiz_questions.first().question_id).update(name=name)
    graded_attempts(quiz, SCORES)
    client.force_login(teacher)
    url = reverse("admin:quizzes_quiz_statistics", args=[quiz.pk])
    body = client.get(url + "?format=csv").content.decode("utf-8-sig")
    names = [row[0] for row in csv.reader(io.StringIO(body, newline=""))][1:]
    assert f"'{name}" in names
    assert name not in names
