"""The teacher's dashboard on a realistic small class: the grid, averages, hardest questions."""

from datetime import timedelta

import pytest

from classrooms.dashboard import classroom_grid, hardest_questions
from classrooms.models import Assignment
from lessons.models import Lesson, Status
from quizzes.models import Quiz
from quizzes.services import attempt_start
from tests.classrooms.helpers import NOW, make_classroom
from tests.quizzes.helpers import SINGLE, make_quiz
from tests.quizzes.test_reports import graded_attempts

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)


# --- The grid (``small_class`` is in conftest.py) ------------------------------------------------


def test_without_assignments_the_grid_shows_every_lesson_then_its_quiz(small_class):
    grid = classroom_grid(classroom=small_class, now=NOW)
    lessons = list(Lesson.objects.in_order())
    titles = [column.title for column in grid.columns]
    assert len(titles) == 16  # 8 lessons and their 8 quizzes; the final exam is not a column
    assert titles[0] == lessons[0].title
    assert titles[1] == f"Check your understanding: {lessons[0].title}"
    assert titles[2] == lessons[1].title
    assert not grid.is_assigned


def test_the_grid_shows_each_students_status_and_grade(small_class):
    grid = classroom_grid(classroom=small_class, now=NOW)
    rows = {row.user.username: row for row in grid.rows}
    assert list(rows) == ["alice", "bob", "chloe", "dan"]  # by last name
    alice, bob, chloe, dan = (rows[n].cells for n in ("alice", "bob", "chloe", "dan"))
    assert [alice[0].status, alice[2].status, alice[4].status] == [
        Status.COMPLETED, Status.COMPLETED, Status.NOT_STARTED,
    ]  # fmt: skip
    assert (alice[1].result.percent, alice[1].result.passed) == (100, True)
    assert bob[0].status == Status.IN_PROGRESS
    quiz_length = Quiz.objects.get(slug=grid.columns[1].quiz.slug).quiz_questions.count()
    assert bob[1].result.submitted == 2
    assert bob[1].result.percent == round(100 * 2 / quiz_length)  # highest of 1 and 2 right
    assert bob[1].result.passed is False
    assert chloe[0].status == Status.COMPLETED and chloe[1].result is None
    assert all(cell.status in (None, Status.NOT_STARTED) for cell in dan)
    assert (rows["alice"].lessons_completed, rows["alice"].completion_percent) == (2, 25)


def test_the_grid_has_class_averages_and_who_has_not_started(small_class):
    grid = classroom_grid(classroom=small_class, now=NOW)
    quiz_1 = grid.summaries[1]
    bob_grade = next(r for r in grid.rows if r.user.username == "bob").cells[1].result.grade
    assert quiz_1.graded == 2 and quiz_1.completed == 1
    assert quiz_1.grade == (1 + bob_grade) / 2
    assert grid.summaries[0].percent == 50  # alice and chloe of four completed lesson 1
    assert [summary.column.is_quiz for summary in grid.averages] == [True] * 8
    assert [row.user.username for row in grid.not_started] == ["dan"]
    assert grid.behind == []


def test_with_assignments_the_grid_shows_them_and_who_is_overdue(small_class):
    lessons = list(Lesson.objects.in_order())
    quiz = Quiz.objects.get(lesson=lessons[0])
    Assignment.objects.create(classroom=small_class, lesson=lessons[1], due_at=NOW + DAY)
    Assignment.objects.create(classroom=small_class, quiz=quiz, due_at=NOW - DAY)
    Assignment.objects.create(classroom=small_class, lesson=lessons[0], due_at=NOW - DAY)
    grid = classroom_grid(classroom=small_class, now=NOW)
    assert grid.is_assigned
    assert [c.item for c in grid.columns] == [lessons[0], quiz, lessons[1]]  # course order
    behind = {row.user.username: [c.item for c in row.overdue] for row in grid.behind}
    assert behind == {"bob": [lessons[0], quiz], "chloe": [quiz], "dan": [lessons[0], quiz]}
    assert all(not cell.overdue for cell in grid.rows[0].cells)  # alice did all that is due
    overdue = [(column.item, [row.user.username for row in rows]) for column, rows in grid.overdue]
    assert overdue == [(lessons[0], ["bob", "dan"]), (quiz, ["bob", "chloe", "dan"])]


def test_an_empty_classroom_has_a_grid_without_rows(teacher, bank):
    grid = classroom_grid(classroom=make_classroom(teacher), now=NOW)
    assert grid.rows == [] and len(grid.columns) == 16 and grid.hardest == []
    assert all(summary.percent is None for summary in grid.summaries)


# --- Hardest questions ---------------------------------------------------------------------------

# Five learners, three questions (1 = right): 80%, 40% and 60% right.
SCORES = [(1, 1, 1), (1, 1, 0), (1, 0, 1), (1, 0, 0), (0, 0, 1)]


