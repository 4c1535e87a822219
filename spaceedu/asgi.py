"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spaceedu.settings")
application = get_asgi_application()

from spaceedu.serving import refuse_without_secret_key  # noqa: E402 - needs the settings

refuse_without_secret_key()
