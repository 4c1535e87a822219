"""The home page's "Continue" leads to an open timed attempt first (issue 13, item 4)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Attempt
from quizzes.selectors import open_timed_attempt
from quizzes.services import attempt_start, attempt_submit
from tests.quizzes.helpers import make_quiz

pytestmark = pytest.mark.django_db


def test_home_leads_to_the_running_timed_attempt(student_client, student):
    attempt = attempt_start(user=student, quiz=make_quiz(time_limit_minutes=20))
    html = student_client.get(reverse("home")).content.decode()
    assert f'href="{attempt.get_absolute_url()}"' in html
    assert "Your timed attempt is still running" in html


def test_nothing_to_continue_without_time_running(student_client, student):
    untimed = attempt_start(user=student, quiz=make_quiz(slug="untimed"))
    timed = attempt_start(user=student, quiz=make_quiz(slug="timed", time_limit_minutes=20))
    submitted = attempt_start(user=student, quiz=make_quiz(slug="done", time_limit_minutes=20))
    attempt_submit(attempt=submitted)
    assert open_timed_attempt(user=student) == timed
    Attempt.objects.filter(pk=timed.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    assert open_timed_attempt(user=student) is None
    html = student_client.get(reverse("home")).content.decode()
    assert untimed.get_absolute_url() not in html
    assert "Your timed attempt is still running" not in html


def test_a_visitor_costs_no_query(django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    with django_assert_num_queries(0):
        assert open_timed_attempt(user=AnonymousUser()) is None
