"""Writes that change lessons and learners' lesson progress."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from lessons.importer import Article, parse_article
from lessons.models import Course, FactCheck, Lesson, LessonProgress
from lessons.selectors import forget_published_lessons


@dataclass(frozen=True)
class FactCheckNote:
    quote: str
    note: str


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    unpublished: int
    fact_checks: int
    key_ideas: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.unpublished)


class FactCheckError(ValueError):
    """A fact-check quote is not found in the article."""


class KeyIdeasError(ValueError):
    """Key ideas name a lesson the article does not have."""


@transaction.atomic
def article_import(
    *,
    text: str,
    fact_checks: list[FactCheckNote] = (),
    key_ideas: Mapping[str, list[str]] | None = None,
    course_slug: str | None = None,
) -> ImportResult:
    """Build or update the course from the article: same text, same rows; progress is kept.

    Lessons are matched by slug and updated in place; a lesson no longer in the article is
    unpublished, never deleted, so learners' progress on it survives. All or nothing.
    """
    article = parse_article(text)
    course, _ = Course.objects.get_or_create(
        slug=course_slug or settings.SPACEEDU_COURSE_SLUG, defaults={"title": article.title}
    )
    if course.title != article.title:
        course.title = article.title
        course.save(update_fields=["title", "updated_at"])

    existing = {lesson.slug: lesson for lesson in Lesson.objects.filter(course=course)}
    created = updated = unchanged = 0
    for position, section in enumerate(article.sections, start=1):
        wanted = {
            "position": position,
            "title": section.title,
            "subtitle": section.subtitle,
            "paragraphs": section.paragraphs,
            "is_published": True,
        }
        lesson = existing.pop(section.slug, None)
        if lesson is None:
            lesson = Lesson(course=course, slug=section.slug, **wanted)
            lesson.save()
            created += 1
        elif any(getattr(lesson, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(lesson, name, value)
            lesson.save()
            updated += 1
        else:
            unchanged += 1

    unpublished = [lesson.pk for lesson in existing.values() if lesson.is_published]
    Lesson.objects.filter(pk__in=unpublished).update(is_published=False)
    forget_published_lessons()  # update() sends no signal
    attached = _attach_fact_checks(course=course, article=article, notes=fact_checks)
    filled = key_ideas_fill(course=course, key_ideas=key_ideas or {})
    return ImportResult(
        created=created,
        updated=updated,
        unchanged=unchanged,
        unpublished=len(unpublished),
        fact_checks=attached,
        key_ideas=filled,
    )


def key_ideas_fill(*, course: Course, key_ideas: Mapping[str, list[str]]) -> int:
    """Give each lesson without key ideas the ones written for it; never overwrite an edit.

    A teacher's edit in the admin survives every re-import; emptying the box in the admin
    lets the next import fill it again. A slug the course does not have is an error.
    """
    lessons = {lesson.slug: lesson for lesson in Lesson.objects.filter(course=course)}
    unknown = sorted(set(key_ideas) - set(lessons))
    if unknown:
        raise KeyIdeasError(
            f"Key ideas for lessons the article does not have: {', '.join(unknown)}."
        )
    filled = 0
    for slug, ideas in key_ideas.items():
        lesson = lessons[slug]
        wanted = [" ".join(idea.split()) for idea in ideas if idea.strip()]
        if not lesson.key_ideas and wanted:
            lesson.key_ideas = wanted
            lesson.save(update_fields=["key_ideas", "updated_at"])
            filled += 1
    return filled


def _attach_fact_checks(*, course: Course, article: Article, notes: list[FactCheckNote]) -> int:
    """Pin each note to the paragraph that contains its quote; a quote not found is an error."""
    lessons = {lesson.slug: lesson for lesson in Lesson.objects.filter(course=course)}
    wanted: dict[tuple[int, str], tuple[int, str]] = {}
    for item in notes:
        found = [
            (lessons[section.slug], number)
            for section in article.sections
            for number, paragraph in enumerate(section.paragraphs, start=1)
            if item.quote in paragraph
        ]
        if len(found) != 1:
            raise FactCheckError(
                f"Fact check quote {item.quote!r} is found in {len(found)} paragraphs, not 1."
            )
        lesson, number = found[0]
        wanted[(lesson.pk, item.quote)] = (number, item.note)

    current = {
        (fc.lesson_id, fc.quote): fc for fc in FactCheck.objects.filter(lesson__course=course)
    }
    for key, fact_check in current.items():
        if key not in wanted:
            fact_check.delete()
    for (lesson_id, quote), (number, note) in wanted.items():
        fact_check = current.get((lesson_id, quote))
        if fact_check is None:
            FactCheck.objects.create(lesson_id=lesson_id, quote=quote, paragraph=number, note=note)
        elif (fact_check.paragraph, fact_check.note) != (number, note):
            fact_check.paragraph, fact_check.note = number, note
            fact_check.save(update_fields=["paragraph", "note"])
    return len(wanted)


def lesson_start(*, user, lesson: Lesson, now: datetime | None = None) -> LessonProgress:
    """Record that the learner opened the lesson; the first opening counts."""
    progress = LessonProgress.objects.filter(user=user, lesson=lesson).first()
    if progress is not None:
        return progress
    try:
        with transaction.atomic():
            return LessonProgress.objects.create(
                user=user, lesson=lesson, started_at=now or timezone.now()
            )
    except IntegrityError:
        # A second tab opened the lesson at the same moment; its row is as good as ours.
        return LessonProgress.objects.get(user=user, lesson=lesson)


def lesson_complete(*, user, lesson: Lesson, now: datetime | None = None) -> LessonProgress:
    """Mark the lesson complete; completing it again keeps the first completion time."""
    now = now or timezone.now()
    progress = lesson_start(user=user, lesson=lesson, now=now)
    if progress.completed_at is None:
        # Update only a still-incomplete row, so a double click cannot move the time.
        LessonProgress.objects.filter(pk=progress.pk, completed_at__isnull=True).update(
            completed_at=now
        )
        progress.refresh_from_db(fields=["completed_at"])
    return progress
