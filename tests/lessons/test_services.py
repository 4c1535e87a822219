"""Importing the course and recording lesson progress."""

import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lessons.models import Course, FactCheck, Lesson, LessonProgress
from lessons.services import (
    FactCheckError,
    FactCheckNote,
    article_import,
    lesson_complete,
    lesson_start,
)
from tests.conftest import ARTICLE
from tests.factories import LessonFactory

pytestmark = pytest.mark.django_db


def snapshot():
    return list(
        Lesson.objects.in_order().values_list(
            "pk",
            "slug",
            "position",
            "title",
            "subtitle",
            "paragraphs",
            "is_published",
            "updated_at",
        )
    )


def test_import_builds_one_course_with_eight_lessons(article_text):
    result = article_import(text=article_text)
    assert (result.created, result.updated, result.unchanged) == (8, 0, 0)
    assert Course.objects.get().title.startswith("Exploring the cosmos together")
    assert [lesson.slug for lesson in Lesson.objects.in_order()][::7] == [
        "introduction",
        "conclusion",
    ]
    assert [len(lesson.paragraphs) for lesson in Lesson.objects.in_order()] == [
        2,
        3,
        3,
        3,
        3,
        3,
        4,
        2,
    ]


def test_importing_twice_changes_nothing(article_text):
    article_import(text=article_text)
    before = snapshot()
    result = article_import(text=article_text)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 8)
    assert not result.changed
    assert snapshot() == before


def test_reimport_after_an_edit_updates_in_place_and_keeps_progress(article_text, student):
    article_import(text=article_text)
    rosetta = Lesson.objects.get(slug="scientific-benefits")
    lesson_complete(user=student, lesson=rosetta)
    edited = article_text.replace("unprecedented insights", "remarkable insights")

    result = article_import(text=edited)

    assert (result.created, result.updated, result.unchanged) == (0, 1, 7)
    rosetta_after = Lesson.objects.get(slug="scientific-benefits")
    assert rosetta_after.pk == rosetta.pk
    assert "remarkable insights" in rosetta_after.paragraphs[0]
    assert LessonProgress.objects.get(user=student, lesson=rosetta).completed_at is not None


def test_a_section_removed_from_the_article_is_unpublished_not_deleted(article_text, student):
    article_import(text=article_text)
    diplomacy = Lesson.objects.get(slug="diplomatic-implications")
    lesson_start(user=student, lesson=diplomacy)
    without = article_text.replace(
        "Diplomatic Implications: Strengthening Global Relationships through Space Cooperation",
        "",
    )
    # Its paragraphs now belong to the technology lesson; the diplomacy lesson is gone.
    result = article_import(text=without)
    assert result.unpublished == 1
    diplomacy.refresh_from_db()
    assert not diplomacy.is_published
    assert LessonProgress.objects.filter(lesson=diplomacy, user=student).exists()
    assert Lesson.objects.published().count() == 7


def test_fact_checks_are_pinned_to_the_paragraph_they_correct(article_text):
    notes = [
        FactCheckNote(quote="jointly conducted by NASA and ESA", note="Voyager was NASA only."),
        FactCheckNote(quote="NASA, ESA, Roscosmos, and SpaceX", note="SpaceX is a company."),
    ]
    article_import(text=article_text, fact_checks=notes)
    voyager = FactCheck.objects.get(quote="jointly conducted by NASA and ESA")
    assert (voyager.lesson.slug, voyager.paragraph) == ("scientific-benefits", 2)
    spacex = FactCheck.objects.get(quote="NASA, ESA, Roscosmos, and SpaceX")
    assert (spacex.lesson.slug, spacex.paragraph) == ("technological-innovation", 2)


def test_a_fact_check_quote_missing_from_the_article_writes_nothing(article_text):
    with pytest.raises(FactCheckError):
        article_import(
            text=article_text,
            fact_checks=[FactCheckNote(quote="not in the article at all", note="x")],
        )
    assert not Course.objects.exists()
    assert not Lesson.objects.exists()


def test_shipped_fact_checks_cover_the_nine_known_errors(course):
    assert FactCheck.objects.count() == 9
    slugs = sorted(FactCheck.objects.values_list("lesson__slug", flat=True))
    assert slugs.count("scientific-benefits") == 4
    assert slugs.count("historical-context") == 3


@pytest.mark.parametrize(
    ("quote", "slug", "paragraph", "says"),
    [
        ("superpowers like the United States and Russia", "historical-context", 3, "Soviet Union"),
        ("beyond the confines of our solar system", "scientific-benefits", 2, "2012"),
        ("including NASA, Roscosmos, ESA, JAXA, and CSA", "historical-context", 2, "NASDA"),
    ],
)
def test_the_three_later_fact_checks_survive_a_re_import(course, quote, slug, paragraph, says):
    before = FactCheck.objects.get(quote=quote)
    assert (before.lesson.slug, before.paragraph) == (slug, paragraph)
    assert says in before.note
    call_command("import_article", str(ARTICLE), stdout=io.StringIO())
    after = FactCheck.objects.get(quote=quote)
    assert (after.pk, after.paragraph, after.note) == (before.pk, before.paragraph, before.note)
    assert FactCheck.objects.count() == 9


def test_command_reports_counts(db):
    out = io.StringIO()
    call_command("import_article", str(ARTICLE), stdout=out)
    assert "8 lessons created" in out.getvalue()
    out = io.StringIO()
    call_command("import_article", str(ARTICLE), stdout=out)
    assert "0 lessons created, 0 updated, 8 unchanged" in out.getvalue()


def test_command_refuses_a_file_without_sections_and_writes_nothing(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("A title\n\nSome text without any heading.\n", encoding="utf-8")
    with pytest.raises(CommandError, match="No sections found"):
        call_command("import_article", str(bad), stdout=io.StringIO())
    assert not Course.objects.exists()


def test_command_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("import_article", str(tmp_path / "missing.txt"))


def test_command_refuses_a_file_that_is_not_utf8(tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Titre\n\nPart: un\n\nCaf\xe9.\n".encode("latin-1"))
    with pytest.raises(CommandError, match="cannot read"):
        call_command("import_article", str(bad))


def test_command_exits_with_code_1_and_a_clear_message(tmp_path, settings):
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    root = Path(settings.BASE_DIR)
    run = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "import_article", str(bad)],
        cwd=root,
        capture_output=True,
        text=True,
        env={"PATH": "", "DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
        check=False,
    )
    assert run.returncode == 1
    assert "The file is empty. Nothing was imported." in run.stderr


def test_lesson_start_records_the_first_opening_only(student):
    lesson = LessonFactory()
    first = lesson_start(user=student, lesson=lesson)
    again = lesson_start(user=student, lesson=lesson)
    assert again.pk == first.pk
    assert again.started_at == first.started_at
    assert LessonProgress.objects.count() == 1


def test_completing_twice_keeps_the_first_completion_time(student):
    lesson = LessonFactory()
    first = lesson_complete(user=student, lesson=lesson)
    second = lesson_complete(user=student, lesson=lesson)
    assert first.completed_at is not None
    assert second.completed_at == first.completed_at
    assert LessonProgress.objects.count() == 1


def test_progress_is_unique_per_user_and_lesson(student):
    from django.db import IntegrityError, transaction

    lesson = LessonFactory()
    lesson_start(user=student, lesson=lesson)
    with pytest.raises(IntegrityError), transaction.atomic():
        LessonProgress.objects.create(user=student, lesson=lesson, started_at=lesson.updated_at)
