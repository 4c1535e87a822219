"""The question form in a real browser: choosing a type shows only its answer columns."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_choosing_a_type_shows_only_its_columns(visit, teacher):
    page = visit("/admin/quizzes/question/add/", width=1280, user=teacher)
    assert page.locator("#type-chooser").is_hidden()
    page.select_option("#id_type", "matching")
    assert page.locator("#choices-group td.field-match_text").first.is_visible()
    assert page.locator("#choices-group td.field-value").first.is_hidden()
    page.select_option("#id_type", "numerical")
    assert page.locator("#choices-group td.field-value").first.is_visible()
    assert page.locator("#choices-group td.field-match_text").first.is_hidden()
    assert "fraction 1 for full marks" in page.locator("#choices-group h2").inner_text()


def test_without_javascript_the_type_comes_first(visit, teacher):
    page = visit("/admin/quizzes/question/add/", width=1280, user=teacher, javascript=False)
    page.get_by_role("link", name="Matching").click()
    rows = "#choices-group tr.form-row:not(.empty-form)"
    assert page.locator(f"{rows} td.field-match_text").count() == 3
    assert page.locator(f"{rows} td.field-value").count() == 0
