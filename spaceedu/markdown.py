"""Teacher-written Markdown to safe HTML.

Rendering and sanitising is pure (the same text always gives the same HTML) and it was half
of a results page's time, so each process keeps the HTML of recently rendered texts, keyed by
the text itself: an edited question, choice or feedback is a new key and shows at once, on
every app server, whether it was saved through the admin, an import or a bulk update.
"""

from functools import lru_cache

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a", "sub", "sup",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
# About the whole question bank's texts several times over; a few MB at most.
RENDERED_TEXTS = 4096


def render_markdown(text: str) -> SafeString:
    """Render Markdown, then keep only harmless tags: no script, handlers, styles or js: links."""
    return _render(str(text or ""))


@lru_cache(maxsize=RENDERED_TEXTS)
def _render(text: str) -> SafeString:
    html = markdown_lib.markdown(text, extensions=["sane_lists"], output_format="html")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above


def render_markdown_inline(text: str) -> SafeString:
    """The same, for a single line (a choice or feedback): without the wrapping paragraph."""
    return _render_inline(str(text or ""))


@lru_cache(maxsize=RENDERED_TEXTS)
def _render_inline(text: str) -> SafeString:
    html = str(_render(text)).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return mark_safe(html)  # noqa: S308 - already sanitised
