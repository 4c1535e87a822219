"""My progress in a real browser: mastery with unanswered questions, overdue for a late joiner,
motivation and badges, at a phone's and a desktop's width."""

from datetime import timedelta

import pytest
from django.utils import timezone

from classrooms.models import Assignment, Membership
from lessons.models import Lesson
from quizzes.models import Quiz, Tag
from tests.browser import WIDTHS, serious_violations
from tests.classrooms.helpers import make_classroom
from tests.progress.helpers import attempt_with

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def learner(course, student, teacher):
    """On the real course: one quiz with the first question right and the rest skipped; a
    classroom joined two days ago with one assignment due before and one after."""
    from django.core.management import call_command

    call_command("load_question_bank", "fixtures/questions.json", verbosity=0)
    first = Lesson.objects.in_order().first()
    quiz = Quiz.objects.get(lesson=first)
    questions = [link.question for link in quiz.quiz_questions.order_by("position")]
    now = timezone.now()
    scores = {q: 1 if i == 0 else None for i, q in enumerate(questions)}
    attempt_with(student, quiz, scores, at=now)
    classroom = make_classroom(teacher, student, joined_at=now - timedelta(days=2))
    second, third = Lesson.objects.in_order()[1:3]
    Assignment.objects.create(classroom=classroom, lesson=second, due_at=now - timedelta(days=5))
    Assignment.objects.create(classroom=classroom, lesson=third, due_at=now - timedelta(days=1))
    return {"questions": questions, "before": second, "after": third}


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_my_progress_tells_the_truth_and_fits_the_screen(visit, learner, student, width):
    page = visit("/progress/", width=width, user=student)
    # Mastery with unanswered questions: a topic met only through skipped questions is "not
    # tried", one with an answered question counts that answer only.
    skipped_only = (
        Tag.objects.filter(questions__in=learner["questions"][1:])
        .exclude(questions=learner["questions"][0])
        .order_by("name")
        .first()
    )
    row = page.locator("li.mastery", has=page.get_by_text(skipped_only.name, exact=True))
    assert "Not tried yet" in row.inner_text()
    assert page.locator("li.mastery", has_text="100%").count() >= 1
    # Overdue for a late joiner: due before they joined is to do; due after is overdue.
    assignments = page.locator("#assignments-heading").locator("xpath=..")
    before = assignments.locator("li", has_text=learner["before"].title).first.inner_text()
    after = assignments.locator("li", has_text=learner["after"].title).first.inner_text()
    assert "To do" in before and "Overdue" not in before
    assert "Overdue" in after
    # Motivation: today's attempt makes a one-day streak.
    assert "1 day" in page.locator("#motivation-heading").locator("xpath=..").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert serious_violations(page) == []


def test_the_home_page_shows_the_streak_and_the_goal(visit, learner, student):
    page = visit("/", width=WIDTHS["phone"], user=student)
    motivation = page.locator("#motivation-heading").locator("xpath=..").inner_text()
    assert "Learning streak" in motivation and "0 of 10 answers" in motivation
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS["phone"]
    assert serious_violations(page) == []


def test_a_late_joiner_sees_no_overdue_flag_in_the_classroom(visit, learner, student):
    Membership.objects.update(joined_at=timezone.now())  # joined after both fell due
    page = visit("/progress/", width=WIDTHS["desktop"], user=student)
    assert page.locator(".status-overdue").count() == 0


def test_an_assignments_state_is_a_badge_at_the_start_of_its_title_on_a_phone(
    visit, learner, student
):
    """At 375 px "To do" sits on the title's first line, coloured, not on a line of its own."""
    page = visit("/progress/", width=WIDTHS["phone"], user=student)
    items = page.locator(".assignment-list li")
    assert items.count() == 2
    for item in items.all():
        badge, line = item.evaluate(
            """li => {
              const badge = li.querySelector('.status').getBoundingClientRect();
              const line = li.querySelector('a').getClientRects()[0];
              return [{top: badge.top, bottom: badge.bottom, right: badge.right},
                      {middle: (line.top + line.bottom) / 2, left: line.left}];
            }"""
        )
        assert badge["top"] <= line["middle"] <= badge["bottom"]
        assert badge["right"] <= line["left"]
        colour = item.locator(".status").evaluate("el => getComputedStyle(el).backgroundColor")
        assert colour not in {"rgba(0, 0, 0, 0)", "transparent"}
