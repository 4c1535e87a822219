"""Rules for the authored question bank (fixtures/questions.json).

Plain pytest, no Django and no database: the bank is read straight from the JSON file.
"""

import json
import math
from collections import Counter
from pathlib import Path

import pytest

BANK_PATH = Path(__file__).resolve().parents[2] / "fixtures" / "questions.json"

# Lesson slug -> number of paragraphs in that lesson (banners and title lines removed).
LESSON_PARAGRAPHS = {
    "introduction": 2,
    "historical-context": 3,
    "scientific-benefits": 3,
    "technological-innovation": 3,
    "diplomatic-implications": 3,
    "economic-considerations": 3,
    "future-prospects": 4,
    "conclusion": 2,
}

QUESTION_TYPES = {
    "single",
    "multiple",
    "truefalse",
    "shortanswer",
    "numerical",
    "matching",
    "ordering",
}

MISSIONS = {
    "apollo-soyuz",
    "iss",
    "rosetta",
    "voyager",
    "mars-rovers",
    "jwst",
    "artemis",
    "commercial-crew",
    "space-rider",
    "global-exploration-roadmap",
}
AGENCIES = {"nasa", "roscosmos", "esa", "jaxa", "csa", "itu", "cnes", "spacex", "isecg"}
THEMES = {
    "cost-sharing",
    "diplomacy",
    "shared-expertise",
    "science",
    "technology",
    "commercial",
    "fact-check",
    "history",
    "future",
}
TAG_VOCABULARY = {"mission": MISSIONS, "agency": AGENCIES, "theme": THEMES}

MIN_PER_LESSON = 9
MIN_PER_TYPE = 6
MIN_FACT_CHECK = 6
EPS = 1e-6


def _load_bank():
    with BANK_PATH.open(encoding="utf-8") as fh:
        return json.load(fh)


BANK = _load_bank()
QUESTIONS = BANK["questions"]


def _ids(questions):
    return [q.get("name", f"#{i}") for i, q in enumerate(questions)]


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _of_type(qtype):
    return [q for q in QUESTIONS if q.get("type") == qtype]


# ---------------------------------------------------------------- bank-wide rules


def test_bank_envelope():
    assert BANK.get("version") == 1
    assert isinstance(QUESTIONS, list) and QUESTIONS


def test_names_unique_and_present():
    names = [q.get("name") for q in QUESTIONS]
    assert all(isinstance(n, str) and n.strip() for n in names)
    duplicates = [n for n, c in Counter(names).items() if c > 1]
    assert not duplicates, f"duplicate names: {duplicates}"


def test_every_lesson_has_enough_questions():
    counts = Counter(q.get("lesson") for q in QUESTIONS)
    unknown = set(counts) - set(LESSON_PARAGRAPHS)
    assert not unknown, f"unknown lessons: {unknown}"
    short = {
        slug: counts.get(slug, 0)
        for slug in LESSON_PARAGRAPHS
        if counts.get(slug, 0) < MIN_PER_LESSON
    }
    assert not short, f"lessons with fewer than {MIN_PER_LESSON} questions: {short}"


def test_every_type_used_enough():
    counts = Counter(q.get("type") for q in QUESTIONS)
    unknown = set(counts) - QUESTION_TYPES
    assert not unknown, f"unknown types: {unknown}"
    short = {t: counts.get(t, 0) for t in QUESTION_TYPES if counts.get(t, 0) < MIN_PER_TYPE}
    assert not short, f"types used fewer than {MIN_PER_TYPE} times: {short}"


def test_enough_fact_check_questions():
    fact_checks = [q for q in QUESTIONS if "theme:fact-check" in q.get("tags", [])]
    assert len(fact_checks) >= MIN_FACT_CHECK


def test_every_mission_is_tagged():
    tagged = {
        t.split(":", 1)[1] for q in QUESTIONS for t in q.get("tags", []) if t.startswith("mission:")
    }
    missing = MISSIONS - tagged
    assert not missing, f"missions never tagged: {sorted(missing)}"


# ---------------------------------------------------------- per-question rules


@pytest.mark.parametrize("q", QUESTIONS, ids=_ids(QUESTIONS))
def test_common_fields(q):
    assert q.get("type") in QUESTION_TYPES
    assert q.get("lesson") in LESSON_PARAGRAPHS
    assert q.get("category") == q.get("lesson")
    assert isinstance(q.get("text"), str) and q["text"].strip()
    assert isinstance(q.get("general_feedback"), str) and q["general_feedback"].strip()


@pytest.mark.parametrize("q", QUESTIONS, ids=_ids(QUESTIONS))
def test_tags_known(q):
    tags = q.get("tags")
    assert isinstance(tags, list) and tags, "every question needs at least one tag"
    for tag in tags:
        prefix, sep, slug = tag.partition(":")
        assert sep and prefix in TAG_VOCABULARY, f"unknown tag prefix in {tag!r}"
        assert slug in TAG_VOCABULARY[prefix], f"unknown tag {tag!r}"
    assert len(set(tags)) == len(tags), "duplicate tags"


