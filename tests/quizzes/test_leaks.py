"""No answer key before the attempt is submitted (SECURITY.md 1-2), for every question of the bank.

Every page of attempts covering all 81 questions of the real bank is parsed, and nothing in the
HTML (text, attributes, data- attributes, inline scripts) may tell which answer is right: no
fractions, no verdicts, no feedback or explanations, no accepted short answers or numbers, no
choice ids (options carry indexes into the attempt's own layout). The layout itself is a
uniform random order, the key's order included (tests/quizzes/test_layout.py): a layout that
avoided the key would give it away.
"""

import html
import itertools
import re
from collections import defaultdict
from html.parser import HTMLParser
from unittest import mock

import pytest
from django.test import Client
from django.urls import resolve, reverse
from django.utils.text import Truncator

from quizzes.forms import Option
from quizzes.models import Answer, Attempt, Question, Quiz
from spaceedu.markdown import render_markdown, render_markdown_inline
from tests.factories import QuizFactory

pytestmark = pytest.mark.django_db

# Class names that only a graded question may carry (result_item.html and the like).
GRADED_CLASSES = {
    "right", "wrong", "correct", "incorrect", "partial", "is-correct", "is-wrong", "is-partial",
    "verdict", "verdict-right", "verdict-wrong", "verdict-partial", "tag-right", "tag-you",
    "picked", "result", "result-choices", "result-mark", "result-table", "result-order",
    "feedback", "explanation", "answer-key",
}  # fmt: skip
# Words that only a graded question may show.
GRADED_WORDS = [
    "correct", "right answer", "right match", "right order", "accepted:", "why:", "your answer:",
    "fully right", "✓", "✗", "◐",
]  # fmt: skip
# The only data- attributes an attempt or quiz page may carry: none of them about answers.
DATA_ATTRIBUTES = {
    "data-saved-text", "data-failed-text", "data-offline-text", "data-seconds-left",
    "data-left-text", "data-bs-toggle", "data-bs-target",
    # The exam clock's own words (issue 13): fixed texts, nothing about answers.
    "data-minutes-text", "data-seconds-text", "data-ends-text", "data-warn-five", "data-warn-one",
    # One question at a time on a phone and ordering by drag (issue 13): words and the count.
    "data-cue-text", "data-total", "data-moved-text", "data-up-text", "data-down-text",
}  # fmt: skip
# "confirm": the summary's "Submit all and finish" asks once when questions are unanswered.
HIDDEN_FIELDS = {"csrfmiddlewaretoken", "seq", "page", "page_token", "confirm"}
# Attributes that only wire the page together; every other attribute value is scanned.
STRUCTURAL_ATTRIBUTES = {
    "id", "for", "name", "class", "type", "href", "src", "rel", "action", "method", "role",
    "aria-describedby", "aria-labelledby", "aria-current", "aria-controls", "aria-expanded",
    "aria-live", "aria-hidden", "maxlength", "inputmode", "autocomplete", "spellcheck", "width",
    "height", "lang", "charset", "tabindex", "novalidate", "defer", "disabled", "checked",
    "selected",
}  # fmt: skip
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


# -- parsing ---------------------------------------------------------------------------------------


