"""Reads of a live quiz: the public state, the projector and the phone. Plain data, a fixed
number of queries whatever the class size.

Nothing a phone receives before the reveal carries a right answer: the public state is
status, position, counts and the clock; the question is the quiz's own answer form
(``quizzes.forms.build_slot``), which shows choices by their index only. Right answers come
only from ``quizzes.selectors.result_item``, and only once the question is revealed.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Prefetch, Q, Sum
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from live.models import LiveAnswer, LivePlayer, LiveQuestion, LiveSession
from live.scoring import Place, podium, ranking
from quizzes.forms import Slot, build_slot
from quizzes.grading import FULLY_RIGHT, is_fully_right
from quizzes.models import Answer, Choice
from quizzes.selectors import ResultItem, result_item

S = LiveSession.Status


def open_session(*, pin: str) -> LiveSession | None:
    """The session a PIN opens now (1 query)."""
    return LiveSession.objects.exclude(status=S.ENDED).filter(pin=pin).first()


def hosted_session(*, pk: int, user) -> LiveSession | None:
    """The session if the user hosts it; None for anyone else (1 query)."""
    return LiveSession.objects.filter(pk=pk, host_id=user.pk).select_related("quiz").first()


def player_of(*, session: LiveSession, user, player_id: int | None) -> LivePlayer | None:
    """The signed-in learner's player, or the guest this browser joined as (1 query or none)."""
    if user.is_authenticated:
        return LivePlayer.objects.filter(session=session, user=user).first()
    if player_id is None:
        return None
    return LivePlayer.objects.filter(session=session, pk=player_id, user__isnull=True).first()


def seconds_left(session: LiveSession, now: datetime) -> float | None:
    if session.status == S.PAUSED:
        return (session.remaining_ms or 0) / 1000
    if session.status == S.QUESTION and session.deadline is not None:
        return max(0.0, (session.deadline - now).total_seconds())
    return None


def stage(session: LiveSession) -> str:
    """What a phone shows changes only when this does (a new answer elsewhere does not)."""
    return f"{session.status}:{session.position}"


def public_state(*, session: LiveSession, now: datetime | None = None) -> dict:
    """The session's state as every page, socket and poll sees it: never an answer (2 queries)."""
    now = now or timezone.now()
    players = LivePlayer.objects.filter(session=session).aggregate(
        joined=Count("pk", filter=Q(status=LivePlayer.Status.APPROVED)),
        waiting=Count("pk", filter=Q(status=LivePlayer.Status.WAITING)),
    )
    answered = 0
    if session.position:
        answered = LiveAnswer.objects.filter(
            question__session=session, question__position=session.position
        ).count()
    left = seconds_left(session, now)
    return {
        "version": session.version,
        "stage": stage(session),
        "status": session.status,
        "position": session.position,
        "joined": players["joined"],
        "waiting": players["waiting"],
        "answered": answered,
        "seconds_left": None if left is None else round(left, 1),
    }


def current_question(session: LiveSession) -> LiveQuestion | None:
    """The current question with its choices (2 queries; none in the lobby)."""
    if not session.position:
        return None
    return (
        LiveQuestion.objects.select_related("question", "question__lesson")
        .prefetch_related(
            Prefetch("question__choices", queryset=Choice.objects.order_by("position", "pk"))
        )
        .filter(session=session, position=session.position)
        .first()
    )


def slot_of(question: LiveQuestion, response: dict | None = None, score=None) -> Slot:
    """The question as the quiz's answer form lays it out, with a kept response."""
    answer = Answer(
        question=question.question,
        position=question.position,
        layout=question.layout,
        response=response,
        score=score,
    )
    return build_slot(answer)


def graded_item(question: LiveQuestion, response: dict | None, score) -> ResultItem:
    """The question after the reveal: the answer given, the right one, the explanation."""
    return result_item(
        Answer(
            question=question.question,
            position=question.position,
            layout=question.layout,
            response=response,
            score=score,
        )
    )


