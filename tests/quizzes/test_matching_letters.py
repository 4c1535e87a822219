"""Matching answers are named by letter in their list and in the selects (issue 13, item 3)."""

import pytest

from quizzes.forms import Option
from quizzes.services import attempt_start
from tests.quizzes.helpers import MATCHING, make_quiz


@pytest.mark.parametrize(
    ("index", "letter"), [(0, "A"), (1, "B"), (25, "Z"), (26, "AA"), (27, "AB"), (52, "BA")]
)
def test_each_answer_has_a_letter_of_its_own(index, letter):
    assert Option(index=index, choice=None).letter == letter


@pytest.mark.django_db
def test_the_matching_page_lists_each_answer_in_full_and_the_selects_name_its_letter(
    student_client, student
):
    long_answer = "NASA and the Soviet space programme, rivals in the Cold War"
    question = {
        **MATCHING,
        "pairs": [*MATCHING["pairs"][:2], {"prompt": "Apollo–Soyuz", "answer": long_answer}],
    }
    attempt = attempt_start(user=student, quiz=make_quiz([question]))
    html = student_client.get(attempt.get_absolute_url()).content.decode()
    assert f'<span class="match-answer">{long_answer}</span>' in html
    letter = html.split(f'<span class="match-answer">{long_answer}</span>')[0].rsplit(
        '<span class="match-letter">', 1
    )[1][0]
    assert f">{letter}: NASA and the Soviet space p…</option>" in html
