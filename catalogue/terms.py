"""The catalogue's names as lessons link them: built once per catalogue version, cached."""

from django.core.cache import cache
from django.db.models import CharField, Value

from catalogue.models import Agency, Mission
from lessons.mentions import Term

TERMS_KEY = "catalogue:terms:v1"
TERMS_TIMEOUT = 7 * 24 * 3600


def _build() -> tuple[Term, ...]:
    """Every agency and mission with its names (1 query: a union)."""
    fields = ("slug", "name", "acronym", "aliases")
    agencies = (
        Agency.objects.order_by()
        .annotate(kind_=Value("agency", output_field=CharField()))
        .values_list(*fields, "kind_")
    )
    missions = (
        Mission.objects.order_by()
        .annotate(kind_=Value("mission", output_field=CharField()))
        .values_list("slug", "name", "short_name", "aliases", "kind_")
    )
    terms = []
    for slug, name, short, aliases, kind in agencies.union(missions, all=True):
        model = Agency if kind == "agency" else Mission
        row = model(slug=slug, name=name, aliases=aliases)
        if kind == "agency":
            row.acronym = short
        else:
            row.short_name = short
        terms.append(
            Term(
                key=f"{kind}:{slug}",
                label=row.label,
                url=row.get_absolute_url(),
                names=tuple(row.names),
                kind=kind,
            )
        )
    return tuple(sorted(terms, key=lambda term: term.key))


def catalogue_terms() -> tuple[Term, ...]:
    """The terms, from the cache (no query) or built and cached (1 query)."""
    terms = cache.get(TERMS_KEY)
    if terms is None:
        terms = _build()
        cache.set(TERMS_KEY, terms, TERMS_TIMEOUT)
    return terms


def forget_terms() -> None:
    cache.delete(TERMS_KEY)
