"""Loading the authored bank: idempotent, round-trips, refuses bad questions whole."""

import copy
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from quizzes.bank import BankError, bank_load, question_data, question_problems, question_save
from quizzes.models import Choice, Question, Quiz
from quizzes.services import attempt_start
from tests.quizzes.helpers import ALL_TYPES, SINGLE

BANK = Path(__file__).resolve().parents[2] / "fixtures" / "questions.json"
pytestmark = pytest.mark.django_db


@pytest.fixture
def bank() -> dict:
    return json.loads(BANK.read_text(encoding="utf-8"))


def test_bank_loads_questions_tags_and_quizzes(course, bank):
    result = bank_load(bank=bank)
    assert result.created == len(bank["questions"]) == Question.objects.count()
    assert Quiz.objects.filter(lesson__isnull=False).count() == 8
    exam = Quiz.objects.get(slug="final-exam")
    assert (exam.draw_count, exam.pool_lessons.count(), exam.max_attempts) == (20, 8, 3)
    for quiz in Quiz.objects.filter(lesson__isnull=False):
        assert quiz.quiz_questions.count() >= 8
        assert quiz.title.startswith("Check your understanding: ")


def test_loading_twice_changes_nothing(course, bank):
    bank_load(bank=bank)
    choice_ids = sorted(Choice.objects.values_list("pk", flat=True))
    result = bank_load(bank=bank)
    assert (result.created, result.updated, result.unchanged) == (0, 0, len(bank["questions"]))
    assert sorted(Choice.objects.values_list("pk", flat=True)) == choice_ids


def test_an_edited_question_is_updated_in_place_keeping_attempts(course, bank, student):
    bank_load(bank=bank)
    quiz = Quiz.objects.get(slug="introduction-quiz")
    attempt = attempt_start(user=student, quiz=quiz)
    edited = copy.deepcopy(bank)
    edited["questions"][0]["text"] = "A clearer wording?"
    result = bank_load(bank=edited)
    assert result.updated == 1
    assert Question.objects.get(name=edited["questions"][0]["name"]).text == "A clearer wording?"
    assert attempt.answers.count() == quiz.quiz_questions.count()


@pytest.mark.parametrize("index", range(len(ALL_TYPES)))
def test_every_type_round_trips_through_the_json_form(index):
    data = ALL_TYPES[index]
    question, outcome = question_save(data=data)
    assert outcome == "created"
    assert question_data(question) == {
        key: value for key, value in data.items() if key not in {"lesson", "paragraph", "tags"}
    }


def test_the_whole_bank_round_trips(course, bank):
    bank_load(bank=bank)
    for data in bank["questions"]:
        question = Question.objects.get(name=data["name"])
        expected = {k: v for k, v in data.items() if k not in {"lesson", "paragraph", "tags"}}
        assert question_data(question) == expected, data["name"]


@pytest.mark.parametrize(
    "change, problem",
    [
        ({"type": "essay"}, "unknown type"),
        ({"text": " "}, "no text"),
        ({"choices": SINGLE["choices"][1:]}, "exactly one right choice"),
        ({"choices": [{"text": "x", "fraction": 2}, {"text": "y", "fraction": 1}]}, "between -1"),
    ],
)
def test_question_problems_are_explained(change, problem):
    problems = question_problems({**SINGLE, **change})
    assert any(problem in p for p in problems), problems


def test_multiple_response_fractions_must_add_up():
    data = {
        **SINGLE,
        "type": "multiple",
        "choices": [{"text": "a", "fraction": 0.5}, {"text": "b", "fraction": 0.4}],
    }
    assert any("add up to 1" in p for p in question_problems(data))


def test_a_bad_question_in_the_bank_saves_nothing(course, bank):
    bank["questions"][40]["choices"] = []
    bank["questions"][40]["type"] = "single"
    with pytest.raises(BankError):
        bank_load(bank=bank)
    assert not Question.objects.exists()
    assert not Quiz.objects.exists()


def test_loading_before_the_article_is_refused(db, bank):
    with pytest.raises(BankError, match="import the article first"):
        bank_load(bank=bank)


def test_command_reports_counts_and_fails_cleanly(course, tmp_path):
    out = io.StringIO()
    call_command("load_question_bank", str(BANK), stdout=out)
    assert "81 created" in out.getvalue()
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="cannot read the bank"):
        call_command("load_question_bank", str(broken))
