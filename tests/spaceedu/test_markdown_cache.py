"""Rendered Markdown is kept per process, keyed by the text: an edit shows at once."""

import pytest

from quizzes.models import Choice, Question
from spaceedu.markdown import _render, render_markdown, render_markdown_inline
from tests.quizzes.helpers import SHORTANSWER, SINGLE, make_quiz
from tests.quizzes.pages import results_url, save, start, submit, text_of

pytestmark = pytest.mark.django_db


def test_the_same_text_is_rendered_once():
    _render.cache_clear()
    first = render_markdown("A **bold** move")
    again = render_markdown("A **bold** move")
    assert again is first
    assert _render.cache_info().hits == 1


def test_cached_html_is_still_sanitised():
    payload = '<script>alert(1)</script><a href="javascript:alert(2)" onclick="x()">go</a>'
    for _ in range(2):
        html = str(render_markdown(payload)) + str(render_markdown_inline(payload))
        assert "<script" not in html
        assert "javascript:" not in html
        assert "onclick" not in html


def test_empty_and_missing_texts_render_empty():
    assert render_markdown(None) == render_markdown("") == ""
    assert render_markdown_inline(None) == ""


def test_a_question_edited_by_a_bulk_update_shows_at_once(student_client):
    """QuerySet.update() sends no signal: the new text is simply a new key."""
    quiz = make_quiz([SINGLE], slug="edited", feedback_timing="after")
    attempt = start(student_client, quiz)
    page = text_of(student_client.get(attempt.get_absolute_url()))
    assert "Who flew the Apollo–Soyuz Test Project?" in page
    Question.objects.update(text="Who *really* flew the Apollo–Soyuz Test Project?")
    Choice.objects.filter(text="ESA and JAXA").update(text="ESA and JAXA, mostly")
    page = text_of(student_client.get(attempt.get_absolute_url()))
    assert "Who really flew the Apollo–Soyuz Test Project?" in page
    assert "Who flew the Apollo–Soyuz Test Project?" not in page
    assert "ESA and JAXA, mostly" in page


def test_feedback_edited_after_submitting_shows_on_the_results_page(student_client):
    quiz = make_quiz([SINGLE], slug="feedback", feedback_timing="after")
    attempt = start(student_client, quiz)
    submit(student_client, attempt)
    before = text_of(student_client.get(results_url(attempt)))
    assert "NASA and the Soviet space programme, in July 1975." in before
    question = Question.objects.get()
    question.general_feedback = "Apollo and Soyuz docked on 17 July 1975."
    question.save()
    page = text_of(student_client.get(results_url(attempt)))
    assert "Apollo and Soyuz docked on 17 July 1975." in page
    assert "NASA and the Soviet space programme, in July 1975." not in page


def test_each_learner_sees_only_their_own_answers_with_warm_caches(client, student, other_student):
    """SECURITY 21: the kept HTML is teacher-written text only; answers are per request."""
    quiz = make_quiz([SHORTANSWER], slug="private", feedback_timing="after")
    urls = {}
    for user, text in ((student, "Halley-of-student-one"), (other_student, "Encke-of-two")):
        client.force_login(user)
        attempt = start(client, quiz)
        assert save(client, attempt, {"q1": text}).status_code == 302
        submit(client, attempt)
        urls[user.pk] = results_url(attempt)
    for _ in range(2):  # the second round renders from warm caches
        client.force_login(student)
        mine = text_of(client.get(urls[student.pk]))
        assert "Halley-of-student-one" in mine and "Encke-of-two" not in mine
        assert client.get(urls[other_student.pk]).status_code == 404
        client.force_login(other_student)
        theirs = text_of(client.get(urls[other_student.pk]))
        assert "Encke-of-two" in theirs and "Halley-of-student-one" not in theirs
