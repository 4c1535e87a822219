"""The live quiz's pages: the host's projector and controls, the PIN, the phone, the polls.

Every change is a plain POST that redirects back, so everything works with reloads and no
JavaScript; the sockets (``live.consumers``) only hurry the reloads along.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_ratelimit.core import get_usage

from classrooms.models import Classroom
from live import selectors, services
from live.forms import NicknameForm, PinForm, SessionForm
from live.models import LivePlayer, LiveSession
from quizzes.forms import BadAnswer, parse_slot
from quizzes.models import Quiz
from throttling.limits import PER_ADDRESS, Limit, seconds_to_wait, throttle, too_many_requests

SESSION_KEY = "live"
PIN_MISS = "live:pin-miss"
PIN_MISS_LIMIT = Limit(PER_ADDRESS, "RATE_LIMIT_LIVE_PIN_MISS_PER_ADDRESS")


# --- Who is who ------------------------------------------------------------------------------


def _joined(request: HttpRequest) -> dict:
    """Sessions this browser entered the PIN of: session id -> guest player id (0: none yet)."""
    return request.session.get(SESSION_KEY, {})


def _remember(request: HttpRequest, session: LiveSession, player_id: int = 0) -> None:
    joined = dict(_joined(request))
    joined[str(session.pk)] = player_id
    request.session[SESSION_KEY] = joined


def _player(request: HttpRequest, session: LiveSession) -> LivePlayer | None:
    guest_id = _joined(request).get(str(session.pk)) or None
    return selectors.player_of(session=session, user=request.user, player_id=guest_id)


def _playing_session(request: HttpRequest, pk: int) -> LiveSession:
    """The session if this browser entered its PIN (or plays in it); 404 for anyone else."""
    session = LiveSession.objects.filter(pk=pk).select_related("quiz").first()
    if session is None or str(pk) not in _joined(request):
        raise Http404(_("No such live quiz."))
    return services.end_if_idle(session=session)


def host_only(view: Callable) -> Callable:
    """The host's pages: a teacher's own session; anyone else's (or a learner's) is 404."""

    @wraps(view)
    @never_cache
    @login_required
    def wrapper(request: HttpRequest, pk: int, *args, **kwargs) -> HttpResponse:
        session = selectors.hosted_session(pk=pk, user=request.user)
        if session is None:
            raise Http404(_("No such live quiz."))
        return view(request, services.end_if_idle(session=session), *args, **kwargs)

    return wrapper


def socket_path(session: LiveSession) -> str:
    return f"/ws/live/{session.pk}/"


# --- The host --------------------------------------------------------------------------------


@never_cache
@login_required
def session_new(request: HttpRequest) -> HttpResponse:
    """Options of a new live quiz, from a classroom page or a quiz page."""
    if not request.user.is_teacher:
        raise PermissionDenied(_("Only teachers host live quizzes."))
    source = request.POST if request.method == "POST" else request.GET
    quiz = Quiz.objects.filter(slug=str(source.get("quiz", ""))[:80]).first()
    classroom = None
    if source.get("classroom"):
        classroom_id = str(source["classroom"])
        if not classroom_id.isascii() or not classroom_id.isdigit() or len(classroom_id) > 9:
            raise Http404(_("No such classroom."))
        classroom = Classroom.objects.taught_by(request.user).filter(pk=classroom_id).first()
        if classroom is None:
            raise Http404(_("No such classroom."))
    if quiz is None:
        raise Http404(_("No such quiz."))
    form = SessionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(
                host=request.user, quiz=quiz, classroom=classroom, **form.cleaned_data
            )
        except services.LiveError as error:
            form.add_error(None, str(error))
        else:
            return redirect("live:host", pk=session.pk)
    context = {"form": form, "quiz": quiz, "classroom": classroom}
    return render(request, "live/session_new.html", context, status=400 if form.errors else 200)


@host_only
def host(request: HttpRequest, session: LiveSession) -> HttpResponse:
    """The projector: PIN and players, then the question, then the reveal, then the podium."""
    context = {
        "view": selectors.projector(session=session),
        "join_url": request.build_absolute_uri(reverse("live:join")),
        "state_url": reverse("live:host-state", kwargs={"pk": session.pk}),
        "socket_path": socket_path(session),
    }
    return render(request, "live/host.html", context)


CONTROLS = {
    "next": services.question_next,
    "reveal": services.question_reveal,
    "skip": services.question_skip,
    "pause": services.session_pause,
    "resume": services.session_resume,
    "end": services.session_end,
}


def control_action(session: LiveSession, action: str) -> LiveSession:
    """Run one of the host's controls by name (the page's buttons and the socket share this)."""
    if action not in CONTROLS:
        raise services.LiveError(_("Unknown action."))
    return CONTROLS[action](session=session)


@require_POST
@host_only
def control(request: HttpRequest, session: LiveSession, action: str) -> HttpResponse:
    try:
        control_action(session, action)
    except services.LiveError as error:
        messages.error(request, str(error))
    return redirect("live:host", pk=session.pk)


@require_POST
@host_only
def decide(request: HttpRequest, session: LiveSession, player_id: int) -> HttpResponse:
    approve = request.POST.get("decision") == "approve"
    try:
        services.player_decide(session=session, player_id=player_id, approve=approve)
    except services.LiveError as error:
        raise Http404(str(error)) from None
    return redirect("live:host", pk=session.pk)


@host_only
def host_state(request: HttpRequest, session: LiveSession) -> JsonResponse:
    return JsonResponse(selectors.public_state(session=session))


# --- Players ---------------------------------------------------------------------------------


def _pin_missed_too_often(request: HttpRequest, *, increment: bool) -> int:
    """Seconds to wait after too many wrong PINs from this address (0: go ahead)."""
    if increment:
        return seconds_to_wait(request, group=PIN_MISS, limits=(PIN_MISS_LIMIT,))
    from django.conf import settings

    usage = get_usage(
        request,
        group=f"{PIN_MISS}:{PER_ADDRESS}",
        key=PER_ADDRESS,
        rate=settings.RATE_LIMIT_LIVE_PIN_MISS_PER_ADDRESS,
        method="POST",
        increment=False,
    )
    if usage is not None and usage["should_limit"]:
        return usage["time_left"] if usage["time_left"] > 0 else 60
    return 0


@never_cache
@throttle("live:join", Limit(PER_ADDRESS, "RATE_LIMIT_LIVE_JOIN_PER_ADDRESS"))
def join(request: HttpRequest) -> HttpResponse:
    """/live/: the PIN. A signed-in learner joins as themselves; a guest then picks a name."""
    if request.method != "POST":
        form = PinForm(initial={"pin": request.GET.get("pin", "")[:6]})
        return render(request, "live/join.html", {"form": form})
    wait = _pin_missed_too_often(request, increment=False)
    if wait:
        return too_many_requests(request, wait=wait)
    form = PinForm(request.POST)
    session = None
    if form.is_valid():
        session = selectors.open_session(pin=form.cleaned_data["pin"])
        if session is None:
            wait = _pin_missed_too_often(request, increment=True)
            if wait:
                return too_many_requests(request, wait=wait)
            form.add_error("pin", _("No live quiz has this PIN right now. Check it on the screen."))
    if session is None:
        return render(request, "live/join.html", {"form": form}, status=400)
    _remember(request, session)
    if request.user.is_authenticated:
        try:
            services.player_join(session=session, user=request.user)
        except services.LiveError as error:
            form.add_error("pin", str(error))
            return render(request, "live/join.html", {"form": form}, status=400)
    return redirect("live:play", pk=session.pk)


@never_cache
def play(request: HttpRequest, pk: int) -> HttpResponse:
    """The phone: the nickname form, the lobby, the question, the verdict, the podium."""
    session = _playing_session(request, pk)
    player = _player(request, session)
    if player is None:
        if session.is_ended:
            raise Http404(_("This live quiz has ended."))
        form = NicknameForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                player = services.player_join(session=session, name=form.cleaned_data["name"])
            except services.LiveError as error:
                form.add_error("name", str(error))
            else:
                _remember(request, session, player.pk)
                return redirect("live:play", pk=session.pk)
        status = 400 if form.errors else 200
        return render(
            request, "live/nickname.html", {"form": form, "session": session}, status=status
        )
    if request.method == "POST":
        return redirect("live:play", pk=session.pk)
    context = {
        "view": selectors.phone(session=session, player=player),
        "state_url": reverse("live:state", kwargs={"pk": session.pk}),
        "answer_url": reverse("live:answer", kwargs={"pk": session.pk}),
        "socket_path": socket_path(session),
    }
    return render(request, "live/play.html", context)


def parse_answer(session: LiveSession, data) -> dict | None:
    """The response posted for the open question, read by the quiz's own form rules."""
    question = selectors.current_question(session)
    if question is None:
        raise services.LiveError(_("There is no open question."))
    return parse_slot(selectors.slot_of(question), data)


