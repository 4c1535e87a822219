import math

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

WORDS_PER_MINUTE = 200


class Course(models.Model):
    """The course built from the article."""

    slug = models.SlugField(_("slug"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def headline(self) -> str:
        """The title before its colon: "Exploring the cosmos together"."""
        return self.title.partition(": ")[0]

    @property
    def tagline(self) -> str:
        """The rest of the title, if it has a colon."""
        return self.title.partition(": ")[2]


class LessonQuerySet(models.QuerySet):
    def published(self) -> "LessonQuerySet":
        return self.filter(is_published=True)

    def in_order(self) -> "LessonQuerySet":
        return self.order_by("course_id", "position", "pk")


class Lesson(models.Model):
    """One section of the article; its text is a list of paragraphs."""

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="lessons", verbose_name=_("course")
    )
    slug = models.SlugField(_("slug"), unique=True)
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=200)
    subtitle = models.CharField(_("subtitle"), max_length=300, blank=True)
    # Each paragraph is one list item; kept as JSON so a lesson renders in one query and
    # re-imports compare and update it in one step.
    paragraphs = models.JSONField(_("paragraphs"), default=list)
    word_count = models.PositiveIntegerField(_("word count"), default=0, editable=False)
    is_published = models.BooleanField(
        _("published"),
        default=True,
        help_text=_("Lessons missing from a newer article are unpublished, never deleted."),
    )
    # Plain sentences shown as the lesson's "Key ideas" box; content, not the article's text.
    key_ideas = models.JSONField(_("key ideas"), default=list, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = LessonQuerySet.as_manager()

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["course", "position"]
        indexes = [models.Index(fields=["course", "position"], name="lesson_course_position")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.word_count = sum(len(paragraph.split()) for paragraph in self.paragraphs)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("lessons:detail", kwargs={"slug": self.slug})

    @property
    def reading_minutes(self) -> int:
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))


class FactCheck(models.Model):
    """A correction shown beside the paragraph of the article that gets a fact wrong."""

    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, related_name="fact_checks", verbose_name=_("lesson")
    )
    quote = models.CharField(
        _("quote"), max_length=300, help_text=_("The words of the article being corrected.")
    )
    note = models.TextField(_("note"))
    paragraph = models.PositiveSmallIntegerField(
        _("paragraph"), help_text=_("Number of the paragraph in the lesson, from 1.")
    )

    class Meta:
        verbose_name = _("fact check")
        verbose_name_plural = _("fact checks")
        ordering = ["lesson", "paragraph", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["lesson", "quote"], name="factcheck_unique_quote")
        ]

    def __str__(self) -> str:
        return self.quote


class LessonProgress(models.Model):
    """When a learner started and completed a lesson."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="lesson_progress",
        verbose_name=_("learner"),
    )
    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, related_name="progress", verbose_name=_("lesson")
    )
    started_at = models.DateTimeField(_("started"))
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="progress_unique_user_lesson")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.lesson}"

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None


class Status(models.TextChoices):
    """Where a learner stands with a lesson."""

    NOT_STARTED = "not-started", _("Not started")
    IN_PROGRESS = "in-progress", _("In progress")
    COMPLETED = "completed", _("Completed")


def lesson_status(progress: LessonProgress | None) -> Status:
    """A lesson's status from the learner's progress row: none, opened, or marked complete."""
    if progress is None:
        return Status.NOT_STARTED
    return Status.COMPLETED if progress.is_completed else Status.IN_PROGRESS
