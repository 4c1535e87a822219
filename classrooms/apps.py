from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClassroomsConfig(AppConfig):
    name = "classrooms"
    verbose_name = _("Classrooms")

    def quiz_allowances(self, *, user, quiz) -> list:
        """The accommodations of the learner's active classrooms at this quiz (1 query)."""
        from classrooms.accommodations import allowances_for

        return allowances_for(user=user, quiz=quiz)
