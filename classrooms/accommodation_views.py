"""A classroom's teachers give a student, or the whole class, extra time and attempts."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from classrooms.accommodations import AccommodationError, accommodation_delete, accommodation_set
from classrooms.forms import AccommodationForm
from classrooms.models import Classroom
from classrooms.selectors import members, published_quizzes
from classrooms.views import teacher_action


def _back(classroom: Classroom, request: HttpRequest):
    """Back to the student's drill-down when the form came from there, else the dashboard."""
    back = request.POST.get("back", "")
    if back.isascii() and back.isdigit() and len(back) < 10:
        return redirect("classrooms:student", classroom.pk, int(back))
    return redirect(classroom)


@teacher_action
def accommodation_new(request: HttpRequest, classroom: Classroom) -> HttpResponse:
    form = AccommodationForm(request.POST, students=members(classroom), quizzes=published_quizzes())
    if not form.is_valid():
        problems = [f"{form.fields[name].label}: {error}" if name in form.fields else str(error)
                    for name, errors in form.errors.items() for error in errors]  # fmt: skip
        messages.error(request, " ".join(problems))
        return _back(classroom, request)
    data = form.cleaned_data
    try:
        accommodation_set(
            classroom=classroom,
            user=data["user"],
            quiz=data["quiz_obj"],
            extra_minutes=data["extra_minutes"],
            time_factor=data["time_factor"],
            extra_attempts=data["extra_attempts"],
        )
    except AccommodationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The accommodation is saved; it counts from the next attempt."))
    return _back(classroom, request)


@teacher_action
def accommodation_delete_view(
    request: HttpRequest, classroom: Classroom, accommodation_id: int
) -> HttpResponse:
    if not accommodation_delete(classroom=classroom, accommodation_id=accommodation_id):
        raise Http404(_("No such accommodation."))
    messages.success(request, _("The accommodation was removed."))
    return _back(classroom, request)
