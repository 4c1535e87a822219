"""The gradebook CSV: a streamed, spreadsheet-safe file of grades by each quiz's grading method."""

import csv
import io

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from lessons.models import Lesson
from quizzes.models import Quiz
from tests.classrooms.helpers import graded, make_classroom, read
from tests.factories import LessonFactory, UserFactory
from tests.quizzes.helpers import SINGLE, make_quiz

pytestmark = pytest.mark.django_db


def _download(client, classroom) -> tuple[StreamingHttpResponse, bytes]:
    response = client.get(reverse("classrooms:gradebook", args=[classroom.pk]))
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def _rows(body: bytes) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


@pytest.fixture
def book(teacher, student, other_student):
    """Two lessons, four quizzes (one per grading method) and three students."""
    lessons = LessonFactory.create_batch(2)
    quizzes = {
        method: make_quiz([SINGLE], slug=f"{method}-quiz", grading_method=method)
        for method in ("highest", "first", "latest", "average")
    }
    student.first_name, student.last_name = "Zoë", "Martín, Jr."
    student.save()
    other_student.first_name, other_student.last_name = 'Anaïs "Ana"', "Dupré"
    other_student.save()
    idle = UserFactory(username="idle", first_name="Łukasz", last_name="Ńowak")
    for quiz in quizzes.values():
        graded(quiz, student, 0.5, 1.0, 0.25)
    graded(quizzes["highest"], other_student, 0.7)
    read(student, lessons[0])
    read(student, lessons[1])
    read(other_student, lessons[0], completed=False)
    return make_classroom(teacher, student, other_student, idle, name="Année 9, groupe B")


def test_the_gradebook_is_streamed_utf8_csv_with_a_byte_order_mark(teacher_client, book):
    response, body = _download(teacher_client, book)
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"] == 'attachment; filename="annee-9-groupe-b-gradebook.csv"'
    )
    assert body.startswith("\ufeffusername,".encode())


def _by_user(body: bytes) -> dict[str, dict[str, str]]:
    header, *rows = _rows(body)
    return {row[0]: dict(zip(header, row, strict=True)) for row in rows}


def test_the_gradebook_has_a_row_per_student_and_a_column_per_quiz(teacher_client, book):
    header, *rows = _rows(_download(teacher_client, book)[1])
    assert header[:3] == ["username", "first name", "last name"]
    assert header[-2:] == ["lessons completed", "completion %"]
    assert sorted(header[3:-2]) == [
        "Quiz average-quiz (%)", "Quiz first-quiz (%)", "Quiz highest-quiz (%)",
        "Quiz latest-quiz (%)",
    ]  # fmt: skip
    assert sorted(row[0] for row in rows) == ["idle", "other_student", "student"]


def test_each_quiz_is_graded_by_its_grading_method(teacher_client, book):
    students = _by_user(_download(teacher_client, book)[1])
    # Attempts scored 0.5, then 1.0, then 0.25.
    assert students["student"] == {
        "username": "student", "first name": "Zoë", "last name": "Martín, Jr.",
        "Quiz highest-quiz (%)": "100.0", "Quiz first-quiz (%)": "50.0",
        "Quiz latest-quiz (%)": "25.0", "Quiz average-quiz (%)": "58.3",
        "lessons completed": "2", "completion %": "100",
    }  # fmt: skip


def test_names_with_accents_quotes_and_commas_round_trip(teacher_client, book):
    students = _by_user(_download(teacher_client, book)[1])
    assert (students["student"]["first name"], students["student"]["last name"]) == (
        "Zoë", "Martín, Jr.",
    )  # fmt: skip
    assert students["other_student"]["first name"] == 'Anaïs "Ana"'
    assert students["idle"]["last name"] == "Ńowak"


def test_a_student_without_attempts_has_empty_grades(teacher_client, book):
    students = _by_user(_download(teacher_client, book)[1])
    assert students["other_student"]["Quiz highest-quiz (%)"] == "70.0"
    assert students["other_student"]["Quiz first-quiz (%)"] == ""
    assert students["other_student"]["lessons completed"] == "0"  # opened, not completed
    assert set(students["idle"].values()) == {"idle", "Łukasz", "Ńowak", "", "0"}


def test_grades_follow_a_change_of_grading_method(teacher_client, book):
    Quiz.objects.filter(slug="highest-quiz").update(grading_method="latest")
    students = _by_user(_download(teacher_client, book)[1])
    assert students["student"]["Quiz highest-quiz (%)"] == "25.0"


def test_only_published_lessons_count_towards_completion(teacher_client, book):
    Lesson.objects.filter(pk=Lesson.objects.order_by("pk").last().pk).update(is_published=False)
    students = _by_user(_download(teacher_client, book)[1])
    assert (students["student"]["lessons completed"], students["student"]["completion %"]) == (
        "1", "100",
    )  # fmt: skip


def test_cells_that_a_spreadsheet_would_run_as_formulas_are_defused(teacher_client, teacher):
    sneaky = UserFactory(
        username="sneaky", first_name='=HYPERLINK("http://x")', last_name="@SUM(A1)"
    )
    classroom = make_classroom(teacher, sneaky)
    _header, row = _rows(_download(teacher_client, classroom)[1])
    assert row[1:3] == ['\'=HYPERLINK("http://x")', "'@SUM(A1)"]


def test_an_empty_classroom_has_just_the_header(teacher_client, teacher):
    rows = _rows(_download(teacher_client, make_classroom(teacher))[1])
    assert rows == [["username", "first name", "last name", "lessons completed", "completion %"]]


def test_the_gradebook_is_not_cached(teacher_client, book):
    response, _body = _download(teacher_client, book)
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]
