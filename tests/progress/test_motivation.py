"""Motivation: the streak, the daily review goal and the badges; their rules and their pages."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from lessons.models import LessonProgress
from progress.motivation import (
    DAILY_REVIEW_GOAL,
    exam_passed,
    goal_progress,
    learner_motivation,
    learning_days,
    mission_mastered,
    mission_progress,
    streak_days,
)
from quizzes.models import Attempt, Tag
from review.models import ReviewAnswer, ReviewCard
from tests.factories import LessonFactory, QuestionFactory, QuizFactory
from tests.progress.helpers import T0, attempt_with, scored

TODAY = T0.date()
DAY = timedelta(days=1)


def _review(user, question, *, at, score=1):
    """A logged review answer (and its card) at a given time."""
    card, _ = ReviewCard.objects.get_or_create(
        user=user, question=question, defaults={"due_at": at, "last_missed_at": at}
    )
    return ReviewAnswer.objects.create(
        user=user,
        card=card,
        question=question,
        round_due_at=at - timedelta(seconds=ReviewAnswer.objects.count() + 1),
        score=Decimal(str(score)),
        box=1,
        due_at=at + DAY,
        answered_at=at,
    )


# --- The rules ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "expected", "today"),
    [
        ([], 0, False),
        ([TODAY], 1, True),
        ([TODAY, TODAY - DAY, TODAY - 2 * DAY], 3, True),
        ([TODAY - DAY, TODAY - 2 * DAY], 2, False),  # not broken yet: today is still open
        ([TODAY - 2 * DAY, TODAY - 3 * DAY], 0, False),  # a day missed: broken
        ([TODAY, TODAY - 2 * DAY, TODAY - 3 * DAY], 1, True),  # the gap ends it
        ([TODAY + DAY], 0, False),  # a day in the future is no learning day yet
    ],
)
def test_the_streak_counts_consecutive_days_up_to_today(days, expected, today):
    streak = streak_days(days, today=TODAY)
    assert (streak.days, streak.today) == (expected, today)


def test_the_goal_is_met_at_its_number_and_the_bar_is_capped():
    assert not goal_progress(answers_today=DAILY_REVIEW_GOAL - 1).met
    goal = goal_progress(answers_today=DAILY_REVIEW_GOAL + 4)
    assert goal.met and goal.shown == DAILY_REVIEW_GOAL


def test_a_mission_is_mastered_only_with_every_question_right():
    assert mission_mastered(total=3, mastered=3)
    assert not mission_mastered(total=3, mastered=2)
    assert not mission_mastered(total=0, mastered=0)


# --- Reads --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_learning_days_are_lessons_finished_attempts_submitted_and_reviews(student, other_student):
    lesson = LessonFactory()
    LessonProgress.objects.create(user=student, lesson=lesson, started_at=T0, completed_at=T0)
    other = LessonFactory()
    LessonProgress.objects.create(user=student, lesson=other, started_at=T0 + 5 * DAY)  # open
    question = QuestionFactory()
    quiz = QuizFactory(questions=[question])
    attempt_with(student, quiz, {question: 1}, at=T0 + DAY)
    attempt_with(student, quiz, {question: 1}, at=T0 + 6 * DAY, submitted=False)  # not finished
    _review(student, question, at=T0 + 2 * DAY)
    attempt_with(other_student, quiz, {question: 1}, at=T0 + 3 * DAY)  # someone else's
    assert learning_days(user=student) == {TODAY, TODAY + DAY, TODAY + 2 * DAY}


@pytest.mark.django_db
def test_learning_days_follow_the_current_time_zone(student):
    question = QuestionFactory()
    late_evening_in_new_york = T0.replace(hour=2)  # 02:00 UTC is 21:00 the day before there
    attempt_with(
        student, QuizFactory(questions=[question]), {question: 1}, at=late_evening_in_new_york
    )
    assert learning_days(user=student) == {TODAY}
    with timezone.override("America/New_York"):
        assert learning_days(user=student) == {TODAY - DAY}


@pytest.mark.django_db
def test_the_goal_counts_todays_review_answers_only(student, other_student):
    question = QuestionFactory()
    now = T0.replace(hour=15)
    for hours in (1, 2, 3):
        _review(student, question, at=now - timedelta(hours=hours))  # today, 12:00 to 14:00
    _review(student, question, at=now.replace(hour=0) - timedelta(minutes=1))  # yesterday
    _review(other_student, question, at=now)
    motivation = learner_motivation(user=student, now=now, course_finished=False, exam_passed=False)
    assert (motivation.goal.done, motivation.goal.goal) == (3, DAILY_REVIEW_GOAL)
    assert (motivation.streak.days, motivation.streak.today) == (2, True)


@pytest.mark.django_db
def test_a_mission_is_mastered_by_right_answers_in_quizzes_or_review(student, other_student):
    iss = Tag.objects.create(slug="mission:iss", kind=Tag.Kind.MISSION, name="ISS")
    Tag.objects.create(slug="agency:esa", kind=Tag.Kind.AGENCY, name="ESA")  # not a mission
    q1, q2, q3, retired = QuestionFactory.create_batch(4)
    retired.is_active = False
    retired.save()
    for question in (q1, q2, q3, retired):
        question.tags.add(iss)
    quiz = QuizFactory(questions=[q1, q2, q3])
    attempt_with(student, quiz, {q1: 1, q2: 0.5, q3: 0}, at=T0)
    attempt_with(student, quiz, {q1: 0, q2: 1, q3: 1}, at=T0 + DAY, submitted=False)
    attempt_with(other_student, quiz, {q1: 1, q2: 1, q3: 1}, at=T0)
    assert mission_progress(user=student) == [("ISS", 3, 1)]  # a later miss does not undo q1
    _review(student, q2, at=T0 + DAY, score=0.5)  # partly right is not fully right
    assert mission_progress(user=student) == [("ISS", 3, 1)]
    _review(student, q2, at=T0 + 2 * DAY)
    _review(student, q3, at=T0 + 2 * DAY)
    assert mission_progress(user=student) == [("ISS", 3, 3)]
    motivation = learner_motivation(user=student, now=T0, course_finished=False, exam_passed=False)
    badges = {badge.name: badge.earned for badge in motivation.badges}
    assert badges == {"Course complete": False, "Final exam passed": False, "ISS mastered": True}


@pytest.mark.django_db
def test_the_exam_badge_follows_the_exams_own_standing(student):
    exam = QuizFactory(lesson=None, questions=QuestionFactory.create_batch(4), pass_mark=70)
    attempt_with(student, exam, scored(exam, 50), at=T0)
    assert not exam_passed(user=student)
    attempt_with(student, exam, scored(exam, 75), at=T0 + DAY)
    assert exam_passed(user=student)
    assert Attempt.objects.filter(user=student).count() == 2  # reading changed nothing


@pytest.mark.django_db
def test_no_exam_means_no_exam_passed(student):
    assert not exam_passed(user=student)


# --- The pages ----------------------------------------------------------------------------------


def _history(student, count):
    """count submitted attempts and count review answers, over count days, on a small course."""
    tag = Tag.objects.create(slug="mission:iss", kind=Tag.Kind.MISSION, name="ISS")
    questions = QuestionFactory.create_batch(3)
    for question in questions:
        question.tags.add(tag)
    quiz = QuizFactory(lesson=LessonFactory(), questions=questions)
    QuizFactory(lesson=None, questions=QuestionFactory.create_batch(2))  # the exam
    now = timezone.now()
    for n in range(count):
        attempt_with(student, quiz, scored(quiz, n * 37 % 101), at=now - n * DAY)
        _review(student, questions[n % 3], at=now - n * DAY)


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 40])
def test_home_runs_a_fixed_number_of_queries(
    student_client, student, count, django_assert_num_queries
):
    _history(student, count)
    # lessons, session, user, progress (the outline); the exam (the course panels); the
    # exam's attempts with the exam (its standing), today's reviews, missions, streak days,
    # whether there is anything to review (3); a running timed attempt ("Continue" leads there)
    with django_assert_num_queries(13):
        response = student_client.get("/")
    assert response.status_code == 200
    assert response.context["motivation"].streak.days == count


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 40])
def test_my_progress_runs_a_fixed_number_of_queries(
    student_client, student, count, django_assert_num_queries
):
    _history(student, count)
    # the page's 12, then streak days, today's reviews, missions, anything to review (3)
    with django_assert_num_queries(18):
        response = student_client.get("/progress/")
    assert response.status_code == 200
    assert response.context["motivation"].streak.days == count


@pytest.mark.django_db
def test_home_and_my_progress_show_the_streak_the_goal_and_badges(student_client, student):
    _history(student, 3)
    home = student_client.get("/").content.decode()
    assert "Learning streak" in home and "3 days" in home
    assert "1 of 10 answers" in home
    assert '<progress class="course-progress mb-1" max="10" value="1"' in home
    assert "1 of 3 badges earned" in home  # ISS: its 3 questions each right in review
    page = student_client.get("/progress/").content.decode()
    assert "3 days" in page and "1 of 10 answers" in page
    assert page.count('class="badge-icon"') == 3
    earned, to_earn = page.split('<details class="badges-to-earn')
    assert "ISS mastered" in earned and "Earned" in earned
    assert "2 badges to earn" in to_earn
    assert "Course complete" in to_earn and "Final exam passed" in to_earn
    # The pictures are decorative: each badge's name and state are text.
    assert len(re.findall(r'<svg class="badge-icon"[^>]*aria-hidden="true"', page)) == 3
    assert "(not earned yet)" in to_earn


@pytest.mark.django_db
def test_visitors_see_no_motivation(client, db):
    response = client.get("/")
    assert "motivation" not in response.context
    assert "Learning streak" not in response.content.decode()


REVIEW_LINK = "Review the questions you missed"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/progress/"])
def test_the_review_link_shows_only_when_there_is_something_to_review(student_client, student, url):
    """Nothing missed: no link to missed questions, and a true sentence instead."""
    page = student_client.get(url).content.decode()
    assert REVIEW_LINK not in page
    assert "Nothing to review yet" in page
    questions = QuestionFactory.create_batch(2)
    attempt_with(student, QuizFactory(questions=questions), {questions[0]: 0, questions[1]: 1})
    page = student_client.get(url).content.decode()
    assert REVIEW_LINK in page and "Nothing to review" not in page


@pytest.mark.django_db
def test_once_practised_my_progress_says_when_the_next_question_comes_back(student_client, student):
    question = QuestionFactory()
    attempt_with(student, QuizFactory(questions=[question]), {question: 0}, at=T0)
    card = ReviewCard.objects.create(
        user=student, question=question, box=1, last_missed_at=T0, last_reviewed_at=T0,
        due_at=timezone.now() + timedelta(days=3, minutes=5),
    )  # fmt: skip
    page = student_client.get("/progress/").content.decode()
    assert REVIEW_LINK not in page
    assert "Nothing to review right now: your next question comes back in 3\xa0days" in page
    card.due_at = timezone.now() - timedelta(minutes=1)
    card.save()
    assert REVIEW_LINK in student_client.get("/progress/").content.decode()
