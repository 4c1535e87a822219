"""Taking a quiz through its pages: start, save, resume, check, submit, review, and abuse."""

import html
import re
from datetime import timedelta
from decimal import Decimal
from html.parser import HTMLParser
from unittest import mock

import pytest
from django.http import QueryDict
from django.urls import resolve, reverse
from django.utils import timezone

from lessons.models import Lesson
from quizzes import services
from quizzes.bank import question_save
from quizzes.forms import build_slot, parse_slot
from quizzes.models import Answer, Attempt, Question, Quiz
from tests.factories import CourseFactory, QuestionFactory, QuizFactory

pytestmark = pytest.mark.django_db

# -- fixtures -------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The users' passwords play no part here; hashing them slowly would only slow the tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def intro_quiz(bank):
    """10 questions of all seven types, 5 per page, immediate feedback, unlimited attempts."""
    return Quiz.objects.get(slug="introduction-quiz")


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


@pytest.fixture
def all_types_quiz(db):
    """Seven questions, one per type, all on one page; feedback after submitting."""
    return QuizFactory(
        slug="all-types", questions=make_questions(7, prefix="all"), questions_per_page=10
    )


@pytest.fixture
def timed_quiz(db):
    """Three single-choice questions with a 10-minute limit."""
    return QuizFactory(
        slug="timed", questions=QuestionFactory.create_batch(3), time_limit=timedelta(minutes=10)
    )


# -- helpers --------------------------------------------------------------------------------------


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


def review_url(attempt: Attempt) -> str:
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


# -- 1. The quiz page -----------------------------------------------------------------------------


def test_visitor_sees_instructions_and_a_sign_in_prompt_but_no_start_form(client, intro_quiz):
    response = client.get(intro_quiz.get_absolute_url())
    assert response.status_code == 200
    text = text_of(response)
    assert "Check what you learned in this lesson" in text
    assert "10 questions" in text
    assert "Log in or sign up to take this quiz" in text
    assert f'href="{reverse("login")}?next=' in response.content.decode()
    assert reverse("quizzes:start", args=[intro_quiz.slug]) not in response.content.decode()
    assert "Your attempts" not in text


def test_learner_sees_the_start_button_and_no_attempts_yet(student_client, intro_quiz):
    response = student_client.get(intro_quiz.get_absolute_url())
    body, text = response.content.decode(), text_of(response)
    assert f'action="{reverse("quizzes:start", args=[intro_quiz.slug])}"' in body
    assert "Start the quiz" in text
    assert "No attempts yet." in text
    assert "Log in or sign up" not in text


def test_quiz_page_offers_resume_while_an_attempt_is_open(student_client, intro_quiz):
    attempt = start(student_client, intro_quiz)
    response = student_client.get(intro_quiz.get_absolute_url())
    text = text_of(response)
    assert "Resume your attempt" in text
    assert "Start the quiz" not in text
    assert "In progress" in text
    assert f'href="{attempt.get_absolute_url()}"' in response.content.decode()


def test_quiz_page_shows_attempts_table_grade_and_new_attempt_after_submitting(
    student_client, intro_quiz
):
    attempt = start(student_client, intro_quiz)
    answers = answers_of(attempt)
    save(student_client, attempt, merged(*(right_fields(a) for a in answers[:5])))
    save(student_client, attempt, merged(*(right_fields(a) for a in answers[5:])), page=2)
    submit(student_client, attempt)
    response = student_client.get(intro_quiz.get_absolute_url())
    text = text_of(response)
    assert "Your grade: 100% (highest grade) Passed" in text
    assert "Start a new attempt" in text
    assert "Resume your attempt" not in text
    assert f'href="{review_url(attempt)}"' in response.content.decode()
    assert re.search(r"<td>1</td>\s*<td><a href=\"[^\"]+\">Review</a>", response.content.decode())
    assert "100%" in text


def test_lesson_page_links_to_its_quiz(client, intro_quiz):
    response = client.get(reverse("lessons:detail", args=["introduction"]))
    assert f'href="{intro_quiz.get_absolute_url()}"' in response.content.decode()
    assert "Take the quiz" in text_of(response)


def test_lesson_list_links_to_the_final_exam(client, bank):
    response = client.get(reverse("lessons:list"))
    assert f'href="{reverse("quizzes:detail", args=["final-exam"])}"' in response.content.decode()
    assert "Go to the final exam" in text_of(response)


def test_unknown_quiz_is_404(student_client, bank):
    assert student_client.get(reverse("quizzes:detail", args=["no-such-quiz"])).status_code == 404
    response = student_client.post(reverse("quizzes:start", args=["no-such-quiz"]))
    assert response.status_code == 404


def test_unpublished_quiz_is_404_and_cannot_be_started(student_client, intro_quiz):
    Quiz.objects.filter(pk=intro_quiz.pk).update(is_published=False)
    assert student_client.get(intro_quiz.get_absolute_url()).status_code == 404
    response = student_client.post(reverse("quizzes:start", args=[intro_quiz.slug]))
    assert response.status_code == 404
    assert not Attempt.objects.exists()


# -- 2. Taking a quiz end to end ------------------------------------------------------------------


