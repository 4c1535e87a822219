"""The client's address behind a reverse proxy, as login throttling sees it (SECURITY.md 18, 26)."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from throttling.addresses import client_address

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.2"


def _fail_logins(client, times: int, *, forwarded_for: str) -> None:
    for number in range(times):
        client.post(
            reverse("login"),
            {"username": f"nobody{number}", "password": "wrong"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )


def _login(client, *, forwarded_for: str) -> int:
    response = client.post(
        reverse("login"),
        {"username": "student", "password": "correct horse battery"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )
    return response.status_code


def test_behind_a_proxy_clients_are_throttled_separately(client, student, settings):
    """SECURITY.md line 18: failures from one address behind nginx do not lock out another."""
    settings.PROXY_COUNT = 1
    settings.AXES_FAILURE_LIMIT = 3
    _fail_logins(client, 3, forwarded_for="198.51.100.1")
    assert _login(client, forwarded_for="198.51.100.1") == 429
    assert _login(client, forwarded_for="198.51.100.2") == 302


def test_behind_a_proxy_a_forged_header_does_not_dodge_the_lock(client, student, settings):
    """SECURITY.md line 18: entries the client adds left of the proxy's own are not trusted."""
    settings.PROXY_COUNT = 1
    settings.AXES_FAILURE_LIMIT = 3
    # nginx appends the address it saw to whatever the client sent.
    for forged in ["203.0.113.7", "203.0.113.8", "203.0.113.9"]:
        _fail_logins(client, 1, forwarded_for=f"{forged}, 198.51.100.1")
    assert _login(client, forwarded_for="203.0.113.10, 198.51.100.1") == 429


def test_without_a_proxy_the_header_is_ignored(client, student, settings):
    """SECURITY.md line 18: with PROXY_COUNT=0 a made-up X-Forwarded-For changes nothing."""
    settings.PROXY_COUNT = 0
    settings.AXES_FAILURE_LIMIT = 3
    _fail_logins(client, 3, forwarded_for="198.51.100.1")
    assert _login(client, forwarded_for="198.51.100.2") == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, "198.51.100.1", PROXY),
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),
        (1, "", PROXY),
        (1, "not an address", PROXY),
        (2, "198.51.100.1, 192.0.2.9", "198.51.100.1"),
        (2, "6.6.6.6, 198.51.100.1, 192.0.2.9", "198.51.100.1"),
        (2, "192.0.2.9", PROXY),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_address(proxies, forwarded_for, expected, settings):
    """SECURITY.md line 18: the PROXY_COUNT-th entry from the right, else the peer's address."""
    settings.PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)
    assert client_address(request) == expected
