"""The hooks through which apps above lessons add to the lesson pages.

``lessons`` is the ground floor and imports no other app. An app that has something to show on
a lesson page (the lesson's quiz, the final exam) gives its AppConfig a ``lesson_panels``
method; the lesson views collect the panels of every installed app through the app registry.
An app whose things lessons mention (missions, agencies) gives its AppConfig a
``lesson_terms`` method: the lesson text links their first mention in each paragraph.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from django.apps import apps

from lessons.mentions import Term, terms_version


class Place(StrEnum):
    COURSE = "course"  # below the list of lessons (the lesson list and the home page)
    LESSON_INTRO = "lesson-intro"  # below a lesson's title, above its text
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


@dataclass(frozen=True)
class Glossary:
    """The terms lessons link, and their fingerprint for cache keys."""

    terms: tuple[Term, ...] = ()

    @property
    def version(self) -> str:
        return terms_version(self.terms)


def lesson_glossary() -> Glossary:
    """The terms every installed app offers, in INSTALLED_APPS order."""
    terms: list[Term] = []
    for config in apps.get_app_configs():
        offer = getattr(config, "lesson_terms", None)
        if offer is not None:
            terms += offer()
    return Glossary(terms=tuple(terms))