def test_answering_every_type_right_through_all_pages_scores_100_and_passes(
    student_client, student, intro_quiz
):
    assert {q.type for q in intro_quiz.questions.all()} == set(Question.Type.values)
    response = student_client.post(reverse("quizzes:start", args=[intro_quiz.slug]))
    attempt = Attempt.objects.get(user=student, quiz=intro_quiz)
    assert response.url == attempt.get_absolute_url()
    answers = answers_of(attempt)
    assert len(answers) == 10

    page1 = student_client.get(response.url)
    assert page1.status_code == 200
    assert "Page 1 of 2" in text_of(page1)
    assert [slot.answer.position for slot in page1.context["page"].slots] == [1, 2, 3, 4, 5]
    response = save(
        student_client, attempt, merged(*(right_fields(a) for a in answers[:5])), action="next"
    )
    assert response.status_code == 302
    assert response.url == page_url(attempt, 2)

    page2 = student_client.get(response.url)
    assert "Page 2 of 2" in text_of(page2)
    assert "5 of 10 answered" in text_of(page2)
    assert [slot.answer.position for slot in page2.context["page"].slots] == [6, 7, 8, 9, 10]
    response = save(
        student_client,
        attempt,
        merged(*(right_fields(a) for a in answers[5:])),
        page=2,
        action="summary",
    )
    assert response.url == page_url(attempt, 0)

    summary = student_client.get(response.url)
    text = text_of(summary)
    assert "Check your answers, then submit" in text
    assert "10 of 10 answered" in text
    assert "Not answered" not in text
    assert reverse("quizzes:attempt-submit", args=[attempt.pk]) in summary.content.decode()

    response = submit(student_client, attempt)
    assert response.status_code == 302
    assert response.url == review_url(attempt)
    review = student_client.get(response.url)
    assert review.status_code == 200
    text = text_of(review)
    assert "100%" in text
    assert "Passed" in text
    assert "Not passed" not in text
    assert "10 of 10 questions fully right." in text
    assert text.count("✓ Correct") == 10
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED
    assert attempt.score == Decimal("1")
    assert all(answer.score == 1 for answer in answers_of(attempt))


def test_answering_wrong_shows_right_answers_feedback_explanation_and_lesson_link(
    student_client, intro_quiz
):
    attempt = start(student_client, intro_quiz)
    answers = answers_of(attempt)
    save(student_client, attempt, merged(*(wrong_fields(a) for a in answers[:5])), action="next")
    save(student_client, attempt, merged(*(wrong_fields(a) for a in answers[5:])), page=2)
    response = submit(student_client, attempt)
    review = student_client.get(response.url)
    text, body = text_of(review), review.content.decode()

    assert "0%" in text
    assert "Not passed" in text
    assert "0 of 10 questions fully right." in text
    assert text.count("✗ Incorrect") == 10
    for answer in answers:
        question, part = answer.question, fieldset(review, answer.position)
        part_text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", part)).split())
        # The explanation and the way back to the lesson paragraph.
        assert "Why:" in part_text
        assert plain(question.general_feedback) in part_text
        url = reverse("lessons:detail", args=[question.lesson.slug])
        if question.paragraph:  # questions from the fact checks have no paragraph
            url += f"#p{question.paragraph}"
        assert f'href="{url}"' in part
        choices = list(question.choices.all())
        if question.type in {"single", "truefalse"}:
            assert "the right answer" in part_text
            picked = [c for c in choices if c.pk == _picked_choice(answer)]
            for choice in picked:  # per-choice feedback of the wrong pick
                if choice.feedback:
                    assert plain(choice.feedback) in part_text
        elif question.type == "multiple":
            assert part_text.count("a right answer") == sum(c.fraction > 0 for c in choices)
            for choice in choices:
                if choice.fraction <= 0 and choice.feedback:
                    assert plain(choice.feedback) in part_text
        elif question.type == "shortanswer":
            accepted = ", ".join(c.text for c in choices if c.fraction >= 1)
            assert f"Accepted: {accepted}" in part_text
        elif question.type == "numerical":
            value = next(c.value for c in choices if c.fraction >= 1)
            assert f"Accepted: {value.normalize():f}" in part_text
        elif question.type == "matching":
            assert "Right match" in part_text
            for choice in choices:
                assert re.search(rf"<td>{re.escape(html.escape(choice.match_text))}</td>", part)
        elif question.type == "ordering":
            right = re.findall(r"<ol class=\"result-order\">(.*?)</ol>", part, flags=re.S)[1]
            items = [html.unescape(i) for i in re.findall(r"<li>(.*?)</li>", right)]
            assert items == [c.text for c in sorted(choices, key=lambda c: (c.position, c.pk))]
    assert body.count('class="explanation"') == 10
    assert len(re.findall(r'href="/lessons/introduction/#p\d"', body)) == 4


def _picked_choice(answer: Answer) -> int | None:
    answer = Answer.objects.select_related("question").get(pk=answer.pk)
    response = answer.response or {}
    if answer.question.type == "truefalse":
        return answer.layout["choices"][0 if response.get("value") else -1]
    return response.get("choice")


def test_previous_and_page_buttons_go_where_asked(student_client, intro_quiz):
    attempt = start(student_client, intro_quiz)
    response = save(student_client, attempt, {}, page=2, action="prev")
    assert response.url == page_url(attempt, 1)
    response = save(student_client, attempt, {}, page=1, action="page-2")
    assert response.url == page_url(attempt, 2)
    response = save(student_client, attempt, {}, page=2, action="summary")
    assert response.url == page_url(attempt, 0)
    assert student_client.get(page_url(attempt, 99)).context["page"].page == 2


# -- 3. Save and resume ---------------------------------------------------------------------------


def test_saved_answers_are_shown_again_on_reload_and_after_resume(student_client, intro_quiz):
    attempt = start(student_client, intro_quiz)
    answers = answers_of(attempt)
    page1 = merged(*(right_fields(a) for a in answers[:5]))
    page2 = merged(*(right_fields(a) for a in answers[5:]))
    response = save(student_client, attempt, page1)
    assert response.url == page_url(attempt, 1)
    save(student_client, attempt, page2, page=2)

    reloaded = student_client.get(page_url(attempt, 1))
    assert "Your answers are saved." in messages_of(reloaded)
    assert form_state(reloaded) == as_state(page1)
    assert " checked>" in reloaded.content.decode()
    assert " selected>" in reloaded.content.decode()

    detail = student_client.get(intro_quiz.get_absolute_url())
    assert "Resume your attempt" in text_of(detail)
    response = student_client.post(reverse("quizzes:start", args=[intro_quiz.slug]))
    assert response.url == attempt.get_absolute_url()
    assert Attempt.objects.count() == 1
    resumed = student_client.get(response.url)
    assert form_state(resumed) == as_state(page1)
    second = student_client.get(page_url(attempt, 2))
    assert form_state(second) == as_state(page2)
    body = second.content.decode()
    numerical = next(a for a in answers[5:] if a.question.type == "numerical")
    shortanswer = next(a for a in answers[5:] if a.question.type == "shortanswer")
    assert f'value="{page2[f"q{numerical.position}"]}"' in body
    assert f'value="{page2[f"q{shortanswer.position}"]}"' in body
    assert "10 of 10 answered" in text_of(second)


