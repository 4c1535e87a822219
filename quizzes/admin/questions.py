"""The question bank in the admin: tags, questions with their answers checked by type, previews."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Avg, Count, DecimalField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.forms import Textarea
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from quizzes.admin.importing import import_page
from quizzes.admin.preview import render_preview
from quizzes.bank import WRITERS, question_data, question_problems, questions_export
from quizzes.models import Answer, Attempt, Choice, Question, Quiz, Tag


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "slug")
    list_filter = ("kind",)
    search_fields = ("name", "slug")


class ChoiceFormSet(BaseInlineFormSet):
    """Checks the answers together with the question's type: the rules of the JSON form."""

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        choices = [
            form.save(commit=False)
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        problems = question_problems(question_data(self.instance, choices=choices))
        if problems:
            raise ValidationError([problem[0].upper() + problem[1:] + "." for problem in problems])


# The answer fields that mean something for each type; the rest stay hidden.
CHOICE_FIELDS = {
    "single": ("position", "text", "fraction", "feedback"),
    "multiple": ("position", "text", "fraction", "feedback"),
    "truefalse": ("position", "text", "fraction", "feedback"),
    "shortanswer": ("position", "text", "fraction", "feedback"),
    "numerical": ("position", "value", "tolerance", "fraction", "feedback"),
    "matching": ("position", "text", "match_text"),
    "ordering": ("position", "text"),
}
ALL_CHOICE_FIELDS = ("position", "text", "match_text", "fraction", "value", "tolerance", "feedback")
CHOICE_HELP = {
    "single": _("Exactly one answer has fraction 1; the others 0 (or negative)."),
    "multiple": _(
        "The right answers' fractions add up to 1 (e.g. 0.5 + 0.5); wrong ones subtract."
    ),
    "truefalse": _("Two answers, “True” then “False”; the right one has fraction 1."),
    "shortanswer": _("Accepted answers; case, accents and punctuation are ignored."),
    "numerical": _("A value with a tolerance (1975 ± 0); fraction 1 for full marks."),
    "matching": _("At least two pairs: the prompt and its matching answer."),
    "ordering": _("At least three items, in the right order (position 0 first)."),
}


class ChoiceInline(admin.TabularInline):
    model = Choice
    formset = ChoiceFormSet
    extra = 4  # blank rows for a new question; the page's script shows the type's columns
    fields = ALL_CHOICE_FIELDS
    verbose_name = _("answer")
    verbose_name_plural = _("answers")
    formfield_overrides = {models.TextField: {"widget": Textarea(attrs={"rows": 2, "cols": 40})}}

    def get_extra(self, request, obj=None, **kwargs):
        # Blank rows help when writing a new question, not when editing one.
        return 0 if obj is not None else self.extra


def choice_inline_for(kind: str | None) -> type[ChoiceInline]:
    if kind not in CHOICE_FIELDS:
        return ChoiceInline
    return type(
        f"{kind.title()}ChoiceInline",
        (ChoiceInline,),
        {
            "fields": CHOICE_FIELDS[kind],
            "extra": 2 if kind == "truefalse" else 3,
            "verbose_name_plural": format_html(
                "{} <span class='help'>— {}</span>", _("answers"), CHOICE_HELP[kind]
            ),
        },
    )


class QuizListFilter(admin.SimpleListFilter):
    title = _("quiz")
    parameter_name = "quiz"

    def lookups(self, request, model_admin):
        return list(Quiz.objects.order_by("title").values_list("pk", "title"))

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(quizzes__pk=value)
        return queryset


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    change_list_template = "admin/quizzes/question/change_list.html"

    class Media:
        css = {"all": ["quizzes/admin.css"]}
        js = ["quizzes/question-form.js"]

    list_display = (
        "question_text", "type", "lesson", "times_answered", "percent_correct", "is_active",
        "tools",
    )  # fmt: skip
    list_display_links = ("question_text",)
    list_filter = (
        "type", "lesson", QuizListFilter, "tags", "is_active", "exam_only", "is_generated",
    )  # fmt: skip
    list_select_related = ("lesson",)
    search_fields = ("name", "text", "tags__name", "tags__slug")
    filter_horizontal = ("tags",)
    readonly_fields = ("preview_link",)
    fieldsets = (
        (None, {"fields": ("type", "name", "category", "text", "general_feedback")}),
        (
            _("Where it comes from"),
            {"fields": ("lesson", "paragraph", "tags", "is_active", "exam_only")},
        ),
        (_("Preview"), {"fields": ("preview_link",)}),
    )

    actions = ["export_gift", "export_aiken"]

    @admin.action(description=_("Export the selected questions as GIFT"))
    def export_gift(self, request, queryset):
        return self._export(request, queryset, "gift")

    @admin.action(description=_("Export the selected questions as Aiken (single choice only)"))
    def export_aiken(self, request, queryset):
        return self._export(request, queryset, "aiken")

    def _export(self, request, queryset, format: str):
        writer, types = WRITERS[format]
        data, _ = questions_export(Question.objects.filter(pk__in=queryset.values("pk")))
        kept = [item for item in data if item["type"] in types]
        if not kept:
            self.message_user(
                request, _("None of the selected questions can be written in this format."),
                messages.WARNING,
            )  # fmt: skip
            return None
        response = HttpResponse(writer(kept), content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="questions.{format}.txt"'
        return response

    def get_queryset(self, request):
        # Subqueries, not joins: the search's join on tags repeats a question's rows, and
        # a Count over that join counted each answer once per matching tag.
        submitted = (
            Answer.objects.filter(question=OuterRef("pk"), attempt__state=Attempt.State.SUBMITTED)
            .order_by()
            .values("question")
        )
        return (
            super()
            .get_queryset(request)
            .prefetch_related("quizzes")
            .annotate(
                answered=Coalesce(Subquery(submitted.annotate(n=Count("pk")).values("n")), 0),
                mean_score=Subquery(
                    submitted.annotate(mean=Avg("score")).values("mean"),
                    output_field=DecimalField(max_digits=5, decimal_places=4),
                ),
            )
        )

    def get_inlines(self, request, obj):
        kind = obj.type if obj else request.GET.get("type") or request.POST.get("type")
        return [choice_inline_for(kind)]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        kind = obj.type if obj else request.GET.get("type") or request.POST.get("type")
        context.update(
            {
                # Without JavaScript, a new question's type is chosen first (a link per type);
                # with it, the script shows the chosen type's answer columns at once.
                "question_types": [
                    (value, label, f"?type={value}") for value, label in Question.Type.choices
                ],
                "chosen_type": kind if kind in CHOICE_FIELDS else "",
                "type_fields": {"fields": CHOICE_FIELDS, "help": {
                    key: str(text) for key, text in CHOICE_HELP.items()
                }},
            }
        )  # fmt: skip
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("category", "default")
        return initial

    @admin.display(description=_("question"), ordering="text")
    def question_text(self, question: Question) -> str:
        """The text a learner reads (plain, shortened), its internal name below it."""
        text = Truncator(" ".join(question.text.split())).chars(110)
        return format_html('{}<br><span class="quiet">{}</span>', text, question.name)

    @admin.display(description=_("tools"))
    def tools(self, question: Question) -> str:
        links = [(reverse("admin:quizzes_question_preview", args=[question.pk]), _("Preview"))]
        links += [
            (
                reverse("admin:quizzes_quiz_statistics", args=[quiz.pk]),
                _("Statistics: %(quiz)s") % {"quiz": quiz.title},
            )
            for quiz in question.quizzes.all()
        ]
        return format_html_join(mark_safe("<br>"), '<a href="{}">{}</a>', links)

    @admin.display(description=_("times answered"), ordering="answered")
    def times_answered(self, question: Question) -> int:
        return question.answered

    @admin.display(description=_("% correct"), ordering="mean_score")
    def percent_correct(self, question: Question) -> str:
        return "–" if question.mean_score is None else f"{round(question.mean_score * 100)}%"

    @admin.display(description=_("preview"))
    def preview_link(self, question: Question) -> str:
        if question.pk is None:
            return _("Save the question to preview it.")
        url = reverse("admin:quizzes_question_preview", args=[question.pk])
        return format_html('<a class="button" href="{}">{}</a>', url, _("Preview as a student"))

    def get_urls(self):
        return [
            path(
                "<id:pk>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="quizzes_question_preview",
            ),
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="quizzes_question_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """Upload a GIFT or Aiken file into the bank (its $CATEGORY, else "default")."""
        return import_page(self, request, quiz=None)

    def preview_view(self, request, pk: int):
        if not self.has_view_permission(request):
            raise PermissionDenied
        question = get_object_or_404(Question, pk=pk)
        back = reverse("admin:quizzes_question_change", args=[pk])
        return render_preview(request, [question], title=question.name, back=back)
