from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from quizzes.models import Attempt, Choice, Question, Quiz, QuizQuestion, Tag


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "slug")
    list_filter = ("kind",)
    search_fields = ("name", "slug")


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0
    fields = ("position", "text", "match_text", "fraction", "value", "tolerance", "feedback")


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("name", "type", "lesson", "is_active", "updated_at")
    list_filter = ("type", "lesson", "tags", "is_active")
    list_select_related = ("lesson",)
    search_fields = ("name", "text", "tags__name")
    filter_horizontal = ("tags",)
    inlines = [ChoiceInline]


class QuizQuestionInline(admin.TabularInline):
    model = QuizQuestion
    extra = 0
    autocomplete_fields = ("question",)


@admin.register(Quiz)
class QuizAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "lesson", "draw_count", "pass_mark", "is_published")
    list_filter = ("is_published", "feedback_timing")
    list_select_related = ("lesson",)
    search_fields = ("title", "slug")
    filter_horizontal = ("pool_lessons", "pool_tags")
    inlines = [QuizQuestionInline]


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    list_display = ("quiz", "user", "number", "state", "percent", "started_at", "submitted_at")
    list_filter = ("state", "quiz")
    list_select_related = ("quiz", "user")
    search_fields = ("user__username", "quiz__title")
    readonly_fields = [field.name for field in Attempt._meta.fields]

    @admin.display(description=_("score"))
    def percent(self, attempt: Attempt) -> str:
        return "" if attempt.percent is None else f"{attempt.percent}%"