def test_autosave_answers_json_and_bumps_the_sequence(student_client, all_types_quiz):
    attempt = start(student_client, all_types_quiz)
    answers = answers_of(attempt)
    response = save_json(student_client, attempt, right_fields(answers[0]))
    assert response.status_code == 200
    assert response.json() == {"saved": True, "seq": 1}
    attempt.refresh_from_db()
    assert attempt.sequence == 1
    assert Answer.objects.get(pk=answers[0].pk).response is not None

    response = save_json(student_client, attempt, merged(*(right_fields(a) for a in answers)))
    assert response.json() == {"saved": True, "seq": 2}
    page = student_client.get(attempt.get_absolute_url())
    assert form_state(page) == as_state(merged(*(right_fields(a) for a in answers)))
    assert '<input type="hidden" name="seq" value="2">' in page.content.decode()


def test_clearing_an_answer_saves_it_as_unanswered(student_client, all_types_quiz):
    attempt = start(student_client, all_types_quiz)
    answers = answers_of(attempt)
    save(student_client, attempt, right_fields(answers[3]))
    assert Answer.objects.get(pk=answers[3].pk).response == {"text": "Philae"}
    save(student_client, attempt, {"q4": "   "})
    assert Answer.objects.get(pk=answers[3].pk).response is None


# -- 4. Stale forms -------------------------------------------------------------------------------


def test_stale_form_changes_nothing_and_says_so(student_client, all_types_quiz):
    attempt = start(student_client, all_types_quiz)
    answers = answers_of(attempt)
    save(student_client, attempt, right_fields(answers[0]), seq=0)  # newer tab saves first
    newer = Answer.objects.get(pk=answers[0].pk).response

    response = save(student_client, attempt, wrong_fields(answers[0]), seq=0)  # the old tab
    assert response.status_code == 302
    assert response.url == page_url(attempt, 1)
    follow = student_client.get(response.url)
    assert any("This page was out of date" in m for m in messages_of(follow))
    assert "nothing was saved from it" in text_of(follow)
    assert Answer.objects.get(pk=answers[0].pk).response == newer
    attempt.refresh_from_db()
    assert attempt.sequence == 1


def test_stale_autosave_answers_409(student_client, all_types_quiz):
    attempt = start(student_client, all_types_quiz)
    answers = answers_of(attempt)
    save_json(student_client, attempt, right_fields(answers[0]))
    response = save_json(student_client, attempt, wrong_fields(answers[0]), seq=0)
    assert response.status_code == 409
    assert response.json()["stale"] is True
    assert "out of date" in response.json()["error"]
    assert Attempt.objects.get(pk=attempt.pk).sequence == 1


@pytest.mark.parametrize("seq", [None, "", "abc", "-1", "99999999999999999999"])
def test_missing_or_malformed_sequence_counts_as_stale(student_client, all_types_quiz, seq):
    attempt = start(student_client, all_types_quiz)
    answers = answers_of(attempt)
    data = {"page": "1", "action": "save", **right_fields(answers[0])}
    if seq is not None:
        data["seq"] = seq
    response = student_client.post(reverse("quizzes:attempt-save", args=[attempt.pk]), data)
    assert response.status_code == 302
    assert Answer.objects.get(pk=answers[0].pk).response is None


# -- 5. Immediate feedback ------------------------------------------------------------------------


def test_check_grades_the_question_shows_feedback_and_locks_it(student_client, intro_quiz):
    attempt = start(student_client, intro_quiz)
    answers = answers_of(attempt)
    single = next(a for a in answers[:5] if a.question.type == "single")
    n = single.position
    response = save(student_client, attempt, right_fields(single), check=str(n))
    assert response.status_code == 302
    assert response.url == page_url(attempt, 1) + f"#q{n}"

    page = student_client.get(page_url(attempt, 1))
    part = fieldset(page, n)
    assert "verdict-right" in part
    assert "✓ Correct" in part
    right = next(c for c in single.question.choices.all() if c.fraction == 1)
    assert html.escape(right.feedback) in part or right.feedback in html.unescape(part)
    assert "disabled" in part
    checked = Answer.objects.get(pk=single.pk)
    assert checked.checked
    assert checked.score == 1
    # The other questions are still open and show nothing.
    for other in answers[:5]:
        if other.pk != single.pk:
            assert "verdict" not in fieldset(page, other.position)

    # A later post (tampered, since the page no longer has the field) cannot change it.
    response = save(student_client, attempt, wrong_fields(single))
    assert response.status_code == 302
    assert Answer.objects.get(pk=single.pk).response == checked.response
    response = save(student_client, attempt, wrong_fields(single), check=str(n))
    assert Answer.objects.get(pk=single.pk).response == checked.response
    assert Answer.objects.get(pk=single.pk).score == 1
    submit(student_client, attempt)
    assert Answer.objects.get(pk=single.pk).score == 1


def test_check_a_wrong_answer_says_incorrect_with_its_feedback(student_client, intro_quiz):
    attempt = start(student_client, intro_quiz)
    answers = answers_of(attempt)
    single = next(a for a in answers[:5] if a.question.type == "single")
    save(student_client, attempt, wrong_fields(single), check=str(single.position))
    part = fieldset(student_client.get(page_url(attempt, 1)), single.position)
    assert "✗ Incorrect" in part
    picked = next(c for c in single.question.choices.all() if c.pk == _picked_choice(single))
    assert plain(picked.feedback) in " ".join(html.unescape(part).split())
    assert Answer.objects.get(pk=single.pk).score == 0


