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
