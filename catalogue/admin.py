from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from catalogue.models import Agency, Mission, Partnership


class PartnershipInline(admin.TabularInline):
    model = Partnership
    extra = 1
    autocomplete_fields = ("agency",)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "acronym",
        "kind",
        "country",
        "founded",
        "ended",
        "successor",
        "missions",
    )
    list_filter = ("kind",)
    list_select_related = ("successor",)
    search_fields = ("name", "acronym", "aliases", "country")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("successor",)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(mission_count=Count("partnerships__mission", distinct=True))
        )

    @admin.display(description=_("missions"), ordering="mission_count")
    def missions(self, agency: Agency) -> int:
        return agency.mission_count


@admin.register(Mission)
class MissionAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "start_year", "end_year", "status", "partners")
    list_filter = ("status", "partnerships__agency")
    search_fields = ("name", "short_name", "aliases", "summary")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [PartnershipInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(partner_count=Count("partnerships__agency", distinct=True))
        )

    @admin.display(description=_("partners"), ordering="partner_count")
    def partners(self, mission: Mission) -> int:
        return mission.partner_count


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ("mission", "agency", "role", "contribution")
    list_filter = ("role", "agency")
    list_select_related = ("mission", "agency")
    search_fields = ("mission__name", "agency__name", "agency__acronym", "contribution")
    autocomplete_fields = ("mission", "agency")
