"""Production URLs plus `/__bench__/ok/`: HttpResponse("ok") through the same middleware."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from spaceedu.urls import urlpatterns as production_urlpatterns


def reference(request: HttpRequest) -> HttpResponse:
    """The floor: the full middleware stack and the session, then nothing."""
    request.user.is_authenticated  # noqa: B018 - load the user as every real page does
    return HttpResponse("ok")


urlpatterns = [path("__bench__/ok/", reference, name="bench-reference"), *production_urlpatterns]
