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

application = ProtocolTypeRouter(
    {
        "http": django_application,
        # Only pages of this site may open a socket; the session cookie says who it is.
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
