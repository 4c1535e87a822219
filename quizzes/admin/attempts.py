"""Attempts in the admin: read-only, for looking up what a learner did."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from quizzes.models import Attempt


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    list_display = ("quiz", "user", "number", "state", "percent", "started_at", "submitted_at")
    list_filter = ("state", "quiz")
    list_select_related = ("quiz", "user")
    search_fields = ("user__username", "quiz__title")
    readonly_fields = [field.name for field in Attempt._meta.fields]

    @admin.display(description=_("score"), ordering="score")
    def percent(self, attempt: Attempt) -> str:
        return "" if attempt.percent is None else f"{attempt.percent}%"
