from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import include, path

from spaceedu import privacy_views, views
from spaceedu.throttles import password_check, password_reset

urlpatterns = [
    path("", views.home, name="home"),
    path("lessons/", include("lessons.urls")),
    path("quizzes/", include("quizzes.urls")),
    path("classrooms/", include("classrooms.urls")),
    path("progress/", include("progress.urls")),
    path("review/", include("review.urls")),
    path("live/", include("live.urls")),
    path("", include("catalogue.urls")),
    path("accounts/signup/", views.SignupView.as_view(), name="signup"),
    path("accounts/", privacy_views.account, name="account"),
    path("accounts/data/", privacy_views.account_data_view, name="account-data"),
    path("accounts/delete/", privacy_views.account_delete_view, name="account-delete"),
    path(
        "accounts/password_reset/",
        password_reset(views.PasswordResetView.as_view()),
        name="password_reset",
    ),
    path(
        "accounts/password_change/",
        login_required(password_check(auth_views.PasswordChangeView.as_view())),
        name="password_change",
    ),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