@pytest.mark.parametrize("q", QUESTIONS, ids=_ids(QUESTIONS))
def test_paragraph_within_lesson(q):
    paragraph = q.get("paragraph")
    if paragraph is None:
        return
    assert isinstance(paragraph, int) and not isinstance(paragraph, bool)
    assert 1 <= paragraph <= LESSON_PARAGRAPHS[q["lesson"]]


def _all_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _all_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _all_strings(v)


@pytest.mark.parametrize("q", QUESTIONS, ids=_ids(QUESTIONS))
def test_no_html(q):
    for s in _all_strings(q):
        assert "<" not in s, f"HTML-like text in {q['name']}: {s!r}"


# --------------------------------------------------------------- per-type rules


@pytest.mark.parametrize("q", _of_type("single"), ids=_ids(_of_type("single")))
def test_single_choice(q):
    choices = q.get("choices")
    assert isinstance(choices, list) and 3 <= len(choices) <= 5
    for c in choices:
        assert isinstance(c.get("text"), str) and c["text"].strip()
        assert _is_number(c.get("fraction"))
        assert "feedback" in c
    correct = [c for c in choices if abs(c["fraction"] - 1.0) < EPS]
    assert len(correct) == 1, "exactly one choice must have fraction 1.0"
    others = [c for c in choices if c is not correct[0]]
    assert all(abs(c["fraction"]) < EPS for c in others), "other choices must have fraction 0"
    texts = [c["text"] for c in choices]
    assert len(set(texts)) == len(texts)


@pytest.mark.parametrize("q", _of_type("multiple"), ids=_ids(_of_type("multiple")))
def test_multiple_choice(q):
    choices = q.get("choices")
    assert isinstance(choices, list) and 4 <= len(choices) <= 6
    for c in choices:
        assert isinstance(c.get("text"), str) and c["text"].strip()
        assert _is_number(c.get("fraction"))
        assert -1.0 - EPS <= c["fraction"] <= 1.0 + EPS
        assert "feedback" in c
    positive = [c["fraction"] for c in choices if c["fraction"] > 0]
    assert len(positive) >= 2
    assert abs(sum(positive) - 1.0) < EPS, f"positive fractions sum to {sum(positive)}"
    assert any(c["fraction"] < 0 for c in choices), "wrong choices should be penalised"
    texts = [c["text"] for c in choices]
    assert len(set(texts)) == len(texts)


@pytest.mark.parametrize("q", _of_type("truefalse"), ids=_ids(_of_type("truefalse")))
def test_truefalse(q):
    assert isinstance(q.get("correct"), bool)
    assert isinstance(q.get("feedback_true"), str)
    assert isinstance(q.get("feedback_false"), str)


@pytest.mark.parametrize("q", _of_type("shortanswer"), ids=_ids(_of_type("shortanswer")))
def test_shortanswer(q):
    answers = q.get("answers")
    assert isinstance(answers, list) and answers
    for a in answers:
        assert isinstance(a.get("text"), str) and a["text"].strip()
        assert _is_number(a.get("fraction")) and 0.0 <= a["fraction"] <= 1.0
    assert any(abs(a["fraction"] - 1.0) < EPS for a in answers), "needs a full-credit answer"


@pytest.mark.parametrize("q", _of_type("numerical"), ids=_ids(_of_type("numerical")))
def test_numerical(q):
    answers = q.get("answers")
    assert isinstance(answers, list) and answers
    for a in answers:
        assert _is_number(a.get("value")), "numerical answer needs a numeric value"
        assert _is_number(a.get("tolerance", 0)) and a.get("tolerance", 0) >= 0
        assert _is_number(a.get("fraction")) and 0.0 <= a["fraction"] <= 1.0
    assert any(abs(a["fraction"] - 1.0) < EPS for a in answers), "needs a full-credit answer"


@pytest.mark.parametrize("q", _of_type("matching"), ids=_ids(_of_type("matching")))
def test_matching(q):
    pairs = q.get("pairs")
    assert isinstance(pairs, list) and len(pairs) >= 2
    prompts = [p.get("prompt") for p in pairs]
    answers = [p.get("answer") for p in pairs]
    assert all(isinstance(s, str) and s.strip() for s in prompts + answers)
    assert len(set(prompts)) == len(prompts), "matching prompts must be unique"
    assert len(set(answers)) == len(answers), "matching answers must be unique"


@pytest.mark.parametrize("q", _of_type("ordering"), ids=_ids(_of_type("ordering")))
def test_ordering(q):
    items = q.get("items")
    assert isinstance(items, list) and len(items) >= 3
    assert all(isinstance(i, str) and i.strip() for i in items)
    assert len(set(items)) == len(items), "ordering items must be unique"
