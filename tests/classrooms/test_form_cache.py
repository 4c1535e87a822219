"""The dashboard's empty forms are drawn once per process, keyed by what they are made of.

A renamed or new student, a new lesson or another language must show at once; a form with
the teacher's input and its errors is never served from the cache.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from classrooms.forms import AssignmentForm
from spaceedu import form_cache
from tests.classrooms.helpers import make_classroom
from tests.factories import LessonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_form_cache():
    form_cache.clear()
    yield
    form_cache.clear()


def _form(students, lessons=()):
    return AssignmentForm(lessons=list(lessons), quizzes=[], students=students)


def test_an_equal_unbound_form_is_drawn_once():
    ada = UserFactory(username="ada")
    drawn = []

    def render():
        drawn.append(1)
        return "<form-html>"

    first = form_cache.rendered_once(_form([ada]), render)
    again = form_cache.rendered_once(_form([ada]), render)
    assert first == again == "<form-html>"
    assert len(drawn) == 1


def test_another_choice_or_language_is_another_key():
    ada, bo = UserFactory(username="ada"), UserFactory(username="bo")
    key = form_cache.form_key(_form([ada]))
    assert form_cache.form_key(_form([ada])) == key
    assert form_cache.form_key(_form([ada, bo])) != key
    ada.first_name = "Ada"
    assert form_cache.form_key(_form([ada])) != key
    with translation.override("fr"):
        assert form_cache.form_key(_form([UserFactory.build(pk=ada.pk, username="ada")])) != key


def test_a_bound_form_is_never_cached():
    drawn = []

    def render():
        drawn.append(1)
        return f"<form {len(drawn)}>"

    bound = AssignmentForm({"item": "nonsense"}, lessons=[], quizzes=[], students=[])
    assert form_cache.rendered_once(bound, render) == "<form 1>"
    assert form_cache.rendered_once(bound, render) == "<form 2>"


def _assignment_form(html: str) -> str:
    start = html.index("Assign a lesson or quiz")
    return html[start : html.index("</form>", start)]


def test_the_dashboard_shows_a_renamed_student_and_a_new_lesson_at_once(client, teacher, student):
    classroom = make_classroom(teacher, student)
    client.force_login(teacher)
    url = reverse("classrooms:detail", args=[classroom.pk])
    assert "Valentina" not in _assignment_form(client.get(url).content.decode())
    student.first_name, student.last_name = "Valentina", "Tereshkova"
    student.save()
    LessonFactory(title="A lesson written a minute ago", is_published=True)
    form = _assignment_form(client.get(url).content.decode())
    assert "Valentina Tereshkova" in form
    assert "A lesson written a minute ago" in form
