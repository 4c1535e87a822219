"""Lesson list and lesson pages, as a visitor and as a learner."""

import pytest
from django.urls import reverse

from lessons.models import Lesson, LessonProgress
from tests.factories import LessonFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_lesson_list_shows_every_lesson_with_reading_time_and_status(
    student_client, course, student
):
    LessonProgress.objects.create(
        user=student,
        lesson=Lesson.objects.get(slug="introduction"),
        started_at="2026-01-01T00:00Z",
        completed_at="2026-01-01T00:10Z",
    )
    LessonProgress.objects.create(
        user=student,
        lesson=Lesson.objects.get(slug="historical-context"),
        started_at="2026-01-01T00:00Z",
    )
    response = student_client.get(reverse("lessons:list"))
    assert response.status_code == 200
    html = response.content.decode()
    for lesson in Lesson.objects.all():
        assert lesson.get_absolute_url() in html
    statuses = [entry.status.value for entry in response.context["outline"].entries]
    assert statuses == ["completed", "in-progress"] + ["not-started"] * 6
    assert "min read" in html
    assert "1 of 8 lessons completed" in html


def test_anonymous_visitor_can_read_and_is_asked_to_sign_in(client, course):
    response = client.get(reverse("lessons:detail", args=["scientific-benefits"]))
    assert response.status_code == 200
    assert b"Rosetta mission" in response.content
    assert b"to track your progress" in response.content
    assert b"Mark as complete" not in response.content
    assert not LessonProgress.objects.exists()


def test_opening_a_lesson_records_that_the_learner_started_it(student_client, student, course):
    response = student_client.get(reverse("lessons:detail", args=["historical-context"]))
    assert response.status_code == 200
    progress = LessonProgress.objects.get(user=student)
    assert progress.lesson.slug == "historical-context"
    assert progress.completed_at is None
    assert response.context["page"].entry.status == "in-progress"


def test_lesson_page_shows_paragraphs_contents_and_neighbours(client, course):
    response = client.get(reverse("lessons:detail", args=["historical-context"]))
    page = response.context["page"]
    assert [number for number, _, _ in page.paragraphs] == [1, 2, 3]
    assert page.previous.lesson.slug == "introduction"
    assert page.next.lesson.slug == "scientific-benefits"
    html = response.content.decode()
    assert 'id="p2"' in html
    assert html.count('rel="prev"') == html.count('rel="next"') == 1
    assert all(f">{lesson.title}</span>" in html for lesson in Lesson.objects.all())
    assert "Exploring the cosmos together: the significance" not in html.split("<main")[1]


def test_first_and_last_lessons_have_one_neighbour(client, course):
    first = client.get(reverse("lessons:detail", args=["introduction"])).context["page"]
    last = client.get(reverse("lessons:detail", args=["conclusion"])).context["page"]
    assert first.previous is None and first.next.lesson.slug == "historical-context"
    assert last.next is None and last.previous.lesson.slug == "future-prospects"


def test_fact_check_note_is_shown_beside_the_wrong_paragraph(client, course):
    html = client.get(reverse("lessons:detail", args=["scientific-benefits"])).content.decode()
    assert "Fact check:" in html
    assert "jointly conducted by NASA and ESA" in html
    assert "ESA took no part" in html
    assert html.index('id="p2"') < html.index("ESA took no part") < html.index('id="p3"')


def test_mark_as_complete_is_a_post_and_idempotent(student_client, student, course):
    url = reverse("lessons:complete", args=["introduction"])
    assert student_client.get(url).status_code == 405
    response = student_client.post(url)
    assert response.status_code == 302
    # Back to the "Finished reading?" box, next to "Take the quiz", not the top of the page.
    assert response["Location"] == reverse("lessons:detail", args=["introduction"]) + "#finish"
    first = LessonProgress.objects.get(user=student).completed_at
    student_client.post(url)
    assert LessonProgress.objects.get(user=student).completed_at == first
    page = student_client.get(response["Location"])
    assert b"You have completed this lesson." in page.content
    assert b'id="finish"' in page.content


