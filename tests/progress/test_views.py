"""The progress page: who may see it, what it shows, how it draws the chart, what it costs."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from lessons.models import LessonProgress
from tests.factories import LessonFactory, QuestionFactory, QuizFactory
from tests.progress.helpers import T0, attempt_with, scored

pytestmark = pytest.mark.django_db

URL = "/progress/"


@pytest.fixture
def quiz(db):
    lesson = LessonFactory(title="Working together")
    return QuizFactory(
        lesson=lesson, title="Partners quiz", questions=QuestionFactory.create_batch(5)
    )


def test_the_url_is_the_contract():
    assert reverse("progress:page") == URL


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_page_is_never_cached(student_client, quiz):
    response = student_client.get(URL)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_the_page_shows_the_learners_lessons_scores_and_continue_link(
    student_client, student, quiz
):
    for day, percent in enumerate([40, 80, 60]):
        attempt_with(student, quiz, scored(quiz, percent), at=T0 + timedelta(days=day))
    html = student_client.get(URL).content.decode()
    assert "Working together" in html
    assert '0 <span class="stat-of">of 1</span>' in html  # lessons completed
    row = re.search(r"Working together</a></th>(.*?)</tr>", html, re.S).group(1)
    cells = re.findall(r'<td class="text-end" data-label="\w+">(.*?)</td>', row, re.S)
    assert cells == ["80%", "60%", "3"]
    assert f'href="{quiz.lesson.get_absolute_url()}">Start: Working together</a>' in html


def test_another_learners_data_never_shows_even_when_asked_for(
    student_client, student, other_student, quiz
):
    LessonProgress.objects.create(user=other_student, lesson=quiz.lesson, started_at=T0)
    secret = attempt_with(other_student, quiz, scored(quiz, 100))
    for query in [f"?user={other_student.pk}", "?user=0", "?user=", "?user=1&user=2"]:
        response = student_client.get(URL + query)
        assert response.status_code == 200
        html = response.content.decode()
        assert reverse("quizzes:results", args=[secret.pk]) not in html
        assert "100%" not in html.split("Mastery by topic")[0]
        assert response.context["progress"].history == []


def test_the_chart_is_accessible_svg_with_a_text_equivalent(student_client, student, quiz):
    attempts = [
        attempt_with(student, quiz, scored(quiz, p), at=T0 + timedelta(days=i))
        for i, p in enumerate([20, 60, 100])
    ]
    html = student_client.get(URL).content.decode()
    svg = re.search(r"<svg class=\"score-chart\".*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg
    assert re.search(r'<title id="score-chart-title">Quiz scores over time</title>', svg)
    desc = re.search(r'<desc id="score-chart-desc">(.*?)</desc>', svg).group(1)
    assert "3 submitted attempts" in desc and "lowest 20%, highest 100%, latest 100%" in desc
    # The text equivalent: one table row per attempt, with its score, below the chart.
    chart = html[html.index('<svg class="score-chart"') :]
    table = chart[chart.index("</svg>") :]
    for attempt in attempts:
        assert reverse("quizzes:results", args=[attempt.pk]) in table
    assert re.findall(r'<td class="text-end text-nowrap">(\d+)%', table.split("</table>")[0]) == [
        "20",
        "60",
        "100",
    ]


def test_the_page_has_no_inline_style_or_script(student_client, student, quiz):
    attempt_with(student, quiz, scored(quiz, 60))

    class Inline(HTMLParser):
        found: list = []

        def handle_starttag(self, tag, attrs):
            names = {name for name, _ in attrs}
            if "style" in names or any(name.startswith("on") for name in names):
                self.found.append((tag, attrs))
            if tag == "script" and "src" not in names:
                self.found.append((tag, attrs))
            if tag == "style":
                self.found.append((tag, attrs))

    parser = Inline()
    parser.found = []
    parser.feed(student_client.get(URL).content.decode())
    assert parser.found == []


def test_no_attempts_yet_says_so(student_client, quiz):
    html = student_client.get(URL).content.decode()
    assert "No submitted quiz attempts yet" in html
    assert '<svg class="score-chart"' not in html


def test_the_page_links_its_stylesheet_and_the_nav_links_to_it(student_client, quiz):
    html = student_client.get(URL).content.decode()
    assert '<link rel="stylesheet" href="/static/progress/progress.css">' in html
    assert f'href="{URL}" aria-current="page">My progress</a>' in html
    assert f'href="{reverse("review:page")}"' in html


@pytest.mark.parametrize("count", [1, 50])
def test_the_page_runs_a_fixed_number_of_queries(
    student_client, student, quiz, count, django_assert_num_queries
):
    exam = QuizFactory(lesson=None, questions=QuestionFactory.create_batch(3))
    for lesson in LessonFactory.create_batch(4):
        QuizFactory(lesson=lesson, questions=QuestionFactory.create_batch(2))
    for n in range(count):
        target = exam if n % 2 else quiz
        attempt_with(student, target, scored(target, n * 7 % 101), at=T0 + timedelta(hours=n))
    # session, user; lessons, lesson progress, exam, lesson quizzes, attempts, mastery (latest
    # answers, tags) (+3: the learner's assignments in their classrooms; +4: streak days,
    # today's reviews, missions for the badges; +3: whether there is anything to review)
    with django_assert_num_queries(18):
        response = student_client.get(URL)
    assert response.status_code == 200
    assert len(response.context["progress"].history) == count


def test_progress_lists_the_learners_assignments_to_do_done_and_overdue(bank, student, client):
    from datetime import timedelta

    from django.utils import timezone

    from classrooms.models import Assignment, Classroom, Membership
    from lessons.models import Lesson, LessonProgress

    classroom = Classroom.objects.create(name="Space Club")
    Membership.objects.create(classroom=classroom, user=student)
    now = timezone.now()
    Membership.objects.update(joined_at=now - timedelta(days=30))  # before every due date
    first, second, third = Lesson.objects.in_order()[:3]
    Assignment.objects.create(classroom=classroom, lesson=first, due_at=now - timedelta(days=1))
    Assignment.objects.create(classroom=classroom, lesson=second, due_at=now + timedelta(days=2))
    Assignment.objects.create(classroom=classroom, lesson=third, due_at=now - timedelta(days=3))
    LessonProgress.objects.create(user=student, lesson=third, started_at=now, completed_at=now)
    client.force_login(student)
    html = client.get("/progress/").content.decode()
    assert "Your assignments" in html
    assert html.count("status-overdue") == 1
    assert html.count("status-to-do") == 1
    assert html.count("status-done") == 1


def test_mastery_with_unanswered_questions_says_not_tried_instead_of_zero(student_client, student):
    """A topic whose questions were all skipped or never met says so; answered ones count alone."""
    from quizzes.models import Tag

    tried = Tag.objects.create(slug="mission:iss", kind=Tag.Kind.MISSION, name="ISS")
    untried = Tag.objects.create(slug="mission:rosetta", kind=Tag.Kind.MISSION, name="Rosetta")
    right, skipped, unseen = QuestionFactory.create_batch(3)
    for question in (right, skipped, unseen):
        question.tags.add(tried)
    skipped.tags.add(untried)
    unseen.tags.add(untried)
    quiz = QuizFactory(questions=[right, skipped])
    attempt_with(student, quiz, {right: 1, skipped: None})
    html = student_client.get(URL).content.decode()
    iss = re.search(r'mastery-name">ISS</span>(.*?)</li>', html, re.S).group(1)
    rosetta = re.search(r'mastery-name">Rosetta</span>(.*?)</li>', html, re.S).group(1)
    assert "<strong>100%</strong> · 1 of 1 answered right (3 in all)" in iss
    assert "Not tried yet · 2 questions" in rosetta
    assert "%" not in rosetta and "<svg" not in rosetta


def test_mastery_before_any_answer_is_one_sentence_not_a_wall_of_not_tried(student_client, student):
    """No question answered yet: one sentence, the topics folded away; then the list."""
    from quizzes.models import Tag

    tags = [
        Tag.objects.create(slug=f"mission:m{n}", kind=Tag.Kind.MISSION, name=f"M{n}")
        for n in range(3)
    ]
    question = QuestionFactory()
    question.tags.add(*tags)
    html = student_client.get(URL).content.decode()
    assert "You have not answered a quiz question yet" in html
    assert "There are 3 topics to master." in html
    folded = html.split('<details class="mastery-all">')[1].split("</details>")[0]
    assert folded.count('class="mastery"') == 3
    attempt_with(student, QuizFactory(questions=[question]), {question: 0})
    html = student_client.get(URL).content.decode()
    assert "You have not answered a quiz question yet" not in html
    assert "mastery-all" not in html
    assert html.count('class="mastery"') == 3


def test_the_chart_draws_one_line_per_quiz_with_a_legend(student_client, student, quiz):
    exam = QuizFactory(lesson=None, title="Final exam", questions=QuestionFactory.create_batch(2))
    for day, target in enumerate([quiz, exam, quiz, exam, quiz]):
        attempt_with(student, target, scored(target, 50), at=T0 + timedelta(days=day))
    html = student_client.get(URL).content.decode()
    svg = re.search(r"<svg class=\"score-chart\".*?</svg>", html, re.S).group(0)
    lines = re.findall(r'<polyline points="([^"]+)"', svg)
    assert [len(points.split()) for points in lines] == [3, 2]
    legend = re.search(r'<ul class="chart-legend.*?</ul>', html, re.S).group(0)
    assert re.findall(r"</svg> (.*?)</li>", legend) == ["Partners quiz", "Final exam"]


def test_an_assignment_due_before_the_learner_joined_is_to_do_not_overdue(bank, student, client):
    """Overdue for a late joiner: only what fell due after they joined is overdue."""
    from django.utils import timezone

    from classrooms.models import Assignment, Classroom, Membership
    from lessons.models import Lesson

    classroom = Classroom.objects.create(name="Space Club")
    Membership.objects.create(classroom=classroom, user=student)
    now = timezone.now()
    Membership.objects.update(joined_at=now - timedelta(days=2))
    before, after = Lesson.objects.in_order()[:2]
    Assignment.objects.create(classroom=classroom, lesson=before, due_at=now - timedelta(days=5))
    Assignment.objects.create(classroom=classroom, lesson=after, due_at=now - timedelta(days=1))
    client.force_login(student)
    html = client.get("/progress/").content.decode()
    overdue = re.findall(r'status-overdue">', html)
    assert len(overdue) == 1
    assert html.count("status-to-do") == 1
