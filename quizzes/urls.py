from django.urls import path

from quizzes import views

app_name = "quizzes"
urlpatterns = [
    path("<slug:slug>/", views.quiz_detail, name="detail"),
    path("<slug:slug>/start/", views.quiz_start, name="start"),
    path("attempts/<id:pk>/", views.attempt_detail, name="attempt"),
    path("attempts/<id:pk>/save/", views.attempt_save_view, name="attempt-save"),
    path("attempts/<id:pk>/submit/", views.attempt_submit_view, name="attempt-submit"),
    path("attempts/<id:pk>/results/", views.attempt_results_view, name="results"),
]
