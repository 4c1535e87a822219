from django.urls import path

from classrooms import views

app_name = "classrooms"
urlpatterns = [
    path("", views.classroom_list, name="list"),
    path("new/", views.classroom_new, name="create"),
    path("join/", views.classroom_join_view, name="join"),
    path("<int:pk>/", views.classroom_detail, name="detail"),
    path("<int:pk>/gradebook.csv", views.gradebook, name="gradebook"),
    path("<int:pk>/leave/", views.classroom_leave_view, name="leave"),
    path("<int:pk>/code/", views.code_regenerate, name="code-regenerate"),
    path("<int:pk>/archive/", views.archive, name="archive"),
    path("<int:pk>/unarchive/", views.unarchive, name="unarchive"),
    path("<int:pk>/teachers/add/", views.teacher_add, name="teacher-add"),
    path("<int:pk>/assignments/new/", views.assignment_new, name="assignment-create"),
    path(
        "<int:pk>/assignments/<int:assignment_id>/delete/",
        views.assignment_delete_view,
        name="assignment-delete",
    ),
    path("<int:pk>/students/<int:user_id>/", views.student_detail, name="student"),
    path(
        "<int:pk>/students/<int:user_id>/remove/",
        views.student_remove_view,
        name="student-remove",
    ),
]
