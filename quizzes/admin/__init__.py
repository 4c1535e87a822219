"""The quizzes admin: importing the submodules registers their ModelAdmins with admin.site."""

from quizzes.admin import attempts, questions, quizzes

__all__ = ["attempts", "questions", "quizzes"]
