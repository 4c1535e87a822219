"""The benchmark's reference view exists only in the benchmark URLconf, never in production."""

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

pytestmark = pytest.mark.django_db

BENCH_URLS = "benchmarks.harness.urls"


def test_production_urls_have_no_reference_view():
    assert settings.ROOT_URLCONF == "spaceedu.urls"
    with pytest.raises(Resolver404):
        resolve("/__bench__/ok/", urlconf="spaceedu.urls")
    with pytest.raises(NoReverseMatch):
        reverse("bench-reference", urlconf="spaceedu.urls")


def test_production_site_answers_404_for_the_reference_path(client):
    assert client.get("/__bench__/ok/").status_code == 404


@override_settings(ROOT_URLCONF=BENCH_URLS)
def test_benchmark_urls_add_the_reference_view_to_the_production_ones(student_client):
    response = student_client.get("/__bench__/ok/")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "csrftoken" not in response.cookies  # nothing but the middleware's own work
    assert resolve("/lessons/", urlconf=BENCH_URLS).view_name == "lessons:list"