def test_check_through_autosave_json_is_graded(student_client, intro_quiz):
    attempt = start(student_client, intro_quiz)
    answers = answers_of(attempt)
    response = save_json(student_client, attempt, right_fields(answers[0]), check="1")
    assert response.json() == {"saved": True, "seq": 1}
    assert Answer.objects.get(pk=answers[0].pk).checked


def test_check_of_a_question_on_another_page_is_400(student_client, intro_quiz):
    attempt = start(student_client, intro_quiz)
    response = save(student_client, attempt, {}, check="7")
    assert response.status_code == 400
    assert "not on this page" in text_of(response)
    assert not Answer.objects.filter(attempt=attempt, checked=True).exists()


# -- 6. Time limit --------------------------------------------------------------------------------


def _expire(attempt: Attempt, *, seconds_ago: int) -> Attempt:
    deadline = timezone.now() - timedelta(seconds=seconds_ago)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=deadline)
    attempt.refresh_from_db()
    return attempt


def test_timed_attempt_shows_the_server_time_left(student_client, timed_quiz):
    attempt = start(student_client, timed_quiz)
    assert attempt.deadline == attempt.started_at + timedelta(minutes=10)
    with mock.patch(
        "quizzes.selectors.timezone.now", return_value=attempt.deadline - timedelta(seconds=90)
    ):
        response = student_client.get(attempt.get_absolute_url())
    assert 'data-seconds-left="90"' in response.content.decode()
    assert "2 minutes left" in text_of(response)


def test_save_after_the_deadline_is_refused_and_the_attempt_graded_with_saved_answers(
    student_client, timed_quiz
):
    attempt = start(student_client, timed_quiz)
    answers = answers_of(attempt)
    save(student_client, attempt, right_fields(answers[0]))
    attempt = _expire(attempt, seconds_ago=60)

    late = merged(*(right_fields(a) for a in answers[1:]))
    response = save(student_client, attempt, late)
    assert response.status_code == 302
    assert response.url == review_url(attempt)
    review = student_client.get(response.url)
    assert any("Time is up" in m for m in messages_of(review))
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED
    assert attempt.submitted_at == attempt.deadline
    assert attempt.score == Decimal("0.3333")
    assert [a.response is not None for a in answers_of(attempt)] == [True, False, False]
    assert "33%" in text_of(review)


def test_autosave_after_the_deadline_answers_409_closed(student_client, timed_quiz):
    attempt = start(student_client, timed_quiz)
    answers = answers_of(attempt)
    _expire(attempt, seconds_ago=60)
    response = save_json(student_client, attempt, right_fields(answers[0]))
    assert response.status_code == 409
    assert response.json()["closed"] is True
    assert Answer.objects.get(pk=answers[0].pk).response is None
    assert Attempt.objects.get(pk=attempt.pk).state == Attempt.State.SUBMITTED


def test_save_within_the_grace_after_the_deadline_still_counts(student_client, timed_quiz):
    attempt = start(student_client, timed_quiz)
    answers = answers_of(attempt)
    with mock.patch(
        "quizzes.services.timezone.now", return_value=attempt.deadline + timedelta(seconds=5)
    ):
        response = save_json(student_client, attempt, right_fields(answers[0]))
    assert response.status_code == 200
    assert Answer.objects.get(pk=answers[0].pk).response is not None


def test_save_just_past_the_grace_is_refused_with_patched_clock(student_client, timed_quiz):
    attempt = start(student_client, timed_quiz)
    answers = answers_of(attempt)
    save(student_client, attempt, right_fields(answers[0]))
    with mock.patch(
        "quizzes.services.timezone.now",
        return_value=attempt.deadline + services.DEADLINE_GRACE + timedelta(seconds=1),
    ):
        response = save(student_client, attempt, right_fields(answers[1]))
    assert response.url == review_url(attempt)
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED
    assert attempt.score == Decimal("0.3333")
    assert Answer.objects.get(pk=answers[1].pk).response is None


def test_opening_an_attempt_after_its_deadline_closes_it_and_shows_the_review(
    student_client, timed_quiz
):
    attempt = start(student_client, timed_quiz)
    answers = answers_of(attempt)
    save(student_client, attempt, merged(*(right_fields(a) for a in answers[:2])))
    with mock.patch(
        "quizzes.services.timezone.now", return_value=attempt.deadline + timedelta(minutes=5)
    ):
        response = student_client.get(attempt.get_absolute_url())
    assert response.status_code == 302
    assert response.url == review_url(attempt)
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED
    assert attempt.score == Decimal("0.6667")
    assert attempt.submitted_at == attempt.deadline


def test_resume_after_the_deadline_shows_the_graded_attempt_not_a_new_one(
    student_client, timed_quiz
):
    """A quiz page opened before the time ran out still offers "Resume"; pressing it must show
    that attempt's result, not silently start (and spend) a new attempt with a fresh clock."""
    attempt = start(student_client, timed_quiz)
    answers = answers_of(attempt)
    save(student_client, attempt, right_fields(answers[0]))
    _expire(attempt, seconds_ago=60)

    response = student_client.post(reverse("quizzes:start", args=[timed_quiz.slug]))
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED
    assert attempt.score == Decimal("0.3333")
    assert Attempt.objects.filter(quiz=timed_quiz).count() == 1
    assert response.url == review_url(attempt)


def test_quiz_page_after_the_deadline_shows_the_attempt_graded(student_client, timed_quiz):
    attempt = start(student_client, timed_quiz)
    _expire(attempt, seconds_ago=60)
    page = text_of(student_client.get(timed_quiz.get_absolute_url()))
    assert "Resume your attempt" not in page
    assert "Review" in page
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED


