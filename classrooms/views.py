"""Classroom pages: thin views over the reads (classrooms.selectors, .dashboard, .students and
.gradebook) and the writes (classrooms.services).

Who may do what: a classroom's dashboard, gradebook, student drill-downs and teacher actions
exist only for that classroom's teachers; for everyone else they are 404, so a classroom's
existence does not leak. A signed-in user who is not a teacher at all posting a teacher
action gets 403: that answer is the same for every classroom id.
"""

from collections.abc import Callable, Iterator
from decimal import ROUND_HALF_UP, Decimal
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from classrooms.dashboard import classroom_grid
from classrooms.forms import (
    AccommodationForm,
    AssignmentForm,
    ClassroomForm,
    CoTeacherForm,
    JoinForm,
)
from classrooms.gradebook import Gradebook, classroom_gradebook
from classrooms.models import Classroom
from classrooms.selectors import (
    classrooms_taught,
    members,
    memberships_of,
    student_assignments,
    student_membership,
)
from classrooms.services import (
    AlreadyMember,
    ClassroomError,
    assignment_create,
    assignment_delete,
    classroom_archive,
    classroom_create,
    classroom_join,
    classroom_leave,
    co_teacher_add,
    join_code_regenerate,
    student_remove,
)
from classrooms.students import classroom_student
from lessons.models import Lesson
from quizzes.csv_export import csv_response
from quizzes.models import Quiz
from throttling.limits import PER_ADDRESS, PER_USER, Limit, throttle


def _taught_classroom(request: HttpRequest, pk: int) -> Classroom:
    """The classroom if the signed-in user is a teacher who teaches it; otherwise 404."""
    if not request.user.is_teacher:
        raise Http404(_("No such classroom."))
    classroom = Classroom.objects.taught_by(request.user).filter(pk=pk).first()
    if classroom is None:
        raise Http404(_("No such classroom."))
    return classroom


def teacher_action(view: Callable) -> Callable:
    """A POST by one of the classroom's teachers: 403 for non-teachers, 404 for other teachers."""

    @require_POST
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, pk: int, *args, **kwargs) -> HttpResponse:
        if not request.user.is_teacher:
            raise PermissionDenied
        return view(request, _taught_classroom(request, pk), *args, **kwargs)

    return wrapper


# --- Lists and joining -----------------------------------------------------------------------


def _list_page(request: HttpRequest, *, form=None, join_form=None, status=200) -> HttpResponse:
    is_teacher = request.user.is_teacher
    taught = classrooms_taught(teacher=request.user) if is_teacher else []
    context = {
        "is_teacher": is_teacher,
        "active": [classroom for classroom in taught if not classroom.is_archived],
        "archived": [classroom for classroom in taught if classroom.is_archived],
        "memberships": memberships_of(user=request.user),
        "assignments": student_assignments(user=request.user, now=timezone.now()),
        "form": form or ClassroomForm(),
        "join_form": join_form or JoinForm(),
    }
    return render(request, "classrooms/classroom_list.html", context, status=status)


@never_cache
@login_required
def classroom_list(request: HttpRequest) -> HttpResponse:
    return _list_page(request)


@require_POST
@login_required
def classroom_new(request: HttpRequest) -> HttpResponse:
    if not request.user.is_teacher:
        raise PermissionDenied
    form = ClassroomForm(request.POST)
    if not form.is_valid():
        return _list_page(request, form=form, status=400)
    classroom = classroom_create(
        teacher=request.user,
        name=form.cleaned_data["name"],
        description=form.cleaned_data["description"],
    )
    messages.success(
        request,
        _("“%(name)s” is ready. Give your students the join code %(code)s.")
        % {"name": classroom.name, "code": classroom.join_code},
    )
    return redirect(classroom)


