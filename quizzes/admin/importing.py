"""The admin's import page, for a quiz (from the quiz list or form) or the question bank."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from quizzes.bank import questions_import
from quizzes.formats import FormatError
from quizzes.forms import QuestionImportForm
from quizzes.models import Question, Quiz


def import_page(model_admin, request, *, quiz: Quiz | None):
    """Upload a GIFT or Aiken file: every problem listed, or all saved. After a problem or a
    check, the page keeps the file, so fixing the format or saving needs no new upload."""
    if not (
        model_admin.has_change_permission(request) and request.user.has_perm("quizzes.add_question")
    ):
        raise PermissionDenied
    form = QuestionImportForm(request.POST or None, request.FILES or None)
    problems, parsed = [], None
    if request.method == "POST" and form.is_valid():
        try:
            parsed = form.parse(category=quiz.slug if quiz else "default")
        except FormatError as error:
            problems = [str(problem) for problem in error.problems]
        else:
            if not form.cleaned_data["dry_run"]:
                result = questions_import(questions=parsed, quiz=quiz)
                model_admin.message_user(
                    request,
                    _("Imported %(n)d questions: %(c)d new, %(u)d updated, %(s)d unchanged.")
                    % {"n": len(parsed), "c": result.created, "u": result.updated,
                       "s": result.unchanged},
                    messages.SUCCESS,
                )  # fmt: skip
                if quiz is not None:
                    return redirect("admin:quizzes_quiz_change", quiz.pk)
                return redirect("admin:quizzes_question_changelist")
        form = form.kept
    title = (
        _("Import questions into %(quiz)s") % {"quiz": quiz.title}
        if quiz
        else _("Import questions into the question bank")
    )
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": (Quiz if quiz else Question)._meta,
        "original": quiz,
        "title": title,
        "form": form,
        "problems": problems,
        "parsed": parsed,
    }
    status = 400 if problems else 200
    return render(request, "admin/quizzes/quiz/import.html", context, status=status)
