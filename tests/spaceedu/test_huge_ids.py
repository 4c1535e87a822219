"""Ids in URLs that cannot exist (2**63 and beyond) are 404, never 500 (SECURITY 16)."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter
from django.urls.resolvers import RoutePattern

pytestmark = pytest.mark.django_db

# Just past a signed 64-bit integer, and far past it.
HUGE = [2**63, 10**20]


def _has_integer_id(route: str) -> bool:
    converters = RoutePattern(route).converters.values()
    return any(isinstance(converter, IntConverter) for converter in converters)


def _id_routes(patterns=None, prefix: str = "") -> list[str]:
    """Every route with an integer in it, read from the URL resolver (new ones count too)."""
    found = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if not isinstance(entry.pattern, RoutePattern):
            continue  # the admin's app index: a regular expression of app labels, no ids
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            found += _id_routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern) and _has_integer_id(route):
            found.append(route)
    return found


def _url(route: str, number: int) -> str:
    def value(match: re.Match) -> str:
        converter = RoutePattern(match.group(0)).converters[match.group(2)]
        return str(number) if isinstance(converter, IntConverter) else "x"

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", value, route)


ROUTES = _id_routes()


def test_the_routes_are_read_from_every_app_and_the_admin():
    assert "quizzes/attempts/<pk>/" in {re.sub(r"<\w+:", "<", r) for r in ROUTES}
    assert any(route.startswith("classrooms/") and "students" in route for route in ROUTES)
    assert any(route.startswith("admin/quizzes/quiz/") for route in ROUTES)
    assert any(route.startswith("admin/quizzes/question/") for route in ROUTES)


def test_every_id_in_a_url_uses_the_id_converter():
    plain = [
        r
        for r in ROUTES
        if any(type(c) is IntConverter for c in RoutePattern(r).converters.values())
    ]
    assert plain == []


@pytest.mark.parametrize("route", [r for r in ROUTES if not r.startswith("admin/")])
def test_an_id_that_cannot_exist_is_404(client, teacher, route):
    teacher.is_superuser = True
    teacher.save()
    client.force_login(teacher)
    for number in HUGE:
        url = _url(route, number)
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 404, url


@pytest.mark.parametrize("route", [r for r in ROUTES if r.startswith("admin/")])
def test_an_id_that_cannot_exist_gets_the_admins_missing_object_answer(client, teacher, route):
    """The admin's catch-all URL takes it for an object id: a redirect to the index, no 500."""
    teacher.is_superuser = True
    teacher.save()
    client.force_login(teacher)
    for number in HUGE:
        url = _url(route, number)
        for method in (client.get, client.post):
            response = method(url, follow=True)
            assert response.status_code == 200, url
            assert response.redirect_chain[-1][0] == "/admin/", url
            assert b"doesn\xe2\x80\x99t exist" in response.content, url
