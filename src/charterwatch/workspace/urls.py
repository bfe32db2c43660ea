"""The workspace's addresses."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from charterwatch.workspace import (
    accountability_views,
    audit_views,
    public_views,
    release_views,
    views,
)

app_name = "workspace"

workspace_patterns = [
    path("", views.home, name="home"),
    path("board/", views.board, name="board"),
    path("years/", views.years, name="years"),
    path("returns/<str:year>/<str:source>/", views.return_detail, name="return"),
    path("quality/<str:year>/", release_views.quality_board, name="quality"),
    path("quality/<str:year>/compute/", release_views.compute, name="compute"),
    path(
        "quality/<str:year>/<str:measure>/",
        release_views.measure_quality,
        name="measure_quality",
    ),
    path("release/<str:year>/", release_views.release, name="release"),
    path("feedback/", public_views.feedback, name="feedback_post"),
    path("feedback/triage/", public_views.feedback_list, name="feedback"),
    path("feedback/triage/<int:pk>/", public_views.feedback_detail, name="feedback_detail"),
    path("notices/", public_views.notices, name="notices"),
    path("notices/confirm/<str:token>/", public_views.notices_confirm, name="notices_confirm"),
    path(
        "notices/unsubscribe/<str:token>/",
        public_views.notices_unsubscribe,
        name="notices_unsubscribe",
    ),
    path("release/<str:year>/notice/", public_views.send_notice, name="send_notice"),
    path("board/<str:year>/reminders/", public_views.send_reminders, name="send_reminders"),
    path("accountability/", accountability_views.overview, name="accountability"),
    path("accountability/export.zip", accountability_views.export, name="accountability_zip"),
    path("accountability/<str:slug>/new/", accountability_views.create, name="record_new"),
    path(
        "accountability/actions/<str:record_id>/progress/",
        accountability_views.add_update,
        name="action_update",
    ),
    path("accountability/<str:slug>/<str:record_id>/", accountability_views.edit, name="record"),
    path("audit/", audit_views.audit_log, name="audit"),
    path("audit.csv", audit_views.audit_csv, name="audit_csv"),
    path("published/<str:year>/", release_views.published, name="published"),
    path("published/<str:year>/<path:path>", release_views.published, name="published_file"),
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