@pytest.mark.parametrize(
    "client_clock",
    [
        {"time_left": "99999"},
        {"seconds_left": "600", "time_up": "0"},
        {"deadline": "2999-01-01T00:00:00Z", "timeup": "false"},
    ],
)
def test_client_time_left_is_ignored_after_the_deadline(student_client, timed_quiz, client_clock):
    attempt = start(student_client, timed_quiz)
    answers = answers_of(attempt)
    _expire(attempt, seconds_ago=60)
    response = save(student_client, attempt, {**right_fields(answers[0]), **client_clock})
    assert response.url == review_url(attempt)
    assert Answer.objects.get(pk=answers[0].pk).response is None
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED
    assert attempt.deadline < timezone.now()


@pytest.mark.parametrize("client_clock", [{"time_up": "1"}, {"time_left": "0"}, {"timeup": "true"}])
def test_client_time_is_up_is_ignored_before_the_deadline(student_client, timed_quiz, client_clock):
    attempt = start(student_client, timed_quiz)
    deadline = attempt.deadline
    answers = answers_of(attempt)
    response = save(student_client, attempt, {**right_fields(answers[0]), **client_clock})
    assert response.url == page_url(attempt, 1)
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.IN_PROGRESS
    assert attempt.deadline == deadline
    assert Answer.objects.get(pk=answers[0].pk).response is not None


# -- 7. Attempt limit -----------------------------------------------------------------------------


def test_starting_beyond_the_attempt_limit_is_refused_and_creates_nothing(student_client):
    quiz = QuizFactory(questions=QuestionFactory.create_batch(2), max_attempts=2)
    for _ in range(2):
        submit(student_client, start(student_client, quiz))
    answers_before = Answer.objects.count()

    response = student_client.post(reverse("quizzes:start", args=[quiz.slug]))
    assert response.status_code == 302
    assert response.url == quiz.get_absolute_url()
    detail = student_client.get(response.url)
    assert "You have used all 2 attempts at this quiz." in messages_of(detail)
    assert "You have used all your attempts at this quiz." in text_of(detail)
    assert f'action="{reverse("quizzes:start", args=[quiz.slug])}"' not in detail.content.decode()
    assert Attempt.objects.count() == 2
    assert Answer.objects.count() == answers_before


def test_an_open_attempt_is_resumed_not_duplicated(student_client):
    quiz = QuizFactory(questions=QuestionFactory.create_batch(2), max_attempts=1)
    first = start(student_client, quiz)
    again = start(student_client, quiz)
    assert again.pk == first.pk
    assert Attempt.objects.count() == 1
    assert Answer.objects.count() == 2


def test_a_start_racing_another_start_resumes_the_winners_attempt(student_client, student):
    quiz = QuizFactory(questions=QuestionFactory.create_batch(2), max_attempts=1)
    draw = services.question_draw
    winner = {}

    def other_request_wins(*args, **kwargs):
        # The other request creates its attempt between our checks and our insert.
        winner["attempt"] = Attempt.objects.create(
            quiz=quiz, user=student, number=1, started_at=timezone.now()
        )
        return draw(*args, **kwargs)

    with mock.patch("quizzes.services.question_draw", side_effect=other_request_wins):
        response = student_client.post(reverse("quizzes:start", args=[quiz.slug]))
    assert response.status_code == 302
    assert response.url == winner["attempt"].get_absolute_url()
    assert Attempt.objects.count() == 1


def test_a_start_racing_to_the_attempt_limit_gets_a_message_not_a_500(student_client, student):
    quiz = QuizFactory(questions=QuestionFactory.create_batch(2), max_attempts=1)
    draw = services.question_draw

    def other_request_wins_and_submits(*args, **kwargs):
        Attempt.objects.create(
            quiz=quiz, user=student, number=1, started_at=timezone.now(), state="submitted"
        )
        return draw(*args, **kwargs)

    with mock.patch("quizzes.services.question_draw", side_effect=other_request_wins_and_submits):
        response = student_client.post(reverse("quizzes:start", args=[quiz.slug]))
    assert response.status_code == 302
    assert response.url == quiz.get_absolute_url()
    messages = messages_of(student_client.get(response.url))
    assert any("at the same moment" in m for m in messages)
    assert Attempt.objects.count() == 1
    assert not Answer.objects.exists()


def test_a_quiz_without_questions_cannot_be_started(student_client):
    quiz = QuizFactory()
    response = student_client.post(reverse("quizzes:start", args=[quiz.slug]))
    assert response.url == quiz.get_absolute_url()
    assert "This quiz has no questions yet." in messages_of(student_client.get(response.url))
    assert not Attempt.objects.exists()


def test_final_exam_draws_twenty_questions_with_a_deadline(student_client, bank):
    exam = Quiz.objects.get(slug="final-exam")
    attempt = start(student_client, exam)
    assert len(answers_of(attempt)) == 20
    assert attempt.deadline == attempt.started_at + timedelta(minutes=30)
    assert len({a.question_id for a in answers_of(attempt)}) == 20


# -- 8. Double submit -----------------------------------------------------------------------------


def test_double_submit_grades_once_and_shows_the_same_result(student_client, all_types_quiz):
    attempt = start(student_client, all_types_quiz)
    answers = answers_of(attempt)
    save(student_client, attempt, merged(*(right_fields(a) for a in answers[:4])), action="summary")
    first, second = submit(student_client, attempt), submit(student_client, attempt)
    assert first.status_code == second.status_code == 302
    assert first.url == second.url == review_url(attempt)
    assert Attempt.objects.filter(quiz=all_types_quiz).count() == 1
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED
    assert attempt.score == Decimal("0.5714")
    assert text_of(student_client.get(first.url)) == text_of(student_client.get(second.url))


