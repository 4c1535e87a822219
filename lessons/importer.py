"""Parse the scraped article into sections and paragraphs (pure: no database).

The file is text scraped from a web page: the title line is repeated as banners (some in
the middle of a section), page chrome such as "Post a Comment" trails it, and line
endings, a byte-order mark, trailing spaces and blank lines vary with where it came from.
"""

import re
from dataclasses import dataclass, field

from django.utils.text import slugify
from django.utils.translation import gettext as _

# Lines left by the page the article was scraped from; never lesson content.
PAGE_CHROME = re.compile(
    r"^(post a comment|leave a comment|comments?|share( this)?|labels?:.*|newer post|"
    r"older post|home|subscribe to:.*)$",
    re.IGNORECASE,
)
CONCLUSION_OPENING = re.compile(r"^in conclusion\b", re.IGNORECASE)
MAX_HEADING_WORDS = 16
# Titles for the article's untitled sections. They are content, in the article's language,
# not interface text, so they are not translated (and their slugs never change).
INTRODUCTION = "Introduction"
CONCLUSION = "Conclusion"


class ArticleError(ValueError):
    """The file cannot be turned into a course."""


@dataclass
class Section:
    title: str
    subtitle: str = ""
    paragraphs: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return slugify(self.title)


@dataclass
class Article:
    title: str
    sections: list[Section]


def _blocks(text: str) -> list[str]:
    """Split text into blank-line-separated blocks, each joined into one line."""
    text = text.removeprefix("\ufeff")
    blocks: list[str] = []
    current: list[str] = []
    for line in text.splitlines():
        line = " ".join(line.split())  # trailing spaces, tabs, non-breaking spaces
        if line:
            current.append(line)
        elif current:
            blocks.append(" ".join(current))
            current = []
    if current:
        blocks.append(" ".join(current))
    return blocks


def _is_heading(block: str) -> bool:
    """A section heading: one short line, "Short title: subtitle", no closing full stop."""
    return (
        ": " in block
        and len(block.split()) <= MAX_HEADING_WORDS
        and not block.endswith((".", "!", "?", ",", ";"))
    )


def parse_article(text: str) -> Article:
    """Turn the article's text into its title and its sections, in order."""
    blocks = _blocks(text)
    if not blocks:
        raise ArticleError(_("The file is empty."))
    title, *body = blocks
    introduction = Section(title=INTRODUCTION)
    sections = [introduction]
    for block in body:
        if block == title or PAGE_CHROME.match(block):
            continue
        if _is_heading(block):
            short, subtitle = (part.strip() for part in block.split(":", 1))
            sections.append(Section(title=short, subtitle=subtitle))
        elif CONCLUSION_OPENING.match(block) and len(sections) > 1:
            sections.append(Section(title=CONCLUSION, paragraphs=[block]))
        else:
            sections[-1].paragraphs.append(block)

    titled = [section for section in sections[1:] if section.subtitle]
    if not titled:
        raise ArticleError(
            _(
                "No sections found: the article needs headings such as "
                "“Historical Context: Evolution of International Space Collaborations”."
            )
        )
    sections = [section for section in sections if section.paragraphs]
    slugs = [section.slug for section in sections]
    duplicates = sorted({slug for slug in slugs if slugs.count(slug) > 1})
    if duplicates:
        raise ArticleError(
            _("Two sections have the same short title: %(titles)s.")
            % {"titles": ", ".join(duplicates)}
        )
    return Article(title=title, sections=sections)
