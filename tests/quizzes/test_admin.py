"""The question and quiz admin, as a teacher (staff in the Teachers group, not superuser)."""

import pytest
from django.urls import reverse

from quizzes.bank import question_data
from quizzes.models import Attempt, Question, Quiz
from quizzes.services import attempt_save, attempt_start, attempt_submit
from tests.quizzes.helpers import ALL_TYPES, make_quiz, right_response

pytestmark = pytest.mark.django_db

ROWS = {
    "single": [
        {"text": "NASA and the Soviet space programme", "fraction": "1", "feedback": "Right."},
        {"text": "NASA and ESA", "fraction": "0", "feedback": "No."},
    ],
    "multiple": [
        {"text": "ESA", "fraction": "0.5"},
        {"text": "CSA", "fraction": "0.5"},
        {"text": "SpaceX", "fraction": "-0.5"},
    ],
    "truefalse": [{"text": "True", "fraction": "0"}, {"text": "False", "fraction": "1"}],
    "shortanswer": [{"text": "Rosetta", "fraction": "1"}],
    "numerical": [{"value": "1975", "tolerance": "0", "fraction": "1"}],
    "matching": [
        {"text": "Rosetta", "match_text": "ESA"},
        {"text": "Voyager", "match_text": "NASA"},
    ],
    "ordering": [{"text": "Apollo–Soyuz"}, {"text": "Voyager"}, {"text": "ISS"}],
}


def question_post(kind: str, rows: list[dict], **fields) -> dict:
    data = {
        "type": kind,
        "name": f"new-{kind}",
        "category": "teachers",
        "text": "A question?",
        "general_feedback": "Why.",
        "is_active": "on",
        "choices-TOTAL_FORMS": str(len(rows)),
        "choices-INITIAL_FORMS": "0",
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "1000",
        **fields,
    }
    for i, row in enumerate(rows):
        data[f"choices-{i}-position"] = str(i)
        data[f"choices-{i}-tolerance"] = "0"
        data[f"choices-{i}-fraction"] = "1"
        for key, value in row.items():
            data[f"choices-{i}-{key}"] = value
    return data


@pytest.fixture
def teacher_client(client, teacher):
    client.force_login(teacher)
    return client


@pytest.mark.parametrize("kind", ROWS)
def test_teacher_adds_a_question_of_each_type_with_its_answers(teacher_client, kind):
    url = reverse("admin:quizzes_question_add") + f"?type={kind}"
    assert teacher_client.get(url).status_code == 200
    response = teacher_client.post(url, question_post(kind, ROWS[kind]))
    assert response.status_code == 302, response.content.decode()[-3000:]
    question = Question.objects.get(name=f"new-{kind}")
    assert question.choices.count() == len(ROWS[kind])
    assert question_data(question)["type"] == kind


@pytest.mark.parametrize(
    "kind, rows, message",
    [
        ("single", [{"text": "a", "fraction": "1"}, {"text": "b", "fraction": "1"}],
         "exactly one right choice"),
        ("single", [{"text": "a", "fraction": "0"}, {"text": "b", "fraction": "0"}],
         "exactly one right choice"),
        ("multiple", [{"text": "a", "fraction": "0.5"}, {"text": "b", "fraction": "0.4"}],
         "must add up to 1"),
        ("numerical", [{"text": "x", "fraction": "1"}], "needs a value"),
        ("matching", [{"text": "Rosetta", "match_text": "ESA"}], "at least two pairs"),
        ("ordering", [{"text": "a"}, {"text": "b"}], "at least three items"),
        ("truefalse", [{"text": "Yes", "fraction": "1"}], "True"),
        ("shortanswer", [{"text": "x", "fraction": "0.5"}], "fraction 1"),
    ],
)  # fmt: skip
def test_each_rule_gets_a_clear_message_and_nothing_is_saved(teacher_client, kind, rows, message):
    url = reverse("admin:quizzes_question_add") + f"?type={kind}"
    response = teacher_client.post(url, question_post(kind, rows))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Question.objects.exists()


def test_a_fraction_out_of_range_is_refused(teacher_client):
    rows = [{"text": "a", "fraction": "2"}, {"text": "b", "fraction": "0"}]
    url = reverse("admin:quizzes_question_add") + "?type=single"
    response = teacher_client.post(url, question_post("single", rows))
    assert response.status_code == 200
    assert not Question.objects.exists()


def test_the_change_page_shows_only_the_fields_of_the_type(teacher_client):
    quiz = make_quiz(ALL_TYPES)
    numerical = quiz.questions.get(type="numerical")
    html = teacher_client.get(reverse("admin:quizzes_question_change", args=[numerical.pk]))
    html = html.content.decode()
    assert 'name="choices-0-value"' in html
    assert 'name="choices-0-match_text"' not in html
    matching = quiz.questions.get(type="matching")
    html = teacher_client.get(reverse("admin:quizzes_question_change", args=[matching.pk]))
    assert 'name="choices-0-match_text"' in html.content.decode()


