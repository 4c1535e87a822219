"""The projector and the phone read a fixed number of queries, whatever the class size."""

import pytest

from live.selectors import phone, projector, public_state
from live.services import (
    answer_save,
    player_join,
    question_next,
    question_reveal,
    session_create,
    session_end,
)
from tests.factories import UserFactory
from tests.live.helpers import live_quiz, right

pytestmark = pytest.mark.django_db


def class_of(teacher, size: int):
    session = session_create(host=teacher, quiz=live_quiz())
    players = [player_join(session=session, user=UserFactory()) for _ in range(size)]
    players += [player_join(session=session, name=f"Guest {n}") for n in range(size)]
    return session, players


@pytest.mark.parametrize("size", [2, 20])
def test_queries_per_stage(teacher, size, django_assert_num_queries):
    session, players = class_of(teacher, size)
    with django_assert_num_queries(1):
        public_state(session=session)
    with django_assert_num_queries(2):
        projector(session=session)
    with django_assert_num_queries(2):
        phone(session=session, player=players[0])
    session = question_next(session=session)
    for player in players:
        answer_save(session=session, player=player, response=right(session))
    with django_assert_num_queries(5):
        projector(session=session)
    with django_assert_num_queries(6):
        phone(session=session, player=players[-1])
    session = question_reveal(session=session)
    with django_assert_num_queries(6):
        projector(session=session)
    with django_assert_num_queries(6):
        phone(session=session, player=players[0])
    session = session_end(session=session)
    with django_assert_num_queries(5):
        projector(session=session)
    with django_assert_num_queries(5):
        phone(session=session, player=players[0])
