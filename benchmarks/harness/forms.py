"""Read a page's answer form the way a browser would fill it (standard library only)."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, action_suffix: str) -> None:
        super().__init__(convert_charrefs=True)
        self.action_suffix = action_suffix
        self.inside = False
        self.action = ""
        self.fields: dict[str, str] = {}
        self._select: str | None = None
        self._options = 0
        self._groups: dict[str, int] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        if tag == "form" and attr.get("action", "").endswith(self.action_suffix):
            self.inside, self.action = True, attr["action"]
        if not self.inside:
            return
        name = attr.get("name", "")
        if name.startswith("flag-"):
            return  # "Flag for later" is no answer: a learner answering leaves it alone
        if tag == "input" and name and name not in self.fields:
            kind = attr.get("type", "text")
            if kind in {"hidden", "radio", "checkbox"}:
                self.fields[name] = attr.get("value", "on")
            elif kind in {"text", "number", "search"}:
                self.fields[name] = "1969"
        elif tag == "select" and name:
            # Selects of one question (q1-0, q1-1…) get different options: an ordering
            # needs each item in its own position.
            group = name.rpartition("-")[0] or name
            self._select, self._options = name, 0
            self._wanted = self._groups.get(group, 0)
            self._groups[group] = self._wanted + 1
        elif tag == "option" and self._select and attr.get("value"):
            if self._options == self._wanted or self._select not in self.fields:
                self.fields[self._select] = attr["value"]
            self._options += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None


def form_fields(html: str, action_suffix: str) -> tuple[str, dict[str, str]]:
    """The action and the fields a learner picking the first option everywhere would post."""
    reader = _FormReader(action_suffix)
    reader.feed(html)
    if not reader.action:
        raise ValueError(f"no form posting to …{action_suffix}")
    return reader.action, reader.fields