class PageScan(HTMLParser):
    """A page split into what the learner reads freely, the questions' own texts, and fields."""

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, dict]] = []
        self.elements: list[tuple[str, dict, int | None]] = []  # every tag, with its question
        self.free: list[str] = []  # text outside question texts, choice labels and options
        self.legends: list[str] = []
        self.all_text: list[str] = []
        self.scripts: list[tuple[dict, str]] = []
        self.labels: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.selects: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)
        # A matching question's answers listed in full (its selects name them by letter).
        self.match_answers: dict[int, list[str]] = defaultdict(list)
        self._buffer: list[str] | None = None

    def question(self) -> int | None:
        for tag, attrs in reversed(self.stack):
            if tag == "fieldset" and re.fullmatch(r"q\d+", attrs.get("id") or ""):
                return int(attrs["id"][1:])
        return None

    def _within(self, tag: str, cls: str | None = None) -> bool:
        return any(
            t == tag and (cls is None or cls in (a.get("class") or "").split())
            for t, a in self.stack
        )

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs, self.question()))
        if tag in VOID:
            return
        self.stack.append((tag, attrs))
        if tag in {"label", "option", "script"} or _is_match_answer(tag, attrs):
            self._buffer = []

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs), self.question()))

    def handle_endtag(self, tag):
        if tag in VOID or not any(t == tag for t, _ in self.stack):
            return
        while self.stack:
            open_tag, attrs = self.stack.pop()
            if open_tag == tag:
                break
        text = " ".join("".join(self._buffer or []).split())
        if tag == "label":
            for cls in (attrs.get("class") or "").split():
                self.labels[self.question()][cls].append(text)
            if "form-label" in (attrs.get("class") or ""):
                self.free.append(text)
        elif tag == "option":
            select = next(a for t, a in reversed(self.stack) if t == "select")
            self.selects[select["name"]].append((attrs.get("value"), text, "selected" in attrs))
        elif tag == "script":
            self.scripts.append((attrs, text))
        elif _is_match_answer(tag, attrs):
            self.match_answers[self.question()].append(text)
        if tag in {"label", "option", "script"} or _is_match_answer(tag, attrs):
            self._buffer = None

    def handle_comment(self, data):
        self.free.append(data)
        self.all_text.append(data)

    def handle_data(self, data):
        self.all_text.append(data)
        if self._buffer is not None:
            self._buffer.append(data)
        elif self._within("div", "question-text"):
            pass
        elif self._within("legend"):
            self.legends.append(data)
        elif self._within("ul", "match-answers"):
            pass  # the letters; the answers themselves are checked with the fields
        elif not self._within("style"):
            self.free.append(data)

    # What a leak could hide in: free text and every non-structural attribute value.
    def exposed(self, *, with_legends: bool) -> str:
        parts = list(self.free) + (self.legends if with_legends else [])
        for tag, attrs, _ in self.elements:
            for name, value in attrs.items():
                if value is None or name in STRUCTURAL_ATTRIBUTES:
                    continue
                if name == "value" and not _value_is_free(tag, attrs):
                    continue
                if tag == "meta":  # the site's description, the same on every page
                    continue
                parts.append(value)
        parts += [text for _, text in self.scripts]
        return " ".join(" ".join(parts).split())

    def page_text(self) -> str:
        return " ".join(" ".join(self.all_text).split())


def _is_match_answer(tag: str, attrs: dict) -> bool:
    return tag == "span" and "match-answer" in (attrs.get("class") or "").split()


def _value_is_free(tag: str, attrs: dict) -> bool:
    """Option, radio, checkbox and button values are indexes, checked one by one instead."""
    if tag in {"option", "button"}:
        return False
    kind = attrs.get("type")
    if kind in {"radio", "checkbox", "submit"}:
        return False
    # Random per request: nothing of the key, and free letters could look like a short answer.
    return not (kind == "hidden" and attrs.get("name") in {"csrfmiddlewaretoken", "page_token"})


def scan(response) -> PageScan:
    parser = PageScan()
    parser.feed(response.content.decode())
    parser.close()
    return parser


def plain(markdown: str, *, inline: bool = False) -> str:
    rendered = str((render_markdown_inline if inline else render_markdown)(markdown))
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", rendered)).split())


def number_pattern(value) -> re.Pattern:
    text = f"{value.normalize():f}"
    return re.compile(rf"(?<![\w.:,]){re.escape(text)}(?![\w:]|[.,]\d)")


# -- the checks -----------------------------------------------------------------------------------


