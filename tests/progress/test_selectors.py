"""The progress rules: completion, best and latest scores, mastery per tag, where to continue."""

from datetime import timedelta

import pytest

from lessons.models import LessonProgress
from progress.selectors import student_progress, tag_mastery
from quizzes.models import Question, Tag
from tests.factories import LessonFactory, QuestionFactory, QuizFactory
from tests.progress.helpers import T0, attempt_with, scored

pytestmark = pytest.mark.django_db


@pytest.fixture
def lessons(db):
    return LessonFactory.create_batch(3)


@pytest.fixture
def quizzes(lessons):
    """A five-question quiz for each lesson, and a five-question final exam."""
    quizzes = [
        QuizFactory(lesson=lesson, questions=QuestionFactory.create_batch(5)) for lesson in lessons
    ]
    exam = QuizFactory(lesson=None, title="Final exam", questions=QuestionFactory.create_batch(5))
    return quizzes, exam


def _complete(user, lesson, *, done=True):
    LessonProgress.objects.create(
        user=user, lesson=lesson, started_at=T0, completed_at=T0 if done else None
    )


def test_a_lesson_counts_as_completed_only_once_marked_complete(student, lessons):
    _complete(student, lessons[0])
    _complete(student, lessons[1], done=False)  # opened, not completed
    progress = student_progress(user=student)
    assert (progress.lessons_completed, progress.lesson_count) == (1, 3)
    assert [row.entry.status.value for row in progress.rows] == [
        "completed",
        "in-progress",
        "not-started",
    ]


def test_another_learners_progress_does_not_count(student, other_student, lessons, quizzes):
    _complete(other_student, lessons[0])
    attempt_with(other_student, quizzes[0][0], scored(quizzes[0][0], 100))
    progress = student_progress(user=student)
    assert progress.lessons_completed == 0
    assert progress.quizzes_passed == 0
    assert progress.history == []
    assert progress.rows[0].quiz.used == 0


def test_best_latest_and_attempts_used_per_quiz(student, quizzes):
    quiz = quizzes[0][0]
    for day, percent in enumerate([40, 80, 60]):
        attempt_with(student, quiz, scored(quiz, percent), at=T0 + timedelta(days=day))
    attempt_with(student, quiz, scored(quiz, 0), submitted=False)  # open: used, not scored
    standing = student_progress(user=student).rows[0].quiz
    assert standing.best_percent == 80
    assert standing.latest_percent == 60
    assert standing.used == 4
    assert standing.open_attempt is not None
    untouched = student_progress(user=student).rows[1].quiz
    assert (untouched.best_percent, untouched.latest_percent, untouched.used) == (None, None, 0)


@pytest.mark.parametrize(
    "method, passed", [("highest", True), ("latest", False), ("first", False), ("average", False)]
)
def test_a_quiz_is_passed_by_its_grading_method(student, quizzes, method, passed):
    quiz = quizzes[0][0]
    quiz.grading_method, quiz.pass_mark = method, 70
    quiz.save()
    for day, percent in enumerate([40, 80, 60]):
        attempt_with(student, quiz, scored(quiz, percent), at=T0 + timedelta(days=day))
    progress = student_progress(user=student)
    assert progress.rows[0].quiz.passed is passed
    assert progress.quizzes_passed == int(passed)
    assert progress.quiz_count == 3


def test_the_final_exam_is_passed_with_its_grade(student, quizzes):
    exam = quizzes[1]
    attempt_with(student, exam, scored(exam, 60), at=T0)
    progress = student_progress(user=student)
    assert (progress.exam.grade_percent, progress.exam.passed) == (60, False)
    attempt_with(student, exam, scored(exam, 80), at=T0 + timedelta(days=1))
    progress = student_progress(user=student)
    assert (progress.exam.grade_percent, progress.exam.passed) == (80, True)


def test_a_lesson_without_a_quiz_has_no_quiz_row(student, lessons):
    QuizFactory(lesson=lessons[0], questions=QuestionFactory.create_batch(2))
    QuizFactory(lesson=lessons[0], is_published=False)
    progress = student_progress(user=student)
    assert progress.rows[0].quiz is not None
    assert progress.rows[1].quiz is None
    assert progress.quiz_count == 1


