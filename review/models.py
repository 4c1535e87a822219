from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from review.spacing import LAST_BOX


class ReviewCard(models.Model):
    """A question the learner missed in a quiz, on their spaced-review schedule (Leitner box)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="review_cards",
        verbose_name=_("learner"),
    )
    question = models.ForeignKey(
        "quizzes.Question",
        on_delete=models.CASCADE,
        related_name="review_cards",
        verbose_name=_("question"),
    )
    box = models.PositiveSmallIntegerField(_("box"), default=0)
    due_at = models.DateTimeField(_("due"))
    streak = models.PositiveSmallIntegerField(_("right answers in a row"), default=0)
    last_reviewed_at = models.DateTimeField(_("last reviewed"), null=True, blank=True)
    # The newest quiz miss the card has taken in: a later miss sends it back to box 0.
    last_missed_at = models.DateTimeField(_("last missed in a quiz"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        # The table kept its name when the model moved here from quizzes.
        db_table = "quizzes_reviewcard"
        verbose_name = _("review card")
        verbose_name_plural = _("review cards")
        ordering = ["user", "due_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "question"], name="reviewcard_unique_question"),
            models.CheckConstraint(
                condition=Q(box__gte=0) & Q(box__lte=LAST_BOX), name="reviewcard_box_range"
            ),
        ]
        indexes = [models.Index(fields=["user", "due_at"], name="reviewcard_user_due")]

    def __str__(self) -> str:
        return f"{self.user} – {self.question} (box {self.box})"


class ReviewAnswer(models.Model):
    """One answer given in review, kept so its feedback page survives a refresh and so a day's
    review practice can be counted. Quiz attempts, answers and grades never change."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="review_answers",
        verbose_name=_("learner"),
    )
    card = models.ForeignKey(
        ReviewCard, on_delete=models.CASCADE, related_name="answers", verbose_name=_("card")
    )
    question = models.ForeignKey(
        "quizzes.Question",
        on_delete=models.CASCADE,
        related_name="review_answers",
        verbose_name=_("question"),
    )
    # The card's due time when the form was made: a round of review takes one answer only.
    round_due_at = models.DateTimeField(_("due when asked"))
    layout = models.JSONField(_("layout"), default=dict)
    response = models.JSONField(_("response"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=4)
    show_right = models.BooleanField(_("shows the right answer"), default=True)
    box = models.PositiveSmallIntegerField(_("box after"))
    due_at = models.DateTimeField(_("due again"))
    answered_at = models.DateTimeField(_("answered"))

    class Meta:
        verbose_name = _("review answer")
        verbose_name_plural = _("review answers")
        ordering = ["user", "answered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["card", "round_due_at"], name="reviewanswer_one_per_round"
            ),
        ]
        indexes = [models.Index(fields=["user", "answered_at"], name="reviewanswer_user_day")]

    def __str__(self) -> str:
        return f"{self.user} – {self.question} ({self.answered_at:%Y-%m-%d %H:%M})"