def assert_no_answer_key(response, answers: list[Answer], *, on_page: list[Answer] = ()):
    """Nothing on the page tells right from wrong for these answers' questions.

    ``on_page``: the answers whose questions this page shows; their fields are checked too.
    """
    body = response.content.decode()
    page = scan(response)
    where = response.request["PATH_INFO"] + "?" + response.request.get("QUERY_STRING", "")

    assert "fraction" not in body.lower(), where
    classes = {c for _, attrs, _ in page.elements for c in (attrs.get("class") or "").split()}
    assert not classes & GRADED_CLASSES, (where, classes & GRADED_CLASSES)
    attributes = {name for _, attrs, _ in page.elements for name in attrs}
    assert {a for a in attributes if a.startswith("data-")} <= DATA_ATTRIBUTES, where
    for name in attributes:
        assert not re.search(r"correct|right|score|fraction|answer-?key|solution", name), name
    hidden = {a.get("name") for tag, a, _ in page.elements if a.get("type") == "hidden"}
    assert hidden <= HIDDEN_FIELDS, (where, hidden)
    for attrs, text in page.scripts:  # no inline script or JSON: only files from the app
        assert attrs.get("src") and not text, (where, attrs, text[:80])
    # "correct" as a verb, in the message of a refused post, is no verdict.
    exposed = page.exposed(with_legends=True).lower().replace("please correct it", "")
    for word in GRADED_WORDS:
        assert word not in exposed, (where, word)

    all_text = page.page_text() + " " + page.exposed(with_legends=False)
    # Legends count too, but their "Question 15" is a position, not an answer.
    exposed_numbers = re.sub(r"Question \d+", "", page.exposed(with_legends=True))
    for answer in answers:
        question = answer.question
        choices = list(question.choices.all())
        secrets = [question.general_feedback] + [c.feedback for c in choices]
        for secret in filter(None, secrets):
            assert plain(secret) not in all_text, (where, question.name, secret)
        for choice in choices:
            assert str(choice.fraction) not in body, (where, question.name)
        if question.type == "shortanswer":
            for choice in choices:
                found = re.search(rf"(?<!\w){re.escape(choice.text)}(?!\w)", exposed, re.I)
                assert not found, (where, question.name, choice.text)
        if question.type == "numerical":
            for choice in choices:
                assert str(choice.value) not in body, (where, question.name)
                found = number_pattern(choice.value).search(exposed_numbers)
                assert not found, (where, question.name, choice.value, exposed_numbers)

    for answer in on_page:
        assert_fields_show_no_key(page, answer, where)


def assert_fields_show_no_key(page: PageScan, answer: Answer, where: str):
    """The question's fields: its own layout's order, indexes as values, nothing picked."""
    n, question = answer.position, answer.question
    choices = {c.pk: c for c in question.choices.all()}
    layout = answer.layout.get("choices", [])
    labels = page.labels[n]
    inputs = [
        attrs
        for tag, attrs, q in page.elements
        if tag == "input" and q == n and (attrs.get("name") or "").startswith(f"q{n}")
    ]
    assert not any("checked" in attrs for attrs in inputs), (where, question.name)
    indexes = [str(i) for i in range(len(layout))]
    if question.type in {"single", "multiple", "truefalse"}:
        # Option values are indexes into this attempt's layout, never choice ids.
        assert [a["value"] for a in inputs] == indexes, (where, question.name)
        expected = (
            ["True", "False"]
            if question.type == "truefalse"
            else [plain(choices[pk].text, inline=True) for pk in layout]
        )
        assert labels["form-check-label"] == expected, (where, question.name)
    elif question.type in {"shortanswer", "numerical"}:
        assert [a.get("value") for a in inputs] == [""], (where, question.name)
        assert not labels.get("form-check-label"), (where, question.name)
    elif question.type == "matching":
        prompts = [plain(choices[pk].text, inline=True) for pk in layout]
        assert labels["match-prompt"] == prompts, (where, question.name)
        answers = [choices[pk].match_text for pk in answer.layout["answers"]]
        # Listed in full in this attempt's order; the selects offer each one's letter and start.
        assert page.match_answers[n] == answers, (where, question.name)
        named = [
            f"{Option(i, None).letter}: {Truncator(text).chars(28)}"
            for i, text in enumerate(answers)
        ]
        for row in range(len(layout)):
            options = page.selects[f"q{n}-{row}"]
            assert [o[0] for o in options] == [""] + [str(i) for i in range(len(answers))]
            assert [o[1] for o in options][1:] == named, (where, question.name)
            assert not any(o[2] for o in options), (where, question.name)
    elif question.type == "ordering":
        items = [plain(choices[pk].text, inline=True) for pk in layout]
        assert labels["order-item"] == items, (where, question.name)
        for row in range(len(layout)):
            options = page.selects[f"q{n}-{row}"]
            positions = [str(p) for p in range(1, len(layout) + 1)]
            assert [o[0] for o in options] == ["", *positions], (where, question.name)
            assert not any(o[2] for o in options), (where, question.name)


