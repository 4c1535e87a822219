from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Quizzes")

    def lesson_panels(self, *, place, user, lesson=None) -> list:
        """The final exam below the course's lessons; a lesson's quiz below its text (1 query)."""
        from lessons.panels import Panel, Place
        from quizzes.selectors import final_exam, lesson_quiz

        if place == Place.COURSE:
            exam = final_exam()
            return [Panel("quizzes/includes/exam_card.html", {"exam": exam})] if exam else []
        if place == Place.LESSON and lesson is not None:
            quiz = lesson_quiz(lesson=lesson)
            return [Panel("quizzes/includes/lesson_quiz_card.html", {"quiz": quiz})] if quiz else []
        return []
