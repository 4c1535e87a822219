from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThrottlingConfig(AppConfig):
    """The client's address and rate limits, shared by every app (the bottom layer)."""

    name = "throttling"
    verbose_name = _("Throttling")