def test_changelist_shows_times_answered_and_percent_correct(
    teacher_client, student, django_assert_max_num_queries
):
    quiz = make_quiz(ALL_TYPES)
    for _ in range(2):
        attempt = attempt_start(user=student, quiz=quiz)
        first = attempt.answers.order_by("position").first()
        attempt_save(
            attempt=attempt, responses={first.pk: right_response(first.question)}, sequence=0
        )
        attempt_submit(attempt=attempt)
    with django_assert_max_num_queries(12):
        response = teacher_client.get(reverse("admin:quizzes_question_changelist") + "?o=1")
    rows = {q.name: q for q in response.context["cl"].result_list}
    assert rows["apollo-soyuz-partners-0"].answered == 2
    assert rows["apollo-soyuz-partners-0"].mean_score == 1
    assert rows["jwst-partners-0"].mean_score == 0
    assert "100%" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ["q=comet", "q=Apollo", "type__exact=matching", "is_active__exact=1"],
)
def test_changelist_search_and_filters(teacher_client, query):
    make_quiz(ALL_TYPES)
    response = teacher_client.get(reverse("admin:quizzes_question_changelist") + "?" + query)
    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1


def test_filter_by_quiz(teacher_client):
    quiz = make_quiz(ALL_TYPES[:2], slug="two")
    make_quiz(ALL_TYPES[2:], slug="five")
    url = reverse("admin:quizzes_question_changelist") + f"?quiz={quiz.pk}"
    assert teacher_client.get(url).context["cl"].result_count == 2


def test_exam_only_is_on_the_question_form_and_a_list_filter(teacher_client):
    """SECURITY 25: authors mark a question exam only and find such questions."""
    url = reverse("admin:quizzes_question_add") + "?type=single"
    html = teacher_client.get(url).content.decode()
    assert 'name="exam_only"' in html
    assert "Never shown in practice quizzes or spaced review" in html
    response = teacher_client.post(url, question_post("single", ROWS["single"], exam_only="on"))
    assert response.status_code == 302
    marked = Question.objects.get(name="new-single")
    assert marked.exam_only
    make_quiz(ALL_TYPES[:2], slug="two")
    listed = reverse("admin:quizzes_question_changelist") + "?exam_only__exact=1"
    assert list(teacher_client.get(listed).context["cl"].result_list) == [marked]


def test_question_preview_shows_the_learners_view_and_grades_without_an_attempt(
    teacher_client, teacher
):
    quiz = make_quiz(ALL_TYPES)
    question = quiz.questions.get(type="single")
    url = reverse("admin:quizzes_question_preview", args=[question.pk])
    page = teacher_client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert 'type="radio" name="q1"' in html
    assert "Nothing is recorded" in html
    slot = page.context["slots"][0]
    right = next(o.index for o in slot.options if o.choice.fraction == 1)
    graded = teacher_client.post(url, {"layouts": page.context["layouts"], "q1": str(right)})
    assert graded.status_code == 200
    assert "Correct" in graded.content.decode()
    assert not Attempt.objects.exists()


def test_quiz_preview_shows_every_question(teacher_client):
    quiz = make_quiz(ALL_TYPES)
    page = teacher_client.get(reverse("admin:quizzes_quiz_preview", args=[quiz.pk]))
    assert page.status_code == 200
    assert len(page.context["slots"]) == 7
    graded = teacher_client.post(
        reverse("admin:quizzes_quiz_preview", args=[quiz.pk]), {"layouts": page.context["layouts"]}
    )
    assert graded.content.decode().count("Not answered") == 7
    assert not Attempt.objects.exists()


def test_preview_with_a_forged_layout_is_refused(teacher_client):
    question = make_quiz(ALL_TYPES).questions.get(type="single")
    url = reverse("admin:quizzes_question_preview", args=[question.pk])
    response = teacher_client.post(url, {"layouts": "forged", "q1": "0"})
    assert response.status_code == 400


def test_preview_escapes_teacher_html(teacher_client):
    quiz = make_quiz(ALL_TYPES)
    question = quiz.questions.get(type="single")
    question.text = (
        'Hi <script>alert(1)</script><img src=x onerror="alert(2)"> [x](javascript:alert(3))'
    )
    question.save()
    html = teacher_client.get(
        reverse("admin:quizzes_question_preview", args=[question.pk])
    ).content.decode()
    assert "<script>alert" not in html
    assert "onerror" not in html
    assert "javascript:" not in html


def test_students_cannot_preview(client, student):
    question = make_quiz(ALL_TYPES).questions.first()
    client.force_login(student)
    response = client.get(reverse("admin:quizzes_question_preview", args=[question.pk]))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_teacher_can_edit_a_quiz(teacher_client):
    quiz = make_quiz(ALL_TYPES)
    assert (
        teacher_client.get(reverse("admin:quizzes_quiz_change", args=[quiz.pk])).status_code == 200
    )
    assert teacher_client.get(reverse("admin:quizzes_quiz_changelist")).status_code == 200
    assert Quiz.objects.count() == 1
