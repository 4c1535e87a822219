from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from catalogue.forms import AgencyFilterForm, MissionFilterForm
from catalogue.pictures import mission_partners, mission_timeline, partnership_network
from catalogue.selectors import agency_list, agency_page, mission_list, mission_page


def mission_list_view(request: HttpRequest) -> HttpResponse:
    form = MissionFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "catalogue/bad_filter.html", {"form": form}, status=400)
    page = mission_list(agency_slug=form.cleaned_data["agency"], decade=form.cleaned_data["decade"])
    if page is None:
        raise Http404(_("No such agency."))
    context = {"page": page, "form": form, "timeline": mission_timeline(page.missions)}
    return render(request, "catalogue/mission_list.html", context)


def mission_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = mission_page(slug=slug)
    if page is None:
        raise Http404(_("No such mission."))
    context = {"page": page, "diagram": mission_partners(page.mission, page.partners)}
    return render(request, "catalogue/mission_detail.html", context)


def agency_list_view(request: HttpRequest) -> HttpResponse:
    form = AgencyFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "catalogue/bad_filter.html", {"form": form}, status=400)
    page = agency_list(kind=form.cleaned_data["kind"], decade=form.cleaned_data["decade"])
    network, edges = partnership_network(page.missions)
    context = {"page": page, "form": form, "network": network, "edges": edges}
    return render(request, "catalogue/agency_list.html", context)


def agency_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = agency_page(slug=slug)
    if page is None:
        raise Http404(_("No such agency."))
    return render(request, "catalogue/agency_detail.html", {"page": page})
