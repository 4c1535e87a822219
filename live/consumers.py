"""The live quiz's WebSocket: pushes the session's public state, takes the same actions as
the pages' forms (a player's answer, the host's controls) through the same services.

Who is who comes from the page's own cookies (the Django session): the host's user, a
signed-in player, or the guest this browser joined as. Anyone else is refused at connect.
"""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.http import QueryDict
from django.utils.translation import gettext as _

from live import selectors, services
from live.events import group_name, host_group_name
from live.models import LiveSession
from live.views import SESSION_KEY, control_action, parse_answer
from quizzes.forms import BadAnswer

MAX_FIELDS = 50


def _form_data(pairs) -> QueryDict:
    """The posted pairs as a form would post them; anything else is a bad answer."""
    if not isinstance(pairs, list) or len(pairs) > MAX_FIELDS:
        raise BadAnswer(_("The answer could not be read."))
    data = QueryDict(mutable=True)
    for pair in pairs:
        if (
            not isinstance(pair, list)
            or len(pair) != 2
            or not all(isinstance(part, str) and len(part) <= 300 for part in pair)
        ):
            raise BadAnswer(_("The answer could not be read."))
        data.appendlist(pair[0], pair[1])
    return data


class LiveConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self) -> None:
        self.session_pk = self.scope["url_route"]["kwargs"]["pk"]
        self.is_host, self.player_pk = await self._who()
        if not self.is_host and self.player_pk is None:
            await self.close(code=4403)
            return
        await self.channel_layer.group_add(group_name(self.session_pk), self.channel_name)
        if self.is_host:
            await self.channel_layer.group_add(host_group_name(self.session_pk), self.channel_name)
        await self.accept()
        # A phone coming back (asleep, offline) learns the current stage at once.
        await self.send_json(await self._state())

    async def disconnect(self, code: int) -> None:
        await self.channel_layer.group_discard(group_name(self.session_pk), self.channel_name)
        if getattr(self, "is_host", False):
            await self.channel_layer.group_discard(
                host_group_name(self.session_pk), self.channel_name
            )

    @database_sync_to_async
    def _who(self) -> tuple[bool, int | None]:
        user = self.scope.get("user")
        session = LiveSession.objects.filter(pk=self.session_pk).first()
        if session is None:
            return False, None
        if user is not None and user.is_authenticated and session.host_id == user.pk:
            return True, None
        joined = self.scope["session"].get(SESSION_KEY, {}) if "session" in self.scope else {}
        if str(session.pk) not in joined:
            return False, None
        player = selectors.player_of(
            session=session, user=user, player_id=joined.get(str(session.pk)) or None
        )
        return False, player.pk if player else None

    @database_sync_to_async
    def _state(self) -> dict:
        session = services.end_if_idle(session=LiveSession.objects.get(pk=self.session_pk))
        message = {"type": "state", "state": selectors.public_state(session=session)}
        if self.player_pk is not None:
            reveal = selectors.own_reveal(selectors.reveal_payload(session=session), self.player_pk)
            if reveal is not None:
                message["reveal"] = reveal
        return message

    async def live_changed(self, event: dict) -> None:
        message = {"type": "state", "state": event["state"]}
        reveal = selectors.own_reveal(event.get("reveal"), self.player_pk)
        if reveal is not None:
            message["reveal"] = reveal
        await self.send_json(message)

    async def receive_json(self, content, **kwargs) -> None:
        action = content.get("action") if isinstance(content, dict) else None
        if action == "answer" and self.player_pk is not None:
            reply = await self._answer(content.get("data"))
        elif self.is_host and isinstance(action, str):
            reply = await self._control(action)
        else:
            reply = {"type": "error", "message": _("You cannot do that here.")}
        await self.send_json(reply)

    @database_sync_to_async
    def _answer(self, pairs) -> dict:
        from live.models import LivePlayer

        session = LiveSession.objects.get(pk=self.session_pk)
        player = LivePlayer.objects.get(pk=self.player_pk)
        try:
            response = parse_answer(session, _form_data(pairs))
            services.answer_save(session=session, player=player, response=response)
        except (BadAnswer, services.LiveError) as error:
            return {"type": "error", "message": str(error)}
        return {
            "type": "saved",
            "message": _("Answer saved. You can change it until time is up."),
        }

    @database_sync_to_async
    def _control(self, action: str) -> dict:
        session = LiveSession.objects.get(pk=self.session_pk)
        try:
            session = control_action(session, action)
        except services.LiveError as error:
            return {"type": "error", "message": str(error)}
        return {"type": "done", "state": selectors.public_state(session=session)}
