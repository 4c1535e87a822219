from django.urls import path

from classrooms import accommodation_views, attempt_views, views

app_name = "classrooms"
urlpatterns = [
    path("", views.classroom_list, name="list"),
    path("new/", views.classroom_new, name="create"),
    path("join/", views.classroom_join_view, name="join"),
    path("<id:pk>/", views.classroom_detail, name="detail"),
    path("<id:pk>/gradebook.csv", views.gradebook, name="gradebook"),
    path("<id:pk>/leave/", views.classroom_leave_view, name="leave"),
    path("<id:pk>/code/", views.code_regenerate, name="code-regenerate"),
    path("<id:pk>/archive/", views.archive, name="archive"),
    path("<id:pk>/unarchive/", views.unarchive, name="unarchive"),
    path("<id:pk>/teachers/add/", views.teacher_add, name="teacher-add"),
    path("<id:pk>/assignments/new/", views.assignment_new, name="assignment-create"),
    path(
        "<id:pk>/assignments/<id:assignment_id>/delete/",
        views.assignment_delete_view,
        name="assignment-delete",
    ),
    path(
        "<id:pk>/accommodations/new/",
        accommodation_views.accommodation_new,
        name="accommodation-create",
    ),
    path(
        "<id:pk>/accommodations/<id:accommodation_id>/delete/",
        accommodation_views.accommodation_delete_view,
        name="accommodation-delete",
    ),
    path("<id:pk>/students/<id:user_id>/", views.student_detail, name="student"),
    path(
        "<id:pk>/students/<id:user_id>/attempts/<id:attempt_id>/",
        attempt_views.attempt_view,
        name="attempt",
    ),
    path(
        "<id:pk>/students/<id:user_id>/attempts/<id:attempt_id>/answers/<id:answer_id>/mark/",
        attempt_views.mark_view,
        name="mark",
    ),
    path(
        "<id:pk>/students/<id:user_id>/remove/",
        views.student_remove_view,
        name="student-remove",
    ),
]
