"""WSGI entry point: ``gunicorn spaceedu.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spaceedu.settings")
application = get_wsgi_application()
