"""My progress: the signed-in learner's lessons, quizzes, assignments and mastery.

The page shows only the signed-in learner's data: no parameter selects another user. It is
never cached (SECURITY 21): each response is private to its learner.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from classrooms.selectors import student_assignments
from progress.motivation import learner_motivation
from progress.selectors import student_progress


@require_GET
@never_cache
@login_required
def progress_page(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    progress = student_progress(user=request.user)
    context = {
        "progress": progress,
        "assignments": student_assignments(user=request.user, now=now),
        "motivation": learner_motivation(
            user=request.user,
            now=now,
            course_finished=progress.course_finished,
            exam_passed=progress.exam is not None and progress.exam.passed,
        ),
    }
    return render(request, "progress/progress.html", context)
