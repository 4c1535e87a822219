"""Factories for the catalogue (kept beside its tests to ease merging; see tests/factories.py)."""

import factory

from catalogue.models import Agency, Mission, Partnership


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"agency-{n}")
    name = factory.Sequence(lambda n: f"Agency Number {n}")
    acronym = factory.Sequence(lambda n: f"AG{n}")
    kind = Agency.Kind.NATIONAL
    country = "Somewhere"
    founded = 1960


class MissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mission
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"mission-{n}")
    name = factory.Sequence(lambda n: f"Mission Number {n}")
    start_year = 1990
    status = Mission.Status.ACTIVE
    summary = "A mission."


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    mission = factory.SubFactory(MissionFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = Partnership.Role.LEAD


def grow_catalogue(size: int) -> None:
    """Add ``size`` missions, each led by a new agency with an older one as partner."""
    previous = None
    for _ in range(size):
        agency = AgencyFactory()
        mission = MissionFactory(start_year=1960 + _ * 3)
        PartnershipFactory(mission=mission, agency=agency, role=Partnership.Role.LEAD)
        if previous is not None:
            PartnershipFactory(mission=mission, agency=previous, role=Partnership.Role.INSTRUMENT)
        previous = agency
