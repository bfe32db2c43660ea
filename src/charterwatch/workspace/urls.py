"""The workspace's addresses."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from charterwatch.workspace import views

app_name = "workspace"

workspace_patterns = [
    path("", views.home, name="home"),
    path("board/", views.board, name="board"),
    path("years/", views.years, name="years"),
    path("returns/<str:year>/<str:source>/", views.return_detail, name="return"),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="workspace/login.html"),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]

urlpatterns = [
    path("", include((workspace_patterns, "workspace"))),
    path("admin/", admin.site.urls),
]