@never_cache
@login_required
@throttle(
    "classrooms:join",
    Limit(PER_USER, "RATE_LIMIT_JOIN_PER_USER"),
    Limit(PER_ADDRESS, "RATE_LIMIT_JOIN_PER_ADDRESS"),
)
def classroom_join_view(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = JoinForm(data, initial={"code": request.GET.get("code", "")[:32]})
    if request.method == "POST" and form.is_valid():
        try:
            classroom = classroom_join(user=request.user, code=form.cleaned_data["code"])
        except AlreadyMember as already:
            messages.info(request, str(already))
            return redirect("classrooms:list")
        except ClassroomError as error:
            form.add_error("code", str(error))
        else:
            messages.success(request, _("Welcome to “%(name)s”!") % {"name": classroom.name})
            return redirect("classrooms:list")
    status = 400 if form.errors else 200
    return render(request, "classrooms/join.html", {"form": form}, status=status)


@require_POST
@login_required
def classroom_leave_view(request: HttpRequest, pk: int) -> HttpResponse:
    membership = (
        request.user.memberships.filter(classroom_id=pk).select_related("classroom").first()
    )
    if membership is None:
        raise Http404(_("No such classroom."))
    classroom_leave(classroom=membership.classroom, user=request.user)
    messages.success(request, _("You have left “%(name)s”.") % {"name": membership.classroom.name})
    return redirect("classrooms:list")


# --- The teacher's pages ---------------------------------------------------------------------


@never_cache
@login_required
def classroom_detail(request: HttpRequest, pk: int) -> HttpResponse:
    classroom = _taught_classroom(request, pk)
    grid = classroom_grid(classroom=classroom, now=timezone.now())
    context = {
        "grid": grid,
        "classroom": classroom,
        "assignment_form": AssignmentForm(
            lessons=grid.lessons, quizzes=grid.quizzes, students=[row.user for row in grid.rows]
        ),
        "accommodation_form": AccommodationForm(
            students=[row.user for row in grid.rows], quizzes=grid.quizzes
        ),
        "teacher_form": CoTeacherForm(),
    }
    return render(request, "classrooms/classroom_detail.html", context)


@never_cache
@login_required
def student_detail(request: HttpRequest, pk: int, user_id: int) -> HttpResponse:
    classroom = _taught_classroom(request, pk)
    membership = student_membership(classroom=classroom, user_id=user_id)
    if membership is None:
        raise Http404(_("No such student in this classroom."))
    report = classroom_student(membership=membership, now=timezone.now())
    form = AccommodationForm(students=[], quizzes=[entry.quiz for entry in report.quizzes])
    context = {"report": report, "accommodation_form": form}
    return render(request, "classrooms/student_detail.html", context)


def _percent_cell(grade: Decimal | None) -> str:
    """A grade as a percentage with one decimal, always: "57.0", "56.5"."""
    if grade is None:
        return ""
    return f"{(grade * 100).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP):f}"


def _gradebook_rows(gradebook: Gradebook) -> Iterator[list[object]]:
    """The assignments first (grade or completed, due, late), then the other quizzes."""
    header = [_("username"), _("first name"), _("last name")]
    for assignment in gradebook.assignments:
        title = str(assignment)
        header += [
            _("%(quiz)s (%%)") % {"quiz": title}
            if assignment.quiz_id
            else _("%(lesson)s: completed") % {"lesson": title},
            _("%(item)s: due") % {"item": title},
            _("%(item)s: late") % {"item": title},
        ]
    header += [_("%(quiz)s (%%)") % {"quiz": quiz.title} for quiz in gradebook.quizzes]
    header += [_("lessons completed"), _("completion %")]
    yield header
    for row in gradebook.rows:
        user = row.user
        cells: list[object] = [user.username, user.first_name, user.last_name]
        for assignment, cell in zip(gradebook.assignments, row.assigned, strict=True):
            if not cell.assigned:
                cells += [_("not assigned"), "", ""]
                continue
            if assignment.quiz_id:
                cells.append(_percent_cell(cell.grade))
            else:
                cells.append(_("yes") if cell.done else _("no"))
            due = timezone.localtime(assignment.due_at) if assignment.due_at else None
            cells += [due.strftime("%Y-%m-%d %H:%M") if due else "", _("late") if cell.late else ""]
        cells += [_percent_cell(grade) for grade in row.grades]
        cells += [row.lessons_completed, row.completion_percent]
        yield cells


@never_cache
@login_required
def gradebook(request: HttpRequest, pk: int) -> HttpResponse | StreamingHttpResponse:
    classroom = _taught_classroom(request, pk)
    book = classroom_gradebook(classroom=classroom, now=timezone.now())
    filename = f"{slugify(classroom.name) or 'classroom'}-gradebook.csv"
    return csv_response(_gradebook_rows(book), filename=filename, stream=True)


# --- Teacher actions (POST) ------------------------------------------------------------------


@teacher_action
def code_regenerate(request: HttpRequest, classroom: Classroom) -> HttpResponse:
    try:
        code = join_code_regenerate(classroom=classroom)
    except ClassroomError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("New join code: %(code)s. The old code no longer works.") % {"code": code}
        )
    return redirect(classroom)