@dataclass(frozen=True)
class Bar:
    """One option (or, for typed answers, one verdict) and how many players chose it."""

    label: str
    count: int
    percent: int
    right: bool
    markdown: bool = True


def _bars(question: LiveQuestion, answers: list[LiveAnswer]) -> list[Bar]:
    """How the class answered: a bar per option for choices, per verdict for typed answers."""
    total = len(answers) or 1
    kind = question.question.type
    if kind in {"single", "multiple", "truefalse"}:
        item = graded_item(question, None, 0)
        counts: Counter = Counter()
        for answer in answers:
            response = answer.response or {}
            if kind == "truefalse" and "value" in response:
                counts[item.options[0 if response["value"] else -1].choice.pk] += 1
            for pk in [response.get("choice"), *response.get("choices", [])]:
                if pk is not None:
                    counts[pk] += 1
        bars = []
        for index, option in enumerate(item.options):
            label = option.choice.text
            if kind == "truefalse":
                label = _("True") if index == 0 else _("False")
            count = counts[option.choice.pk]
            bars.append(
                Bar(label, count, round(100 * count / total), option.right, kind != "truefalse")
            )
        return bars
    right = sum(1 for a in answers if is_fully_right(a.score))
    partly = sum(1 for a in answers if a.score and not is_fully_right(a.score))
    wrong = len(answers) - right - partly
    rows = [
        (_("Right"), right, True),
        (_("Partly right"), partly, False),
        (_("Wrong"), wrong, False),
    ]
    return [Bar(label, n, round(100 * n / total), ok, False) for label, n, ok in rows]


@dataclass
class Standing:
    place: Place
    player: LivePlayer


@dataclass
class QuestionSummary:
    question: LiveQuestion
    answered: int
    right: int
    percent_right: int


@dataclass
class Projector:
    session: LiveSession
    state: dict
    players: list[LivePlayer]
    waiting: list[LivePlayer]
    question: LiveQuestion | None = None
    slot: Slot | None = None
    count: int = 0
    bars: list[Bar] = field(default_factory=list)
    item: ResultItem | None = None
    standings: list[Standing] = field(default_factory=list)
    podium: list[Standing] = field(default_factory=list)
    summary: list[QuestionSummary] = field(default_factory=list)

    @property
    def average_percent(self) -> int | None:
        asked = [row for row in self.summary if row.answered]
        if not asked:
            return None
        return round(sum(row.percent_right for row in asked) / len(asked))


def _standings(session: LiveSession, players: list[LivePlayer]) -> list[Standing]:
    """Every approved player by total points (1 query)."""
    totals = dict(
        LiveAnswer.objects.filter(player__session=session)
        .values("player")
        .annotate(points=Sum("points"))
        .values_list("player", "points")
    )
    by_pk = {p.pk: p for p in players}
    places = ranking({pk: totals.get(pk) or 0 for pk in by_pk})
    return [Standing(place, by_pk[place.key]) for place in places]


def _summary(session: LiveSession) -> list[QuestionSummary]:
    """Each asked question: how many answered, how many fully right (1 query)."""
    rows = (
        LiveQuestion.objects.filter(session=session, asked_at__isnull=False, skipped=False)
        .select_related("question")
        .annotate(
            answered=Count("answers"),
            right=Count("answers", filter=Q(answers__score__gte=FULLY_RIGHT)),
        )
        .order_by("position")
    )
    return [
        QuestionSummary(row, row.answered, row.right, round(100 * row.right / (row.answered or 1)))
        for row in rows
    ]


def projector(*, session: LiveSession, now: datetime | None = None) -> Projector:
    """What the host's screen shows: a fixed number of queries (at most 7) at any class size."""
    now = now or timezone.now()
    everyone = list(LivePlayer.objects.filter(session=session).order_by("joined_at", "pk"))
    view = Projector(
        session=session,
        state=public_state(session=session, now=now),
        players=[p for p in everyone if p.status == LivePlayer.Status.APPROVED],
        waiting=[p for p in everyone if p.status == LivePlayer.Status.WAITING],
    )
    if session.status == S.ENDED:
        view.standings = _standings(session, view.players)
        view.podium = [
            s for s in view.standings if s.place in podium([x.place for x in view.standings])
        ]
        view.summary = _summary(session)
        return view
    question = current_question(session)
    if question is None:
        return view
    view.question, view.slot = question, slot_of(question)
    view.count = view.state["answered"]
    if session.status == S.REVEAL:
        answers = list(LiveAnswer.objects.filter(question=question))
        view.bars = _bars(question, answers)
        view.item = graded_item(question, None, 0)
    return view