# -- fixtures and helpers -------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def learner_client(client, student):
    # A fixed name: a random first name ("Paris") must not look like a leaked answer.
    student.first_name = "Learner"
    student.save(update_fields=["first_name"])
    client.force_login(student)
    return client


@pytest.fixture
def seeded():
    """Attempts shuffle with seeds 1, 2, 3... so that every run checks the same layouts."""
    seeds = itertools.count(1)
    with mock.patch("quizzes.services.secrets.randbits", side_effect=lambda bits: next(seeds)):
        yield


def start(client, quiz: Quiz) -> Attempt:
    response = client.post(reverse("quizzes:start", args=[quiz.slug]))
    assert response.status_code == 302
    return Attempt.objects.get(pk=resolve(response.url).kwargs["pk"])


def answers_of(attempt: Attempt) -> list[Answer]:
    return list(
        Answer.objects.filter(attempt=attempt)
        .select_related("question")
        .prefetch_related("question__choices")
        .order_by("position")
    )


def every_page(client, attempt: Attempt):
    """Each page of the attempt with the answers it shows, then the summary (page 0)."""
    answers = answers_of(attempt)
    per_page = attempt.quiz.questions_per_page
    page_count = -(-len(answers) // per_page)
    for number in range(1, page_count + 1):
        response = client.get(f"{attempt.get_absolute_url()}?page={number}")
        assert response.status_code == 200
        yield response, answers, answers[(number - 1) * per_page : number * per_page]
    response = client.get(f"{attempt.get_absolute_url()}?page=0")
    assert response.status_code == 200
    yield response, answers, []


@pytest.fixture
def whole_bank_quizzes(bank):
    """Two quizzes holding all 81 questions on one page: choices shuffled, and not."""
    questions = list(Question.objects.order_by("pk"))
    return [
        QuizFactory(slug="whole-bank", questions=questions, questions_per_page=100),
        QuizFactory(
            slug="whole-bank-in-order",
            questions=questions,
            questions_per_page=100,
            shuffle_choices=False,
            feedback_timing="immediate",
        ),
    ]


# -- tests ----------------------------------------------------------------------------------------


def test_no_attempt_page_shows_the_answer_key_for_any_question_of_the_bank(
    learner_client, bank, whole_bank_quizzes, seeded
):
    quizzes = list(Quiz.objects.filter(lesson__isnull=False)) + whole_bank_quizzes
    quizzes.append(Quiz.objects.get(slug="final-exam"))
    seen: set[int] = set()
    types: set[str] = set()
    pages = 0
    for quiz in quizzes:
        attempt = start(learner_client, quiz)
        for response, answers, on_page in every_page(learner_client, attempt):
            assert_no_answer_key(response, on_page or answers, on_page=on_page)
            seen |= {a.question_id for a in on_page}
            types |= {a.question.type for a in on_page}
            pages += 1
    assert seen == set(Question.objects.values_list("pk", flat=True))
    assert types == set(Question.Type.values)
    assert pages > 20


def test_unfinished_review_redirects_and_the_page_it_leads_to_shows_no_key(
    learner_client, bank, whole_bank_quizzes, seeded
):
    for quiz in [*whole_bank_quizzes, Quiz.objects.get(slug="final-exam")]:
        attempt = start(learner_client, quiz)
        response = learner_client.get(reverse("quizzes:results", args=[attempt.pk]))
        assert response.status_code == 302
        assert response.url == attempt.get_absolute_url()
        assert response.content == b""
        followed = learner_client.get(response.url)
        answers = answers_of(attempt)
        assert_no_answer_key(followed, answers, on_page=answers[: quiz.questions_per_page])


def test_quiz_pages_show_no_key_to_visitors_learners_and_while_an_attempt_is_open(
    learner_client, bank, seeded
):
    every_question = list(Question.objects.prefetch_related("choices"))
    visitor = Client()
    for quiz in Quiz.objects.prefetch_related("questions__choices"):
        # A lesson quiz's own questions; the exam draws from them all. (A lesson's title such
        # as "Technological innovation" may name another lesson's short answer, legitimately.)
        questions = every_question if quiz.is_random else list(quiz.questions.all())
        answers = [Answer(question=q) for q in questions]
        for who in (visitor, learner_client):
            response = who.get(quiz.get_absolute_url())
            assert response.status_code == 200
            assert_no_answer_key(response, answers)
        start(learner_client, quiz)
        assert_no_answer_key(learner_client.get(quiz.get_absolute_url()), answers)


def test_a_rejected_post_re_renders_the_page_without_the_key(learner_client, bank, seeded):
    quiz = Quiz.objects.get(slug="introduction-quiz")
    attempt = start(learner_client, quiz)
    answers = answers_of(attempt)
    response = learner_client.post(
        reverse("quizzes:attempt-save", args=[attempt.pk]),
        {"seq": "0", "page": "1", "action": "save", "q99": "1"},
    )
    assert response.status_code == 400
    assert_no_answer_key(response, answers[:5], on_page=answers[:5])


def test_autosave_json_carries_nothing_but_the_sequence(learner_client, bank, seeded):
    quiz = Quiz.objects.get(slug="final-exam")
    attempt = start(learner_client, quiz)
    answers = answers_of(attempt)
    url = reverse("quizzes:attempt-save", args=[attempt.pk])
    data = {"seq": "0", "page": "1", "action": "autosave", "q1": "0"}
    response = learner_client.post(url, data, HTTP_ACCEPT="application/json")
    assert response.json() in ({"saved": True, "seq": 1}, {"error": response.json().get("error")})
    bad = learner_client.post(url, {**data, "q1": "9"}, HTTP_ACCEPT="application/json")
    assert set(bad.json()) <= {"error", "stale"}
    for payload in (response.content.decode(), bad.content.decode()):
        for answer in answers:
            for choice in answer.question.choices.all():
                assert str(choice.fraction) not in payload
                if choice.feedback:
                    assert choice.feedback not in payload


def test_check_on_a_quiz_with_feedback_after_submit_shows_no_verdict(learner_client, bank):
    """``check`` is for immediate-feedback quizzes; on the exam it must not grade or reveal."""
    exam = Quiz.objects.get(slug="final-exam")
    attempt = start(learner_client, exam)
    first = answers_of(attempt)[0]
    response = learner_client.post(
        reverse("quizzes:attempt-save", args=[attempt.pk]),
        {"seq": "0", "page": "1", "action": "save", "check": "1"},
    )
    assert response.status_code in {302, 400}
    page = learner_client.get(f"{attempt.get_absolute_url()}?page=1")
    assert_no_answer_key(page, [first], on_page=[first])
    assert not Answer.objects.get(pk=first.pk).checked
