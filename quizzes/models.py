from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lessons.models import Lesson
from quizzes.grading import FULLY_RIGHT, as_percent, is_passed


class Tag(models.Model):
    """A mission, agency or theme a question is about: "mission:iss", "agency:esa"."""

    class Kind(models.TextChoices):
        MISSION = "mission", _("Mission")
        AGENCY = "agency", _("Agency")
        THEME = "theme", _("Theme")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"


class QuestionQuerySet(models.QuerySet):
    def active(self) -> "QuestionQuerySet":
        return self.filter(is_active=True)


class Question(models.Model):
    """A question of one of seven types; its answers are its choices."""

    class Type(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple response")
        TRUEFALSE = "truefalse", _("True / false")
        SHORTANSWER = "shortanswer", _("Short answer")
        NUMERICAL = "numerical", _("Numerical")
        MATCHING = "matching", _("Matching")
        ORDERING = "ordering", _("Ordering")

    name = models.CharField(
        _("name"), max_length=120, help_text=_("A short, stable name, unique in its category.")
    )
    category = models.SlugField(_("category"), max_length=120)
    type = models.CharField(_("type"), max_length=12, choices=Type.choices)
    text = models.TextField(_("question text"), help_text=_("Markdown."))
    general_feedback = models.TextField(
        _("explanation"), blank=True, help_text=_("Shown in review, whatever was answered.")
    )
    lesson = models.ForeignKey(
        Lesson,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("lesson"),
    )
    paragraph = models.PositiveSmallIntegerField(
        _("paragraph"),
        null=True,
        blank=True,
        help_text=_("Number of the lesson paragraph the question comes from."),
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="questions", verbose_name=_("tags"))
    is_active = models.BooleanField(_("active"), default=True)
    exam_only = models.BooleanField(
        _("exam only"),
        default=False,
        help_text=_("Never shown in practice quizzes or spaced review"),
    )
    is_generated = models.BooleanField(
        _("generated"),
        default=False,
        help_text=_(
            "Written by generate_questions from the missions catalogue. Edit or disable it "
            "freely: a later run keeps a teacher's edits and never re-enables it."
        ),
    )
    # What generate_questions last wrote (a hash of the question's JSON form): a question that
    # no longer matches it was edited by a teacher and is left alone.
    generated_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["category", "name"]
        constraints = [
            models.UniqueConstraint(fields=["category", "name"], name="question_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def source_url(self) -> str | None:
        """The lesson paragraph the question comes from."""
        if self.lesson_id is None:
            return None
        url = reverse("lessons:detail", kwargs={"slug": self.lesson.slug})
        return f"{url}#p{self.paragraph}" if self.paragraph else url


class Choice(models.Model):
    """One answer of a question; which fields count depends on the question's type.

    single, multiple, truefalse: ``text`` with ``fraction`` (-1..1) and ``feedback``;
    shortanswer: an accepted ``text``; numerical: ``value`` ± ``tolerance``;
    matching: ``text`` is the prompt and ``match_text`` its answer;
    ordering: ``text`` is an item and ``position`` its place in the right order.
    """

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("text"), max_length=500, blank=True)
    match_text = models.CharField(_("matching answer"), max_length=500, blank=True)
    fraction = models.DecimalField(
        _("fraction"),
        max_digits=8,
        decimal_places=7,
        default=0,
        validators=[MinValueValidator(-1), MaxValueValidator(1)],
        help_text=_("Share of the marks: 1 for a right answer, 0 or negative for a wrong one."),
    )
    feedback = models.TextField(_("feedback"), blank=True)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=6, null=True, blank=True)
    tolerance = models.DecimalField(
        _("tolerance"), max_digits=20, decimal_places=6, default=0, blank=True
    )

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["question", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fraction__gte=-1) & Q(fraction__lte=1), name="choice_fraction_range"
            ),
            models.CheckConstraint(condition=Q(tolerance__gte=0), name="choice_tolerance_positive"),
        ]

    def __str__(self) -> str:
        return self.text or str(self.value)


