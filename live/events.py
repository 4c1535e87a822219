"""Telling the sockets watching a session that it changed (they then fetch the new state).

Only a version number travels on the channel layer: whatever a phone shows, it reads through
the same selectors as the HTTP pages, so no message can carry more than the page would.
"""

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

EVENT = "live.changed"


def group_name(session_pk: int) -> str:
    return f"live-{session_pk}"


def _send(session_pk: int, version: int) -> None:
    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(group_name(session_pk), {"type": EVENT, "version": version})


def announce(*, session_pk: int, version: int) -> None:
    """After the transaction commits, tell the session's sockets its new version."""
    transaction.on_commit(lambda: _send(session_pk, version))