def test_mark_as_complete_needs_a_login(client, course):
    response = client.post(reverse("lessons:complete", args=["introduction"]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not LessonProgress.objects.exists()


def test_mark_as_complete_needs_the_csrf_token(student, course):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(student)
    response = client.post(reverse("lessons:complete", args=["introduction"]))
    assert response.status_code == 403
    assert not LessonProgress.objects.exists()


def test_progress_of_one_learner_is_not_shown_to_another(client, course, student, other_student):
    client.force_login(student)
    client.post(reverse("lessons:complete", args=["introduction"]))
    client.force_login(other_student)
    response = client.get(reverse("lessons:list"))
    assert [entry.status.value for entry in response.context["outline"].entries][0] == "not-started"


@pytest.mark.parametrize("slug", ["no-such-lesson", "x" * 300])
def test_unknown_lesson_is_404(client, course, slug):
    assert client.get(f"/lessons/{slug}/").status_code == 404
    assert client.post(f"/lessons/{slug}/complete/").status_code in {302, 404}


def test_unpublished_lesson_is_404_and_cannot_be_completed(student_client, course):
    Lesson.objects.filter(slug="conclusion").update(is_published=False)
    assert student_client.get(reverse("lessons:detail", args=["conclusion"])).status_code == 404
    assert student_client.post(reverse("lessons:complete", args=["conclusion"])).status_code == 404
    outline = student_client.get(reverse("lessons:list")).context["outline"]
    assert len(outline.entries) == 7


def test_home_page_continues_where_the_learner_left_off(student_client, course):
    student_client.post(reverse("lessons:complete", args=["introduction"]))
    response = student_client.get(reverse("home"))
    assert response.status_code == 200
    assert response.context["outline"].next_entry.lesson.slug == "historical-context"
    assert b"Continue:" in response.content


def test_home_page_invites_visitors_to_sign_up(client, course):
    response = client.get(reverse("home"))
    assert b"Create a free account" in response.content
    assert b"Read the first lesson" in response.content


def test_pages_work_before_the_course_is_imported(client, db):
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("lessons:list")).status_code == 200


@pytest.mark.parametrize("size", [3, 30])
def test_home_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    user = UserFactory()
    lessons = LessonFactory.create_batch(size)
    for lesson in lessons[: size // 2]:
        LessonProgress.objects.create(user=user, lesson=lesson, started_at="2026-01-01T00:00Z")
    client.force_login(user)
    # session, user, lessons with their course, the learner's progress, the final exam (for the
    # course panel), its attempts with the exam (for the exam badge), a running timed attempt,
    # then motivation: today's review answers, mission mastery, learning days, anything to
    # review (the open exam's questions, the cards, the misses)
    with django_assert_num_queries(13):
        assert client.get(reverse("home")).status_code == 200


@pytest.mark.parametrize("size", [3, 30])
def test_lesson_list_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    user = UserFactory()
    lessons = LessonFactory.create_batch(size)
    for lesson in lessons[: size // 2]:
        LessonProgress.objects.create(user=user, lesson=lesson, started_at="2026-01-01T00:00Z")
    client.force_login(user)
    # session, user, lessons with their course, the learner's progress, the final exam
    with django_assert_num_queries(5):
        assert client.get(reverse("lessons:list")).status_code == 200


@pytest.mark.parametrize("size", [3, 30])
def test_lesson_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    user = UserFactory()
    lessons = LessonFactory.create_batch(size)
    for lesson in lessons:
        LessonProgress.objects.create(user=user, lesson=lesson, started_at="2026-01-01T00:00Z")
    client.force_login(user)
    # session, user, lessons with their course, the learner's progress, fact checks, quiz
    with django_assert_num_queries(6):
        assert client.get(lessons[1].get_absolute_url()).status_code == 200


def test_first_opening_adds_only_the_progress_insert(client, django_assert_num_queries):
    user = UserFactory()
    lessons = LessonFactory.create_batch(10)
    client.force_login(user)
    # The 6 reads above, plus a look for a row and a savepoint-wrapped insert (4).
    with django_assert_num_queries(10):
        assert client.get(lessons[0].get_absolute_url()).status_code == 200


@pytest.mark.parametrize("size", [3, 30])
def test_anonymous_lesson_page_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, size
):
    lessons = LessonFactory.create_batch(size)
    # lessons with their course, fact checks, quiz
    with django_assert_num_queries(3):
        assert client.get(lessons[1].get_absolute_url()).status_code == 200


def test_the_corrected_words_are_marked_in_the_paragraph(client, course):
    html = client.get(reverse("lessons:detail", args=["scientific-benefits"])).content.decode()
    assert '<mark class="fact-checked">jointly conducted by NASA and ESA</mark>' in html
    assert html.count('<mark class="fact-checked">') == 4


def test_lesson_text_is_escaped_even_around_a_marked_quote(client, db):
    from lessons.models import FactCheck

    lesson = LessonFactory(
        paragraphs=['<script>alert(1)</script> says "NASA & ESA" <b>ran</b> it.']
    )
    FactCheck.objects.create(lesson=lesson, quote='"NASA & ESA"', paragraph=1, note="<i>No.</i>")
    html = client.get(lesson.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<mark class="fact-checked">&quot;NASA &amp; ESA&quot;</mark>' in html
    assert "<b>ran</b>" not in html and "<i>No.</i>" not in html


def test_home_page_splits_the_course_title_at_its_colon(client, course):
    html = client.get(reverse("home")).content.decode()
    assert '<h1 class="display-5 fw-bold mb-1">Exploring the cosmos together</h1>' in html
    assert "The significance of international partnerships among space agencies" in html
