"""The attempt's results page: right answers, feedback and explanations, as the quiz allows."""

import html
import re

import pytest
from django.urls import reverse

from quizzes.models import Attempt, Quiz
from tests.quizzes.pages import (
    answers_of,
    fieldset,
    merged,
    messages_of,
    picked_choice,
    plain,
    results_url,
    save,
    start,
    submit,
    text_of,
    wrong_fields,
)

pytestmark = pytest.mark.django_db


def test_answering_wrong_shows_right_answers_feedback_explanation_and_lesson_link(
    student_client, intro_quiz
):
    attempt = start(student_client, intro_quiz)
    answers = answers_of(attempt)
    save(student_client, attempt, merged(*(wrong_fields(a) for a in answers[:5])), action="next")
    save(student_client, attempt, merged(*(wrong_fields(a) for a in answers[5:])), page=2)
    response = submit(student_client, attempt)
    results = student_client.get(response.url)
    text, body = text_of(results), results.content.decode()

    assert "0%" in text
    assert "Not passed" in text
    assert "0 of 10 questions fully right." in text
    assert text.count("✗ Incorrect") == 10
    for answer in answers:
        question, part = answer.question, fieldset(results, answer.position)
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
            picked = [c for c in choices if c.pk == picked_choice(answer)]
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


def test_results_without_right_answers_show_only_right_or_wrong(student_client, all_types_quiz):
    Quiz.objects.filter(pk=all_types_quiz.pk).update(show_right_answers=False)
    attempt = start(student_client, all_types_quiz)
    answers = answers_of(attempt)
    save(student_client, attempt, merged(*(wrong_fields(a) for a in answers)))
    results = student_client.get(submit(student_client, attempt).url)
    text = text_of(results)
    assert text.count("✗ Incorrect") == 7
    for marker in ("the right answer", "a right answer", "Accepted:", "Right match", "Right order"):
        assert marker not in text
    for answer in answers:
        assert plain(answer.question.general_feedback) not in text
        for choice in answer.question.choices.all():
            if choice.fraction > 0 and answer.question.type == "shortanswer":
                assert choice.text not in text
    assert 'class="right"' not in results.content.decode()
    assert ' right"' not in results.content.decode()


def test_own_unfinished_results_redirect_to_the_attempt_without_answers(
    student_client, all_types_quiz
):
    attempt = start(student_client, all_types_quiz)
    answers = answers_of(attempt)
    save(student_client, attempt, merged(*(wrong_fields(a) for a in answers)))
    response = student_client.get(results_url(attempt))
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
