"""Drop cached lesson content when a teacher edits it: a lesson's body when the lesson or its
fact checks change, the course outline when any lesson or course does."""

from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from lessons.models import Course, FactCheck, Lesson
from lessons.panels import lesson_glossary
from lessons.selectors import forget_published_lessons

LESSON_BODY_FRAGMENT = "lesson-body"


def lesson_body_key(lesson_id: int, glossary_version: str | None = None) -> str:
    """The cache key of a lesson's body, which links the terms of the current glossary."""
    if glossary_version is None:
        glossary_version = lesson_glossary().version
    return make_template_fragment_key(LESSON_BODY_FRAGMENT, [lesson_id, glossary_version])


@receiver([post_save, post_delete], sender=Lesson)
def forget_lesson_body(sender, instance: Lesson, **kwargs) -> None:
    cache.delete(lesson_body_key(instance.pk))


@receiver([post_save, post_delete], sender=FactCheck)
def forget_lesson_body_of_fact_check(sender, instance: FactCheck, **kwargs) -> None:
    cache.delete(lesson_body_key(instance.lesson_id))


@receiver([post_save, post_delete], sender=Lesson)
@receiver([post_save, post_delete], sender=Course)
def forget_course_outline(sender, **kwargs) -> None:
    forget_published_lessons()
