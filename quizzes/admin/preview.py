"""The admin's "preview as a student" page, shared by questions and quizzes."""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from quizzes.forms import BadAnswer
from quizzes.models import Question
from quizzes.preview import preview_grade, preview_slots, sign_layouts, unsign_layouts


def render_preview(request, questions: list[Question], *, title: str, back: str):
    """The learner's view of the questions; a POST grades the try and records nothing."""
    items, error, status = None, "", 200
    slots = preview_slots(questions)
    if request.method == "POST":
        layouts = unsign_layouts(request.POST.get("layouts", ""), count=len(questions))
        if layouts is None:
            error, status = _("The preview was too old; here it is again."), 400
        else:
            slots = preview_slots(questions, layouts=layouts)
            try:
                items = preview_grade(slots, request.POST)
            except BadAnswer as bad:
                error, status = str(bad), 400
    context = {
        "slots": slots,
        "items": items,
        "error": error,
        "title": title,
        "back": back,
        "layouts": sign_layouts(slots),
    }
    return render(request, "quizzes/preview.html", context, status=status)
