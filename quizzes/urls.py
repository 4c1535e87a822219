from django.urls import path

from quizzes import views

app_name = "quizzes"
urlpatterns = [
    path("<slug:slug>/", views.quiz_detail, name="detail"),
    path("<slug:slug>/start/", views.quiz_start, name="start"),
    path("attempts/<int:pk>/", views.attempt_detail, name="attempt"),
    path("attempts/<int:pk>/save/", views.attempt_save_view, name="attempt-save"),
    path("attempts/<int:pk>/submit/", views.attempt_submit_view, name="attempt-submit"),
    path("attempts/<int:pk>/review/", views.attempt_review_view, name="review"),
]
