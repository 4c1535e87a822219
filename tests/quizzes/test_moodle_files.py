"""GIFT and Aiken as Moodle writes them: the cases Moodle's own importer fixtures use that
SpaceEdu refused, each in a Moodle-style file through `import_questions`, and a round trip
for every type GIFT can carry."""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from quizzes.bank import question_data
from quizzes.formats.gift import parse_gift, write_gift
from quizzes.grading import ChoiceKey, grade_response
from quizzes.models import Choice, Question
from quizzes.selectors import result_item
from quizzes.services import answer_grade
from tests.quizzes.helpers import ALL_TYPES

pytestmark = pytest.mark.django_db

MATCHING_WITH_DISTRACTORS = """\
// question: 0  name: Switch category to $course$/top/Default for Moodle
$CATEGORY: $course$/top/Default for Moodle

// question: 1093  name: Match animals
::Match animals::[html]Match each animal to what it says. {
\t=Dog -> Woof
\t=Cat -> Meow
\t=Cow -> Moo
\t= -> Chat
\t= -> Quack
}
"""

NUMERICAL_WRONG_FEEDBACK = """\
// question: 1094  name: Pi
::Pi::What is pi to two decimal places?{#
\t=3.14:0.005#Well done
\t=%50%3.1:0.05#Nearly
\t~#Completely wrong
}

::Ones::How many ones in one? {#1:0~#Completely wrong}
"""

DUPLICATE_NAMES = """\
// [id:q-apollo-1]
::Apollo::Apollo 11 landed in which year? {#1969}

// [id:q-apollo-2]
::Apollo::Apollo–Soyuz docked in which year? {#1975}

::Rosetta::Which comet? {=67P}

::Rosetta::Which agency led Rosetta? {=ESA}
"""

ESSAY_AND_DESCRIPTION = """\
::Fine::The ISS is crewed. {T}

::Essay::Write about Artemis. {}

::Intro::This is just a description.

::Also fine::Rosetta was led by ESA. {T}
"""

AIKEN_NO_SPACE = """\
Which agency led Rosetta?
A)NASA
B)ESA
C)JAXA
ANSWER: B

Who built the Canadarm?
A) NASA
B. CSA
ANSWER: B
"""


