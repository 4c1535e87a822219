from django.urls import path

from catalogue import views

app_name = "catalogue"
urlpatterns = [
    path("missions/", views.mission_list_view, name="missions"),
    path("missions/<slug:slug>/", views.mission_detail, name="mission"),
    path("agencies/", views.agency_list_view, name="agencies"),
    path("agencies/<slug:slug>/", views.agency_detail, name="agency"),
]