def test_submit_after_submit_does_not_regrade_tampered_answers(student_client, all_types_quiz):
    attempt = start(student_client, all_types_quiz)
    answers = answers_of(attempt)
    save(student_client, attempt, right_fields(answers[0]))
    submit(student_client, attempt)
    attempt.refresh_from_db()
    score, submitted_at = attempt.score, attempt.submitted_at
    assert score == Decimal("0.1429")

    # Someone rewrites the stored answers behind the app's back, then submits again.
    for answer in answers:
        fields = right_fields(answer)
        data = QueryDict(mutable=True)
        for key, value in fields.items():
            data.setlist(key, value if isinstance(value, list) else [value])
        Answer.objects.filter(pk=answer.pk).update(response=parse_slot(build_slot(answer), data))
    response = submit(student_client, attempt)
    assert response.url == review_url(attempt)
    attempt.refresh_from_db()
    assert attempt.score == score
    assert attempt.submitted_at == submitted_at
    assert [a.score for a in answers_of(attempt)] == [1, 0, 0, 0, 0, 0, 0]
    assert "14%" in text_of(student_client.get(response.url))


def test_a_submit_racing_another_keeps_the_winners_grade(student_client, all_types_quiz):
    attempt = start(student_client, all_types_quiz)
    answers = answers_of(attempt)
    save(student_client, attempt, merged(*(right_fields(a) for a in answers)))
    grade = services.answer_grade
    calls = []

    def other_submit_finishes_first(answer):
        if not calls:  # the other request submits while this one is grading
            Attempt.objects.filter(pk=attempt.pk).update(
                state="submitted", score=Decimal("0.5"), submitted_at=timezone.now()
            )
        calls.append(answer)
        return grade(answer)

    with mock.patch("quizzes.services.answer_grade", side_effect=other_submit_finishes_first):
        response = submit(student_client, attempt)
    assert response.url == review_url(attempt)
    attempt.refresh_from_db()
    assert attempt.score == Decimal("0.5")
    assert all(a.score is None for a in answers_of(attempt))
    assert student_client.get(response.url).status_code == 200


def test_save_after_submit_is_refused(student_client, all_types_quiz):
    attempt = start(student_client, all_types_quiz)
    answers = answers_of(attempt)
    submit(student_client, attempt)
    response = save(student_client, attempt, right_fields(answers[0]))
    assert response.url == review_url(attempt)
    assert any("already been submitted" in m for m in messages_of(student_client.get(response.url)))
    response = save_json(student_client, attempt, right_fields(answers[0]))
    assert response.status_code == 409
    assert response.json()["closed"] is True
    assert Answer.objects.get(pk=answers[0].pk).response is None


def test_opening_a_submitted_attempt_shows_its_review(student_client, all_types_quiz):
    attempt = start(student_client, all_types_quiz)
    submit(student_client, attempt)
    response = student_client.get(attempt.get_absolute_url())
    assert response.status_code == 302
    assert response.url == review_url(attempt)


# -- 9. Tampering ---------------------------------------------------------------------------------

# Valid answers to q4 (short answer) go with every bad field: they must not be stored either.
TAMPERED = {
    "question not in the attempt": {"q99": "0"},
    "question zero": {"q0": "0"},
    "index out of range": {"q1": "3"},
    "huge index": {"q1": "99999999999999999999999"},
    "negative index": {"q1": "-1"},
    "non-integer index": {"q1": "abc"},
    "decimal index": {"q1": "1.0"},
    "non-ascii digit index": {"q1": "١"},
    "list for a single-choice field": {"q1": ["0", "1"]},
    "true/false index out of range": {"q3": "2"},
    "list for true/false": {"q3": ["0", "1"]},
    "multiple index out of range": {"q2": ["0", "4"]},
    "more ticks than choices": {"q2": ["0", "1", "2", "3", "0"]},
    "numerical NaN": {"q5": "NaN"},
    "numerical text": {"q5": "abc"},
    "numerical infinity": {"q5": "Infinity"},
    "numerical exponent": {"q5": "1e3"},
    "numerical too long": {"q5": "1" * 31},
    "short answer of 201 characters": {"q4": "x" * 201},
    "two short answers": {"q4": ["Philae", "Rosetta"]},
    "matching index out of range": {"q6-0": "3"},
    "matching non-integer": {"q6-0": "Japan"},
    "matching row that does not exist": {"q6-3": "0"},
    "duplicate ordering positions": {"q7-0": "1", "q7-1": "1"},
    "ordering position zero": {"q7-0": "0"},
    "ordering position out of range": {"q7-0": "4"},
}


@pytest.mark.parametrize("bad", TAMPERED.values(), ids=TAMPERED.keys())
def test_tampered_answer_is_400_and_nothing_is_stored(student_client, all_types_quiz, bad):
    attempt = start(student_client, all_types_quiz)
    fields = {"q4": "Philae", **bad} if "q4" not in bad else bad
    response = save(student_client, attempt, fields)
    assert response.status_code == 400
    assert "Nothing on this page was saved" in text_of(response)
    assert not Answer.objects.filter(attempt=attempt, response__isnull=False).exists()
    assert Attempt.objects.get(pk=attempt.pk).sequence == 0

    response = save_json(student_client, attempt, fields)
    assert response.status_code == 400
    assert set(response.json()) == {"error"}
    assert not Answer.objects.filter(attempt=attempt, response__isnull=False).exists()


def test_a_choice_id_of_another_question_is_refused(student_client, all_types_quiz):
    attempt = start(student_client, all_types_quiz)
    answers = answers_of(attempt)
    foreign = max(pk for a in answers[1:] for pk in a.layout.get("choices", []))
    response = save(student_client, attempt, {"q1": str(foreign)})
    assert response.status_code == 400
    assert Answer.objects.get(pk=answers[0].pk).response is None


def test_answer_to_a_question_on_another_page_is_400(student_client, intro_quiz):
    attempt = start(student_client, intro_quiz)
    answers = answers_of(attempt)
    fields = merged(right_fields(answers[0]), right_fields(answers[5]))  # q6 is on page 2
    response = save(student_client, attempt, fields, page=1)
    assert response.status_code == 400
    assert "not on this page" in text_of(response)
    assert not Answer.objects.filter(attempt=attempt, response__isnull=False).exists()