def _file(tmp_path, text, name="moodle.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _json(tmp_path, text, fmt="gift", *extra):
    out, _ = run("import_questions", str(_file(tmp_path, text)), "--format", fmt,
                 "--dry-run", "--json", *extra)  # fmt: skip
    return json.loads(out)


# --- Matching with distractors ----------------------------------------------------------------


def test_matching_distractors_are_answers_without_a_prompt(tmp_path):
    [question] = _json(tmp_path, MATCHING_WITH_DISTRACTORS)
    assert question["type"] == "matching"
    assert question["category"] == "default-for-moodle"
    assert question["pairs"] == [
        {"prompt": "Dog", "answer": "Woof"},
        {"prompt": "Cat", "answer": "Meow"},
        {"prompt": "Cow", "answer": "Moo"},
        {"prompt": "", "answer": "Chat"},
        {"prompt": "", "answer": "Quack"},
    ]


def test_a_distractor_is_offered_but_matches_no_prompt(tmp_path):
    from quizzes.services import question_layout

    run("import_questions", str(_file(tmp_path, MATCHING_WITH_DISTRACTORS)), "--format", "gift")
    question = Question.objects.get(name="Match animals")
    import random

    layout = question_layout(question, shuffle=True, rng=random.Random(4))
    choices = {c.text or c.match_text: c.pk for c in question.choices.all()}
    assert len(layout["choices"]) == 3  # the prompts only
    assert len(layout["answers"]) == 5  # every answer, the distractors too
    keys = [
        ChoiceKey(id=c.pk, position=c.position, text=c.text, match_text=c.match_text)
        for c in question.choices.all()
    ]
    right = {str(choices["Dog"]): choices["Dog"], str(choices["Cat"]): choices["Cat"],
             str(choices["Cow"]): choices["Cow"]}  # fmt: skip
    assert grade_response(type="matching", choices=keys, response={"pairs": right}).score == 1
    fooled = {**right, str(choices["Cow"]): choices["Chat"]}
    assert grade_response(type="matching", choices=keys, response={"pairs": fooled}).score == (
        pytest.approx(2 / 3, abs=1e-4)
    )
    # A distractor is no prompt: answering it is refused.
    with pytest.raises(ValueError):
        grade_response(type="matching", choices=keys, response={"pairs": {str(choices["Chat"]): 1}})


# --- Numerical wrong-answer feedback ---------------------------------------------------------


def test_numerical_wrong_answer_feedback(tmp_path):
    pi, ones = _json(tmp_path, NUMERICAL_WRONG_FEEDBACK)
    assert pi["answers"] == [
        {"value": 3.14, "tolerance": 0.005, "fraction": 1, "feedback": "Well done"},
        {"value": 3.1, "tolerance": 0.05, "fraction": 0.5, "feedback": "Nearly"},
        {"value": None, "tolerance": 0, "fraction": 0, "feedback": "Completely wrong"},
    ]
    assert ones["answers"][-1]["feedback"] == "Completely wrong"


def test_any_other_answer_scores_0_and_shows_its_feedback(tmp_path, student):
    from django.utils import timezone

    from quizzes.models import Answer, Attempt, Quiz

    run("import_questions", str(_file(tmp_path, NUMERICAL_WRONG_FEEDBACK)), "--format", "gift")
    question = Question.objects.get(name="Pi")
    quiz = Quiz.objects.create(slug="pi", title="Pi")
    attempt = Attempt.objects.create(quiz=quiz, user=student, number=1, started_at=timezone.now())
    answer = Answer.objects.create(attempt=attempt, question=question, position=1,
                                   response={"text": "42"})  # fmt: skip
    answer.score = answer_grade(answer)
    assert answer.score == 0
    assert result_item(answer).feedback == ["Completely wrong"]
    answer.response = {"text": "3.141"}
    assert answer_grade(answer) == 1
    assert result_item(answer).feedback == ["Well done"]


# --- Duplicate names ----------------------------------------------------------------------------


def test_duplicate_names_import_and_reimport_without_duplicates(tmp_path):
    path = _file(tmp_path, DUPLICATE_NAMES)
    run("import_questions", str(path), "--format", "gift")
    names = sorted(Question.objects.values_list("name", flat=True))
    assert names[0] == "Apollo" and names[1] == "Apollo [id:q-apollo-2]"
    assert names[2] == "Rosetta" and names[3].startswith("Rosetta [")
    _, err = run("import_questions", str(path), "--format", "gift")
    assert "0 created, 0 updated, 4 unchanged" in err
    # The one with an id is found by its id even after its text changes.
    path.write_text(DUPLICATE_NAMES.replace("docked in which year", "docked when"), "utf-8")
    _, err = run("import_questions", str(path), "--format", "gift")
    assert "0 created, 1 updated, 3 unchanged" in err
    assert Question.objects.count() == 4


# --- Aiken without a space after the letter ----------------------------------------------------


def test_aiken_options_without_a_space(tmp_path):
    first, second = _json(tmp_path, AIKEN_NO_SPACE, "aiken")
    assert [c["text"] for c in first["choices"]] == ["NASA", "ESA", "JAXA"]
    assert [c["fraction"] for c in first["choices"]] == [0, 1, 0]
    assert [c["text"] for c in second["choices"]] == ["NASA", "CSA"]


def test_aiken_text_with_initials_is_not_an_option(tmp_path):
    [question] = _json(tmp_path, "U.S. and E.U. agencies: who led Rosetta?\nA. NASA\nB. ESA\n"
                                 "ANSWER: B\n", "aiken")  # fmt: skip
    assert question["text"] == "U.S. and E.U. agencies: who led Rosetta?"


# --- Essay and description: all or nothing, or --skip-unsupported ------------------------------


def test_an_essay_or_description_refuses_the_file_by_default(tmp_path):
    path = _file(tmp_path, ESSAY_AND_DESCRIPTION)
    err = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_questions", str(path), "--format", "gift", stderr=err)
    assert error.value.returncode == 1
    assert "3: essay questions are not supported" in err.getvalue()
    assert "5: description items are not supported" in err.getvalue()
    assert not Question.objects.exists()


def test_skip_unsupported_imports_the_rest_and_lists_what_it_skipped(tmp_path):
    path = _file(tmp_path, ESSAY_AND_DESCRIPTION)
    _, err = run("import_questions", str(path), "--format", "gift", "--skip-unsupported")
    assert "skipped 3: essay questions are not supported" in err
    assert "skipped 5: description items are not supported" in err
    assert sorted(Question.objects.values_list("name", flat=True)) == ["Also fine", "Fine"]


def test_skip_unsupported_still_refuses_a_broken_question(tmp_path):
    path = _file(tmp_path, ESSAY_AND_DESCRIPTION + "\n::Broken::Q {=a ~%150%b}\n")
    with pytest.raises(CommandError):
        run("import_questions", str(path), "--format", "gift", "--skip-unsupported")
    assert not Question.objects.exists()


# --- Export writes what import reads ------------------------------------------------------------

GIFT_TYPES = [data for data in ALL_TYPES if data["type"] != "ordering"]
EXTRA = [
    {**GIFT_TYPES[5], "name": "with-distractors",
     "pairs": [*GIFT_TYPES[5]["pairs"], {"prompt": "", "answer": "JAXA"}]},
    {**GIFT_TYPES[4], "name": "with-any-other",
     "answers": [*GIFT_TYPES[4]["answers"],
                 {"value": None, "tolerance": 0, "fraction": 0, "feedback": "No: 1975."}]},
]  # fmt: skip


@pytest.mark.parametrize("data", GIFT_TYPES + EXTRA, ids=lambda d: d["name"])
def test_round_trip_through_the_database_for_every_gift_type(data):
    from quizzes.bank import question_save

    question, _ = question_save(data=data)
    stored = question_data(Question.objects.prefetch_related("choices").get(pk=question.pk))
    [again] = parse_gift(write_gift([stored]), default_category=stored["category"])
    assert again == {key: stored[key] for key in again}
    assert set(again) == {k for k in stored if k not in {"lesson", "paragraph", "tags"}}


def test_the_stored_distractor_is_a_choice_without_a_prompt():
    from quizzes.bank import question_save

    question, _ = question_save(data=EXTRA[0])
    distractor = question.choices.get(match_text="JAXA")
    assert distractor.text == ""
    assert Choice.objects.filter(question=question).count() == 4
    assert Decimal(distractor.fraction) == 1
