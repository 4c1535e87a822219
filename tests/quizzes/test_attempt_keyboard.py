"""Enter in an answer box saves and stays: the form's default button is "Save".

A browser submits a form on Enter in a text box with the first submit button in DOM order. It
was "Page 1" of the navigator: Enter saved, jumped to page 1 and scrolled to the top, in the
timed exam too. Browser tests with and without JavaScript are in test_browser.py. ("Exam
integrity" item 5: a usability fault, so no SECURITY.md line; the timed case touches line 8.)
"""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from quizzes.models import Answer
from tests.quizzes.pages import answers_of, merged, messages_of, page_url, right_fields, start

pytestmark = pytest.mark.django_db


class _Buttons(HTMLParser):
    """The submit buttons of the attempt form, in DOM order, with their attributes."""

    def __init__(self):
        super().__init__()
        self.buttons: list[dict] = []
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == "attempt-form":
            self._in_form = True
        elif self._in_form and tag == "button" and attrs.get("type", "submit") == "submit":
            self.buttons.append(attrs)

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False


def submit_buttons(response) -> list[dict]:
    parser = _Buttons()
    parser.feed(response.content.decode())
    return parser.buttons


@pytest.mark.parametrize("quiz", ["intro_quiz", "timed_quiz"])
def test_the_default_button_of_the_form_saves_and_stays_on_the_page(request, student_client, quiz):
    """The first submit button (Enter's) saves the page shown and comes back to it."""
    quiz = request.getfixturevalue(quiz)
    quiz.questions_per_page = 2
    quiz.save()
    attempt = start(student_client, quiz)
    answers = answers_of(attempt)
    page = student_client.get(page_url(attempt, 2))
    default = submit_buttons(page)[0]
    assert (default.get("name"), default.get("value")) == ("action", "save")
    # Kept out of the tab order and from screen readers: the visible Save button is the same.
    assert default.get("tabindex") == "-1"
    assert default.get("aria-hidden") == "true"

    on_page = [a for a in answers if a.position in {3, 4}]
    fields = {"seq": "0", "page": "2", default["name"]: default["value"]}
    fields |= merged(*(right_fields(a) for a in on_page))
    response = student_client.post(reverse("quizzes:attempt-save", args=[attempt.pk]), fields)
    assert response.status_code == 302
    assert response.url == page_url(attempt, 2)
    assert "Your answers are saved." in messages_of(student_client.get(response.url))
    assert all(Answer.objects.get(pk=a.pk).response is not None for a in on_page)
