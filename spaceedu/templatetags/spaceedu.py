from django import template

from spaceedu.markdown import render_markdown, render_markdown_inline

register = template.Library()
register.filter("markdown", render_markdown, is_safe=True)
register.filter("markdown_inline", render_markdown_inline, is_safe=True)


@register.filter
def duration_minutes(value) -> int:
    """A timedelta as whole minutes, for "Time limit 10 min"."""
    return int(value.total_seconds() // 60) if value else 0