@dataclass
class Phone:
    session: LiveSession
    player: LivePlayer
    state: dict
    question: LiveQuestion | None = None
    slot: Slot | None = None
    answered: bool = False
    item: ResultItem | None = None
    points: int = 0
    total: int = 0
    standing: Standing | None = None
    podium: list[Standing] = field(default_factory=list)


def phone(*, session: LiveSession, player: LivePlayer, now: datetime | None = None) -> Phone:
    """What a player's phone shows: the open question with the kept answer, then the verdict
    once revealed (never before), then the podium (a fixed number of queries, at most 7)."""
    now = now or timezone.now()
    view = Phone(session=session, player=player, state=public_state(session=session, now=now))
    view.total = (
        LiveAnswer.objects.filter(player=player).aggregate(total=Sum("points"))["total"] or 0
    )
    if session.status == S.ENDED:
        players = list(
            LivePlayer.objects.filter(session=session, status=LivePlayer.Status.APPROVED)
        )
        standings = _standings(session, players)
        view.standing = next((s for s in standings if s.player.pk == player.pk), None)
        top = podium([s.place for s in standings])
        view.podium = [s for s in standings if s.place in top]
        return view
    question = current_question(session)
    if question is None:
        return view
    answer = LiveAnswer.objects.filter(player=player, question=question).first()
    view.question = question
    view.answered = answer is not None and answer.response is not None
    response = answer.response if answer else None
    if session.status == S.REVEAL:
        view.item = graded_item(question, response, answer.score if answer else 0)
        view.points = answer.points if answer else 0
    else:
        view.slot = slot_of(question, response)
    return view


def verdict(score) -> tuple[str, str]:
    """A revealed answer's verdict: its name and what the phone says."""
    if score is None:
        return "none", _("No answer")
    if is_fully_right(score):
        return "right", _("Right!")
    if score > 0:
        return "partial", _("Partly right")
    return "wrong", _("Not this time")


def reveal_payload(*, session: LiveSession) -> dict | None:
    """What a revealed question sends with its state, built once for the whole class: the
    right answer and explanation as HTML, and each player's own verdict and points, of which
    the socket passes on to each phone only its own (5 queries). None before the reveal."""
    if session.status != S.REVEAL:
        return None
    question = current_question(session)
    if question is None:
        return None
    html = render_to_string(
        "live/includes/reveal_phone.html", {"item": graded_item(question, None, 0)}
    )
    totals = dict(
        LiveAnswer.objects.filter(player__session=session)
        .values("player")
        .annotate(total=Sum("points"))
        .values_list("player", "total")
    )
    results = {
        str(player_id): {"verdict": "none", "label": verdict(None)[1], "points": 0, "total": total}
        for player_id, total in totals.items()
    }
    for player_id, score, points in LiveAnswer.objects.filter(question=question).values_list(
        "player_id", "score", "points"
    ):
        kind, label = verdict(score)
        results[str(player_id)].update(verdict=kind, label=label, points=points)
    kind, label = verdict(None)
    return {
        "position": question.position,
        "html": html,
        "results": results,
        "missing": {"verdict": kind, "label": label, "points": 0},
    }


def own_reveal(payload: dict | None, player_id: int | None) -> dict | None:
    """One phone's part of the reveal: the shared answer and its own verdict, nobody else's."""
    if payload is None or player_id is None:
        return None
    return {
        "position": payload["position"],
        "html": payload["html"],
        "you": payload["results"].get(str(player_id), payload["missing"]),
    }
