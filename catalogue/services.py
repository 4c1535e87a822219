"""Writes to the catalogue: loading the fixture written from FACTS.md."""

from dataclasses import dataclass

from django.db import transaction

from catalogue.models import Agency, Mission, Partnership

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
