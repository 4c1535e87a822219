"""Sign-up, login, logout, password change and reset."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from spaceedu.models import User

pytestmark = pytest.mark.django_db

SIGNUP = {
    "username": "ada",
    "first_name": "Ada",
    "email": "ada@example.com",
    "password1": "orbital-mechanics-42",
    "password2": "orbital-mechanics-42",
}


def test_signup_creates_a_learner_and_logs_them_in(client):
    response = client.post(reverse("signup"), SIGNUP)
    assert response.status_code == 302
    assert response["Location"] == reverse("lessons:list")
    user = User.objects.get(username="ada")
    assert user.email == "ada@example.com"
    assert not user.is_staff and not user.is_superuser
    assert client.session[SESSION_KEY] == str(user.pk)


def test_signup_ignores_privilege_fields(client):
    client.post(
        reverse("signup"),
        {**SIGNUP, "is_staff": "on", "is_superuser": "on", "groups": "1", "user_permissions": "1"},
    )
    user = User.objects.get(username="ada")
    assert not user.is_staff
    assert not user.is_superuser
    assert not user.groups.exists()
    assert not user.user_permissions.exists()


@pytest.mark.parametrize(
    "change, error",
    [
        ({"password2": "something-else-42"}, "password fields didn’t match"),
        ({"email": "not-an-email"}, "Enter a valid email address"),
        ({"password1": "123", "password2": "123"}, "too short"),
        ({"username": ""}, "This field is required"),
    ],
)
def test_signup_explains_what_is_wrong(client, change, error):
    response = client.post(reverse("signup"), {**SIGNUP, **change})
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not User.objects.filter(username="ada").exists()


def test_signup_with_a_taken_username_is_refused(client, student):
    response = client.post(reverse("signup"), {**SIGNUP, "username": "student"})
    assert response.status_code == 200
    assert "already exists" in response.content.decode()


def test_signed_in_user_is_sent_home_from_signup(student_client):
    assert student_client.get(reverse("signup"))["Location"] == reverse("home")


def test_login_rotates_the_session_and_follows_a_safe_next(client, student):
    client.get(reverse("login"))
    before = client.session.session_key
    response = client.post(
        reverse("login"),
        {"username": "student", "password": "correct horse battery", "next": "/lessons/"},
    )
    assert response["Location"] == "/lessons/"
    assert client.session.session_key != before


@pytest.mark.parametrize(
    "next_url", ["https://elsewhere.example/", "//elsewhere.example/", "javascript:alert(1)"]
)
def test_login_ignores_a_next_url_off_the_site(client, student, next_url):
    response = client.post(
        reverse("login"),
        {"username": "student", "password": "correct horse battery", "next": next_url},
    )
    assert response["Location"] == reverse("home")


def test_wrong_password_is_explained(client, student):
    response = client.post(reverse("login"), {"username": "student", "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_logout_is_a_post_and_ends_the_session(student_client):
    assert student_client.get(reverse("logout")).status_code == 405
    response = student_client.post(reverse("logout"))
    assert response.status_code == 302
    assert SESSION_KEY not in student_client.session


def test_password_change(student_client, student):
    response = student_client.post(
        reverse("password_change"),
        {
            "old_password": "correct horse battery",
            "new_password1": "a-brand-new-secret-77",
            "new_password2": "a-brand-new-secret-77",
        },
    )
    assert response["Location"] == reverse("password_change_done")
    student.refresh_from_db()
    assert student.check_password("a-brand-new-secret-77")


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(client, student):
    known = client.post(reverse("password_reset"), {"email": "student@example.com"})
    unknown = client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1
    assert "Reset your SpaceEdu password" in mail.outbox[0].subject
    assert "/accounts/reset/" in mail.outbox[0].body


def test_password_reset_link_works_once(client, student, settings):
    client.post(reverse("password_reset"), {"email": "student@example.com"})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line)
    path = link.removeprefix(settings.SITE_URL)
    form_url = client.get(path)["Location"]
    response = client.post(
        form_url,
        {"new_password1": "rosetta-and-philae-9", "new_password2": "rosetta-and-philae-9"},
    )
    assert response["Location"] == reverse("password_reset_complete")
    student.refresh_from_db()
    assert student.check_password("rosetta-and-philae-9")
    reused = client.get(path, follow=True)
    assert b"invalid or has already been used" in reused.content


def test_password_reset_link_uses_the_site_url_not_the_host_header(client, student, settings):
    """SECURITY 19 and 27: a hostile Host header cannot put its own address in the e-mail."""
    settings.ALLOWED_HOSTS = ["*"]
    settings.SITE_URL = "https://spaceedu.example"
    response = client.post(
        reverse("password_reset"), {"email": "student@example.com"}, HTTP_HOST="127.0.0.1:9999"
    )
    assert response.status_code == 302
    body = mail.outbox[0].body
    assert "https://spaceedu.example/accounts/reset/" in body
    assert "127.0.0.1" not in body and "9999" not in body


@pytest.mark.parametrize(
    "name",
    ["login", "signup", "password_reset", "password_reset_done", "password_reset_complete"],
)
def test_account_pages_render_for_visitors(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert b'name="csrfmiddlewaretoken"' in response.content or name.endswith(("done", "complete"))
