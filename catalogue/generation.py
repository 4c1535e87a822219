"""Questions written from the catalogue, in the JSON form of PRODUCT.md (pure: no database).

The rules: right answers come from the partnerships; a distractor is a real space agency that
was not a partner (nor a partner's earlier or later name); an ordering question never holds two
events of the same year; every explanation links to the page of what it asks about.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from catalogue.models import Agency, Mission
from catalogue.selectors import leads_of, partners_of

CATEGORY = "missions-and-partnerships"
POOL_TAG = "theme:missions-and-partnerships"
POOL_NAME = "Missions and partnerships"
DISTRACTORS = 2
MATCHING_PAIRS = 4
ORDERING_ITEMS = 4


@dataclass(frozen=True)
class Draft:
    """A question to write: its JSON form, where it is about, and its tags."""

    data: dict
    about: Mission | Agency
    tags: tuple[str, ...]


def _link(thing: Mission | Agency) -> str:
    return f"[{thing.label}]({thing.get_absolute_url()})"


def _family(agency: Agency, agencies: dict[int, Agency]) -> set[int]:
    """The agency with its earlier and later names (NASDA and JAXA are one family)."""
    family, changed = {agency.pk}, True
    while changed:
        changed = False
        for other in agencies.values():
            linked = other.successor_id in family or (
                other.pk in {agencies[pk].successor_id for pk in family if pk in agencies}
            )
            if linked and other.pk not in family:
                family.add(other.pk)
                changed = True
    return family


def _partners(mission: Mission) -> list[Agency]:
    return [partner.agency for partner in partners_of(mission)]


_leads = leads_of


def _mission_tags(mission: Mission) -> tuple[str, ...]:
    return (POOL_TAG, mission.question_tag or f"mission:{mission.slug}")


def partner_questions(missions: list[Mission], agencies: list[Agency]) -> list[Draft]:
    """Which agencies were partners in X (multiple response), for missions with 2+ partners."""
    by_pk = {agency.pk: agency for agency in agencies}
    # Agencies and coordination bodies of today; never a company, which might sell services
    # to a mission without being its partner, nor a laboratory that is part of an agency.
    kinds = {*Agency.SPACE_AGENCY_KINDS, Agency.Kind.COORDINATION}
    candidates = sorted(
        (a for a in agencies if a.kind in kinds and a.ended is None),
        key=lambda a: (not a.is_space_agency, a.slug),
    )
    drafts = []
    for mission in missions:
        partners = sorted(_partners(mission), key=lambda a: a.label)
        if len(partners) < 2:
            continue
        excluded = set().union(*(_family(p, by_pk) for p in partners))
        pool = [a for a in candidates if a.pk not in excluded]
        if len(pool) < DISTRACTORS:
            continue
        # A stable choice that differs between missions: rotate the pool by the mission's id.
        start = mission.pk % len(pool)
        wrong = (pool[start:] + pool[:start])[:DISTRACTORS]
        right = Decimal(1) / len(partners)
        penalty = -Decimal(1) / len(partners)
        choices = [
            {"text": p.label, "fraction": right.quantize(Decimal("0.0000001")),
             "feedback": _("Right: %(agency)s took part.") % {"agency": p.label}}
            for p in partners
        ] + [
            {"text": a.label, "fraction": penalty.quantize(Decimal("0.0000001")),
             "feedback": _("No: %(agency)s was not a partner.") % {"agency": a.label}}
            for a in wrong
        ]  # fmt: skip
        choices.sort(key=lambda c: c["text"])
        data = {
            "name": f"generated-partners-{mission.slug}",
            "type": "multiple",
            "text": _(
                "Which agencies or organisations were partners in %(mission)s? Choose all "
                "that apply."
            )
            % {"mission": mission.name},  # fmt: skip
            "general_feedback": _("%(mission)s: %(partners)s. More on %(link)s.")
            % {
                "mission": mission.name,
                "partners": ", ".join(p.label for p in partners),
                "link": _link(mission),
            },
            "category": CATEGORY,
            "choices": choices,
        }
        drafts.append(Draft(data, mission, _mission_tags(mission)))
    return drafts


def launch_questions(missions: list[Mission]) -> list[Draft]:
    """In which year did X launch (numerical, tolerance 0), for missions dated by a launch."""
    drafts = []
    for mission in missions:
        year = mission.start_year
        if year is None or "aunch" not in mission.key_date or str(year) not in mission.key_date:
            continue
        data = {
            "name": f"generated-launch-{mission.slug}",
            "type": "numerical",
            "text": _("In which year did %(mission)s launch?") % {"mission": mission.label},
            "general_feedback": _("%(date)s. More on %(link)s.")
            % {"date": mission.key_date, "link": _link(mission)},
            "category": CATEGORY,
            "answers": [{"value": year, "tolerance": 0, "fraction": 1, "feedback": ""}],
        }
        drafts.append(Draft(data, mission, _mission_tags(mission)))
    return drafts


def lead_matching_question(missions: list[Mission]) -> list[Draft]:
    """Match missions to their lead agency: one mission per lead, so every answer is one."""
    chosen: dict[int, Mission] = {}
    for mission in sorted(missions, key=lambda m: (m.start_year or 9999, m.slug)):
        leads = _leads(mission)
        if len(leads) == 1 and leads[0].pk not in chosen:
            chosen[leads[0].pk] = mission
    pairs = list(chosen.values())[:MATCHING_PAIRS]
    if len(pairs) < 2:
        return []
    data = {
        "name": "generated-lead-agencies",
        "type": "matching",
        "text": _("Match each mission to the agency or organisation that led it."),
        "general_feedback": " ".join(
            _("%(link)s: %(lead)s.") % {"link": _link(m), "lead": _leads(m)[0].label} for m in pairs
        ),
        "category": CATEGORY,
        "pairs": [{"prompt": m.name, "answer": _leads(m)[0].label} for m in pairs],
    }
    return [Draft(data, pairs[0], (POOL_TAG,))]


def ordering_questions(missions: list[Mission]) -> list[Draft]:
    """Put missions in time order; no two of a question began in the same year."""
    by_year: dict[int, Mission] = {}
    for mission in sorted(missions, key=lambda m: (m.start_year or 0, m.slug)):
        if mission.start_year is not None:
            by_year.setdefault(mission.start_year, mission)
    dated = [by_year[year] for year in sorted(by_year)]
    drafts = []
    for number, items in enumerate((dated[0::2], dated[1::2]), start=1):
        items = items[:ORDERING_ITEMS]
        if len(items) < 3:
            continue
        data = {
            "name": f"generated-order-{number}",
            "type": "ordering",
            "text": _("Put these missions in the order they began, earliest first."),
            "general_feedback": " ".join(
                _("%(link)s: %(year)s.") % {"link": _link(m), "year": m.start_year} for m in items
            ),
            "category": CATEGORY,
            "items": [m.name for m in items],
        }
        drafts.append(Draft(data, items[0], (POOL_TAG,)))
    return drafts


def agency_questions(agencies: list[Agency]) -> list[Draft]:
    """Is X a space agency (true/false), for today's agencies, companies and bodies."""
    drafts = []
    for agency in agencies:
        if agency.ended is not None or agency.kind == Agency.Kind.RESEARCH:
            continue
        right = agency.is_space_agency
        verdict = (
            _("True: %(agency)s is a space agency (%(kind)s).")
            if right
            else _("False: %(agency)s is not a space agency (%(kind)s).")
        ) % {"agency": agency.label, "kind": agency.get_kind_display().lower()}
        data = {
            "name": f"generated-agency-{agency.slug}",
            "type": "truefalse",
            "text": _("True or false: %(agency)s is a space agency.")
            % {"agency": agency.name if not agency.acronym else f"{agency.acronym}"},
            "general_feedback": f"{verdict} " + _("More on %(link)s.") % {"link": _link(agency)},
            "category": CATEGORY,
            "correct": right,
            "feedback_true": "",
            "feedback_false": "",
        }
        drafts.append(Draft(data, agency, (POOL_TAG, agency.tag_slug)))
    return drafts


def drafts(missions: list[Mission], agencies: list[Agency]) -> list[Draft]:
    """Every generated question, in a stable order."""
    return (
        partner_questions(missions, agencies)
        + launch_questions(missions)
        + lead_matching_question(missions)
        + ordering_questions(missions)
        + agency_questions(agencies)
    )
