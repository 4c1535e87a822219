"""The question and quiz lists in the admin, as a teacher: counts that survive a search, the
site favicon, question text in lists, and the quiz pages reachable from the lists."""

import pytest
from django.urls import reverse, reverse_lazy

from quizzes.models import Question, Tag
from tests.classrooms.helpers import take_quiz
from tests.factories import UserFactory
from tests.quizzes.helpers import SINGLE, make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher_client(client, teacher):
    client.force_login(teacher)
    return client


@pytest.fixture
def answered(db):
    """A question tagged twice with "apollo" tags, answered by four learners."""
    quiz = make_quiz([SINGLE], slug="apollo-quiz")
    question = Question.objects.get()
    question.tags.add(
        Tag.objects.create(slug="mission:apollo-soyuz", kind="mission", name="Apollo–Soyuz"),
        Tag.objects.create(slug="mission:apollo-11", kind="mission", name="Apollo 11"),
    )
    for n in range(4):
        take_quiz(UserFactory(username=f"learner-{n}"), quiz, right=n % 2)
    return question


def _row_counts(response, question):
    row = next(q for q in response.context["cl"].result_list if q.pk == question.pk)
    return row.answered, row.mean_score


def test_search_does_not_multiply_times_answered(teacher_client, answered):
    url = reverse("admin:quizzes_question_changelist")
    plain = _row_counts(teacher_client.get(url), answered)
    searched = _row_counts(teacher_client.get(url, {"q": "apollo"}), answered)
    assert plain[0] == 4
    assert searched == plain


@pytest.mark.parametrize(
    "url",
    [
        reverse_lazy("admin:index"),
        reverse_lazy("admin:quizzes_question_changelist"),
        reverse_lazy("admin:quizzes_question_add"),
        reverse_lazy("admin:quizzes_quiz_changelist"),
    ],
)
def test_every_admin_page_links_the_site_favicon(teacher_client, url):
    html = teacher_client.get(url).content.decode()
    assert '<link rel="icon" href="/static/spaceedu/favicon.svg"' in html


def test_the_admin_login_page_links_the_favicon_too(client):
    html = client.get(reverse("admin:login")).content.decode()
    assert 'rel="icon"' in html
