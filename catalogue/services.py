"""Writes: loading the catalogue written from FACTS.md, and the questions generated from it."""

import hashlib
import json
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch

from catalogue.generation import CATEGORY, POOL_NAME, POOL_TAG
from catalogue.generation import drafts as generation_drafts
from catalogue.models import Agency, Mission, Partnership
from catalogue.terms import catalogue_terms
from lessons.mentions import find_mentions
from lessons.models import Lesson
from quizzes.bank import question_data, question_save
from quizzes.models import Question, Tag

AGENCY_FIELDS = ("name", "acronym", "kind", "country", "founded", "ended", "summary", "aliases")
MISSION_FIELDS = (
    "name",
    "short_name",
    "start_year",
    "end_year",
    "key_date",
    "status",
    "summary",
    "question_tag",
    "aliases",
)


class CatalogueError(ValueError):
    """The catalogue file refers to something it does not define."""


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int


def _wanted(item: dict, fields: tuple[str, ...]) -> dict:
    values = {name: item.get(name) for name in fields}
    values["aliases"] = "\n".join(item.get("aliases") or [])
    for name in fields:
        if values[name] is None and name not in {"founded", "ended", "start_year", "end_year"}:
            values[name] = ""
    return values


def _upsert(model, slug: str, wanted: dict, counts: dict) -> object:
    row = model.objects.filter(slug=slug).first()
    if row is None:
        counts["created"] += 1
        return model.objects.create(slug=slug, **wanted)
    if any(getattr(row, name) != value for name, value in wanted.items()):
        for name, value in wanted.items():
            setattr(row, name, value)
        row.save()
        counts["updated"] += 1
    else:
        counts["unchanged"] += 1
    return row


@transaction.atomic
def catalogue_load(*, data: dict) -> LoadResult:
    """Create or update agencies, missions and partnerships by slug; a second run changes nothing.

    Rows the file does not name are left alone: teachers may have added them in the admin.
    A mission's partnerships are made exactly those of the file.
    """
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    agencies: dict[str, Agency] = {}
    for item in data.get("agencies", []):
        agencies[item["slug"]] = _upsert(Agency, item["slug"], _wanted(item, AGENCY_FIELDS), counts)
    known = {agency.slug: agency for agency in Agency.objects.all()}
    for item in data.get("agencies", []):
        successor_slug = item.get("successor")
        if successor_slug and successor_slug not in known:
            raise CatalogueError(f"Unknown successor {successor_slug!r} of {item['slug']!r}.")
        successor_id = known[successor_slug].pk if successor_slug else None
        agency = agencies[item["slug"]]
        if agency.successor_id != successor_id:
            Agency.objects.filter(pk=agency.pk).update(successor_id=successor_id)

    for item in data.get("missions", []):
        before = dict(counts)
        mission = _upsert(Mission, item["slug"], _wanted(item, MISSION_FIELDS), counts)
        partners_changed = _sync_partners(
            mission=mission, partners=item.get("partners", []), known=known
        )
        if partners_changed and counts["unchanged"] > before["unchanged"]:
            counts["unchanged"] -= 1
            counts["updated"] += 1
    return LoadResult(**counts)


def _sync_partners(*, mission: Mission, partners: list[dict], known: dict[str, Agency]) -> bool:
    """Make the mission's partnerships exactly these; True when anything changed."""
    changed = False
    wanted = set()
    for partner in partners:
        if partner["agency"] not in known:
            raise CatalogueError(f"Unknown agency {partner['agency']!r} in {mission.slug!r}.")
        if partner["role"] not in Partnership.Role.values:
            raise CatalogueError(f"Unknown role {partner['role']!r} in {mission.slug!r}.")
        contribution = partner.get("contribution", "")
        wanted.add((known[partner["agency"]].pk, partner["role"]))
        row, created = Partnership.objects.get_or_create(
            mission=mission,
            agency=known[partner["agency"]],
            role=partner["role"],
            defaults={"contribution": contribution},
        )
        changed |= created
        if not created and row.contribution != contribution:
            row.contribution = contribution
            row.save(update_fields=["contribution"])
            changed = True
    for row in Partnership.objects.filter(mission=mission):
        if (row.agency_id, row.role) not in wanted:
            row.delete()
            changed = True
    return changed


@dataclass(frozen=True)
class GenerateResult:
    created: int
    updated: int
    unchanged: int
    kept: int  # edited by a teacher since the last run: left alone
    retired: int  # no longer follow from the catalogue: disabled


def _fingerprint(question: Question) -> str:
    text = json.dumps(question_data(question), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _first_mention(thing, lessons) -> tuple[object | None, int | None]:
    """The first lesson paragraph that names the thing: the question's source."""
    key = f"{'mission' if isinstance(thing, Mission) else 'agency'}:{thing.slug}"
    terms = tuple(t for t in catalogue_terms() if t.key == key)
    for lesson in lessons:
        for number, text in enumerate(lesson.paragraphs, start=1):
            if terms and find_mentions(text, terms):
                return lesson, number
    return None, None


@transaction.atomic
def questions_generate() -> GenerateResult:
    """Write the "Missions and partnerships" pool from the catalogue; a second run changes nothing.

    Questions are matched by name in their category. One a teacher edited since it was written
    is kept as the teacher left it; one a teacher disabled stays disabled; one that no longer
    follows from the catalogue is disabled, never deleted (attempts point at it).
    """
    rows = Partnership.objects.select_related("agency")
    missions = list(
        Mission.objects.in_time_order().prefetch_related(Prefetch("partnerships", queryset=rows))
    )
    agencies = list(Agency.objects.order_by("slug"))
    lessons = list(Lesson.objects.published().in_order())
    pool, _ = Tag.objects.get_or_create(
        slug=POOL_TAG, defaults={"kind": Tag.Kind.THEME, "name": POOL_NAME}
    )
    counts = {"created": 0, "updated": 0, "unchanged": 0, "kept": 0}
    written = set()
    for draft in generation_drafts(missions, agencies):
        name = draft.data["name"]
        written.add(name)
        existing = Question.objects.filter(category=CATEGORY, name=name).first()
        if existing is not None and existing.generated_hash != _fingerprint(existing):
            counts["kept"] += 1
            continue
        tags = [pool]
        for slug in draft.tags[1:]:
            kind, _, rest = slug.partition(":")
            tag, _ = Tag.objects.get_or_create(
                slug=slug, defaults={"kind": kind, "name": draft.about.name}
            )
            tags.append(tag)
        lesson, paragraph = _first_mention(draft.about, lessons)
        question, outcome = question_save(
            data={**draft.data, "paragraph": paragraph}, lesson=lesson, tags=tags
        )
        fingerprint = _fingerprint(question)
        if (question.is_generated, question.generated_hash) != (True, fingerprint):
            Question.objects.filter(pk=question.pk).update(
                is_generated=True, generated_hash=fingerprint
            )
        counts[outcome] += 1
    stale = Question.objects.filter(category=CATEGORY, is_generated=True, is_active=True).exclude(
        name__in=written
    )
    retired = stale.update(is_active=False)
    return GenerateResult(**counts, retired=retired)
