"""Quizzes in the admin: their questions, and the import, statistics and preview pages."""

import random
import secrets
from decimal import Decimal

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from quizzes.admin.importing import import_page
from quizzes.admin.preview import render_preview
from quizzes.bank import WRITERS, questions_export
from quizzes.csv_export import csv_response
from quizzes.models import Question, Quiz, QuizQuestion
from quizzes.regrading import quiz_regrade, regrade_plan
from quizzes.reports import QuizReport, quiz_report
from quizzes.services import question_draw


class QuizQuestionInline(admin.TabularInline):
    model = QuizQuestion
    extra = 0
    autocomplete_fields = ("question",)


@admin.register(Quiz)
class QuizAdmin(admin.ModelAdmin):
    list_display = (
        "title", "lesson", "question_count", "pass_mark", "is_published", "tools",
    )  # fmt: skip
    list_filter = ("is_published", "feedback_timing")
    list_select_related = ("lesson",)
    search_fields = ("title", "slug")
    filter_horizontal = ("pool_lessons", "pool_tags")
    readonly_fields = ("preview_link", "import_link", "statistics_link", "regrade_link")
    inlines = [QuizQuestionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(fixed_count=Count("quiz_questions"))

    @admin.display(description=_("questions"), ordering="fixed_count")
    def question_count(self, quiz: Quiz) -> str:
        if quiz.is_random:
            return _("%(n)d drawn at random") % {"n": quiz.draw_count}
        return str(quiz.fixed_count)

    @admin.display(description=_("tools"))
    def tools(self, quiz: Quiz) -> str:
        """The quiz's pages, from the list: no need to open the quiz form first."""
        links = [
            (reverse("admin:quizzes_quiz_preview", args=[quiz.pk]), _("Preview")),
            (reverse("admin:quizzes_quiz_import", args=[quiz.pk]), _("Import")),
            (reverse("admin:quizzes_quiz_export", args=[quiz.pk]), _("Export GIFT")),
            (reverse("admin:quizzes_quiz_statistics", args=[quiz.pk]), _("Statistics")),
            (reverse("admin:quizzes_quiz_regrade", args=[quiz.pk]), _("Regrade")),
        ]
        return format_html_join(" · ", '<a href="{}">{}</a>', links)

    @admin.display(description=_("preview"))
    def preview_link(self, quiz: Quiz) -> str:
        if quiz.pk is None:
            return _("Save the quiz to preview it.")
        url = reverse("admin:quizzes_quiz_preview", args=[quiz.pk])
        return format_html('<a class="button" href="{}">{}</a>', url, _("Preview as a student"))

    @admin.display(description=_("statistics"))
    def statistics_link(self, quiz: Quiz) -> str:
        if quiz.pk is None:
            return "–"
        url = reverse("admin:quizzes_quiz_statistics", args=[quiz.pk])
        return format_html('<a href="{}">{}</a>', url, _("Question statistics"))

    def get_urls(self):
        return [
            path(
                "<id:pk>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="quizzes_quiz_preview",
            ),
            path(
                "<id:pk>/import/",
                self.admin_site.admin_view(self.import_view),
                name="quizzes_quiz_import",
            ),
            path(
                "<id:pk>/statistics/",
                self.admin_site.admin_view(self.statistics_view),
                name="quizzes_quiz_statistics",
            ),
            path(
                "<id:pk>/export/",
                self.admin_site.admin_view(self.export_view),
                name="quizzes_quiz_export",
            ),
            path(
                "<id:pk>/regrade/",
                self.admin_site.admin_view(self.regrade_view),
                name="quizzes_quiz_regrade",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("regrade"))
    def regrade_link(self, quiz: Quiz) -> str:
        if quiz.pk is None:
            return "–"
        url = reverse("admin:quizzes_quiz_regrade", args=[quiz.pk])
        return format_html('<a href="{}">{}</a>', url, _("Regrade the attempts"))

    def regrade_view(self, request, pk: int):
        """After fixing a question: the grades that would change, then (on confirm) the change."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        quiz = get_object_or_404(Quiz, pk=pk)
        stale = False
        if request.method == "POST":
            plan = quiz_regrade(quiz=quiz, token=request.POST.get("token", "")[:64])
            if plan is not None:
                self.message_user(
                    request,
                    _("Regraded %(n)d attempts: %(c)d changed.")
                    % {"n": plan.attempts_checked, "c": len(plan.changes)},
                    messages.SUCCESS,
                )
                return redirect("admin:quizzes_quiz_change", pk)
            stale = True
        plan = regrade_plan(quiz=quiz)
        if stale and not plan.changes:
            # A second click on the same confirm page: the grades are already the new ones.
            self.message_user(request, _("The grades are already up to date."), messages.INFO)
            return redirect("admin:quizzes_quiz_change", pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": quiz,
            "title": _("Regrade: %(quiz)s") % {"quiz": quiz.title},
            "plan": plan,
            "stale": stale,
        }
        return render(
            request, "admin/quizzes/quiz/regrade.html", context, status=409 if stale else 200
        )

    @admin.display(description=_("import"))
    def import_link(self, quiz: Quiz) -> str:
        if quiz.pk is None:
            return _("Save the quiz to import questions into it.")
        url = reverse("admin:quizzes_quiz_import", args=[quiz.pk])
        return format_html('<a class="button" href="{}">{}</a>', url, _("Import GIFT or Aiken"))

    def import_view(self, request, pk: int):
        """Upload a GIFT or Aiken file into this quiz: every problem listed, or all saved."""
        return import_page(self, request, quiz=get_object_or_404(Quiz, pk=pk))

    def statistics_view(self, request, pk: int):
        """Moodle's quiz statistics report: facility, spread, discrimination, choice picks."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        quiz = get_object_or_404(Quiz, pk=pk)
        first_only = request.GET.get("attempts", "first") != "all"
        report = quiz_report(quiz=quiz, first_only=first_only)
        if request.GET.get("format") == "csv":
            return statistics_csv(report)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": quiz,
            "title": _("Question statistics: %(quiz)s") % {"quiz": quiz.title},
            "report": report,
        }
        return render(request, "admin/quizzes/quiz/statistics.html", context)

    def export_view(self, request, pk: int):
        """The quiz's fixed questions as a GIFT file (the types GIFT can carry)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        quiz = get_object_or_404(Quiz, pk=pk)
        writer, types = WRITERS["gift"]
        data, _questions = questions_export(Question.objects.filter(quizzes=quiz))
        kept = [item for item in data if item["type"] in types]
        if not kept:
            self.message_user(
                request, _("This quiz has no questions GIFT can carry."), messages.WARNING
            )
            return redirect("admin:quizzes_quiz_changelist")
        response = HttpResponse(writer(kept), content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{quiz.slug}.gift.txt"'
        return response

    def preview_view(self, request, pk: int):
        if not self.has_view_permission(request):
            raise PermissionDenied
        quiz = get_object_or_404(Quiz, pk=pk)
        questions = question_draw(quiz=quiz, rng=random.Random(secrets.randbits(64)))  # noqa: S311
        if quiz.is_random:
            messages.info(request, _("A random quiz: this preview shows one draw from its pool."))
        if not questions:
            raise Http404(_("This quiz has no questions yet."))
        back = reverse("admin:quizzes_quiz_change", args=[pk])
        return render_preview(request, questions, title=quiz.title, back=back)


def statistics_csv(report: QuizReport) -> HttpResponse:
    """The report as CSV for a spreadsheet, through the one CSV writer."""
    which = "first" if report.first_only else "all"
    header = ["question", "type", "answers", "facility %", "sd %", "discrimination %", "flags"]

    def cell(value: float | None) -> Decimal | None:
        return None if value is None else Decimal(f"{value:.2f}")

    rows = (
        [row.question.name, row.question.type, row.stats.n, cell(row.stats.facility),
         cell(row.stats.sd), cell(row.stats.discrimination), " ".join(row.stats.flags)]
        for row in report.rows
    )  # fmt: skip
    filename = f"{report.quiz.slug}-statistics-{which}-attempts.csv"
    return csv_response([header, *rows], filename=filename)