def test_ten_megabyte_answer_is_refused_and_nothing_is_stored(student_client, all_types_quiz):
    attempt = start(student_client, all_types_quiz)
    response = save(student_client, attempt, {"q4": "Philae", "q5": "1" * 10_000_000})
    assert response.status_code in {400, 413}
    assert not Answer.objects.filter(attempt=attempt, response__isnull=False).exists()
    assert Attempt.objects.get(pk=attempt.pk).sequence == 0


def test_thousands_of_fields_are_refused_and_nothing_is_stored(student_client, all_types_quiz):
    attempt = start(student_client, all_types_quiz)
    fields = {"q4": "Philae", **{f"x{n}": "1" for n in range(3000)}}
    response = save(student_client, attempt, fields)
    assert response.status_code == 400
    assert not Answer.objects.filter(attempt=attempt, response__isnull=False).exists()


def test_bad_utf8_in_a_post_is_no_500(student_client, all_types_quiz):
    attempt = start(student_client, all_types_quiz)
    body = b"seq=0&page=1&action=save&q1=%FF%FE&q5=%C3%28"
    response = student_client.post(
        reverse("quizzes:attempt-save", args=[attempt.pk]),
        body,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert not Answer.objects.filter(attempt=attempt, response__isnull=False).exists()


def test_posted_score_user_and_attempt_fields_are_ignored(
    student_client, student, other_student, all_types_quiz
):
    others = services.attempt_start(user=other_student, quiz=all_types_quiz)
    attempt = start(student_client, all_types_quiz)
    answers = answers_of(attempt)
    forged = {
        "score": "1",
        "is_correct": "true",
        "user": str(other_student.pk),
        "attempt": str(others.pk),
        "correct": "1",
        "grade": "100",
    }
    response = save(student_client, attempt, {**wrong_fields(answers[0]), **forged})
    assert response.status_code == 302
    response = student_client.post(
        reverse("quizzes:attempt-submit", args=[attempt.pk]), {**forged, "percent": "100"}
    )
    assert response.url == review_url(attempt)
    attempt.refresh_from_db()
    assert attempt.user == student
    assert attempt.score == 0
    assert Answer.objects.get(pk=answers[0].pk).score == 0
    others.refresh_from_db()
    assert others.state == Attempt.State.IN_PROGRESS
    assert not Answer.objects.filter(attempt=others, response__isnull=False).exists()


def test_right_answers_with_a_forged_zero_score_still_score_100(student_client, all_types_quiz):
    attempt = start(student_client, all_types_quiz)
    answers = answers_of(attempt)
    fields = merged(*(right_fields(a) for a in answers), {"score": "0", "is_correct": "0"})
    save(student_client, attempt, fields)
    student_client.post(reverse("quizzes:attempt-submit", args=[attempt.pk]), {"score": "0"})
    attempt.refresh_from_db()
    assert attempt.score == 1


HUGE = 99999999999999999999


@pytest.mark.parametrize("pk", [HUGE, 0])
@pytest.mark.parametrize(
    ("name", "method"),
    [("attempt", "get"), ("results", "get"), ("attempt-save", "post"), ("attempt-submit", "post")],
)
def test_huge_or_zero_attempt_ids_are_404(student_client, name, method, pk):
    response = getattr(student_client, method)(reverse(f"quizzes:{name}", args=[pk]))
    assert response.status_code == 404


def test_huge_page_number_shows_the_last_page(student_client, intro_quiz):
    attempt = start(student_client, intro_quiz)
    response = student_client.get(f"{attempt.get_absolute_url()}?page={HUGE}")
    assert response.status_code == 200
    response = save(student_client, attempt, {}, page=str(HUGE), action=f"page-{HUGE}")
    assert response.status_code == 302


# -- 10. Access -----------------------------------------------------------------------------------


@pytest.fixture
def others_attempt(other_student, all_types_quiz):
    return services.attempt_start(user=other_student, quiz=all_types_quiz)


@pytest.mark.parametrize(
    ("name", "method"),
    [("attempt", "get"), ("results", "get"), ("attempt-save", "post"), ("attempt-submit", "post")],
)
def test_another_students_attempt_is_404_like_a_missing_one(
    student_client, others_attempt, name, method
):
    answers = answers_of(others_attempt)
    data = {"seq": "0", "page": "1", "action": "save", **right_fields(answers[0])}
    kwargs = {"data": data} if method == "post" else {}
    response = getattr(student_client, method)(
        reverse(f"quizzes:{name}", args=[others_attempt.pk]), **kwargs
    )
    missing = getattr(student_client, method)(
        reverse(f"quizzes:{name}", args=[others_attempt.pk + 1000]), **kwargs
    )
    assert response.status_code == missing.status_code == 404
    others_attempt.refresh_from_db()
    assert others_attempt.state == Attempt.State.IN_PROGRESS
    assert others_attempt.sequence == 0
    assert not Answer.objects.filter(attempt=others_attempt, response__isnull=False).exists()


def test_another_students_submitted_review_is_404(student_client, other_student, others_attempt):
    services.attempt_submit(attempt=others_attempt)
    response = student_client.get(review_url(others_attempt))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("name", "method"),
    [("attempt", "get"), ("results", "get"), ("attempt-save", "post"), ("attempt-submit", "post")],
)
def test_anonymous_visitor_is_sent_to_log_in(client, others_attempt, name, method):
    url = reverse(f"quizzes:{name}", args=[others_attempt.pk])
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login") + "?next=")
    assert Attempt.objects.get(pk=others_attempt.pk).state == Attempt.State.IN_PROGRESS


