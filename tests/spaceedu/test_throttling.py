"""Rate limits on the account forms: password reset, password change, account deletion.

SECURITY.md 18 and 26: repeated attempts for one account or from one address are throttled with a
clear message; the password-reset form too.
"""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.2"


def _reset(client, email: str, **extra):
    return client.post(reverse("password_reset"), {"email": email}, **extra)


def _assert_paused(response) -> None:
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many attempts" in html
    assert "try again in" in html
    assert int(response["Retry-After"]) > 0


def test_password_reset_is_limited_per_address(client, student, settings):
    """SECURITY.md 18: N+1 reset requests from one address get the 429 page and no e-mail."""
    settings.RATE_LIMIT_PASSWORD_RESET = "5/h"
    for number in range(5):
        assert _reset(client, f"someone{number}@example.com").status_code == 302
    _assert_paused(_reset(client, "student@example.com"))
    assert mail.outbox == []
    assert _reset(client, "student@example.com", REMOTE_ADDR="192.0.2.9").status_code == 302
    assert len(mail.outbox) == 1


def test_password_reset_is_limited_per_email(client, student, settings):
    """SECURITY.md 18: one mailbox gets at most N mails an hour, whatever the address asking."""
    settings.RATE_LIMIT_PASSWORD_RESET = "5/h"
    for number in range(5):
        _reset(client, "student@example.com", REMOTE_ADDR=f"192.0.2.{number}")
    assert len(mail.outbox) == 5
    _assert_paused(_reset(client, " Student@Example.com ", REMOTE_ADDR="192.0.2.99"))
    assert len(mail.outbox) == 5
    assert _reset(client, "other@example.com", REMOTE_ADDR="192.0.2.99").status_code == 302


def test_password_reset_limits_behind_a_proxy_count_each_client(client, settings):
    """SECURITY.md 18: behind one proxy, two X-Forwarded-For addresses are two clients."""
    settings.PROXY_COUNT = 1
    settings.RATE_LIMIT_PASSWORD_RESET = "2/h"
    proxied = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    for email in ["a@example.com", "b@example.com"]:
        assert _reset(client, email, **proxied).status_code == 302
    _assert_paused(_reset(client, "c@example.com", **proxied))
    other = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.2"}
    assert _reset(client, "c@example.com", **other).status_code == 302


def test_password_reset_page_still_opens_when_paused(client, settings):
    """Only posts count: the form itself stays readable."""
    settings.RATE_LIMIT_PASSWORD_RESET = "1/h"
    _reset(client, "a@example.com")
    _assert_paused(_reset(client, "b@example.com"))
    assert client.get(reverse("password_reset")).status_code == 200


def _change(client, old: str):
    return client.post(
        reverse("password_change"),
        {"old_password": old, "new_password1": "new-orbit-778", "new_password2": "new-orbit-778"},
    )


def _delete(client, password: str):
    return client.post(reverse("account-delete"), {"password": password})


def test_current_password_checks_are_limited_per_account(student_client, student, settings):
    """SECURITY.md 18: guessing the current password on change and delete shares one budget."""
    settings.RATE_LIMIT_PASSWORD_CHECK_PER_USER = "4/h"
    for _ in range(2):
        assert _change(student_client, "guess").status_code == 200
        assert _delete(student_client, "guess").status_code == 200
    _assert_paused(_change(student_client, "correct horse battery"))
    _assert_paused(_delete(student_client, "correct horse battery"))
    student.refresh_from_db()
    assert student.check_password("correct horse battery")
    # Another account from the same address still may.
    other = Client()
    other.force_login(UserFactory(username="other_student"))
    assert _change(other, "correct horse battery").status_code == 302


def test_current_password_checks_are_limited_per_address(client, settings):
    """SECURITY.md 18: many accounts from one address share the address's budget."""
    settings.RATE_LIMIT_PASSWORD_CHECK_PER_ADDRESS = "3/h"
    for number in range(3):
        client.force_login(UserFactory(username=f"learner{number}"))
        assert _change(client, "guess").status_code == 200
    client.force_login(UserFactory(username="learner9"))
    _assert_paused(_delete(client, "guess"))
    elsewhere = client.post(
        reverse("account-delete"), {"password": "guess"}, REMOTE_ADDR="192.0.2.9"
    )
    assert elsewhere.status_code == 200


def test_password_checks_behind_a_proxy_count_each_client(client, settings):
    """SECURITY.md 18: behind one proxy, the forwarded address is the one counted."""
    settings.PROXY_COUNT = 1
    settings.RATE_LIMIT_PASSWORD_CHECK_PER_ADDRESS = "1/h"
    client.force_login(UserFactory(username="learner1"))
    first = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    second = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.2"}
    assert client.post(reverse("account-delete"), {"password": "x"}, **first).status_code == 200
    assert client.post(reverse("account-delete"), {"password": "x"}, **first).status_code == 429
    assert client.post(reverse("account-delete"), {"password": "x"}, **second).status_code == 200


def test_the_pause_page_is_translatable_and_says_when_to_come_back(client, settings):
    """The page names the wait in minutes and carries the site's layout."""
    settings.RATE_LIMIT_PASSWORD_RESET = "1/m"
    _reset(client, "a@example.com")
    response = _reset(client, "a@example.com")
    _assert_paused(response)
    assert "try again in 1 minute" in response.content.decode()
    assert response.templates[0].name == "throttling/too_many_requests.html"


def test_an_email_spelled_like_an_address_does_not_use_up_that_address(client, settings):
    """SECURITY.md 18: posting someone's IP as the e-mail does not lock that address out."""
    settings.RATE_LIMIT_PASSWORD_RESET = "2/h"
    for number in range(3):
        _reset(client, "127.0.0.1", REMOTE_ADDR=f"192.0.2.{number}")
    assert _reset(client, "a@example.com").status_code == 302
