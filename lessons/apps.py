from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LessonsConfig(AppConfig):
    name = "lessons"
    verbose_name = _("Lessons")

    def ready(self) -> None:
        from django.urls import register_converter

        from lessons import signals  # noqa: F401 - connects the cache invalidation
        from lessons.converters import IdConverter

        # Before any URLconf is read: every app's URLs say <id:pk> for a database id.
        register_converter(IdConverter, "id")