def test_anonymous_start_is_sent_to_log_in_and_creates_nothing(client, all_types_quiz):
    response = client.post(reverse("quizzes:start", args=[all_types_quiz.slug]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login") + "?next=")
    assert not Attempt.objects.exists()


@pytest.mark.parametrize("name", ["attempt-save", "attempt-submit"])
def test_get_on_attempt_post_endpoints_is_405(student_client, all_types_quiz, name):
    attempt = start(student_client, all_types_quiz)
    assert student_client.get(reverse(f"quizzes:{name}", args=[attempt.pk])).status_code == 405
    assert Attempt.objects.get(pk=attempt.pk).state == Attempt.State.IN_PROGRESS


def test_get_on_start_is_405_and_creates_nothing(student_client, all_types_quiz):
    response = student_client.get(reverse("quizzes:start", args=[all_types_quiz.slug]))
    assert response.status_code == 405
    assert not Attempt.objects.exists()


@pytest.mark.parametrize("param", ["user={other}", "user=0", "user=", "user={other}&user={own}"])
def test_user_parameters_show_the_learners_own_attempt(
    student_client, student, other_student, all_types_quiz, param
):
    attempt = start(student_client, all_types_quiz)
    query = param.format(other=other_student.pk, own=student.pk)
    response = student_client.get(f"{attempt.get_absolute_url()}?{query}")
    assert response.status_code == 200
    assert response.context["page"].attempt.user == student
    response = student_client.get(f"{all_types_quiz.get_absolute_url()}?{query}")
    assert all(a.user == student for a in response.context["overview"].attempts)


def test_review_without_right_answers_shows_only_right_or_wrong(student_client, all_types_quiz):
    Quiz.objects.filter(pk=all_types_quiz.pk).update(show_right_answers=False)
    attempt = start(student_client, all_types_quiz)
    answers = answers_of(attempt)
    save(student_client, attempt, merged(*(wrong_fields(a) for a in answers)))
    review = student_client.get(submit(student_client, attempt).url)
    text = text_of(review)
    assert text.count("✗ Incorrect") == 7
    for marker in ("the right answer", "a right answer", "Accepted:", "Right match", "Right order"):
        assert marker not in text
    for answer in answers:
        assert plain(answer.question.general_feedback) not in text
        for choice in answer.question.choices.all():
            if choice.fraction > 0 and answer.question.type == "shortanswer":
                assert choice.text not in text
    assert 'class="right"' not in review.content.decode()
    assert ' right"' not in review.content.decode()


def test_own_unfinished_review_redirects_to_the_attempt_without_answers(
    student_client, all_types_quiz
):
    attempt = start(student_client, all_types_quiz)
    answers = answers_of(attempt)
    save(student_client, attempt, merged(*(wrong_fields(a) for a in answers)))
    response = student_client.get(review_url(attempt))
    assert response.status_code == 302
    assert response.url == attempt.get_absolute_url()
    assert response.content == b""
    page = student_client.get(response.url)
    assert "Submit the attempt to see your results." in messages_of(page)
    body = page.content.decode()
    for marker in ("verdict", "Correct", "the right answer", "Accepted:", "Right match", "Why:"):
        assert marker not in body
    for answer in answers:
        for text in [answer.question.general_feedback] + [
            c.feedback for c in answer.question.choices.all() if c.feedback
        ]:
            assert plain(text) not in text_of(page)
    assert Attempt.objects.get(pk=attempt.pk).state == Attempt.State.IN_PROGRESS


# -- 11. Query counts -----------------------------------------------------------------------------

SIZES = [3, 15]


@pytest.fixture(params=SIZES, ids=[f"{n}-questions" for n in SIZES])
def sized_attempt(request, student, student_client):
    """An open attempt at a quiz of 3 or 15 questions of every type, all on one page."""
    lesson = Lesson.objects.create(
        course=CourseFactory(),
        position=1,
        title="Sized",
        slug="sized",
        subtitle="",
        paragraphs=["One.", "Two."],
    )
    questions = make_questions(request.param, prefix=f"sized{request.param}", lesson=lesson)
    Question.objects.filter(pk__in=[q.pk for q in questions]).update(paragraph=2)
    quiz = QuizFactory(
        slug="sized", questions=questions, questions_per_page=20, feedback_timing="immediate"
    )
    return start(student_client, quiz)


def _all_right(attempt: Attempt) -> dict:
    return merged(*(right_fields(a) for a in answers_of(attempt)))


def test_attempt_page_runs_a_fixed_number_of_queries(
    student_client, sized_attempt, django_assert_num_queries
):
    fields = _all_right(sized_attempt)
    save(student_client, sized_attempt, fields, check="1")  # one question shows its feedback
    with django_assert_num_queries(5):
        response = student_client.get(sized_attempt.get_absolute_url())
    assert response.status_code == 200


def test_attempt_save_runs_a_fixed_number_of_queries(
    student_client, sized_attempt, django_assert_num_queries
):
    fields = _all_right(sized_attempt)
    data = {"seq": "0", "page": "1", "action": "save", "check": "1", **fields}
    url = reverse("quizzes:attempt-save", args=[sized_attempt.pk])
    with django_assert_num_queries(13):
        response = student_client.post(url, data)
    assert response.status_code == 302
    assert Answer.objects.filter(attempt=sized_attempt, response__isnull=True).count() == 0


def test_attempt_submit_runs_a_fixed_number_of_queries(
    student_client, sized_attempt, django_assert_num_queries
):
    save(student_client, sized_attempt, _all_right(sized_attempt))
    url = reverse("quizzes:attempt-submit", args=[sized_attempt.pk])
    with django_assert_num_queries(11):
        response = student_client.post(url)
    assert response.status_code == 302
    assert Attempt.objects.get(pk=sized_attempt.pk).score == 1


def test_review_runs_a_fixed_number_of_queries(
    student_client, sized_attempt, django_assert_num_queries
):
    save(student_client, sized_attempt, _all_right(sized_attempt))
    submit(student_client, sized_attempt)
    with django_assert_num_queries(5):
        response = student_client.get(review_url(sized_attempt))
    assert response.status_code == 200
    assert "100%" in text_of(response)


@pytest.mark.parametrize("attempts", [1, 4])
def test_quiz_page_runs_a_fixed_number_of_queries(
    student_client, all_types_quiz, attempts, django_assert_num_queries
):
    for _ in range(attempts):
        submit(student_client, start(student_client, all_types_quiz))
    with django_assert_num_queries(5):
        response = student_client.get(all_types_quiz.get_absolute_url())
    assert response.context["overview"].used == attempts
