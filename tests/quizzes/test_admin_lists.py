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


def test_question_list_shows_text_not_slugs_and_links_preview_and_statistics(
    teacher_client, answered
):
    html = teacher_client.get(reverse("admin:quizzes_question_changelist")).content.decode()
    assert "Who flew the Apollo–Soyuz Test Project?" in html
    assert reverse("admin:quizzes_question_preview", args=[answered.pk]) in html
    quiz = answered.quizzes.get()
    assert reverse("admin:quizzes_quiz_statistics", args=[quiz.pk]) in html
    assert reverse("admin:quizzes_question_import") in html


def test_quiz_list_reaches_preview_import_export_statistics_and_regrade(teacher_client, answered):
    quiz = answered.quizzes.get()
    html = teacher_client.get(reverse("admin:quizzes_quiz_changelist")).content.decode()
    for name in ("preview", "import", "export", "statistics", "regrade"):
        assert reverse(f"admin:quizzes_quiz_{name}", args=[quiz.pk]) in html


def test_quiz_export_is_the_quizs_questions_as_gift(teacher_client, answered):
    quiz = answered.quizzes.get()
    response = teacher_client.get(reverse("admin:quizzes_quiz_export", args=[quiz.pk]))
    assert response.status_code == 200
    assert "::apollo-soyuz-partners-0::" in response.content.decode()


def test_statistics_show_question_text(teacher_client, answered):
    quiz = answered.quizzes.get()
    html = teacher_client.get(reverse("admin:quizzes_quiz_statistics", args=[quiz.pk])).content
    assert "Who flew the Apollo–Soyuz Test Project?" in html.decode()


def test_question_list_queries_do_not_grow_with_questions(
    teacher_client, answered, django_assert_max_num_queries
):
    url = reverse("admin:quizzes_question_changelist")
    with django_assert_max_num_queries(12) as small:
        teacher_client.get(url)
    make_quiz([SINGLE], slug="more", copies=20)
    with django_assert_max_num_queries(len(small.captured_queries)):
        teacher_client.get(url)


# --- The import page keeps the chosen file after an error ---------------------------------


def _upload(text: str, name="bank.gift.txt"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, text.encode(), content_type="text/plain")


def test_a_file_survives_an_error_and_imports_without_choosing_it_again(teacher_client):
    url = reverse("admin:quizzes_question_import")
    gift = "::t1::The ISS is crewed. {T}\n\n::t2::Rosetta was led by NASA. {F}\n"
    # The wrong format: every line is a problem, nothing saved; the file is kept.
    response = teacher_client.post(url, {"file": _upload(gift), "format": "aiken"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "bank.gift.txt" in html and "is kept" in html
    form = response.context["form"]
    assert form.initial["kept_text"] == gift
    # The teacher only fixes the format and presses Import.
    response = teacher_client.post(
        url, {"format": "gift", "kept_text": gift, "kept_name": "bank.gift.txt"}
    )
    assert response.status_code == 302
    assert set(Question.objects.values_list("name", flat=True)) == {"t1", "t2"}


def test_no_file_and_nothing_kept_asks_for_a_file(teacher_client):
    response = teacher_client.post(reverse("admin:quizzes_question_import"), {"format": "gift"})
    assert response.status_code == 200
    assert "Choose a file." in response.content.decode()
    assert not Question.objects.exists()


# --- The question form ----------------------------------------------------------------------


def test_a_new_question_asks_for_its_type_first_without_javascript(teacher_client):
    response = teacher_client.get(reverse("admin:quizzes_question_add"))
    html = response.content.decode()
    assert 'id="type-chooser"' in html
    for value in ("single", "matching", "ordering"):
        assert f'href="?type={value}"' in html
    assert 'id="question-type-fields"' in html  # the script's map of fields by type
    assert "quizzes/question-form.js" in html
    assert response.context["inline_admin_formsets"][0].formset.total_form_count() == 4


@pytest.mark.parametrize(
    ("kind", "shown", "hidden"),
    [
        ("matching", ["text", "match_text"], ["value", "fraction"]),
        ("numerical", ["value", "tolerance", "fraction"], ["match_text"]),
        ("ordering", ["text"], ["fraction", "value", "match_text"]),
    ],
)
def test_once_the_type_is_chosen_only_its_fields_show_with_blank_rows(
    teacher_client, kind, shown, hidden
):
    response = teacher_client.get(reverse("admin:quizzes_question_add") + f"?type={kind}")
    html = response.content.decode()
    assert 'id="type-chooser"' not in html
    for name in shown:
        assert f"choices-0-{name}" in html
    for name in hidden:
        assert f"choices-0-{name}" not in html
    assert response.context["inline_admin_formsets"][0].formset.total_form_count() == 3
