"""Rate limits on forms: per account and per client address, counted in Django's cache.

The counts live in the default cache (Redis in production, so every app server shares them;
without Redis a cache on disk that every process of the deployment shares), through
django-ratelimit's fixed windows.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import get_usage

# django-ratelimit keys. "ip" reads the client's address through RATELIMIT_IP_META_KEY, which
# the settings point at throttling.addresses.client_address (IPv6 counted per /64 network).
PER_ADDRESS = "ip"
PER_USER = "user"


def posted_email(group: str, request: HttpRequest) -> str:
    """The e-mail address in the form, as the password-reset lookup matches it (any case)."""
    return request.POST.get("email", "").strip().lower()


@dataclass(frozen=True)
class Limit:
    """At most the rate in the setting `rate_setting` ("5/h", "10/m") per value of `key`."""

    key: str | Callable[[str, HttpRequest], str]
    rate_setting: str


def seconds_to_wait(request: HttpRequest, *, group: str, limits: tuple[Limit, ...]) -> int:
    """Count this request against every limit; how long until all allow it again (0: now)."""
    wait = 0
    for limit in limits:
        key_name = limit.key if isinstance(limit.key, str) else limit.key.__name__
        usage = get_usage(
            request,
            # One count per key: a posted e-mail spelled like an address counts apart from it.
            group=f"{group}:{key_name}",
            key=limit.key,
            rate=getattr(settings, limit.rate_setting),
            method="POST",
            increment=True,
        )
        if usage is not None and usage["should_limit"]:
            # A cache that cannot count answers "limit" with no time left: say a minute.
            wait = max(wait, usage["time_left"] if usage["time_left"] > 0 else 60)
    return wait


def too_many_requests(request: HttpRequest, *, wait: int) -> HttpResponse:
    """429 with a page saying what happened and when to try again."""
    minutes = max(1, math.ceil(wait / 60))
    response = render(
        request, "throttling/too_many_requests.html", {"minutes": minutes}, status=429
    )
    response["Retry-After"] = str(wait)
    return response


def throttle(group: str, *limits: Limit) -> Callable:
    """Posts to the view past any of `limits` get the 429 page and never reach the view.

    Every post counts (right or wrong), so a guess costs the same whatever it hits; the limits
    of one group are shared by every view that names it.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method == "POST":
                wait = seconds_to_wait(request, group=group, limits=limits)
                if wait:
                    return too_many_requests(request, wait=wait)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
