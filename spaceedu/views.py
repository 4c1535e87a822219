from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import CreateView

from lessons.panels import Place, lesson_panels
from lessons.selectors import course_outline
from progress.motivation import course_motivation
from quizzes.selectors import open_timed_attempt
from spaceedu.forms import SignupForm


def home(request: HttpRequest) -> HttpResponse:
    outline = course_outline(user=request.user)
    context = {
        "outline": outline,
        "panels": lesson_panels(place=Place.COURSE, user=request.user),
        "open_exam": open_timed_attempt(user=request.user),
    }
    if request.user.is_authenticated:
        context["motivation"] = course_motivation(
            user=request.user, now=timezone.now(), outline=outline
        )
    return render(request, "spaceedu/home.html", context)


class PasswordResetView(auth_views.PasswordResetView):
    """Reset links point at SITE_URL, never at the request's Host header (SECURITY 19, 27)."""

    @property
    def extra_email_context(self) -> dict[str, str]:
        # Django's form takes these from the request unless the context says otherwise.
        site = urlsplit(settings.SITE_URL)
        return {"protocol": site.scheme, "domain": site.netloc, "site_name": site.netloc}


class LoginView(auth_views.LoginView):
    """Django's login; without a ?next= a teacher lands on their classrooms, a learner home."""

    def get_default_redirect_url(self) -> str:
        if self.request.user.is_teacher:
            return str(reverse_lazy("classrooms:list"))
        return super().get_default_redirect_url()


class SignupView(CreateView):
    form_class = SignupForm
    template_name = "registration/signup.html"
    success_url = reverse_lazy("lessons:list")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("home")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        login(self.request, self.object, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            self.request,
            _("Welcome aboard, %(name)s! Start with the first lesson.")
            % {"name": self.object.first_name or self.object.username},
        )
        return response


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def _cache_ok() -> bool:
    try:
        cache.set("healthz", "ok", timeout=10)
        return cache.get("healthz") == "ok"
    except Exception:  # noqa: BLE001 - any cache client error means "unhealthy"
        return False


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Health for load balancers: the database, and Redis when configured; 503 if one fails."""
    report = {"database": "ok" if _database_ok() else "error"}
    if settings.REDIS_URL:
        report["cache"] = "ok" if _cache_ok() else "error"
    healthy = all(value == "ok" for value in report.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **report}, status=200 if healthy else 503
    )
