"""Reads the mission and agency pages need: plain data, a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from catalogue.models import Agency, Mission, Partnership
from catalogue.terms import catalogue_terms
from lessons.mentions import find_mentions
from lessons.models import Lesson
from quizzes.models import Question, Quiz
from quizzes.selectors import lesson_quizzes

ROLE_ORDER = {role: index for index, role in enumerate(Partnership.Role.values)}


@dataclass(frozen=True)
class Partner:
    """One agency in a mission, with all its roles there."""

    agency: Agency
    roles: list[Partnership]

    @property
    def is_lead(self) -> bool:
        return any(row.role == Partnership.Role.LEAD for row in self.roles)


def partners_of(mission: Mission) -> list[Partner]:
    """A mission's partners (from its prefetched partnerships), leads first, then by role."""
    by_agency: dict[int, list[Partnership]] = defaultdict(list)
    for row in mission.partnerships.all():
        by_agency[row.agency_id].append(row)
    partners = [
        Partner(agency=rows[0].agency, roles=sorted(rows, key=lambda r: ROLE_ORDER[r.role]))
        for rows in by_agency.values()
    ]
    return sorted(partners, key=lambda p: (min(ROLE_ORDER[r.role] for r in p.roles), p.agency.name))


def leads_of(mission: Mission) -> list[Agency]:
    return [partner.agency for partner in partners_of(mission) if partner.is_lead]


def _missions() -> list[Mission]:
    """Every mission with its partnerships and their agencies (2 queries)."""
    rows = Partnership.objects.select_related("agency")
    return list(
        Mission.objects.in_time_order().prefetch_related(Prefetch("partnerships", queryset=rows))
    )


@dataclass(frozen=True)
class MissionList:
    missions: list[Mission]  # those the filters keep, in time order
    all_missions: list[Mission]
    agencies: list[Agency]  # for the agency filter: those with missions
    decades: list[int]
    agency: Agency | None = None
    decade: int | None = None


def mission_list(*, agency_slug: str = "", decade: int | None = None) -> MissionList | None:
    """Missions, filtered by a partner agency and a decade of start (3 queries).

    None when the agency is unknown.
    """
    missions = _missions()
    agencies = list(Agency.objects.filter(partnerships__isnull=False).distinct().order_by("name"))
    agency = None
    if agency_slug:
        agency = next((a for a in agencies if a.slug == agency_slug), None)
        if agency is None:
            return None
    kept = [
        m
        for m in missions
        if (agency is None or any(p.agency_id == agency.pk for p in m.partnerships.all()))
        and (decade is None or m.decade == decade)
    ]
    decades = sorted({m.decade for m in missions if m.decade is not None})
    return MissionList(kept, missions, agencies, decades, agency, decade)


@dataclass(frozen=True)
class Passage:
    """A lesson paragraph that mentions a mission or agency."""

    lesson: Lesson
    number: int
    text: str

    @property
    def url(self) -> str:
        return f"{self.lesson.get_absolute_url()}#p{self.number}"


@dataclass(frozen=True)
class QuestionLink:
    question: Question
    practice: Quiz | None  # the quiz of the question's lesson


@dataclass(frozen=True)
class Mentions:
    passages: list[Passage] = field(default_factory=list)
    questions: list[QuestionLink] = field(default_factory=list)


def _mentions(*, key: str, tag: str) -> Mentions:
    """Lesson paragraphs naming the thing, and practice questions tagged with it (3 queries)."""
    terms = tuple(t for t in catalogue_terms() if t.key == key)
    lessons = list(Lesson.objects.published().in_order())
    passages = [
        Passage(lesson, number, text)
        for lesson in lessons
        for number, text in enumerate(lesson.paragraphs, start=1)
        if terms and find_mentions(text, terms)
    ]
    questions = list(
        Question.objects.active()
        .filter(exam_only=False, tags__slug=tag)
        .select_related("lesson")
        .order_by("lesson__position", "paragraph", "pk")
        .distinct()
    )
    quizzes = lesson_quizzes(lessons=[q.lesson for q in questions if q.lesson_id is not None])
    return Mentions(
        passages=passages,
        questions=[QuestionLink(q, quizzes.get(q.lesson_id)) for q in questions],
    )


@dataclass(frozen=True)
class MissionPage:
    mission: Mission
    partners: list[Partner]
    mentions: Mentions


def mission_page(*, slug: str) -> MissionPage | None:
    """A mission, its partners and roles, where lessons and questions name it (5-6 queries)."""
    rows = Partnership.objects.select_related("agency")
    mission = (
        Mission.objects.prefetch_related(Prefetch("partnerships", queryset=rows))
        .filter(slug=slug)
        .first()
    )
    if mission is None:
        return None
    mentions = _mentions(
        key=f"mission:{mission.slug}", tag=mission.question_tag or f"mission:{mission.slug}"
    )
    return MissionPage(mission=mission, partners=partners_of(mission), mentions=mentions)


@dataclass(frozen=True)
class AgencyRole:
    mission: Mission
    roles: list[Partnership]


@dataclass(frozen=True)
class AgencyPage:
    agency: Agency
    missions: list[AgencyRole]
    predecessors: list[Agency]
    mentions: Mentions


def agency_page(*, slug: str) -> AgencyPage | None:
    """An agency, its missions with its roles in each, where lessons and questions name it."""
    agency = (
        Agency.objects.select_related("successor")
        .prefetch_related("predecessors")
        .filter(slug=slug)
        .first()
    )
    if agency is None:
        return None
    rows = Partnership.objects.filter(agency=agency).select_related("mission")
    by_mission: dict[int, AgencyRole] = {}
    for row in sorted(rows, key=lambda r: ROLE_ORDER[r.role]):
        by_mission.setdefault(row.mission_id, AgencyRole(row.mission, [])).roles.append(row)
    missions = sorted(
        by_mission.values(),
        key=lambda r: (r.mission.start_year is None, r.mission.start_year or 0, r.mission.name),
    )
    return AgencyPage(
        agency=agency,
        missions=missions,
        predecessors=list(agency.predecessors.all()),
        mentions=_mentions(key=f"agency:{agency.slug}", tag=agency.tag_slug),
    )


@dataclass(frozen=True)
class AgencyList:
    agencies: list[Agency]  # those the filters keep
    missions: list[Mission]  # every mission, for the network
    kind: str = ""
    decade: int | None = None
    decades: list[int] = field(default_factory=list)


def agency_list(*, kind: str = "", decade: int | None = None) -> AgencyList:
    """Agencies filtered by kind and decade founded, and every mission's partners (3 queries)."""
    agencies = list(Agency.objects.order_by("name"))
    kept = [
        a
        for a in agencies
        if (not kind or a.kind == kind)
        and (decade is None or (a.founded is not None and a.founded // 10 * 10 == decade))
    ]
    decades = sorted({a.founded // 10 * 10 for a in agencies if a.founded is not None})
    return AgencyList(kept, _missions(), kind, decade, decades)
