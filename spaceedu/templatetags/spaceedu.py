from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field, as_crispy_form
from django import template

from spaceedu.form_cache import rendered_once
from spaceedu.markdown import render_markdown, render_markdown_inline

register = template.Library()
register.filter("markdown", render_markdown, is_safe=True)
register.filter("markdown_inline", render_markdown_inline, is_safe=True)


@register.filter
def duration_minutes(value) -> int:
    """A timedelta as whole minutes, for "Time limit 10 min"."""
    return int(value.total_seconds() // 60) if value else 0


@register.filter(is_safe=True)
def crispy_once(form):
    """``|crispy``, drawn once per process for an unbound form with the same fields and choices."""
    return rendered_once(form, lambda: as_crispy_form(form))


@register.filter(is_safe=True)
def crispy_field_once(field):
    """``|as_crispy_field``, the same way for one field of an unbound form."""
    return rendered_once(field.form, lambda: as_crispy_field(field), part=field.name)
