from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "catalogue"
    verbose_name = _("Missions and agencies")

    def ready(self) -> None:
        from catalogue import signals  # noqa: F401 - connects the cache invalidation

    def lesson_terms(self) -> list:
        """Missions and agencies: lessons link their first mention in each paragraph."""
        from catalogue.terms import catalogue_terms

        return list(catalogue_terms())

    def lesson_panels(self, *, place, user, lesson=None) -> list:
        """ "In this lesson": chips for the missions and agencies the lesson mentions (no query
        once the terms are cached)."""
        from catalogue.terms import catalogue_terms
        from lessons.mentions import mentioned_terms
        from lessons.panels import Panel, Place

        if place != Place.LESSON_INTRO or lesson is None:
            return []
        terms = mentioned_terms(lesson.paragraphs, catalogue_terms())
        if not terms:
            return []
        missions = [term for term in terms if term.kind == "mission"]
        agencies = [term for term in terms if term.kind == "agency"]
        return [
            Panel(
                "catalogue/includes/lesson_chips.html",
                {"missions": missions, "agencies": agencies},
            )
        ]
