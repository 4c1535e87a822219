"""The dashboard grid's cells, written in Python.

A class of 30 has hundreds of cells; as template code each cost dozens of variable lookups and
a URL reversal, about 60 % of the dashboard's time (benchmarks/profiles). The markup is the
template's; the words are translated and escaped once per language, and every other value is
a number or the escaped link to the student's page.
"""

from functools import lru_cache

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from classrooms.dashboard import Cell, StudentRow
from lessons.models import Status

register = template.Library()

LESSON_MARKS = {Status.COMPLETED: "✓", Status.IN_PROGRESS: "…", Status.NOT_STARTED: "–"}


@lru_cache(maxsize=16)
def _words(language: str | None) -> dict[str, str]:
    """The grid's words in the active language, HTML-escaped."""
    words = {
        "not assigned": _("not assigned"),
        "passed": _("passed"),
        "not passed": _("not passed"),
        "an attempt in progress": _("an attempt in progress"),
        "see the attempts": _("see the attempts"),
        "No attempt": _("No attempt"),
        "Overdue": _("Overdue"),
        **{status.value: str(status.label) for status in Status},
    }
    return {key: escape(text) for key, text in words.items()}


def _quiz_content(cell: Cell, student_page: str, words: dict[str, str]) -> str:
    result = cell.result
    if result is not None and result.percent is not None:
        said = words["passed"] if result.passed else words["not passed"]
        if result.in_progress:
            said += ", " + words["an attempt in progress"]
        kind = "status-completed" if result.passed else "status-in-progress"
        link = f"{student_page}#quiz-{cell.column.quiz.pk}"
        return (
            f'<a class="status status-link {kind}" href="{link}">'
            f'{int(result.percent)}%<span class="visually-hidden">, {said}: '
            f"{words['see the attempts']}</span></a>"
        )
    if result is not None and result.in_progress:
        return (
            '<span class="status status-in-progress">…<span class="visually-hidden"> '
            f"{words[Status.IN_PROGRESS.value]}</span></span>"
        )
    return (
        '<span class="status status-not-started">–<span class="visually-hidden"> '
        f"{words['No attempt']}</span></span>"
    )


def _lesson_content(cell: Cell, words: dict[str, str]) -> str:
    status = cell.status if cell.status in LESSON_MARKS else Status.NOT_STARTED
    return (
        f'<span class="status status-{status.value}">{LESSON_MARKS[status]}'
        f'<span class="visually-hidden"> {words[status.value]}</span></span>'
    )


def _cell(cell: Cell, student_page: str, words: dict[str, str]) -> str:
    classes = "cell"
    if cell.column.is_quiz:
        classes += " quiz-col"
    if cell.overdue:
        classes += " cell-overdue"
    if not cell.assigned:
        content = f'<span class="text-body-secondary small">{words["not assigned"]}</span>'
    elif cell.column.is_quiz:
        content = _quiz_content(cell, student_page, words)
    else:
        content = _lesson_content(cell, words)
    flag = f'<span class="overdue-flag">{words["Overdue"]}</span>' if cell.overdue else ""
    return f'<td class="{classes}">{content}{flag}</td>'


@register.simple_tag
def student_url(classroom_pk: int, row: StudentRow) -> str:
    """The teacher's page for this student in this classroom."""
    return reverse("classrooms:student", args=[classroom_pk, row.user.pk])


@register.simple_tag
def grid_cells(row: StudentRow, student_page: str) -> SafeString:
    """Every cell of one student's row, as <td> elements."""
    words, page = _words(get_language()), escape(student_page)
    # Safe: the words and the link are escaped above; everything else is a number.
    return mark_safe("".join(_cell(cell, page, words) for cell in row.cells))  # noqa: S308
