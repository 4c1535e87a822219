import re
import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quizzes.forms import BadAnswer, mark_shared_positions, parse_flags, parse_page_keeping
from quizzes.models import Attempt, Quiz
from quizzes.retries import retry_panel, retry_refusal
from quizzes.selectors import (
    attempt_for_results,
    attempt_of,
    attempt_page,
    attempt_results,
    checked_items,
    published_quiz,
    questions_locked_by_open_exam,
    quiz_overview,
)
from quizzes.services import (
    AttemptClosed,
    AttemptError,
    RetryRefused,
    StaleForm,
    attempt_close_if_expired,
    attempt_save,
    attempt_start,
    attempt_submit,
)

PAGE_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def _int(value: str | None, *, default: int) -> int:
    if value is None or not value.isascii() or not value.isdigit() or len(value) > 9:
        return default
    return int(value)


def _own_attempt(request: HttpRequest, pk: int) -> Attempt:
    attempt = attempt_of(pk=pk, user=request.user)
    if attempt is None:
        raise Http404(_("No such attempt."))
    return attempt


def quiz_detail(request: HttpRequest, slug: str) -> HttpResponse:
    quiz = published_quiz(slug=slug)
    if quiz is None:
        raise Http404(_("No such quiz."))
    overview = quiz_overview(quiz=quiz, user=request.user)
    if overview.open_attempt is not None:
        closed = attempt_close_if_expired(attempt=overview.open_attempt)
        if closed.is_submitted:
            overview = quiz_overview(quiz=quiz, user=request.user)
    return render(request, "quizzes/quiz_detail.html", {"overview": overview})


@require_POST
@login_required
def quiz_start(request: HttpRequest, slug: str) -> HttpResponse:
    quiz = published_quiz(slug=slug)
    if quiz is None:
        raise Http404(_("No such quiz."))
    try:
        attempt = attempt_start(user=request.user, quiz=quiz)
    except AttemptError as error:
        messages.error(request, str(error))
        return redirect(quiz)
    if attempt.is_submitted:
        messages.info(request, _("Time ran out: your attempt was graded with the answers saved."))
        return redirect("quizzes:results", pk=attempt.pk)
    return redirect(attempt)


