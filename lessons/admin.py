from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from lessons.forms import LessonAdminForm
from lessons.models import Course, FactCheck, Lesson, LessonProgress


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "lesson_count", "updated_at")
    search_fields = ("title", "description")
    prepopulated_fields = {"slug": ("title",)}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(lesson_count=Count("lessons"))

    @admin.display(description=_("lessons"), ordering="lesson_count")
    def lesson_count(self, course: Course) -> int:
        return course.lesson_count


class FactCheckInline(admin.StackedInline):
    model = FactCheck
    extra = 0


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    form = LessonAdminForm
    list_display = ("position", "title", "subtitle", "course", "reading_time", "is_published")
    list_display_links = ("title",)
    list_filter = ("course", "is_published")
    list_select_related = ("course",)
    search_fields = ("title", "subtitle", "paragraphs")
    ordering = ("course", "position")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [FactCheckInline]
    fieldsets = (
        (None, {"fields": ("course", "title", "subtitle", "slug", "position", "is_published")}),
        (_("Text"), {"fields": ("paragraphs_text",)}),
        (_("Key ideas"), {"fields": ("key_ideas_text",)}),
    )

    @admin.display(description=_("reading time"), ordering="word_count")
    def reading_time(self, lesson: Lesson) -> str:
        return _("%(minutes)d min") % {"minutes": lesson.reading_minutes}


@admin.register(LessonProgress)
class LessonProgressAdmin(admin.ModelAdmin):
    list_display = ("user", "lesson", "started_at", "completed_at")
    list_filter = ("lesson",)
    list_select_related = ("user", "lesson")
    search_fields = ("user__username", "lesson__title")
    date_hierarchy = "started_at"
    readonly_fields = ("user", "lesson", "started_at", "completed_at")
