"""Spaced review: one due question at a time, and the feedback on an answer.

Only the signed-in learner's cards are shown: no parameter selects another user. Pages are
never cached (SECURITY 21): each response is private to its learner.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from quizzes.forms import BadAnswer
from review.selectors import (
    StaleReview,
    answer_for_form,
    next_review_question,
    review_card_for_answer,
    review_result,
    review_summary,
)
from review.services import review_answer, review_sync

# A signed token is a few hundred characters; anything far longer is not from our form.
MAX_TOKEN_LENGTH = 4000


def _review_page(request: HttpRequest, *, error: str = "", status: int = 200) -> HttpResponse:
    now = timezone.now()
    context = {
        "summary": review_summary(user=request.user, now=now),
        "question": next_review_question(user=request.user, now=now),
        "error": error,
    }
    return render(request, "review/review.html", context, status=status)


@require_GET
@never_cache
@login_required
def review_page(request: HttpRequest) -> HttpResponse:
    review_sync(user=request.user, now=timezone.now())
    return _review_page(request)


@require_POST
@never_cache
@login_required
def review_answer_post(request: HttpRequest) -> HttpResponse:
    """Grade one review answer, then redirect to its feedback (POST, redirect, GET): a refresh
    shows the feedback again and counts nothing. A second post of the same form (a double
    click) leads to the first one's feedback; a stale or forged form gets a 400."""
    now = timezone.now()
    token = request.POST.get("token", "")
    try:
        if not token or len(token) > MAX_TOKEN_LENGTH:
            raise StaleReview(_("This review form was not sent by this site."))
        question = review_card_for_answer(user=request.user, token=token, now=now)
        result = review_answer(review=question, data=request.POST, now=now)
    except (StaleReview, BadAnswer) as error:
        earlier = answer_for_form(user=request.user, token=token) if token else None
        if earlier is not None:
            return redirect("review:result", pk=earlier.pk)
        return _review_page(request, error=str(error), status=400)
    return redirect("review:result", pk=result.answer.pk)


@require_GET
@never_cache
@login_required
def review_result_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The feedback on one of the learner's review answers; another learner's is a 404."""
    result = review_result(user=request.user, pk=pk)
    if result is None:
        raise Http404
    context = {"result": result, "summary": review_summary(user=request.user, now=timezone.now())}
    return render(request, "review/review_result.html", context)
