"""generate_questions: the "Missions and partnerships" pool written from the catalogue."""

import io
import random
import re

import pytest
from django.core.management import call_command

from catalogue.generation import CATEGORY, POOL_TAG
from catalogue.models import Agency, Mission, Partnership
from catalogue.services import questions_generate
from quizzes.models import Question, Quiz
from quizzes.services import question_draw

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated(bank, catalogue):
    questions_generate()
    return Question.objects.filter(category=CATEGORY).prefetch_related("choices", "tags")


def family(agency: Agency) -> set[str]:
    names = {agency.label}
    if agency.successor:
        names.add(agency.successor.label)
    names |= {earlier.label for earlier in agency.predecessors.all()}
    return names


def test_every_question_is_marked_generated_in_the_pool_and_valid(generated):
    assert generated.count() >= 20
    types = {q.type for q in generated}
    assert types == {"multiple", "numerical", "matching", "ordering", "truefalse"}
    for question in generated:
        assert question.is_generated and question.generated_hash
        assert POOL_TAG in {tag.slug for tag in question.tags.all()}


def test_every_distractor_is_truly_not_a_partner(generated):
    checked = 0
    for question in generated.filter(type="multiple"):
        mission = Mission.objects.get(slug=question.name.removeprefix("generated-partners-"))
        partners = Agency.objects.filter(partnerships__mission=mission).distinct()
        right_names = {a.label for a in partners}
        related = set().union(*(family(a) for a in partners))
        for choice in question.choices.all():
            if choice.fraction > 0:
                assert choice.text in right_names
            else:
                assert choice.text not in related, (mission.slug, choice.text)
                agency = {a.label: a for a in Agency.objects.all()}[choice.text]
                assert not Partnership.objects.filter(mission=mission, agency=agency).exists()
                assert agency.kind != Agency.Kind.COMPANY
                checked += 1
        assert {c.text for c in question.choices.all() if c.fraction > 0} == right_names
    assert checked >= 10


def test_the_iss_question_has_the_five_partners_right(generated):
    question = generated.get(name="generated-partners-iss")
    right = {c.text for c in question.choices.all() if c.fraction > 0}
    assert right == {"NASA", "Roscosmos", "ESA", "JAXA", "CSA"}


def test_launch_years_are_numerical_with_no_tolerance(generated):
    question = generated.get(name="generated-launch-jwst")
    (answer,) = question.choices.all()
    assert (answer.value, answer.tolerance) == (2021, 0)
    assert "generated-launch-iss" not in {q.name for q in generated}  # dated by a module


def test_ordering_never_holds_two_events_of_the_same_year(generated):
    years = {m.name: m.start_year for m in Mission.objects.all()}
    for question in generated.filter(type="ordering"):
        items = [c.text for c in sorted(question.choices.all(), key=lambda c: c.position)]
        item_years = [years[name] for name in items]
        assert len(set(item_years)) == len(item_years) >= 3
        assert item_years == sorted(item_years)


def test_matching_pairs_each_mission_with_its_only_lead(generated):
    question = generated.get(type="matching")
    for choice in question.choices.all():
        mission = Mission.objects.get(name=choice.text)
        leads = Agency.objects.filter(partnerships__mission=mission, partnerships__role="lead")
        assert [a.label for a in leads] == [choice.match_text]
    assert len({c.match_text for c in question.choices.all()}) == question.choices.count()


def test_is_it_a_space_agency(generated):
    assert generated.get(name="generated-agency-spacex").choices.get(text="False").fraction == 1
    assert generated.get(name="generated-agency-nasa").choices.get(text="True").fraction == 1
    assert not generated.filter(name="generated-agency-nasda").exists()  # gone since 2003


def test_every_explanation_links_to_the_page_it_is_about(generated):
    for question in generated:
        links = re.findall(r"\]\((/(?:missions|agencies)/[\w-]+/)\)", question.general_feedback)
        assert links, question.name
    partners = generated.get(name="generated-partners-rosetta")
    assert "(/missions/rosetta/)" in partners.general_feedback


def test_questions_point_at_the_paragraph_that_first_names_their_subject(generated):
    iss = generated.get(name="generated-partners-iss")
    assert (iss.lesson.slug, iss.paragraph) == ("historical-context", 2)


def test_a_second_run_adds_and_changes_nothing(generated):
    before = {q.pk: (q.updated_at, q.generated_hash) for q in generated}
    result = questions_generate()
    assert (result.created, result.updated, result.retired) == (0, 0, 0)
    assert {q.pk: (q.updated_at, q.generated_hash) for q in generated.all()} == before


def test_an_edited_catalogue_updates_the_questions(generated):
    Partnership.objects.filter(mission__slug="jwst", agency__slug="csa").delete()
    result = questions_generate()
    assert result.updated >= 1
    question = Question.objects.get(category=CATEGORY, name="generated-partners-jwst")
    assert {c.text for c in question.choices.all() if c.fraction > 0} == {"NASA", "ESA"}
    Mission.objects.filter(slug="rosetta").delete()
    result = questions_generate()
    assert result.retired >= 2
    assert not Question.objects.get(category=CATEGORY, name="generated-launch-rosetta").is_active


def test_a_teacher_edit_and_a_disabled_question_are_kept(generated):
    edited = generated.get(name="generated-launch-voyager")
    edited.text = "When did the Voyager probes leave Earth?"
    edited.save()
    disabled = generated.get(name="generated-agency-itu")
    disabled.is_active = False
    disabled.save()
    result = questions_generate()
    assert result.kept == 1
    edited.refresh_from_db()
    disabled.refresh_from_db()
    assert edited.text == "When did the Voyager probes leave Earth?"
    assert not disabled.is_active


def test_the_final_exam_can_draw_from_the_pool(generated):
    exam = Quiz.objects.get(slug="final-exam")
    exam.draw_count = 500
    drawn = question_draw(quiz=exam, rng=random.Random(1))
    assert {q.pk for q in generated.filter(lesson__isnull=False)} <= {q.pk for q in drawn}


def test_the_command_reports_what_it_did(bank, catalogue):
    out = io.StringIO()
    call_command("generate_questions", stdout=out)
    assert "created" in out.getvalue()
    out = io.StringIO()
    call_command("generate_questions", stdout=out)
    assert "0 created, 0 updated" in out.getvalue()
