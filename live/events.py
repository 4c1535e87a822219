"""Telling the sockets watching a session that it changed.

The public state travels on the channel layer (status, question number, counts, the clock:
``live.selectors.public_state``), the same for every socket of the session, so no message
before the reveal can carry an answer. At the reveal the event also carries the right answer
and every player's verdict (``live.selectors.reveal_payload``), built once, so that 40 phones
show it without 40 page loads; each socket passes on only its own phone's verdict.
"""

import asyncio

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

EVENT = "live.changed"


def group_name(session_pk: int) -> str:
    return f"live-{session_pk}"


def host_group_name(session_pk: int) -> str:
    """The host's sockets only: the count of answers changes 40 times a question, and phones
    have no use for it (sent to every phone it would be 40 x 40 messages a question)."""
    return f"live-{session_pk}-host"


def send_state(session, *, host_only: bool = False) -> None:
    """Send the session's public state to its sockets now (or to the host's only)."""
    from live.selectors import public_state, reveal_payload

    layer = get_channel_layer()
    if layer is not None:
        event = {"type": EVENT, "state": public_state(session=session)}
        reveal = reveal_payload(session=session)
        if reveal is not None:
            # Every phone's verdict travels once; each socket forwards only its own phone's.
            event["reveal"] = reveal
        group = host_group_name(session.pk) if host_only else group_name(session.pk)
        _group_send(layer, group, event)


def _group_send(layer, group: str, event: dict) -> None:
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        async_to_sync(layer.group_send)(group, event)  # a sync view's thread: the usual case
    else:
        # Sync code called on a thread whose event loop is running cannot block on it.
        loop.create_task(layer.group_send(group, event))


def announce(*, session, host_only: bool = False) -> None:
    """After the transaction commits, send the session's new state to its sockets."""
    transaction.on_commit(lambda: send_state(session, host_only=host_only))
