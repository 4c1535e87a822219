"""Agencies and organisations, missions and programmes, and who played which part in each."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def _names(*names: str, also: str = "") -> list[str]:
    """The exact words (case counts) that name a thing: its names, then one alias a line."""
    result = [name.strip() for name in names if name.strip()]
    result += [line.strip() for line in also.splitlines() if line.strip()]
    return list(dict.fromkeys(result))


class Agency(models.Model):
    """A space agency, an intergovernmental body, a company or a coordination body."""

    class Kind(models.TextChoices):
        NATIONAL = "national", _("National space agency")
        INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental space agency")
        COMPANY = "company", _("Company (not an agency)")
        COORDINATION = "coordination", _("Coordination body")
        RESEARCH = "research", _("Research institute or laboratory")

    SPACE_AGENCY_KINDS = (Kind.NATIONAL, Kind.INTERGOVERNMENTAL)

    slug = models.SlugField(
        _("slug"), unique=True, help_text=_("Also the question tag: agency:<slug>.")
    )
    name = models.CharField(_("name"), max_length=120)
    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = models.CharField(
        _("country or member states"),
        max_length=200,
        help_text=_("A country, or for an intergovernmental body its members."),
    )
    founded = models.PositiveSmallIntegerField(_("founded"), null=True, blank=True)
    ended = models.PositiveSmallIntegerField(
        _("ended"), null=True, blank=True, help_text=_("The year it ceased or was merged.")
    )
    successor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("successor"),
    )
    summary = models.TextField(_("summary"), blank=True)
    aliases = models.TextField(
        _("other names"),
        blank=True,
        help_text=_(
            "One a line, exactly as a lesson writes them (case counts): lessons link them here."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("agency or organisation")
        verbose_name_plural = _("agencies and organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("catalogue:agency", kwargs={"slug": self.slug})

    @property
    def label(self) -> str:
        return self.acronym or self.name

    @property
    def is_space_agency(self) -> bool:
        return self.kind in self.SPACE_AGENCY_KINDS

    @property
    def tag_slug(self) -> str:
        return f"agency:{self.slug}"

    @property
    def names(self) -> list[str]:
        return _names(self.acronym, self.name, also=self.aliases)


class MissionQuerySet(models.QuerySet):
    def in_time_order(self) -> "MissionQuerySet":
        """Dated missions by year, then those still to come (no year yet)."""
        return self.order_by(models.F("start_year").asc(nulls_last=True), "name")


class Mission(models.Model):
    """A mission or programme, with the years it ran and its partners."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("In development")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    short_name = models.CharField(
        _("short name"), max_length=40, blank=True, help_text=_("For charts: “ISS”, “JWST”.")
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"),
        null=True,
        blank=True,
        help_text=_("The year it launched or began; empty while in development."),
    )
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True)
    key_date = models.CharField(
        _("key date"), max_length=120, blank=True, help_text=_("“Launched 25 December 2021”.")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    summary = models.TextField(_("summary"), help_text=_("One paragraph."))
    question_tag = models.SlugField(
        _("question tag"),
        max_length=80,
        blank=True,
        help_text=_("The tag of the questions about it, e.g. mission:mars-rovers."),
    )
    aliases = models.TextField(
        _("other names"),
        blank=True,
        help_text=_(
            "One a line, exactly as a lesson writes them (case counts): lessons link them here."
        ),
    )
    agencies = models.ManyToManyField(
        Agency, through="Partnership", related_name="missions", verbose_name=_("partners")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("mission or programme")
        verbose_name_plural = _("missions and programmes")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__isnull=True)
                | models.Q(start_year__isnull=False, end_year__gte=models.F("start_year")),
                name="mission_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalogue:mission", kwargs={"slug": self.slug})

    @property
    def label(self) -> str:
        return self.short_name or self.name

    @property
    def decade(self) -> int | None:
        return None if self.start_year is None else self.start_year // 10 * 10

    @property
    def names(self) -> list[str]:
        return _names(self.name, self.short_name, also=self.aliases)


class Partnership(models.Model):
    """One agency's part in one mission: lead, instrument provider, launch provider…"""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        PARTNER = "partner", _("Partner")
        MODULE = "module", _("Module provider")
        INSTRUMENT = "instrument", _("Instrument provider")
        LAUNCH = "launch", _("Launch provider")
        ROBOTICS = "robotics", _("Robotics provider")
        CREW = "crew", _("Crew")
        TRANSPORT = "transport", _("Crew and cargo transport")
        COORDINATION = "coordination", _("Coordination")

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="partnerships", verbose_name=_("mission")
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="partnerships", verbose_name=_("agency")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    contribution = models.CharField(
        _("contribution"),
        max_length=300,
        blank=True,
        help_text=_("What it provided, and its name then: “as NASDA until 2003”."),
    )

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["mission", "role", "agency"]
        constraints = [
            models.UniqueConstraint(
                fields=["mission", "agency", "role"], name="partnership_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} – {self.mission} ({self.get_role_display()})"
