"""The quiz standing rule: grades by grading method, passing, and the SQL form that agrees."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizzes.grading import as_percent, is_fully_right, is_passed, quiz_grade
from quizzes.models import Quiz
from quizzes.services import attempt_start
from quizzes.standing import standing, standings
from tests.classrooms.helpers import graded, take_quiz
from tests.quizzes.helpers import SINGLE, make_quiz, rolled_back

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "method, grade",
    [("highest", "0.9"), ("latest", "0.6"), ("first", "0.3"), ("average", "0.6")],
)
def test_quiz_grade_by_method(method, grade):
    assert quiz_grade([0.3, 0.9, 0.6], method=method) == Decimal(grade)


def test_quiz_grade_without_attempts_is_none():
    assert quiz_grade([], method="highest") is None
    with pytest.raises(ValueError):
        quiz_grade([1.0], method="median")


# --- Grades by the quiz's grading method -------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "expected"),
    [("highest", "1"), ("first", "0.5"), ("latest", "0.25"), ("average", "0.5833")],
)
def test_standings_follow_the_grading_method(student, method, expected):
    quiz = make_quiz([SINGLE], grading_method=method)
    graded(quiz, student, 0.5, 1.0, 0.25)
    result = standings(users=[student.pk], quizzes=[quiz])[(student.pk, quiz.pk)]
    assert result.grade == Decimal(expected)
    assert result.submitted == 3


def test_an_average_exactly_on_the_pass_mark_passes(student):
    quiz = make_quiz([SINGLE], grading_method="average", pass_mark=70)
    graded(quiz, student, 0.6, 0.8)
    result = standings(users=[student.pk], quizzes=[quiz])[(student.pk, quiz.pk)]
    assert (result.grade, result.percent, result.passed) == (Decimal("0.7"), 70, True)


def test_an_open_attempt_is_in_progress_and_counts_for_no_grade(student):
    quiz = make_quiz([SINGLE])
    take_quiz(student, quiz, right=0)
    attempt_start(user=student, quiz=quiz)
    result = standings(users=[student.pk], quizzes=[quiz])[(student.pk, quiz.pk)]
    assert (result.submitted, result.in_progress, result.grade, result.passed) == (
        1, True, Decimal(0), False,
    )  # fmt: skip


def test_only_an_open_attempt_gives_no_grade(student):
    quiz = make_quiz([SINGLE])
    attempt_start(user=student, quiz=quiz)
    result = standings(users=[student.pk], quizzes=[quiz])[(student.pk, quiz.pk)]
    assert (result.grade, result.percent, result.in_progress) == (None, None, True)


# --- Passing, percentages, fully right ---------------------------------------------------------


@pytest.mark.parametrize("pass_mark", [29, 57, 58, 70])
def test_a_grade_exactly_on_the_pass_mark_passes(pass_mark):
    grade = Decimal(pass_mark) / 100
    assert is_passed(grade, pass_mark=pass_mark)
    assert not is_passed(grade - Decimal("0.0001"), pass_mark=pass_mark)


def test_no_grade_never_passes():
    assert not is_passed(None, pass_mark=0)


@pytest.mark.parametrize(
    ("score", "percent"),
    [(None, None), ("0", 0), ("0.5649", 56), ("0.565", 57), ("0.57", 57), ("0.9999", 100)],
)
def test_percentages_round_halves_up(score, percent):
    assert as_percent(None if score is None else Decimal(score)) == percent


def test_a_float_score_is_read_as_its_shortest_decimal():
    # 0.57 * 100 is 56.99999999999999 in floats: the rule must not see it that way.
    assert is_passed(0.57, pass_mark=57)
    assert as_percent(0.57) == 57


@pytest.mark.parametrize(
    ("score", "right"), [("1", True), ("0.9999", True), ("0.9998", False), ("0", False)]
)
def test_fully_right_allows_for_thirds(score, right):
    assert is_fully_right(Decimal(score)) is right
    assert is_fully_right(float(score)) is right


# --- The SQL form agrees with the in-memory form -----------------------------------------------

scores_st = st.lists(
    st.decimals(min_value=0, max_value=1, places=4, allow_nan=False, allow_infinity=False),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    scores=scores_st,
    method=st.sampled_from([m.value for m in Quiz.Grading]),
    pass_mark=st.integers(min_value=0, max_value=100),
)
def test_standings_in_sql_equal_the_rule_in_python(student, scores, method, pass_mark):
    with rolled_back():
        quiz = make_quiz([SINGLE], grading_method=method, pass_mark=pass_mark)
        attempts = graded(quiz, student, *scores)
        from_sql = standings(users=[student.pk], quizzes=[quiz])[(student.pk, quiz.pk)]
    assert from_sql == standing(quiz=quiz, attempts=attempts)
    assert from_sql.grade == quiz_grade(scores, method=method)
