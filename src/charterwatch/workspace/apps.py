"""The workspace's Django app."""

from __future__ import annotations

from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "charterwatch.workspace"
    label = "workspace"
    verbose_name = "charterwatch workspace"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from charterwatch.workspace import audit  # noqa: F401  (connects the audit log)
