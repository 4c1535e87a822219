from django.urls import path

from live import views

app_name = "live"
urlpatterns = [
    path("", views.join, name="join"),
    path("new/", views.session_new, name="create"),
    path("<id:pk>/", views.play, name="play"),
    path("<id:pk>/answer/", views.answer, name="answer"),
    path("<id:pk>/state.json", views.state, name="state"),
    path("host/<id:pk>/", views.host, name="host"),
    path("host/<id:pk>/state.json", views.host_state, name="host-state"),
    path("host/<id:pk>/players/<id:player_id>/", views.decide, name="decide"),
    path("host/<id:pk>/<slug:action>/", views.control, name="control"),
]
