"""Reads the lesson pages need: plain data, a fixed number of queries."""

import re
from dataclasses import dataclass, replace

from django.core.cache import cache
from django.db import transaction
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from lessons.mentions import Term, link_first_mentions
from lessons.models import Course, FactCheck, Lesson, LessonProgress, Status, lesson_status


@dataclass(frozen=True)
class LessonEntry:
    lesson: Lesson
    number: int
    status: Status | None  # None for anonymous visitors: nothing is tracked

    @property
    def is_completed(self) -> bool:
        return self.status == Status.COMPLETED


@dataclass(frozen=True)
class Outline:
    course: Course | None
    entries: list[LessonEntry]

    @property
    def completed(self) -> int:
        return sum(entry.is_completed for entry in self.entries)

    @property
    def percent_complete(self) -> int:
        return round(100 * self.completed / len(self.entries)) if self.entries else 0

    @property
    def next_entry(self) -> LessonEntry | None:
        """Where the learner left off: the first lesson not completed."""
        return next((entry for entry in self.entries if not entry.is_completed), None)


def _outline(lessons: list[Lesson], *, user) -> Outline:
    progress: dict[int, LessonProgress] = {}
    if user.is_authenticated and lessons:
        progress = {
            row.lesson_id: row
            for row in LessonProgress.objects.filter(user=user, lesson__in=lessons)
        }
    entries = [
        LessonEntry(
            lesson=lesson,
            number=number,
            status=lesson_status(progress.get(lesson.pk)) if user.is_authenticated else None,
        )
        for number, lesson in enumerate(lessons, start=1)
    ]
    return Outline(course=lessons[0].course if lessons else None, entries=entries)


# The published lessons in order, the same for every learner: kept in the shared cache (Redis,
# or the disk cache every app process shares) and dropped whenever a lesson or course changes.
OUTLINE_KEY = "course-outline-lessons"
OUTLINE_TIMEOUT = 600  # a safety net only: every write to a lesson or course drops it


def published_lessons() -> list[Lesson]:
    """The published lessons in order, with their course, without their text (1 query, or
    none from the cache)."""
    lessons = cache.get(OUTLINE_KEY)
    if lessons is None:
        # An outline never shows the text: skip reading and decoding every lesson's paragraphs.
        lessons = list(
            Lesson.objects.published()
            .in_order()
            .select_related("course")
            .defer("paragraphs", "key_ideas")
        )
        cache.set(OUTLINE_KEY, lessons, OUTLINE_TIMEOUT)
    return lessons


def forget_published_lessons() -> None:
    """Drop the cached lessons now and again once the writing transaction commits: a request
    reading the old rows in between must not leave them cached."""
    cache.delete(OUTLINE_KEY)
    transaction.on_commit(lambda: cache.delete(OUTLINE_KEY))


def course_outline(*, user) -> Outline:
    """The published lessons in order and the learner's status for each (2 queries, 1 with
    the lessons cached)."""
    return _outline(published_lessons(), user=user)


@dataclass(frozen=True)
class LessonPage:
    entry: LessonEntry
    outline: Outline
    previous: LessonEntry | None
    next: LessonEntry | None
    fact_checks: dict[int, list[FactCheck]]  # paragraph number -> notes
    terms: tuple[Term, ...] = ()  # things whose first mention in a paragraph links to their page

    @property
    def paragraphs(self) -> list[tuple[int, SafeString, list[FactCheck]]]:
        """(number, html, notes): the words a fact check corrects are marked, mentions linked."""
        result = []
        for number, text in enumerate(self.entry.lesson.paragraphs, start=1):
            notes = self.fact_checks.get(number, [])
            html = paragraph_html(text, quotes=[note.quote for note in notes], terms=self.terms)
            result.append((number, html, notes))
        return result

    def started(self) -> "LessonPage":
        """The same page once the learner's opening of the lesson has been recorded."""
        if self.entry.status != Status.NOT_STARTED:
            return self
        entry = replace(self.entry, status=Status.IN_PROGRESS)
        entries = [entry if e.lesson.pk == entry.lesson.pk else e for e in self.outline.entries]
        return replace(self, entry=entry, outline=replace(self.outline, entries=entries))


def _segments(text: str, quotes: list[str]) -> list[tuple[str, bool]]:
    """Split text into (part, is_quoted) so a template can mark quotes without raw HTML."""
    if not quotes:
        return [(text, False)]
    pattern = re.compile("|".join(re.escape(quote) for quote in quotes))
    segments, start = [], 0
    for match in pattern.finditer(text):
        segments += [(text[start : match.start()], False), (match.group(), True)]
        start = match.end()
    segments.append((text[start:], False))
    return [segment for segment in segments if segment[0]]


def paragraph_html(text: str, *, quotes: list[str], terms: tuple[Term, ...] = ()) -> SafeString:
    """A paragraph as escaped HTML: fact-checked quotes in <mark>, first mentions linked."""
    html = format_html_join(
        "",
        "{}",
        (
            (format_html('<mark class="fact-checked">{}</mark>', part) if quoted else part,)
            for part, quoted in _segments(text, quotes)
        ),
    )
    return mark_safe(link_first_mentions(str(html), terms))  # noqa: S308 - escaped above


def lesson_page(*, slug: str, user, terms: tuple[Term, ...] = ()) -> LessonPage | None:
    """A published lesson with its outline and fact checks (3 queries), or None."""
    lessons = list(
        Lesson.objects.published()
        .filter(course__lessons__slug=slug, course__lessons__is_published=True)
        .in_order()
        .select_related("course")
    )
    outline = _outline(lessons, user=user)
    index = next((i for i, entry in enumerate(outline.entries) if entry.lesson.slug == slug), None)
    if index is None:
        return None
    entry = outline.entries[index]
    notes: dict[int, list[FactCheck]] = {}
    for fact_check in FactCheck.objects.filter(lesson=entry.lesson):
        notes.setdefault(fact_check.paragraph, []).append(fact_check)
    return LessonPage(
        entry=entry,
        outline=outline,
        previous=outline.entries[index - 1] if index > 0 else None,
        next=outline.entries[index + 1] if index + 1 < len(outline.entries) else None,
        fact_checks=notes,
        terms=terms,
    )
