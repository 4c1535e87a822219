"""Nothing a phone (or the projector the class watches) receives before the reveal carries a
right answer, for every question type a phone plays (SECURITY 1, 23)."""

import pytest
from django.urls import reverse

from live.services import question_next, question_reveal, session_create
from tests.live.helpers import live_quiz
from tests.quizzes.helpers import MULTIPLE, NUMERICAL, ORDERING, SHORTANSWER, SINGLE, TRUEFALSE

pytestmark = pytest.mark.django_db

# What only a revealed question may show: explanations, per-choice feedback, accepted answers.
SECRETS = {
    "single": ["NASA and the Soviet space programme, in July 1975.", "ESA took no part."],
    "multiple": ["ESA and the CSA."],
    "truefalse": ["Voyager was NASA only.", "No: NASA only.", "Right: NASA only."],
    "shortanswer": ["Churyumov–Gerasimenko"],
    "numerical": ["1975"],
    "ordering": ["Right order"],
}
MARKS = ["tag-right", "is-right", "verdict", "Why:", "Accepted:", "✓", "fraction"]
ANSWERS = {"single": {"q1": "1"}, "multiple": {"q1": "0"}, "truefalse": {"q1": "0"},
           "shortanswer": {"q1": "Halley"}, "numerical": {"q1": "1969"},
           "ordering": {"q1-0": "1"}}  # fmt: skip


@pytest.mark.parametrize(
    "data", [SINGLE, MULTIPLE, TRUEFALSE, SHORTANSWER, NUMERICAL, ORDERING], ids=lambda d: d["type"]
)
def test_no_right_answer_before_the_reveal(client, teacher, data):
    session = session_create(host=teacher, quiz=live_quiz([data]))
    client.post(reverse("live:join"), {"pin": session.pin})
    client.post(reverse("live:play", kwargs={"pk": session.pk}), {"name": "Comet"})
    session = question_next(session=session)
    client.post(reverse("live:answer", kwargs={"pk": session.pk}), ANSWERS[data["type"]])
    host = type(client)()
    host.force_login(teacher)
    before = [
        client.get(reverse("live:play", kwargs={"pk": session.pk})).content.decode(),
        client.get(reverse("live:state", kwargs={"pk": session.pk})).content.decode(),
        host.get(reverse("live:host", kwargs={"pk": session.pk})).content.decode(),
        host.get(reverse("live:host-state", kwargs={"pk": session.pk})).content.decode(),
    ]
    for text in before:
        for secret in SECRETS[data["type"]] + MARKS:
            assert secret not in text, secret
    question_reveal(session=session)
    after = client.get(reverse("live:play", kwargs={"pk": session.pk})).content.decode()
    assert any(secret in after for secret in SECRETS[data["type"]])
    projector = host.get(reverse("live:host", kwargs={"pk": session.pk})).content.decode()
    assert "is-right" in projector or "Accepted:" in projector or "Right order" in projector
