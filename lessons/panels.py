"""The hook through which apps above lessons add to the lesson pages.

``lessons`` is the ground floor and imports no other app. An app that has something to show on
a lesson page (the lesson's quiz, the final exam) gives its AppConfig a ``lesson_panels``
method; the lesson views collect the panels of every installed app through the app registry.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from django.apps import apps


class Place(StrEnum):
    COURSE = "course"  # below the list of lessons (the lesson list and the home page)
    LESSON = "lesson"  # below a lesson's text


@dataclass(frozen=True)
class Panel:
    """A template to include at a place, with the data it shows."""

    template: str
    data: dict = field(default_factory=dict)


def lesson_panels(*, place: Place, user, lesson=None) -> list[Panel]:
    """The panels every installed app offers for this place, in INSTALLED_APPS order."""
    panels: list[Panel] = []
    for config in apps.get_app_configs():
        offer = getattr(config, "lesson_panels", None)
        if offer is not None:
            panels += offer(place=place, user=user, lesson=lesson)
    return panels
