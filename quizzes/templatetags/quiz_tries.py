"""Later tries ("Try again") as the results pages mention them: information, never a mark."""

from django import template

from quizzes.models import Answer
from quizzes.retries import right_on_try as _right_on_try

register = template.Library()


@register.simple_tag
def right_on_try(answer: Answer) -> int | None:
    """The try on which the answer was first fully right (1: the counted one), or None."""
    return _right_on_try(answer)
