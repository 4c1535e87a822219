"""WSGI entry point: ``gunicorn spaceedu.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spaceedu.settings")
application = get_wsgi_application()

from spaceedu.serving import refuse_without_secret_key  # noqa: E402 - needs the settings

refuse_without_secret_key()
