from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lessons.models import Lesson, Status
from lessons.panels import Place, lesson_glossary, lesson_panels
from lessons.selectors import course_outline, lesson_page
from lessons.services import lesson_complete, lesson_start

FINISH_ANCHOR = "finish"  # the id of the lesson page's "Finished reading?" box


def lesson_list(request: HttpRequest) -> HttpResponse:
    outline = course_outline(user=request.user)
    context = {
        "outline": outline,
        "panels": lesson_panels(place=Place.COURSE, user=request.user),
    }
    return render(request, "lessons/lesson_list.html", context)


def lesson_detail(request: HttpRequest, slug: str) -> HttpResponse:
    glossary = lesson_glossary()
    page = lesson_page(slug=slug, user=request.user, terms=glossary.terms)
    if page is None:
        raise Http404(_("No such lesson."))
    if page.entry.status == Status.NOT_STARTED:
        lesson_start(user=request.user, lesson=page.entry.lesson)
        page = page.started()
    lesson = page.entry.lesson
    context = {
        "page": page,
        "glossary_version": glossary.version,
        "intro_panels": lesson_panels(place=Place.LESSON_INTRO, user=request.user, lesson=lesson),
        "panels": lesson_panels(place=Place.LESSON, user=request.user, lesson=lesson),
    }
    return render(request, "lessons/lesson_detail.html", context)


@require_POST
@login_required
def lesson_mark_complete(request: HttpRequest, slug: str) -> HttpResponse:
    lesson = get_object_or_404(Lesson.objects.published(), slug=slug)
    lesson_complete(user=request.user, lesson=lesson)
    messages.success(request, _("“%(title)s” is marked as complete.") % {"title": lesson.title})
    # Back to where the learner was: the finish box, with "Take the quiz" just below it.
    return redirect(f"{lesson.get_absolute_url()}#{FINISH_ANCHOR}")