class Quiz(models.Model):
    """A lesson's check or the final exam: which questions, and the rules of an attempt."""

    class Grading(models.TextChoices):
        HIGHEST = "highest", _("Highest grade")
        LATEST = "latest", _("Latest attempt")
        FIRST = "first", _("First attempt")
        AVERAGE = "average", _("Average of attempts")

    class Feedback(models.TextChoices):
        IMMEDIATE = "immediate", _("Immediately, question by question")
        AFTER_SUBMIT = "after", _("After the attempt is submitted")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    lesson = models.ForeignKey(
        Lesson,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quizzes",
        verbose_name=_("lesson"),
        help_text=_("Empty for the final exam."),
    )
    instructions = models.TextField(_("instructions"), blank=True, help_text=_("Markdown."))
    questions = models.ManyToManyField(
        Question,
        through="QuizQuestion",
        blank=True,
        related_name="quizzes",
        verbose_name=_("questions"),
        help_text=_("A fixed list; leave empty to draw questions at random from the pool."),
    )
    draw_count = models.PositiveSmallIntegerField(
        _("questions drawn"),
        null=True,
        blank=True,
        help_text=_("Draw this many questions at random from the pool for each attempt."),
    )
    pool_lessons = models.ManyToManyField(
        Lesson, blank=True, related_name="+", verbose_name=_("pool: lessons")
    )
    pool_tags = models.ManyToManyField(
        Tag, blank=True, related_name="+", verbose_name=_("pool: tags")
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_choices = models.BooleanField(_("shuffle choices"), default=True)
    questions_per_page = models.PositiveSmallIntegerField(
        _("questions per page"), default=5, validators=[MinValueValidator(1)]
    )
    time_limit = models.DurationField(_("time limit"), null=True, blank=True)
    max_attempts = models.PositiveSmallIntegerField(
        _("maximum attempts"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    grading_method = models.CharField(
        _("grading method"), max_length=10, choices=Grading.choices, default=Grading.HIGHEST
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, validators=[MaxValueValidator(100)]
    )
    feedback_timing = models.CharField(
        _("feedback"), max_length=10, choices=Feedback.choices, default=Feedback.AFTER_SUBMIT
    )
    show_right_answers = models.BooleanField(
        _("show right answers in review"),
        default=True,
        help_text=_("Off: the review shows only which answers were right or wrong."),
    )
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        ordering = ["lesson__position", "title"]
        constraints = [
            # A page of zero questions would divide by zero when the attempt is paged.
            models.CheckConstraint(
                condition=Q(questions_per_page__gte=1), name="quiz_questions_per_page_positive"
            ),
            models.CheckConstraint(
                condition=Q(pass_mark__gte=0) & Q(pass_mark__lte=100), name="quiz_pass_mark_range"
            ),
            models.CheckConstraint(
                condition=Q(draw_count__isnull=True) | Q(draw_count__gte=1),
                name="quiz_draw_count_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("quizzes:detail", kwargs={"slug": self.slug})

    @property
    def is_random(self) -> bool:
        return self.draw_count is not None


class QuizQuestion(models.Model):
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="quiz_questions")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("quiz question")
        verbose_name_plural = _("quiz questions")
        ordering = ["quiz", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["quiz", "question"], name="quizquestion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.quiz} #{self.position}"


class Attempt(models.Model):
    """One learner's try at a quiz: in progress, then submitted and graded once."""

    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    quiz = models.ForeignKey(
        Quiz, on_delete=models.CASCADE, related_name="attempts", verbose_name=_("quiz")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="attempts",
        verbose_name=_("learner"),
    )
    number = models.PositiveSmallIntegerField(_("attempt number"))
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.IN_PROGRESS
    )
    started_at = models.DateTimeField(_("started"))
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # Fraction of the marks, 0..1, set once when the attempt is submitted.
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=4, null=True, blank=True)
    # Bumped by every save, so a form from an older page (back button, second tab) is
    # recognised and cannot overwrite newer answers.
    sequence = models.PositiveIntegerField(_("sequence"), default=0)
    # The page (one rendering, by its random token) that made the latest saves in a row, and
    # the sequence before the first of them: a page's own autosaves never make it stale.
    page_token = models.CharField(_("page token"), max_length=64, blank=True, default="")
    page_token_since = models.PositiveIntegerField(_("sequence before the page's saves"), default=0)

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["quiz", "user", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "user", "number"], name="attempt_unique_number"
            ),
            models.UniqueConstraint(
                fields=["quiz", "user"],
                condition=Q(state="in_progress"),
                name="attempt_one_open_per_quiz",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | (Q(score__gte=0) & Q(score__lte=1)),
                name="attempt_score_range",
            ),
        ]
        indexes = [models.Index(fields=["user", "state"], name="attempt_user_state")]

    def __str__(self) -> str:
        return f"{self.quiz} – {self.user} #{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("quizzes:attempt", kwargs={"pk": self.pk})

    @property
    def is_submitted(self) -> bool:
        return self.state == self.State.SUBMITTED

    @property
    def percent(self) -> int | None:
        return as_percent(self.score)

    @property
    def passed(self) -> bool | None:
        """This attempt's own score against the pass mark (a quiz's standing is in standing)."""
        return None if self.score is None else is_passed(self.score, pass_mark=self.quiz.pass_mark)


def fully_right(field: str = "score") -> Q:
    """The SQL form of grading.is_fully_right, for a score field or annotation."""
    return Q(**{f"{field}__gte": FULLY_RIGHT})


def answered(field: str = "response") -> Q:
    """An answer the learner gave: a skipped question keeps no response (and scores 0)."""
    return Q(**{f"{field}__isnull": False})


class Answer(models.Model):
    """A question's slot in an attempt: its place, its choice order, the learner's response."""

    attempt = models.ForeignKey(
        Attempt, on_delete=models.CASCADE, related_name="answers", verbose_name=_("attempt")
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="answers", verbose_name=_("question")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    # Choice ids in the order this attempt shows them (for matching: prompts, then the
    # answers' order under "answers"); stable across reloads of the attempt.
    layout = models.JSONField(_("layout"), default=dict)
    response = models.JSONField(_("response"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=4, null=True, blank=True)
    checked = models.BooleanField(
        _("checked"), default=False, help_text=_("Graded early: immediate feedback was shown.")
    )
    saved_at = models.DateTimeField(_("saved"), null=True, blank=True)
    # "Flag for later" (Moodle): the learner's own reminder; it changes no grade.
    flagged = models.BooleanField(_("flagged for later"), default=False)
    # "Try again" in practice (immediate feedback): the tries after the checked one, oldest
    # first, each {"response": ..., "score": "0.5000"}. Practice only: ``response`` and ``score``
    # above stay the first checked try, which is all grades, statistics and mastery read.
    retries = models.JSONField(_("later tries"), default=list, blank=True)
    # A teacher's mark for this question, replacing the computed one (a regrade keeps it);
    # who set it, when and why are kept and shown to the learner.
    override_score = models.DecimalField(
        _("overridden mark"), max_digits=5, decimal_places=4, null=True, blank=True
    )
    override_comment = models.TextField(_("comment on the mark"), blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mark changed by"),
    )
    overridden_at = models.DateTimeField(_("mark changed"), null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="answer_unique_question"),
            models.UniqueConstraint(fields=["attempt", "position"], name="answer_unique_position"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | (Q(score__gte=0) & Q(score__lte=1)),
                name="answer_score_range",
            ),
            models.CheckConstraint(
                condition=Q(override_score__isnull=True)
                | (Q(override_score__gte=0) & Q(override_score__lte=1)),
                name="answer_override_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.attempt} Q{self.position}"

    @property
    def is_overridden(self) -> bool:
        return self.override_score is not None
