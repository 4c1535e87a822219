"""Checks the app servers make before they serve a single request."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def refuse_without_secret_key() -> None:
    """A production server never starts without its own SECRET_KEY (DEBUG off)."""
    if settings.SECRET_KEY_MISSING:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            "string (python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DEBUG=1 for local development."
        )
