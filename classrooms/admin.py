from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from classrooms.models import Assignment, Classroom, Membership

User = get_user_model()


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)
    readonly_fields = ("joined_at",)


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    fields = ("lesson", "quiz", "due_at")


@admin.register(Classroom)
class ClassroomAdmin(admin.ModelAdmin):
    list_display = ("name", "teacher_names", "student_count", "is_archived", "join_code")
    list_filter = ("is_archived",)
    search_fields = ("name", "description", "join_code", "teachers__username")
    readonly_fields = ("join_code", "created_at")
    filter_horizontal = ("teachers",)
    inlines = [MembershipInline, AssignmentInline]

    def get_queryset(self, request):
        """Annotated for the list; a teacher who is not a superuser sees only their classrooms."""
        queryset = (
            super()
            .get_queryset(request)
            .annotate(student_total=Count("memberships", distinct=True))
            .prefetch_related("teachers")
        )
        if not request.user.is_superuser:
            queryset = queryset.filter(teachers=request.user)
        return queryset

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "teachers":
            # Only teachers are offered: the list of every learner's username is not a
            # teacher's to browse.
            teachers = Q(pk__in=User.objects.teachers().values("pk")) | Q(is_superuser=True)
            kwargs["queryset"] = User.objects.filter(teachers).order_by("username")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("teachers", [request.user.pk])
        return initial

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        # A teacher who creates or edits a classroom keeps teaching it, or it would vanish
        # from their list.
        if not request.user.is_superuser:
            form.instance.teachers.add(request.user)

    @admin.display(description=_("teachers"))
    def teacher_names(self, classroom: Classroom) -> str:
        return ", ".join(teacher.username for teacher in classroom.teachers.all())

    @admin.display(description=_("students"), ordering="student_total")
    def student_count(self, classroom: Classroom) -> int:
        return classroom.student_total
