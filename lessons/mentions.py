"""Find and link the names of things (missions, agencies) in lesson text: pure functions.

Higher apps name the things through the hook in ``lessons.panels`` (``lesson_terms``); this
module only matches words. Matching is exact and case-sensitive ("CSA" never matches "csa",
"Curiosity" never "curiosity"), on whole words, longest name first ("European Space Agency"
before "ESA"). Linking never changes a paragraph's words, never nests a link in a link, and is
a pure function of (paragraph HTML, terms), so it can be cached wherever the body is cached.
"""

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

from django.utils.html import escape, format_html


@dataclass(frozen=True)
class Term:
    """A thing that lessons may mention under any of its names, and the page about it."""

    key: str  # one per thing, e.g. "mission:iss"
    label: str  # what a chip shows: "ISS"
    url: str
    names: tuple[str, ...]  # exactly as written, case counts
    kind: str = ""  # "mission", "agency": how chips are grouped


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    term: Term


def terms_version(terms: tuple[Term, ...]) -> str:
    """A short fingerprint of the terms: part of every cache key of linked text."""
    text = "\n".join(f"{t.key}\t{t.label}\t{t.url}\t{'|'.join(t.names)}" for t in terms)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@lru_cache(maxsize=32)
def _matcher(terms: tuple[Term, ...], escaped: bool) -> tuple[re.Pattern | None, dict[str, Term]]:
    lookup: dict[str, Term] = {}
    for term in terms:
        for name in term.names:
            lookup.setdefault(str(escape(name)) if escaped else name, term)
    if not lookup:
        return None, lookup
    names = sorted(lookup, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(name) for name in names) + r")(?!\w)")
    return pattern, lookup


def find_mentions(text: str, terms: tuple[Term, ...]) -> list[Mention]:
    """Every mention of a term in plain text, in order, never overlapping."""
    pattern, lookup = _matcher(tuple(terms), False)
    if pattern is None:
        return []
    return [Mention(m.start(), m.end(), lookup[m.group()]) for m in pattern.finditer(text)]


def mentioned_terms(paragraphs: list[str], terms: tuple[Term, ...]) -> list[Term]:
    """The terms a text mentions, each once, in order of first mention."""
    seen: dict[str, Term] = {}
    for paragraph in paragraphs:
        for mention in find_mentions(paragraph, terms):
            seen.setdefault(mention.term.key, mention.term)
    return list(seen.values())


_TAG = re.compile(r"(<[^>]*>)")
_OPEN_A = re.compile(r"^<a[\s>]", re.IGNORECASE)
_CLOSE_A = re.compile(r"^</a\s*>", re.IGNORECASE)


def link_first_mentions(html: str, terms: tuple[Term, ...]) -> str:
    """Link the first mention of each term in one paragraph's HTML to the term's page.

    ``html`` is well-formed markup whose text is escaped (as Django renders it). Only text
    outside links is touched, and only by wrapping words in ``<a>``: the text is unchanged.
    """
    pattern, lookup = _matcher(tuple(terms), True)
    if pattern is None:
        return html
    linked: set[str] = set()
    depth = 0
    out: list[str] = []

    def link(match: re.Match) -> str:
        term = lookup[match.group()]
        if term.key in linked:
            return match.group()
        linked.add(term.key)
        # The matched text is already escaped markup: insert it as it is.
        return str(format_html('<a class="mention" href="{}">', term.url)) + match.group() + "</a>"

    for part in _TAG.split(html):
        if part.startswith("<"):
            if _OPEN_A.match(part):
                depth += 1
            elif _CLOSE_A.match(part):
                depth = max(0, depth - 1)
            out.append(part)
        elif depth or not part:
            out.append(part)
        else:
            out.append(pattern.sub(link, part))
    return "".join(out)
