"""Telling the sockets watching a session that it changed.

Only the public state travels on the channel layer (status, question number, counts, the
clock: ``live.selectors.public_state``), the same for every socket of the session, so no
message can carry an answer; a phone whose stage changed fetches its page again.
"""

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

EVENT = "live.changed"


def group_name(session_pk: int) -> str:
    return f"live-{session_pk}"


def send_state(session) -> None:
    """Send the session's public state to its sockets now."""
    from live.selectors import public_state

    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(
            group_name(session.pk), {"type": EVENT, "state": public_state(session=session)}
        )


def announce(*, session) -> None:
    """After the transaction commits, send the session's new state to its sockets."""
    transaction.on_commit(lambda: send_state(session))
