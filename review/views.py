"""Spaced review: one due question at a time, and the feedback on an answer.

Only the signed-in learner's cards are shown: no parameter selects another user. Pages are
never cached (SECURITY 21): each response is private to its learner.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from quizzes.forms import BadAnswer
from review.selectors import (
    StaleReview,
    next_review_question,
    review_card_for_answer,
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
    """Grade one review answer and show the feedback; a stale or forged form gets a 400."""
    now = timezone.now()
    token = request.POST.get("token", "")
    try:
        if not token or len(token) > MAX_TOKEN_LENGTH:
            raise StaleReview(_("This review form was not sent by this site."))
        question = review_card_for_answer(user=request.user, token=token, now=now)
        result = review_answer(review=question, data=request.POST, now=now)
    except (StaleReview, BadAnswer) as error:
        return _review_page(request, error=str(error), status=400)
    context = {"result": result, "summary": review_summary(user=request.user, now=now)}
    return render(request, "review/review_result.html", context)
