"""Every page that shows a quiz grade agrees on it and on whether the learner passed."""

import csv
import io
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from classrooms.models import Assignment
from quizzes.grading import as_percent, is_passed, quiz_grade
from quizzes.models import Quiz
from tests.classrooms.helpers import graded, make_classroom
from tests.factories import LessonFactory, QuestionFactory, QuizFactory, TeacherFactory
from tests.quizzes.helpers import rolled_back

pytestmark = pytest.mark.django_db

ONE_PLACE = Decimal("0.0001")


@st.composite
def grading_cases(draw):
    """A pass mark, a grading method and scores that often land on or next to the pass mark."""
    # 29, 57 and 58 are marks where 0.29 * 100 and the like fall short in floating point.
    pass_mark = draw(st.one_of(st.sampled_from([29, 57, 58]), st.integers(0, 100)))
    mark = Decimal(pass_mark) / 100
    near = [s for s in (mark - ONE_PLACE, mark, mark + ONE_PLACE) if 0 <= s <= 1]
    score = st.one_of(
        st.sampled_from(near),
        st.decimals(min_value=0, max_value=1, places=4, allow_nan=False, allow_infinity=False),
    )
    scores = draw(st.lists(score, min_size=1, max_size=3))
    method = draw(st.sampled_from([m.value for m in Quiz.Grading]))
    return pass_mark, method, scores


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _pages(*, student, teacher, classroom, quiz, attempts) -> dict[str, tuple]:
    """What each page says of the learner's grade in the quiz: (percent, passed)."""
    pages = {}
    learner, teaching = _client(student), _client(teacher)

    overview = learner.get(quiz.get_absolute_url()).context["overview"]
    pages["quiz page"] = (overview.grade_percent, overview.passed)

    progress = learner.get(reverse("progress:page")).context
    row = next(r for r in progress["progress"].rows if r.quiz and r.quiz.quiz.pk == quiz.pk)
    pages["My progress"] = (row.quiz.grade_percent, row.quiz.passed)
    status = next(s for s in progress["assignments"] if s.quiz and s.quiz.pk == quiz.pk)
    pages["assignment status"] = (status.result.percent, status.state == "done")

    grid = teaching.get(reverse("classrooms:detail", args=[classroom.pk])).context["grid"]
    index = next(i for i, c in enumerate(grid.columns) if c.quiz and c.quiz.pk == quiz.pk)
    cell = next(r for r in grid.rows if r.user.pk == student.pk).cells[index]
    pages["teacher dashboard"] = (cell.result.percent, cell.done)

    report = teaching.get(reverse("classrooms:student", args=[classroom.pk, student.pk])).context[
        "report"
    ]
    entry = next(q for q in report.quizzes if q.quiz.pk == quiz.pk)
    pages["student drill-down"] = (entry.result.percent, entry.result.passed)
    pages["drill-down assignment"] = (entry.result.percent, entry.state == "done")

    if len(attempts) == 1:  # a single attempt's result page shows the quiz's standing too
        results = learner.get(reverse("quizzes:results", args=[attempts[0].pk])).context
        pages["results page"] = (
            results["results"].attempt.percent,
            results["results"].attempt.passed,
        )
    return pages


def _gradebook_percent(*, teacher, classroom, quiz) -> str:
    response = _client(teacher).get(reverse("classrooms:gradebook", args=[classroom.pk]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    column = next(i for i, name in enumerate(rows[0]) if name.startswith(quiz.title))
    return rows[1][column]


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=grading_cases())
def test_every_page_agrees_on_the_grade_and_on_passing(student, case):
    """Quiz page, results, My progress, dashboard, drill-down, gradebook and assignments agree."""
    pass_mark, method, scores = case
    with rolled_back():
        teacher = TeacherFactory()
        classroom = make_classroom(teacher, student)
        quiz = QuizFactory(
            lesson=LessonFactory(),
            questions=[QuestionFactory()],
            grading_method=method,
            pass_mark=pass_mark,
        )
        Assignment.objects.create(classroom=classroom, quiz=quiz)
        attempts = graded(quiz, student, *scores)
        pages = _pages(
            student=student, teacher=teacher, classroom=classroom, quiz=quiz, attempts=attempts
        )
        gradebook = _gradebook_percent(teacher=teacher, classroom=classroom, quiz=quiz)

    grade = quiz_grade(scores, method=method)
    expected = (as_percent(grade), is_passed(grade, pass_mark=pass_mark))
    assert pages == dict.fromkeys(pages, expected), (grade, pass_mark)
    assert Decimal(gradebook) == (grade * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
