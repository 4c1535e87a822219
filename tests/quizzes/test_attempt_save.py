"""Saving a page: answers shown again on reload and resume, autosave, stale forms."""

import pytest
from django.urls import reverse

from quizzes.models import Answer, Attempt
from tests.quizzes.pages import (
    answers_of,
    as_state,
    form_state,
    merged,
    messages_of,
    page_url,
    right_fields,
    save,
    save_json,
    start,
    text_of,
    wrong_fields,
)

pytestmark = pytest.mark.django_db


# -- Save and resume ------------------------------------------------------------------------------


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


# -- Stale forms ----------------------------------------------------------------------------------


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


# -- One page's own saves (SECURITY.md 7 without losing clicks) -----------------------------------


def test_saves_from_the_same_page_in_a_row_all_count_while_an_old_page_is_refused(
    student_client, all_types_quiz
):
    """SECURITY.md 7, 29: an autosave in flight never makes its own page's Check or Save stale."""
    attempt = start(student_client, all_types_quiz)
    answers = answers_of(attempt)
    token = {"page_token": "page-of-this-tab"}
    old_page = {"page_token": "page-of-an-old-tab"}
    # The page was rendered at sequence 0; its autosave and then its button both carry seq 0.
    response = save_json(student_client, attempt, {**right_fields(answers[0]), **token}, seq=0)
    assert response.json() == {"saved": True, "seq": 1}
    # A page posts all its fields: each post carries the answers so far.
    fields = merged(*(right_fields(a) for a in answers[:2]))
    response = save(student_client, attempt, {**fields, **token}, seq=0)
    assert response.url == page_url(attempt, 1)
    fields = merged(*(right_fields(a) for a in answers[:3]))
    response = save(student_client, attempt, {**fields, **token}, seq=0)
    assert "Your answers are saved." in messages_of(student_client.get(response.url))
    assert all(Answer.objects.get(pk=a.pk).response is not None for a in answers[:3])
    assert Attempt.objects.get(pk=attempt.pk).sequence == 3

    # An old page (another token, or none) at an older sequence is still refused.
    before = Answer.objects.get(pk=answers[0].pk).response
    for other in (old_page, {}):
        response = save(student_client, attempt, {**wrong_fields(answers[0]), **other}, seq=2)
        follow = student_client.get(response.url)
        assert any("This page was out of date" in m for m in messages_of(follow))
    assert Answer.objects.get(pk=answers[0].pk).response == before
    assert Attempt.objects.get(pk=attempt.pk).sequence == 3


def test_once_another_page_saved_the_first_page_is_stale_again(student_client, all_types_quiz):
    """SECURITY.md 7: a page's token covers only the saves it made itself, in a row."""
    attempt = start(student_client, all_types_quiz)
    answers = answers_of(attempt)
    save_json(student_client, attempt, {**right_fields(answers[0]), "page_token": "tab-a"}, seq=0)
    save_json(student_client, attempt, {**right_fields(answers[1]), "page_token": "tab-b"}, seq=1)
    response = save_json(
        student_client, attempt, {**wrong_fields(answers[1]), "page_token": "tab-a"}, seq=1
    )
    assert response.status_code == 409
    assert response.json()["stale"] is True
    response = save_json(
        student_client, attempt, {**right_fields(answers[2]), "page_token": "tab-b"}, seq=1
    )
    assert response.json() == {"saved": True, "seq": 3}


def test_the_page_carries_a_fresh_token_each_time_it_is_shown(student_client, all_types_quiz):
    attempt = start(student_client, all_types_quiz)
    tokens = [
        student_client.get(attempt.get_absolute_url()).context["page_token"] for _ in range(2)
    ]
    assert all(len(token) >= 16 for token in tokens)
    assert tokens[0] != tokens[1]
