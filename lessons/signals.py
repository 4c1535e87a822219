"""Drop a lesson's cached body when a teacher edits the lesson or its fact checks."""

from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from lessons.models import FactCheck, Lesson

LESSON_BODY_FRAGMENT = "lesson-body"


def lesson_body_key(lesson_id: int) -> str:
    return make_template_fragment_key(LESSON_BODY_FRAGMENT, [lesson_id])


@receiver([post_save, post_delete], sender=Lesson)
def forget_lesson_body(sender, instance: Lesson, **kwargs) -> None:
    cache.delete(lesson_body_key(instance.pk))


@receiver([post_save, post_delete], sender=FactCheck)
def forget_lesson_body_of_fact_check(sender, instance: FactCheck, **kwargs) -> None:
    cache.delete(lesson_body_key(instance.lesson_id))