def test_hardest_questions_rank_this_classs_answers_lowest_first(teacher):
    quiz = make_quiz([SINGLE], copies=3)
    users = graded_attempts(quiz, SCORES)
    classroom = make_classroom(teacher, *users)
    # Outsiders got question 0 all wrong and question 1 all right: they must not count.
    graded_attempts(quiz, [(0, 1, 1)] * 5)
    hardest = hardest_questions(classroom=classroom)
    assert [(q.name, q.percent_correct, q.answers) for q in hardest] == [
        ("apollo-soyuz-partners-1", 40, 5),
        ("apollo-soyuz-partners-2", 60, 5),
        ("apollo-soyuz-partners-0", 80, 5),
    ]
    assert {q.quiz_id for q in hardest} == {quiz.pk}


def test_hardest_questions_keep_the_five_lowest(teacher):
    quiz = make_quiz([SINGLE], copies=7)
    rows = [(1, 1, 1, 1, 1, 0, 0), (1, 1, 1, 1, 0, 0, 1)] + [(1,) * 7] * 3
    users = graded_attempts(quiz, rows)
    hardest = hardest_questions(classroom=make_classroom(teacher, *users))
    assert len(hardest) == 5
    assert [q.percent_correct for q in hardest] == [60, 80, 80, 100, 100]


def test_a_question_needs_five_answers_from_the_class(teacher):
    quiz = make_quiz([SINGLE], copies=2)
    users = graded_attempts(quiz, [(0, 1)] * 4)
    classroom = make_classroom(teacher, *users)
    assert hardest_questions(classroom=classroom) == []
    fifth = graded_attempts(quiz, [(0, 1)])
    classroom.memberships.create(user=fifth[0])
    assert [q.percent_correct for q in hardest_questions(classroom=classroom)] == [0, 100]


def test_hardest_questions_come_from_the_given_quizzes(teacher):
    assigned = make_quiz([SINGLE], slug="assigned")
    other = make_quiz([SINGLE], slug="not-assigned", copies=1)
    users = graded_attempts(assigned, [(1,)] * 5)
    for user in users:
        graded_attempts(other, [(0,)], users=[user])
    classroom = make_classroom(teacher, *users)
    hardest = hardest_questions(classroom=classroom, quizzes=[assigned])
    assert {q.quiz_id for q in hardest} == {assigned.pk}


def test_hardest_questions_ignore_attempts_in_progress(teacher, student):
    quiz = make_quiz([SINGLE])
    attempt_start(user=student, quiz=quiz)
    assert hardest_questions(classroom=make_classroom(teacher, student)) == []


# --- Who needs a nudge: a message per student --------------------------------------------------


def test_nudge_messages_name_what_is_overdue_with_links(teacher, settings):
    from datetime import timedelta

    from classrooms.models import Assignment
    from lessons.models import Lesson
    from tests.classrooms.helpers import NOW
    from tests.factories import LessonFactory, UserFactory

    settings.SITE_URL = "https://spaceedu.example"
    lesson = LessonFactory(title="Introduction")
    late = UserFactory(username="late", first_name="Zoë")
    idle = UserFactory(username="idle", first_name="")
    classroom = make_classroom(teacher, late, idle)
    Assignment.objects.create(classroom=classroom, lesson=lesson, due_at=NOW - timedelta(days=2))
    grid = classroom_grid(classroom=classroom, now=NOW)
    messages = {nudge.row.user.username: nudge.message for nudge in grid.nudges}
    assert set(messages) == {"late", "idle"}  # each once, though "idle" is also late
    assert messages["late"].startswith("Hi Zoë, in Year 9 Space Club")
    assert "“Introduction” (due 8 Mar): https://spaceedu.example/lessons/" in messages["late"]
    assert messages["idle"].startswith("Hi idle,")
    assert Lesson.objects.count() == 1


def test_the_dashboard_shows_a_copyable_message_per_student(client, teacher, student):
    from tests.factories import UserFactory

    classroom = make_classroom(teacher, student, UserFactory(username="second"))
    client.force_login(teacher)
    html = client.get(classroom.get_absolute_url()).content.decode()
    assert html.count('class="form-control nudge-text"') == 2
    assert "you have not started the course in Year 9 Space Club yet" in html
    assert "classrooms/copy.js" in html


def test_a_late_joiner_is_not_overdue_on_what_fell_due_before_they_joined(small_class):
    """dan joined after the lesson fell due: he has it to do, but the grid does not flag him."""
    from classrooms.models import Membership

    lessons = list(Lesson.objects.in_order())
    Assignment.objects.create(classroom=small_class, lesson=lessons[0], due_at=NOW - 3 * DAY)
    Assignment.objects.create(classroom=small_class, lesson=lessons[1], due_at=NOW - DAY)
    Membership.objects.filter(user__username="dan").update(joined_at=NOW - 2 * DAY)
    grid = classroom_grid(classroom=small_class, now=NOW)
    behind = {row.user.username: [c.item for c in row.overdue] for row in grid.behind}
    assert behind["dan"] == [lessons[1]]  # due after he joined
    assert behind["bob"] == [lessons[0], lessons[1]]  # a member all along
