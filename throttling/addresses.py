"""The one definition of "the client's address", used by login throttling and rate limits."""

from django.conf import settings
from django.http import HttpRequest
from ipware.ip import get_client_ip


def client_address(request: HttpRequest) -> str:
    """The address the outermost of PROXY_COUNT reverse proxies received the request from.

    Each proxy appends the address it was reached from to X-Forwarded-For, so behind N proxies
    the client is the N-th entry from the right; entries further left were sent by the client
    and may be forged. Without proxies (PROXY_COUNT=0) the header is ignored altogether.
    """
    proxies = settings.PROXY_COUNT
    if proxies:
        # ipware's proxy_count counts the proxies listed in the header; the innermost proxy is
        # REMOTE_ADDR, not listed. Not strict: a client's forged entries on the left may lengthen
        # the chain, but never move the position counted from the right.
        address, _routable = get_client_ip(
            request,
            proxy_count=proxies - 1,
            request_header_order=["HTTP_X_FORWARDED_FOR"],
            strict=False,
        )
        if address:
            return address
    return request.META.get("REMOTE_ADDR", "")
