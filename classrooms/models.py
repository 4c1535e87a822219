import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lessons.models import Lesson
from quizzes.models import Quiz

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a code read aloud or from a projector is typed right.
JOIN_CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
JOIN_CODE_LENGTH = 7


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


class ClassroomQuerySet(models.QuerySet):
    def active(self) -> "ClassroomQuerySet":
        return self.filter(is_archived=False)

    def taught_by(self, user) -> "ClassroomQuerySet":
        return self.filter(teachers=user)


class Classroom(models.Model):
    """A teacher's group of students, joined with a code."""

    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    join_code = models.CharField(
        _("join code"), max_length=16, unique=True, default=new_join_code, editable=False
    )
    teachers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="taught_classrooms", verbose_name=_("teachers")
    )
    students = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        related_name="classrooms",
        verbose_name=_("students"),
    )
    is_archived = models.BooleanField(_("archived"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ClassroomQuerySet.as_manager()

    class Meta:
        verbose_name = _("classroom")
        verbose_name_plural = _("classrooms")
        ordering = ["is_archived", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("classrooms:detail", kwargs={"pk": self.pk})


class Membership(models.Model):
    """A student in a classroom."""

    classroom = models.ForeignKey(
        Classroom, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("classroom")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("student"),
    )
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["classroom", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["classroom", "user"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.classroom}"


class AssignmentQuerySet(models.QuerySet):
    def for_user(self, user) -> "AssignmentQuerySet":
        """The assignments set for this learner: the whole class's, and those naming them."""
        return self.filter(Q(students__isnull=True) | Q(students=user)).distinct()


def is_assigned_to(*, user_id: int, chosen: set[int] | frozenset[int]) -> bool:
    """The Python form of ``for_user``: ``chosen`` are the assignment's students (empty: the
    whole class)."""
    return not chosen or user_id in chosen


class Assignment(models.Model):
    """A lesson or a quiz set for a classroom, with an optional due date."""

    classroom = models.ForeignKey(
        Classroom, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("classroom")
    )
    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, null=True, blank=True, related_name="assignments",
        verbose_name=_("lesson"),
    )  # fmt: skip
    quiz = models.ForeignKey(
        Quiz, on_delete=models.CASCADE, null=True, blank=True, related_name="assignments",
        verbose_name=_("quiz"),
    )  # fmt: skip
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    instructions = models.TextField(
        _("instructions"), blank=True, help_text=_("What to do, in Markdown (sanitised).")
    )
    students = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("students"),
        help_text=_("Empty: the whole class."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["classroom", "due_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(lesson__isnull=False) & Q(quiz__isnull=True))
                | (Q(lesson__isnull=True) & Q(quiz__isnull=False)),
                name="assignment_lesson_xor_quiz",
            ),
            models.UniqueConstraint(
                fields=["classroom", "lesson"], condition=Q(lesson__isnull=False),
                name="assignment_unique_lesson",
            ),
            models.UniqueConstraint(
                fields=["classroom", "quiz"], condition=Q(quiz__isnull=False),
                name="assignment_unique_quiz",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return str(self.lesson or self.quiz)

    # The chosen students' ids, set by ``classrooms.selectors.classroom_course`` (empty: the
    # whole class).
    chosen: frozenset[int] = frozenset()


class Accommodation(models.Model):
    """Extra time and attempts for one student (or the whole classroom) at one quiz (or every
    quiz). Read by ``quizzes.allowances`` through ``ClassroomsConfig.quiz_allowances``."""

    classroom = models.ForeignKey(
        Classroom,
        on_delete=models.CASCADE,
        related_name="accommodations",
        verbose_name=_("classroom"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("student"),
        help_text=_("Empty: every student of the classroom."),
    )
    quiz = models.ForeignKey(
        Quiz,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("quiz"),
        help_text=_("Empty: every quiz."),
    )
    extra_minutes = models.PositiveSmallIntegerField(_("extra minutes"), default=0)
    time_factor = models.DecimalField(
        _("time factor"),
        max_digits=3,
        decimal_places=2,
        default=1,
        help_text=_("1.5 gives half as much time again."),
    )
    extra_attempts = models.PositiveSmallIntegerField(_("extra attempts"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("accommodation")
        verbose_name_plural = _("accommodations")
        ordering = ["classroom", "user", "quiz", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(time_factor__gte=1) & Q(time_factor__lte=4),
                name="accommodation_time_factor_range",
            ),
            models.CheckConstraint(
                condition=Q(extra_minutes__lte=600) & Q(extra_attempts__lte=20),
                name="accommodation_extra_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user or self.classroom} – {self.quiz or _('every quiz')}: {self.summary}"

    @property
    def summary(self) -> str:
        """What it gives, briefly: "+15 min, ×1.5 time, +1 attempt"."""
        parts = []
        if self.extra_minutes:
            parts.append(_("+%(n)d min") % {"n": self.extra_minutes})
        if self.time_factor and self.time_factor > 1:
            parts.append(_("×%(f)s time") % {"f": f"{self.time_factor.normalize():f}"})
        if self.extra_attempts:
            parts.append(
                ngettext("+%(n)d attempt", "+%(n)d attempts", self.extra_attempts)
                % {"n": self.extra_attempts}
            )
        return ", ".join(str(part) for part in parts)
