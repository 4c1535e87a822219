from django.urls import path

from review import views

app_name = "review"
urlpatterns = [
    path("", views.review_page, name="page"),
    path("answer/", views.review_answer_post, name="answer"),
    path("answers/<id:pk>/", views.review_result_page, name="result"),
]
