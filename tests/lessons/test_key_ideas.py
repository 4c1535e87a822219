"""Each lesson's "Key ideas" box: content data filled by the importer, kept on re-import,
edited in the admin, shown as plain text beside the article's unchanged text."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from lessons.models import Lesson
from lessons.services import KeyIdeasError, article_import, key_ideas_fill
from tests.conftest import ARTICLE

pytestmark = pytest.mark.django_db

SHIPPED = json.loads((ARTICLE.parent / "key_ideas.json").read_text(encoding="utf-8"))["key_ideas"]


def test_every_lesson_ships_three_or_four_key_ideas(course):
    ideas = dict(Lesson.objects.values_list("slug", "key_ideas"))
    assert set(ideas) == set(SHIPPED)
    assert all(3 <= len(sentences) <= 4 for sentences in ideas.values())


def test_shipped_key_ideas_repeat_none_of_the_articles_errors():
    text = " ".join(sentence for sentences in SHIPPED.values() for sentence in sentences)
    assert "jointly conducted by NASA and ESA" not in text
    assert "NASA only" in text or "NASA missions only" in text  # Voyager, as FACTS.md has it


def test_reimport_keeps_key_ideas_and_reports_none_filled(course):
    before = dict(Lesson.objects.values_list("slug", "key_ideas"))
    out = io.StringIO()
    call_command("import_article", str(ARTICLE), stdout=out)
    assert "key ideas filled for 0 lessons" in out.getvalue()
    assert dict(Lesson.objects.values_list("slug", "key_ideas")) == before


def test_an_edited_box_survives_reimport_and_an_emptied_one_is_filled_again(course):
    Lesson.objects.filter(slug="introduction").update(key_ideas=["A teacher's own idea."])
    Lesson.objects.filter(slug="conclusion").update(key_ideas=[])
    call_command("import_article", str(ARTICLE), stdout=io.StringIO())
    assert Lesson.objects.get(slug="introduction").key_ideas == ["A teacher's own idea."]
    assert Lesson.objects.get(slug="conclusion").key_ideas == SHIPPED["conclusion"]


def test_key_ideas_for_an_unknown_lesson_write_nothing(article_text):
    with pytest.raises(KeyIdeasError, match="no-such-lesson"):
        article_import(text=article_text, key_ideas={"no-such-lesson": ["An idea."]})
    assert not Lesson.objects.exists()


def test_fill_normalises_spaces_and_drops_blank_ideas(course):
    Lesson.objects.filter(slug="introduction").update(key_ideas=[])
    filled = key_ideas_fill(
        course=course, key_ideas={"introduction": ["  Two   spaces. ", " ", "Second."]}
    )
    assert filled == 1
    assert Lesson.objects.get(slug="introduction").key_ideas == ["Two spaces.", "Second."]


def test_command_refuses_a_malformed_key_ideas_file(db, tmp_path):
    bad = tmp_path / "ideas.json"
    bad.write_text(json.dumps({"key_ideas": {"introduction": "not a list"}}), encoding="utf-8")
    with pytest.raises(CommandError, match="not a valid key-ideas file"):
        call_command("import_article", str(ARTICLE), key_ideas=bad, stdout=io.StringIO())
    assert not Lesson.objects.exists()


def test_lesson_page_shows_key_ideas_as_escaped_text_and_the_article_unchanged(client, course):
    lesson = Lesson.objects.get(slug="historical-context")
    lesson.key_ideas = ["<script>alert(1)</script> **not bold**"]
    lesson.save()
    html = client.get(lesson.get_absolute_url()).content.decode()
    assert 'aria-labelledby="key-ideas-heading"' in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; **not bold**" in html
    for paragraph in lesson.paragraphs[:1]:
        assert paragraph.split(".")[0] in html


def test_a_lesson_without_key_ideas_has_no_empty_box(client, course):
    Lesson.objects.filter(slug="introduction").update(key_ideas=[])
    html = client.get(reverse("lessons:detail", args=["introduction"])).content.decode()
    assert "key-ideas-heading" not in html


def test_teacher_edits_key_ideas_in_the_admin_one_a_line(client, teacher, course):
    client.force_login(teacher)
    lesson = Lesson.objects.get(slug="introduction")
    url = reverse("admin:lessons_lesson_change", args=[lesson.pk])
    form = client.get(url)
    assert form.status_code == 200
    assert SHIPPED["introduction"][0] in form.content.decode()
    data = {
        "course": lesson.course_id,
        "title": lesson.title,
        "subtitle": lesson.subtitle,
        "slug": lesson.slug,
        "position": lesson.position,
        "is_published": "on",
        "paragraphs_text": "\n\n".join(lesson.paragraphs),
        "key_ideas_text": "First idea.\r\n\r\n  Second   idea. \r\n",
        "fact_checks-TOTAL_FORMS": "0",
        "fact_checks-INITIAL_FORMS": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    lesson.refresh_from_db()
    assert lesson.key_ideas == ["First idea.", "Second idea."]
