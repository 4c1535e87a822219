"""Taking a quiz through its pages as a browser would: questions of every type, the form
fields an honest (or a wrong) learner sends, and reading the pages back."""

import html
import re
from html.parser import HTMLParser

from django.urls import resolve, reverse

from lessons.models import Lesson
from quizzes.bank import question_save
from quizzes.models import Answer, Attempt, Quiz

# One question of each type, in this order on the page (q1 single ... q7 ordering).
TYPE_SPECS = [
    {
        "type": "single",
        "text": "Which agency runs Rosetta?",
        "general_feedback": "Rosetta was an ESA mission.",
        "choices": [
            {"text": "ESA", "fraction": 1, "feedback": "Yes, ESA led it."},
            {"text": "NASA", "fraction": 0, "feedback": "NASA gave instruments only."},
            {"text": "JAXA", "fraction": 0, "feedback": "JAXA had no part in it."},
        ],
    },
    {
        "type": "multiple",
        "text": "Which agencies are ISS partners? Choose two.",
        "general_feedback": "Five agencies run the ISS.",
        "choices": [
            {"text": "NASA", "fraction": 0.5, "feedback": "A founding partner."},
            {"text": "JAXA", "fraction": 0.5, "feedback": "Japan's agency is a partner."},
            {"text": "ISRO", "fraction": -0.5, "feedback": "India is not an ISS partner."},
            {"text": "CNSA", "fraction": -0.5, "feedback": "China runs its own station."},
        ],
    },
    {
        "type": "truefalse",
        "text": "Apollo and Soyuz docked in orbit.",
        "general_feedback": "They docked in July of that year.",
        "correct": True,
        "feedback_true": "Indeed they did.",
        "feedback_false": "They did dock.",
    },
    {
        "type": "shortanswer",
        "text": "Name the lander of the Rosetta mission.",
        "general_feedback": "The lander touched down on a comet.",
        "answers": [{"text": "Philae", "fraction": 1, "feedback": "Well done, Philae."}],
    },
    {
        "type": "numerical",
        "text": "In which year did Apollo–Soyuz fly?",
        "general_feedback": "Apollo–Soyuz flew during détente.",
        "answers": [{"value": 1975, "tolerance": 0, "fraction": 1, "feedback": "July."}],
    },
    {
        "type": "matching",
        "text": "Match each agency to its country.",
        "general_feedback": "Each agency belongs to one country.",
        "pairs": [
            {"prompt": "NASA", "answer": "United States"},
            {"prompt": "JAXA", "answer": "Japan"},
            {"prompt": "CSA", "answer": "Canada"},
        ],
    },
    {
        "type": "ordering",
        "text": "Put these missions in the order they flew.",
        "general_feedback": "From the Cold War to the Moon.",
        "items": ["Apollo–Soyuz", "First ISS module", "Artemis I"],
    },
]


def make_questions(count: int, *, prefix: str = "q", lesson: Lesson | None = None):
    """``count`` questions cycling through the seven types."""
    questions = []
    for n in range(count):
        spec = {**TYPE_SPECS[n % len(TYPE_SPECS)], "name": f"{prefix}-{n}", "category": prefix}
        question, _ = question_save(data=spec, lesson=lesson)
        questions.append(question)
    return questions


def start(client, quiz: Quiz) -> Attempt:
    response = client.post(reverse("quizzes:start", args=[quiz.slug]))
    assert response.status_code == 302, response
    return Attempt.objects.get(pk=resolve(response.url).kwargs["pk"])


def answers_of(attempt: Attempt) -> list[Answer]:
    return list(
        Answer.objects.filter(attempt=attempt)
        .select_related("question", "question__lesson")
        .prefetch_related("question__choices")
        .order_by("position")
    )


def _choices(answer: Answer) -> dict:
    return {choice.pk: choice for choice in answer.question.choices.all()}


def _rank(answer: Answer) -> dict[int, int]:
    """Ordering: each item's place in the right order, from 1."""
    ordered = sorted(answer.question.choices.all(), key=lambda c: (c.position, c.pk))
    return {choice.pk: n for n, choice in enumerate(ordered, start=1)}


