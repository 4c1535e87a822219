"""The production settings plus a URLconf with the minimal reference view."""

from spaceedu.settings import *  # noqa: F403

ROOT_URLCONF = f"{__package__}.urls"
