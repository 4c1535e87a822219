"""import_questions / export_questions, and the same through the quiz and question admin."""

import io
import json
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from quizzes.bank import question_data
from quizzes.models import Question, Quiz
from tests.quizzes.helpers import ALL_TYPES, make_quiz

pytestmark = pytest.mark.django_db

GIFT = """// Two questions from the ISS lesson
$CATEGORY: $course$/top/Imported

::iss-partners::Which agency is **not** an ISS partner?{
  =SpaceX#Right: a company, not an agency.
  ~JAXA
  ~CSA
}

::apollo-soyuz-year::Apollo and Soyuz docked in {#1975:0}.
"""
BROKEN = "::a::Unclosed {=yes ~no\n\n::b::An essay {}\n"
AIKEN = "Who leads Rosetta?\nA. ESA\nB) JAXA\nANSWER: A\n"


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def gift_file(tmp_path):
    path = tmp_path / "iss.gift"
    path.write_text(GIFT, encoding="utf-8")
    return path


def test_import_saves_the_questions_once(gift_file):
    _, err = run("import_questions", str(gift_file), "--format", "gift")
    assert "2 created" in err
    _, err = run("import_questions", str(gift_file), "--format", "gift")
    assert "0 created, 0 updated, 2 unchanged" in err
    assert Question.objects.filter(category="imported").count() == 2


def test_import_into_a_quiz_adds_them_to_it_once(gift_file):
    quiz = Quiz.objects.create(slug="iss", title="ISS")
    run("import_questions", str(gift_file), "--format", "gift", "--quiz", "iss")
    run("import_questions", str(gift_file), "--format", "gift", "--quiz", "iss")
    assert quiz.quiz_questions.count() == 2


def test_json_prints_the_parsed_questions_in_the_contract_form(gift_file):
    out, _ = run("import_questions", str(gift_file), "--format", "gift", "--json", "--dry-run")
    questions = json.loads(out)
    assert [q["name"] for q in questions] == ["iss-partners", "apollo-soyuz-year"]
    assert questions[0]["choices"][0] == {
        "text": "SpaceX",
        "fraction": 1,
        "feedback": "Right: a company, not an agency.",
    }
    assert questions[1]["answers"] == [
        {"value": 1975, "tolerance": 0, "fraction": 1, "feedback": ""}
    ]
    assert not Question.objects.exists()


def test_dry_run_saves_nothing(gift_file):
    _, err = run("import_questions", str(gift_file), "--format", "gift", "--dry-run")
    assert "2 valid questions; nothing was saved" in err
    assert not Question.objects.exists()


def test_a_broken_file_exits_1_lists_every_problem_and_saves_nothing(tmp_path):
    path = tmp_path / "broken.gift"
    path.write_text(GIFT + "\n" + BROKEN, encoding="utf-8")
    run_ = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "import_questions", str(path), "--format", "gift"],
        cwd=settings.BASE_DIR,
        env={"PATH": "", "DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert run_.returncode == 1
    lines = run_.stderr.splitlines()
    assert "12: unclosed {: the answer block has no closing }" in lines
    assert "14: essay questions are not supported" in lines
    with pytest.raises(CommandError):
        run("import_questions", str(path), "--format", "gift")
    assert not Question.objects.exists()


def test_aiken_import(tmp_path):
    path = tmp_path / "rosetta.txt"
    path.write_text(AIKEN, encoding="utf-8")
    run("import_questions", str(path), "--format", "aiken")
    question = Question.objects.get()
    assert question_data(question)["choices"][0] == {"text": "ESA", "fraction": 1, "feedback": ""}


def test_unknown_quiz_and_unreadable_file_are_refused(tmp_path, gift_file):
    with pytest.raises(CommandError, match="No quiz"):
        run("import_questions", str(gift_file), "--format", "gift", "--quiz", "nope")
    bad = tmp_path / "latin1.gift"
    bad.write_bytes("Caf\xe9 {T}".encode("latin-1"))
    with pytest.raises(CommandError, match="cannot read"):
        run("import_questions", str(bad), "--format", "gift")


def test_the_whole_bank_survives_export_and_import(bank, tmp_path):
    out, err = run("export_questions", "--format", "gift")
    assert "Left out 8 question(s)" in err  # ordering has no GIFT form
    before = {q.name: question_data(q) for q in Question.objects.exclude(type="ordering")}
    Question.objects.exclude(type="ordering").update(text="overwritten")
    path = tmp_path / "bank.gift"
    path.write_text(out, encoding="utf-8")
    _, err = run("import_questions", str(path), "--format", "gift")
    assert "0 created, 73 updated" in err
    after = {q.name: question_data(q) for q in Question.objects.exclude(type="ordering")}
    assert after == before


def test_export_of_one_quiz_as_aiken(bank):
    out, _ = run("export_questions", "--format", "aiken", "--quiz", "introduction-quiz")
    assert (
        out.count("ANSWER: ")
        == Question.objects.filter(quizzes__slug="introduction-quiz", type="single").count()
    )


@pytest.fixture
def teacher_client(client, teacher):
    client.force_login(teacher)
    return client


def test_teacher_imports_a_file_into_a_quiz(teacher_client):
    quiz = make_quiz(ALL_TYPES[:1])
    url = reverse("admin:quizzes_quiz_import", args=[quiz.pk])
    assert teacher_client.get(url).status_code == 200
    upload = SimpleUploadedFile("iss.gift", GIFT.encode(), content_type="text/plain")
    response = teacher_client.post(url, {"file": upload, "format": "gift"})
    assert response.status_code == 302
    assert quiz.quiz_questions.count() == 3


def test_teacher_sees_every_problem_and_nothing_is_saved(teacher_client):
    quiz = make_quiz(ALL_TYPES[:1])
    upload = SimpleUploadedFile("bad.gift", (GIFT + "\n" + BROKEN).encode())
    response = teacher_client.post(
        reverse("admin:quizzes_quiz_import", args=[quiz.pk]), {"file": upload, "format": "gift"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "12: unclosed {" in html and "14: essay questions are not supported" in html
    assert Question.objects.count() == 1


def test_teacher_checks_a_file_without_saving(teacher_client):
    quiz = make_quiz(ALL_TYPES[:1])
    upload = SimpleUploadedFile("iss.gift", GIFT.encode())
    response = teacher_client.post(
        reverse("admin:quizzes_quiz_import", args=[quiz.pk]),
        {"file": upload, "format": "gift", "dry_run": "on"},
    )
    assert "The file is valid: 2 questions" in response.content.decode()
    assert Question.objects.count() == 1


def test_a_file_that_is_not_utf8_is_explained(teacher_client):
    quiz = make_quiz(ALL_TYPES[:1])
    upload = SimpleUploadedFile("bad.gift", "Caf\xe9 {T}".encode("latin-1"))
    response = teacher_client.post(
        reverse("admin:quizzes_quiz_import", args=[quiz.pk]), {"file": upload, "format": "gift"}
    )
    assert "not UTF-8" in response.content.decode()


def test_teacher_exports_selected_questions(teacher_client):
    make_quiz(ALL_TYPES)
    response = teacher_client.post(
        reverse("admin:quizzes_question_changelist"),
        {
            "action": "export_gift",
            "_selected_action": list(Question.objects.values_list("pk", flat=True)),
        },
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="questions.gift.txt"'
    assert response.content.decode().count("::") >= 12


def test_students_cannot_import(client, student):
    quiz = make_quiz(ALL_TYPES[:1])
    client.force_login(student)
    response = client.get(reverse("admin:quizzes_quiz_import", args=[quiz.pk]))
    assert response.status_code == 302
