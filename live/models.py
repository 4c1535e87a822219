"""A live quiz: a host's session with a PIN, its questions, the players and their answers.

The database holds the whole state (status, current question, deadline), so any ASGI or WSGI
server can serve any request and a reloaded page finds the session where it was.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from classrooms.models import Classroom
from quizzes.models import Attempt, Question, Quiz


class LiveSession(models.Model):
    """One class playing one quiz together, question by question, led by its host."""

    class Status(models.TextChoices):
        LOBBY = "lobby", _("Waiting for players")
        QUESTION = "question", _("Question open")
        PAUSED = "paused", _("Paused")
        REVEAL = "reveal", _("Answer shown")
        ENDED = "ended", _("Ended")

    class Scoring(models.TextChoices):
        ACCURACY = "accuracy", _("Right answers only (no speed points)")
        SPEED = "speed", _("Right answers, with a small bonus for speed")

    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="hosted_live_sessions",
        verbose_name=_("host"),
    )
    quiz = models.ForeignKey(
        Quiz, on_delete=models.CASCADE, related_name="live_sessions", verbose_name=_("quiz")
    )
    classroom = models.ForeignKey(
        Classroom,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="live_sessions",
        verbose_name=_("classroom"),
    )
    pin = models.CharField(_("PIN"), max_length=8)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.LOBBY
    )
    scoring = models.CharField(
        _("scoring"), max_length=10, choices=Scoring.choices, default=Scoring.ACCURACY
    )
    approval_required = models.BooleanField(_("guests wait for approval"), default=False)
    seconds = models.PositiveSmallIntegerField(_("seconds per question"), default=30)
    position = models.PositiveSmallIntegerField(_("current question"), default=0)
    deadline = models.DateTimeField(_("answers close"), null=True, blank=True)
    # Milliseconds left on the clock while paused.
    remaining_ms = models.PositiveIntegerField(_("time left when paused"), null=True, blank=True)
    # Bumped by every change: pages and sockets compare it to know when to refresh.
    version = models.PositiveIntegerField(_("version"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    last_activity = models.DateTimeField(_("last activity"))

    class Meta:
        verbose_name = _("live session")
        verbose_name_plural = _("live sessions")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["pin"], condition=~Q(status="ended"), name="livesession_unique_open_pin"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quiz} ({self.pin})"

    @property
    def is_ended(self) -> bool:
        return self.status == self.Status.ENDED

    @property
    def group_name(self) -> str:
        """The channel-layer group of every socket watching this session."""
        return f"live-{self.pk}"


class LiveQuestion(models.Model):
    """A question of the session, its choice order fixed for every phone and the projector."""

    session = models.ForeignKey(
        LiveSession, on_delete=models.CASCADE, related_name="questions", verbose_name=_("session")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="+", verbose_name=_("question")
    )
    layout = models.JSONField(_("layout"), default=dict)
    asked_at = models.DateTimeField(_("asked"), null=True, blank=True)
    skipped = models.BooleanField(_("skipped"), default=False)
    revealed = models.BooleanField(_("revealed"), default=False)

    class Meta:
        verbose_name = _("live question")
        verbose_name_plural = _("live questions")
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(fields=["session", "position"], name="livequestion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.session} Q{self.position}"


class LivePlayer(models.Model):
    """A phone in the session: a signed-in learner as themselves, or a guest with a nickname."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for approval")
        APPROVED = "approved", _("Playing")
        REFUSED = "refused", _("Refused")

    session = models.ForeignKey(
        LiveSession, on_delete=models.CASCADE, related_name="players", verbose_name=_("session")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="live_players",
        verbose_name=_("learner"),
    )
    name = models.CharField(_("name"), max_length=40)
    # The name folded for comparison: two players never share it in one session.
    name_key = models.CharField(_("name key"), max_length=40)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.APPROVED
    )
    joined_at = models.DateTimeField(_("joined"))
    # The quiz attempt recorded for a signed-in learner when the session ends.
    attempt = models.ForeignKey(
        Attempt,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("attempt"),
    )

    class Meta:
        verbose_name = _("live player")
        verbose_name_plural = _("live players")
        ordering = ["session", "joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=Q(user__isnull=False),
                name="liveplayer_unique_user",
            ),
            models.UniqueConstraint(fields=["session", "name_key"], name="liveplayer_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_guest(self) -> bool:
        return self.user_id is None


class LiveAnswer(models.Model):
    """A player's answer to a question; it may change until time is up, then it is graded."""

    player = models.ForeignKey(
        LivePlayer, on_delete=models.CASCADE, related_name="answers", verbose_name=_("player")
    )
    question = models.ForeignKey(
        LiveQuestion, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    response = models.JSONField(_("response"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"))
    # Set at the reveal: the quiz's grade (0..1) and the live points it earns.
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=4, null=True, blank=True)
    points = models.PositiveIntegerField(_("points"), default=0)

    class Meta:
        verbose_name = _("live answer")
        verbose_name_plural = _("live answers")
        ordering = ["question", "player"]
        constraints = [
            models.UniqueConstraint(fields=["player", "question"], name="liveanswer_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.player} – {self.question}"
