"""ASGI entry point: the site over HTTP and the live quiz's WebSockets.

`manage.py runserver` (daphne) serves both in development; in production an ASGI server
(daphne or uvicorn) serves this beside gunicorn's WSGI app (docs/deploy.md).
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spaceedu.settings")
django_application = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402 - needs the settings
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from live.routing import websocket_urlpatterns  # noqa: E402
from spaceedu.serving import refuse_without_secret_key  # noqa: E402

refuse_without_secret_key()


def same_site_only(app):
    """Only pages of this site may open a socket (the session cookie then says who it is).

    The allowed hosts are read per connection, not once at import, so they are the settings'
    current ones.
    """

    async def validate(scope, receive, send):
        return await AllowedHostsOriginValidator(app)(scope, receive, send)

    return validate


application = ProtocolTypeRouter(
    {
        "http": django_application,
        "websocket": same_site_only(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
    }
)
