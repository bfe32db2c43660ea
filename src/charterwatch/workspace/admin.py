"""Users, roles, teams and years, managed by an admin in Django's admin pages."""

from __future__ import annotations

from django.contrib import admin

from charterwatch.workspace.models import Membership, ReportingYear, ReturnVersion, Team


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin[Team]):
    search_fields = ["name"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["user", "role", "team"]
    list_filter = ["role", "team"]


@admin.register(ReportingYear)
class ReportingYearAdmin(admin.ModelAdmin[ReportingYear]):
    list_display = ["label", "returns_due"]


@admin.register(ReturnVersion)
class ReturnVersionAdmin(admin.ModelAdmin[ReturnVersion]):
    list_display = ["source", "year", "team", "original_name", "rows", "uploaded_by", "uploaded_at"]
    list_filter = ["year", "team"]
    readonly_fields = [f.name for f in ReturnVersion._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False  # returns arrive through the checked upload only