def right_fields(answer: Answer) -> dict:
    """The form fields an honest page sends for this question answered right."""
    name, kind, choices = f"q{answer.position}", answer.question.type, _choices(answer)
    layout = answer.layout.get("choices", [])
    if kind == "single":
        return {name: str(next(i for i, pk in enumerate(layout) if choices[pk].fraction == 1))}
    if kind == "multiple":
        return {name: [str(i) for i, pk in enumerate(layout) if choices[pk].fraction > 0]}
    if kind == "truefalse":  # the first choice is "True"
        return {name: "0" if choices[layout[0]].fraction > 0 else "1"}
    if kind == "shortanswer":
        return {name: next(c.text for c in choices.values() if c.fraction == 1)}
    if kind == "numerical":
        value = next(c.value for c in choices.values() if c.fraction == 1)
        return {name: f"{value.normalize():f}"}
    if kind == "matching":
        answers = [choices[pk].match_text for pk in answer.layout["answers"]]
        return {
            f"{name}-{i}": str(answers.index(choices[pk].match_text)) for i, pk in enumerate(layout)
        }
    rank = _rank(answer)  # ordering
    return {f"{name}-{i}": str(rank[pk]) for i, pk in enumerate(layout)}


def wrong_fields(answer: Answer) -> dict:
    """Fields answering this question wrong (scoring 0)."""
    name, kind, choices = f"q{answer.position}", answer.question.type, _choices(answer)
    layout = answer.layout.get("choices", [])
    if kind == "single":
        return {name: str(next(i for i, pk in enumerate(layout) if choices[pk].fraction < 1))}
    if kind == "multiple":
        return {name: [str(i) for i, pk in enumerate(layout) if choices[pk].fraction <= 0]}
    if kind == "truefalse":
        return {name: "1" if choices[layout[0]].fraction > 0 else "0"}
    if kind == "shortanswer":
        return {name: "Nothing like it"}
    if kind == "numerical":
        return {name: "-1"}
    if kind == "matching":
        answers = [choices[pk].match_text for pk in answer.layout["answers"]]
        return {
            f"{name}-{i}": str(answers.index(choices[layout[(i + 1) % len(layout)]].match_text))
            for i in range(len(layout))
        }
    rank, count = _rank(answer), len(layout)  # ordering: every item one place off
    return {f"{name}-{i}": str(rank[pk] % count + 1) for i, pk in enumerate(layout)}


def merged(*field_dicts: dict) -> dict:
    return {key: value for fields in field_dicts for key, value in fields.items()}


def save(
    client, attempt: Attempt, fields: dict, *, page=1, action="save", seq=None, check=None, **extra
):
    """Post a page of the attempt as the browser would (``seq`` defaults to the current one)."""
    if seq is None:
        seq = Attempt.objects.get(pk=attempt.pk).sequence
    data = {"seq": str(seq), "page": str(page), "action": action, **fields}
    if check is not None:
        data["check"] = str(check)
    return client.post(reverse("quizzes:attempt-save", args=[attempt.pk]), data, **extra)


def save_json(client, attempt: Attempt, fields: dict, **kwargs):
    return save(
        client, attempt, fields, action="autosave", HTTP_ACCEPT="application/json", **kwargs
    )


def submit(client, attempt: Attempt):
    return client.post(reverse("quizzes:attempt-submit", args=[attempt.pk]))


def page_url(attempt: Attempt, page: int) -> str:
    return f"{attempt.get_absolute_url()}?page={page}"


def results_url(attempt: Attempt) -> str:
    return reverse("quizzes:results", args=[attempt.pk])


def text_of(response) -> str:
    """The page's visible text, unescaped, with whitespace collapsed."""
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def plain(text: str) -> str:
    return " ".join(text.split())


def fieldset(response, position: int) -> str:
    """The HTML of one question's fieldset on a page."""
    body = response.content.decode()
    match = re.search(rf'<fieldset[^>]*\bid="q{position}".*?</fieldset>', body, flags=re.S)
    assert match, f"question {position} is not on the page"
    return match.group(0)


class _FormState(HTMLParser):
    """What the page's answer fields currently hold: name -> list of values."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, list[str]] = {}
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name") or ""
        if tag == "input" and re.fullmatch(r"q\d+(-\d+)?", name):
            if attrs.get("type") in {"radio", "checkbox"}:
                if "checked" in attrs:
                    self.fields.setdefault(name, []).append(attrs["value"])
            elif attrs.get("value"):
                self.fields[name] = [attrs["value"]]
        elif tag == "select" and re.fullmatch(r"q\d+(-\d+)?", name):
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields[self._select] = [attrs["value"]]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def form_state(response) -> dict[str, list[str]]:
    parser = _FormState()
    parser.feed(response.content.decode())
    return {name: sorted(values) for name, values in parser.fields.items()}


def as_state(fields: dict) -> dict[str, list[str]]:
    return {k: sorted(v if isinstance(v, list) else [v]) for k, v in fields.items()}


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def picked_choice(answer: Answer) -> int | None:
    answer = Answer.objects.select_related("question").get(pk=answer.pk)
    response = answer.response or {}
    if answer.question.type == "truefalse":
        return answer.layout["choices"][0 if response.get("value") else -1]
    return response.get("choice")
