"""Preview a question as a learner sees it, and grade a try, without storing anything.

The preview builds unsaved Answer objects; their layout travels in a signed form field so
that the same order comes back with the teacher's try.
"""

import random
import secrets

from django.core import signing

from quizzes.forms import Slot, build_slot, parse_slot
from quizzes.models import Answer, Question
from quizzes.selectors import ResultItem, result_item
from quizzes.services import answer_grade, question_layout

SALT = "quizzes.preview"


def preview_slots(questions: list[Question], *, layouts: list[dict] | None = None) -> list[Slot]:
    """Slots for these questions, in a fresh shuffled layout unless one is given."""
    rng = random.Random(secrets.randbits(64))  # noqa: S311 - shuffling, not secrets
    slots = []
    for position, question in enumerate(questions, start=1):
        layout = (
            layouts[position - 1] if layouts else question_layout(question, shuffle=True, rng=rng)
        )
        slots.append(build_slot(Answer(question=question, position=position, layout=layout)))
    return slots


def sign_layouts(slots: list[Slot]) -> str:
    return signing.dumps([slot.answer.layout for slot in slots], salt=SALT)


def unsign_layouts(token: str, *, count: int) -> list[dict] | None:
    try:
        layouts = signing.loads(token, salt=SALT, max_age=24 * 3600)
    except signing.BadSignature:
        return None
    return layouts if isinstance(layouts, list) and len(layouts) == count else None


def preview_grade(slots: list[Slot], data) -> list[ResultItem]:
    """Grade a try at each slot (raises forms.BadAnswer like a real attempt would)."""
    items = []
    for slot in slots:
        answer = slot.answer
        answer.response = parse_slot(slot, data)
        answer.score = answer_grade(answer)
        items.append(result_item(answer))
    return items
