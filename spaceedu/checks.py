"""System checks of SpaceEdu's own settings."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def site_url_is_set(app_configs, **kwargs) -> list[Error]:
    """Production names its own address: links in e-mail must not come from a Host header."""
    if settings.SITE_URL_SET or settings.DEBUG:
        return []
    return [
        Error(
            "SITE_URL is not set.",
            hint="Set SITE_URL to the site's address, e.g. https://spaceedu.example: "
            "password-reset links in e-mail point there.",
            id="spaceedu.E001",
        )
    ]
