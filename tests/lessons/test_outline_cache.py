"""The course outline (the published lessons in order) is shared content: kept in the cache,
and a teacher's edit shows at once, whichever way the lessons changed."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from lessons.models import Course, Lesson, LessonProgress
from lessons.selectors import OUTLINE_KEY, published_lessons
from lessons.services import article_import
from tests.factories import LessonFactory, UserFactory

pytestmark = pytest.mark.django_db


def _lesson_list(client) -> str:
    return client.get(reverse("lessons:list")).content.decode()


@pytest.mark.parametrize("size", [3, 30])
def test_a_warm_outline_spares_the_lessons_query(client, django_assert_num_queries, size):
    user = UserFactory()
    lessons = LessonFactory.create_batch(size)
    for lesson in lessons[: size // 2]:
        LessonProgress.objects.create(user=user, lesson=lesson, started_at="2026-01-01T00:00Z")
    client.force_login(user)
    client.get(reverse("home"))  # fills the cache
    # session, user, the learner's progress, the final exam (the course panel), its attempts
    # (the exam badge), a running timed attempt, today's reviews, missions, learning days,
    # anything to review (the open exam's questions, the cards, the misses)
    with django_assert_num_queries(12):
        assert client.get(reverse("home")).status_code == 200


def test_a_renamed_lesson_shows_at_once(client):
    lesson = LessonFactory(title="Before the edit")
    assert "Before the edit" in _lesson_list(client)
    lesson.title = "After the edit"
    lesson.save()
    html = _lesson_list(client)
    assert "After the edit" in html and "Before the edit" not in html


def test_a_new_an_unpublished_and_a_deleted_lesson_show_at_once(client):
    kept, hidden, gone = LessonFactory.create_batch(3)
    assert all(lesson.title in _lesson_list(client) for lesson in (kept, hidden, gone))
    fresh = LessonFactory(title="Written a minute ago", course=kept.course)
    hidden.is_published = False
    hidden.save()
    gone.delete()
    html = _lesson_list(client)
    assert kept.title in html and fresh.title in html
    assert hidden.title not in html and gone.title not in html


def test_a_renamed_course_shows_at_once(client, student_client):
    lesson = LessonFactory()
    published_lessons()
    Course.objects.filter(pk=lesson.course_id).update(title="x")  # no signal: still cached
    assert published_lessons()[0].course.title != "x"
    course = Course.objects.get(pk=lesson.course_id)
    course.title = "Partners in orbit"
    course.save()
    assert published_lessons()[0].course.title == "Partners in orbit"


def test_a_section_the_import_unpublishes_leaves_the_outline_at_once(client, article_text):
    article_import(text=article_text)
    assert "Diplomatic Implications" in _lesson_list(client)
    heading = (
        "Diplomatic Implications: Strengthening Global Relationships through Space Cooperation"
    )
    article_import(text=article_text.replace(heading, ""))  # update(): no signal of its own
    assert not Lesson.objects.get(slug="diplomatic-implications").is_published
    assert "Diplomatic Implications" not in _lesson_list(client)


def test_rows_read_before_the_edit_commits_are_dropped_when_it_does(
    django_capture_on_commit_callbacks,
):
    lesson = LessonFactory(title="Old title")
    stale = published_lessons()
    with django_capture_on_commit_callbacks(execute=True):
        lesson.title = "New title"
        lesson.save()
        # Another request read the old rows before this transaction committed.
        cache.set(OUTLINE_KEY, stale)
    assert [lesson.title for lesson in published_lessons()] == ["New title"]


def test_the_cached_outline_holds_no_learner_data(client):
    learner = UserFactory()
    lesson = LessonFactory()
    LessonProgress.objects.create(user=learner, lesson=lesson, started_at="2026-01-01T00:00Z")
    client.force_login(learner)
    client.get(reverse("lessons:list"))
    cached = cache.get(OUTLINE_KEY)
    assert [type(item) for item in cached] == [Lesson]
    columns = {field.attname for field in Lesson._meta.concrete_fields}
    # Django's own bookkeeping, and no annotation or prefetched rows
    assert set(vars(cached[0])) - columns == {"_state", "_django_version"}
    assert set(cached[0]._state.fields_cache) == {"course"}