@teacher_action
def archive(request: HttpRequest, classroom: Classroom) -> HttpResponse:
    classroom_archive(classroom=classroom, archived=True)
    messages.success(
        request,
        _("“%(name)s” is archived: nobody can join it, and its assignments leave students' lists.")
        % {"name": classroom.name},
    )
    return redirect(classroom)


@teacher_action
def unarchive(request: HttpRequest, classroom: Classroom) -> HttpResponse:
    classroom_archive(classroom=classroom, archived=False)
    messages.success(request, _("“%(name)s” is active again.") % {"name": classroom.name})
    return redirect(classroom)


@teacher_action
def student_remove_view(request: HttpRequest, classroom: Classroom, user_id: int) -> HttpResponse:
    membership = student_membership(classroom=classroom, user_id=user_id)
    if membership is None:
        raise Http404(_("No such student in this classroom."))
    student_remove(classroom=classroom, user=membership.user)
    name = membership.user.get_full_name() or membership.user.username
    messages.success(request, _("%(name)s is no longer in this classroom.") % {"name": name})
    return redirect(classroom)


@teacher_action
def teacher_add(request: HttpRequest, classroom: Classroom) -> HttpResponse:
    form = CoTeacherForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a teacher's username."))
        return redirect(classroom)
    try:
        teacher = co_teacher_add(classroom=classroom, username=form.cleaned_data["username"])
    except ClassroomError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(username)s now teaches this classroom too.") % {"username": teacher.username},
        )
    return redirect(classroom)


@teacher_action
def assignment_new(request: HttpRequest, classroom: Classroom) -> HttpResponse:
    form = AssignmentForm(
        request.POST,
        lessons=list(Lesson.objects.published().in_order()),
        quizzes=list(Quiz.objects.filter(is_published=True)),
        students=members(classroom),
    )
    if not form.is_valid():
        problems = [error for errors in form.errors.values() for error in errors]
        messages.error(request, " ".join(problems))
        return redirect(classroom)
    data = form.cleaned_data
    try:
        assignment = assignment_create(
            classroom=classroom,
            lesson=data["lesson"],
            quiz=data["quiz"],
            due_at=data["due_at"],
            instructions=data["instructions"],
            students=data["chosen"],
        )
    except ClassroomError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Assigned “%(item)s”.") % {"item": assignment})
    return redirect(classroom)


@teacher_action
def assignment_delete_view(
    request: HttpRequest, classroom: Classroom, assignment_id: int
) -> HttpResponse:
    if not assignment_delete(classroom=classroom, assignment_id=assignment_id):
        raise Http404(_("No such assignment."))
    messages.success(request, _("The assignment was removed."))
    return redirect(classroom)
