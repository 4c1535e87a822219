"""The teacher's read-only view of a student's attempt, and changing one question's mark.

Only the teachers of a classroom the student is in reach these pages, through that classroom;
for anyone else they are 404 (a non-teacher posting a mark gets 403, as for every teacher
action). The student sees their own attempt on their results page.
"""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from classrooms.attempts import student_attempt
from classrooms.forms import MarkForm
from classrooms.models import Classroom
from classrooms.views import _taught_classroom, teacher_action
from quizzes.models import Answer, Attempt
from quizzes.selectors import attempt_results
from quizzes.services import AttemptError, answer_mark_override, attempt_close_if_expired


def _attempt(classroom: Classroom, user_id: int, attempt_id: int) -> Attempt:
    attempt = student_attempt(classroom=classroom, user_id=user_id, attempt_id=attempt_id)
    if attempt is None:
        raise Http404(_("No such attempt."))
    return attempt


def _render(request, classroom, attempt, *, form_for=None, form=None, status=200):
    results = attempt_results(attempt=attempt, hold_back=False) if attempt.is_submitted else None
    context = {
        "classroom": classroom,
        "attempt": attempt,
        "student": attempt.user,
        "results": results,
        "form_for": form_for,
        "form": form,
    }
    return render(request, "classrooms/student_attempt.html", context, status=status)


@never_cache
@login_required
def attempt_view(request: HttpRequest, pk: int, user_id: int, attempt_id: int) -> HttpResponse:
    classroom = _taught_classroom(request, pk)
    attempt = _attempt(classroom, user_id, attempt_id)
    if not attempt.is_submitted:
        closed = attempt_close_if_expired(attempt=attempt)
        if closed.is_submitted:
            attempt = _attempt(classroom, user_id, attempt_id)
    return _render(request, classroom, attempt)


@teacher_action
def mark_view(
    request: HttpRequest, classroom: Classroom, user_id: int, attempt_id: int, answer_id: int
) -> HttpResponse:
    """Set one question's mark with a comment, or clear it ("action=clear")."""
    attempt = _attempt(classroom, user_id, attempt_id)
    answer = Answer.objects.filter(pk=answer_id, attempt=attempt).first()
    if answer is None:
        raise Http404(_("No such question in this attempt."))
    back = redirect("classrooms:attempt", classroom.pk, user_id, attempt.pk)
    back["Location"] += f"#q{answer.position}"
    clear = request.POST.get("action") == "clear"
    form = MarkForm(request.POST)
    if not clear and not form.is_valid():
        return _render(request, classroom, attempt, form_for=answer.pk, form=form, status=400)
    try:
        answer_mark_override(
            answer=answer,
            score=None if clear else form.cleaned_data["percent"] / Decimal(100),
            comment="" if clear else form.cleaned_data["comment"],
            by=request.user,
        )
    except AttemptError as error:
        messages.error(request, str(error))
        return back
    if clear:
        messages.success(
            request, _("Question %(n)d is marked automatically again.") % {"n": answer.position}
        )
    else:
        messages.success(request, _("Question %(n)d's mark is changed.") % {"n": answer.position})
    return back
