from django.urls import path

from quizzes import learner_views

urlpatterns = [
    path("progress/", learner_views.progress, name="progress"),
    path("review/", learner_views.review, name="review"),
    path("review/answer/", learner_views.review_answer_view, name="review-answer"),
]