def test_history_lists_submitted_attempts_oldest_first(student, quizzes):
    first, second = quizzes[0][0], quizzes[0][1]
    late = attempt_with(student, first, scored(first, 100), at=T0 + timedelta(days=2))
    early = attempt_with(student, second, scored(second, 20), at=T0)
    attempt_with(student, first, scored(first, 0), submitted=False)
    assert student_progress(user=student).history == [early, late]


# -- mastery --------------------------------------------------------------------------------------


@pytest.mark.sqlite
def test_mastery_reads_the_learners_own_attempts_not_every_answer_to_a_question(student):
    """The learner's latest answers are read from their submitted attempts (their index).

    Filtering skipped answers beside a join once made SQLite read every learner's answers to
    each question instead: 1.2 s a page with 125,000 answers (`make bench`, My progress).
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    question = QuestionFactory()
    question.tags.add(Tag.objects.create(slug="mission:iss", kind=Tag.Kind.MISSION, name="ISS"))
    attempt_with(student, QuizFactory(questions=[question]), {question: 1}, at=T0)
    with CaptureQueriesContext(connection) as captured:
        tag_mastery(user=student)
    query, _tags = captured.captured_queries  # the learner's answers, then the tags
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
        plan = " | ".join(row[-1] for row in cursor.fetchall())
    assert "attempt_user_state" in plan, plan
    assert "quizzes_answer_question_id" not in plan, plan


def test_mastery_per_tag_counts_the_latest_try_of_each_question(student, other_student):
    """A hand-built example.

    ISS (mission): q1, q2, q3 and an inactive q5. ESA (agency): q1, q4.
    Older attempt: q1 right, q2 right, q4 wrong. Newer attempt (another quiz): q1 wrong, q4 right.
    Latest tries: q1 wrong, q2 right, q4 right; q3 never answered.
    ISS: 1 right (q2) of the 2 tried (3 active questions). ESA: 1 right (q4) of 2, both tried.
    """
    iss = Tag.objects.create(slug="mission:iss", kind=Tag.Kind.MISSION, name="ISS")
    esa = Tag.objects.create(slug="agency:esa", kind=Tag.Kind.AGENCY, name="ESA")
    theme = Tag.objects.create(slug="theme:history", kind=Tag.Kind.THEME, name="History")
    q1, q2, q3, q4, q5 = QuestionFactory.create_batch(5)
    q5.is_active = False
    q5.save()
    for question in (q1, q2, q3, q5):
        question.tags.add(iss)
    for question in (q1, q4):
        question.tags.add(esa)
    q3.tags.add(theme)
    quiz_a, quiz_b = QuizFactory(questions=[q1, q2, q4]), QuizFactory(questions=[q1, q4])
    attempt_with(student, quiz_a, {q1: 1, q2: 1, q4: 0}, at=T0)
    attempt_with(student, quiz_b, {q1: 0.5, q4: 1}, at=T0 + timedelta(hours=1))
    # Neither an unsubmitted attempt nor another learner's answers count.
    attempt_with(student, quiz_b, {q1: 1, q4: 0}, at=T0 + timedelta(hours=2), submitted=False)
    attempt_with(other_student, quiz_a, {q1: 1, q2: 1, q4: 1}, at=T0 + timedelta(hours=3))

    mastery = {tag.name: tag for tag in tag_mastery(user=student)}
    assert (mastery["ISS"].total, mastery["ISS"].tried, mastery["ISS"].right) == (3, 2, 1)
    assert mastery["ISS"].percent == 50  # of the answered questions, not of all 3
    assert (mastery["ESA"].total, mastery["ESA"].tried, mastery["ESA"].right) == (2, 2, 1)
    assert mastery["ESA"].percent == 50
    assert (mastery["History"].tried, mastery["History"].percent) == (0, None)
    assert str(mastery["History"].bar) == ""
    grouped = dict(student_progress(user=student).mastery_by_kind)
    assert [tag.name for tag in grouped["Mission"]] == ["ISS"]
    assert [tag.name for tag in grouped["Agency"]] == ["ESA"]


def test_a_skipped_question_is_not_a_try(student):
    """Skipped (no response, scored 0) is neither tried nor wrong; an earlier answer stands."""
    tag = Tag.objects.create(slug="mission:iss", kind=Tag.Kind.MISSION, name="ISS")
    known, skipped_once, never = QuestionFactory.create_batch(3)
    for question in (known, skipped_once, never):
        question.tags.add(tag)
    quiz = QuizFactory(questions=[known, skipped_once, never])
    attempt_with(student, quiz, {known: 1, skipped_once: None, never: None}, at=T0)
    (mastery,) = tag_mastery(user=student)
    assert (mastery.total, mastery.tried, mastery.right, mastery.percent) == (3, 1, 1, 100)
    attempt_with(student, quiz, {known: None, skipped_once: 0, never: None}, at=T0 + timedelta(1))
    (mastery,) = tag_mastery(user=student)
    assert (mastery.tried, mastery.right, mastery.percent) == (2, 1, 50)


def test_a_topic_with_only_skipped_questions_is_not_tried(student):
    tag = Tag.objects.create(slug="theme:history", kind=Tag.Kind.THEME, name="History")
    question = QuestionFactory()
    question.tags.add(tag)
    attempt_with(student, QuizFactory(questions=[question]), {question: None})
    (mastery,) = tag_mastery(user=student)
    assert (mastery.tried, mastery.percent) == (0, None)


def test_the_latest_try_wins_whatever_the_quiz(student):
    tag = Tag.objects.create(slug="mission:jwst", kind=Tag.Kind.MISSION, name="JWST")
    question = QuestionFactory()
    question.tags.add(tag)
    lesson_quiz, exam = QuizFactory(questions=[question]), QuizFactory(questions=[question])
    attempt_with(student, exam, {question: 0}, at=T0 + timedelta(days=1))
    attempt_with(student, lesson_quiz, {question: 1}, at=T0)  # older, though created later
    assert tag_mastery(user=student)[0].right == 0


def test_a_partly_right_answer_is_not_mastered_but_thirds_are(student):
    tag = Tag.objects.create(slug="theme:science", kind=Tag.Kind.THEME, name="Science")
    partly, thirds = QuestionFactory.create_batch(2)
    for question in (partly, thirds):
        question.tags.add(tag)
    attempt_with(student, QuizFactory(questions=[partly, thirds]), {partly: 0.5, thirds: 0.9999})
    assert tag_mastery(user=student)[0].right == 1


def test_tags_without_active_questions_are_left_out(student):
    Tag.objects.create(slug="theme:empty", kind=Tag.Kind.THEME, name="Empty")
    assert tag_mastery(user=student) == []
    assert Question.objects.count() == 0


# -- continue where you left off -----------------------------------------------------------------


def test_continue_starts_with_the_first_lesson(student, lessons):
    resume = student_progress(user=student).resume
    assert resume.url == lessons[0].get_absolute_url()
    assert resume.label.startswith("Start:")


def test_continue_leads_to_the_first_lesson_not_completed(student, lessons):
    _complete(student, lessons[0])
    _complete(student, lessons[2])
    resume = student_progress(user=student).resume
    assert resume.url == lessons[1].get_absolute_url()
    assert resume.label == f"Continue: {lessons[1].title}"


def test_an_open_attempt_comes_first(student, lessons, quizzes):
    quiz = quizzes[0][1]
    older = attempt_with(student, quizzes[0][0], {}, at=T0, submitted=False)
    newer = attempt_with(student, quiz, {}, at=T0 + timedelta(hours=1), submitted=False)
    resume = student_progress(user=student).resume
    assert resume.url == newer.get_absolute_url() != older.get_absolute_url()
    assert quiz.title in resume.label


def test_after_every_lesson_the_exam_then_nothing(student, lessons, quizzes):
    for lesson in lessons:
        _complete(student, lesson)
    exam = quizzes[1]
    assert student_progress(user=student).resume.url == exam.get_absolute_url()
    attempt_with(student, exam, scored(exam, 100))
    assert student_progress(user=student).resume is None


def test_selector_runs_seven_queries(student, quizzes, django_assert_num_queries):
    quiz = quizzes[0][0]
    attempt_with(student, quiz, scored(quiz, 60))
    # lessons, the learner's lesson progress, the exam, lesson quizzes, attempts, mastery (the
    # learner's latest answers, the active questions' tags)
    with django_assert_num_queries(7):
        progress = student_progress(user=student)
        progress.chart()
        assert progress.resume is not None
        assert [row.quiz.passed for row in progress.rows] == [False, False, False]