@login_required
def attempt_detail(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = attempt_close_if_expired(attempt=_own_attempt(request, pk))
    if attempt.is_submitted:
        return redirect("quizzes:results", pk=attempt.pk)
    page = attempt_page(attempt=attempt, page=_int(request.GET.get("page"), default=1))
    return _render_page(
        request,
        page,
        confirm=request.GET.get("confirm") == "1",
        retry=_int(request.GET.get("retry"), default=0),
    )


def _page_token(request: HttpRequest) -> str:
    """The posting page's token, or "" (then only its sequence tells whether it is current)."""
    token = request.POST.get("page_token", "")
    return token if PAGE_TOKEN.fullmatch(token) else ""


def _render_page(
    request,
    page,
    *,
    error: str = "",
    status: int = 200,
    confirm: bool = False,
    kept: bool = False,
    retry: int = 0,
) -> HttpResponse:
    # Only an immediate-feedback quiz ever shows a graded question before submission.
    immediate = page.attempt.quiz.feedback_timing == Quiz.Feedback.IMMEDIATE
    checked = checked_items(page.slots) if immediate else {}
    # A question also in an open exam shows no feedback until that exam is submitted.
    locked = questions_locked_by_open_exam(user=request.user) if immediate else set()
    entries = [
        (
            slot,
            None if slot.question.pk in locked else checked.get(slot.answer.pk),
            slot.question.pk in locked,
            # "Try again" (issue 13): the later tries, and the inputs while trying (``retry``).
            retry_panel(
                slot=slot,
                attempt=page.attempt,
                locked=locked,
                retrying=slot.answer.position == retry,
            )
            if slot.answer.pk in checked
            else None,
        )
        for slot in page.slots
    ]
    # Fresh for every rendering: this page's own saves never make its forms stale.
    page_token = secrets.token_urlsafe(24)
    context = {
        "page": page,
        "error": error,
        "entries": entries,
        "page_token": page_token,
        "confirm": confirm and page.is_summary,
        "kept": kept,  # the error left out one question; the page's other answers are saved
    }
    return render(request, "quizzes/attempt.html", context, status=status)


@require_POST
@login_required
def attempt_save_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Save this page's answers, then go where the learner asked (or answer JSON to autosave)."""
    attempt = _own_attempt(request, pk)
    wants_json = request.headers.get("Accept") == "application/json"
    late = False
    if not attempt.is_submitted:
        attempt = attempt_close_if_expired(attempt=attempt)
        late = attempt.is_submitted
    if attempt.is_submitted:
        message = (
            _("Time is up: answers sent after the deadline are not counted.")
            if late
            else _("This attempt has already been submitted.")
        )
        if wants_json:
            return JsonResponse({"error": message, "closed": True}, status=409)
        if _is_try(request):
            context = {"attempt": attempt, "message": message}
            return render(request, "quizzes/attempt_closed.html", context, status=409)
        messages.warning(request, message)
        return redirect("quizzes:results", pk=attempt.pk)
    page = attempt_page(attempt=attempt, page=_int(request.POST.get("page"), default=1))
    check = _int(request.POST.get("check"), default=0)
    check_slot = next((s for s in page.slots if s.answer.position == check), None)
    retry = _int(request.POST.get("retry"), default=0)
    tries_seen = request.POST.get(f"tries-{check}") if check else None
    try:
        if retry:
            _may_retry(request, page, retry)
        # Two items at one position leave out only that question; the rest is saved.
        responses, shared = parse_page_keeping(page.slots, request.POST)
        if check_slot is not None and check_slot.answer.pk not in responses:
            check_slot = None
        if check and check_slot is None and not shared:
            raise BadAnswer(_("That question is not on this page of your attempt."))
        if check and attempt.quiz.feedback_timing != Quiz.Feedback.IMMEDIATE:
            raise BadAnswer(_("This quiz shows feedback only after you submit."))
        attempt = attempt_save(
            attempt=attempt,
            responses=responses,
            sequence=_int(request.POST.get("seq"), default=-1),
            check=check_slot.answer.pk if check_slot else None,
            page_token=_page_token(request),
            flags=parse_flags(page.slots, request.POST),
            tries_seen=None if tries_seen is None else _int(tries_seen, default=-1),
        )
    except BadAnswer as error:
        if wants_json:
            return JsonResponse({"error": str(error)}, status=400)
        return _render_page(request, page, error=str(error), status=400, retry=retry or check)
    except StaleForm as error:
        if wants_json:
            return JsonResponse({"error": str(error), "stale": True}, status=409)
        messages.warning(request, str(error))
        return redirect(f"{attempt.get_absolute_url()}?page={page.page}")
    except AttemptClosed as error:
        if wants_json:
            return JsonResponse({"error": str(error), "closed": True}, status=409)
        messages.warning(request, str(error))
        return redirect("quizzes:results", pk=attempt.pk)
    except AttemptError as error:
        if wants_json:
            return JsonResponse({"error": str(error)}, status=400)
        status = 409 if isinstance(error, RetryRefused) else 400
        return _render_page(request, page, error=str(error), status=status, retry=retry or check)
    if shared:
        if wants_json:
            return JsonResponse({"saved": True, "seq": attempt.sequence, "error": str(shared[0])})
        page = attempt_page(attempt=attempt, page=page.page)
        mark_shared_positions(page.slots, shared)
        return _render_page(request, page, error=str(shared[0]), status=400, kept=True)
    if wants_json:
        return JsonResponse({"saved": True, "seq": attempt.sequence})
    action = request.POST.get("action", "")
    target = {"next": page.page + 1, "prev": page.page - 1, "summary": 0}.get(action)
    if target is None:
        target = _int(action.removeprefix("page-"), default=page.page) if action else page.page
    if check_slot is not None or retry:
        target = page.page
    url = f"{attempt.get_absolute_url()}?page={target}"
    if retry:
        url += f"&retry={retry}#q{retry}"  # the question's inputs again, for a new try
    elif check_slot is not None:
        url += f"#q{check_slot.answer.position}"
    elif action == "save" or not action:
        messages.success(request, _("Your answers are saved."))
    return redirect(url)


def _is_try(request: HttpRequest) -> bool:
    """A "Try again" press, or the check of a new try."""
    check = request.POST.get("check", "")
    return "retry" in request.POST or (bool(check) and f"tries-{check}" in request.POST)


def _may_retry(request: HttpRequest, page, position: int) -> None:
    """Refuse a "Try again" the rules do not allow, before anything on the page is saved."""
    slot = next((s for s in page.slots if s.answer.position == position), None)
    if slot is None:
        raise BadAnswer(_("That question is not on this page of your attempt."))
    locked = questions_locked_by_open_exam(user=request.user)
    refusal = retry_refusal(answer=slot.answer, attempt=page.attempt, locked=locked)
    if refusal is not None:
        raise RetryRefused(refusal)


@require_POST
@login_required
def attempt_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = attempt_submit(attempt=_own_attempt(request, pk))
    return redirect("quizzes:results", pk=attempt.pk)


@login_required
def attempt_results_view(request: HttpRequest, pk: int) -> HttpResponse:
    annotated = attempt_for_results(pk=pk, user=request.user)
    if annotated is None:
        raise Http404(_("No such attempt."))
    attempt = attempt_close_if_expired(attempt=annotated)
    if not attempt.is_submitted:
        messages.info(request, _("Submit the attempt to see your results."))
        return redirect(attempt)
    results = attempt_results(attempt=attempt)
    context = {
        "results": results,
        "next_lesson_slug": annotated.next_lesson_slug,
        "next_lesson_title": annotated.next_lesson_title,
    }
    return render(request, "quizzes/results.html", context)