@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Keep the phone's answer; with JavaScript, a short JSON reply instead of a redirect."""
    session = _playing_session(request, pk)
    player = _player(request, session)
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    if player is None:
        raise Http404(_("You are not playing in this quiz."))
    try:
        response = parse_answer(session, request.POST)
        services.answer_save(session=session, player=player, response=response)
    except BadAnswer as error:
        if wants_json:
            return JsonResponse({"ok": False, "message": str(error)}, status=400)
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    except services.LiveError as error:
        if wants_json:
            return JsonResponse({"ok": False, "message": str(error)}, status=409)
        messages.error(request, str(error))
        return redirect("live:play", pk=session.pk)
    if wants_json:
        return JsonResponse(
            {"ok": True, "message": _("Answer saved. You can change it until time is up.")}
        )
    messages.success(request, _("Answer saved. You can change it until time is up."))
    return redirect("live:play", pk=session.pk)


@never_cache
def state(request: HttpRequest, pk: int) -> JsonResponse:
    """The polling fallback where sockets are blocked: the public state and nothing else."""
    session = _playing_session(request, pk)
    player = _player(request, session)
    if player is None:
        raise Http404(_("You are not playing in this quiz."))
    data = selectors.public_state(session=session)
    reveal = selectors.own_reveal(selectors.reveal_payload(session=session), player.pk)
    return JsonResponse({**data, "reveal": reveal} if reveal else data)
