"""What the workspace stores: teams, who is in which role, reporting years and returns.

The framework folder stays the record of what is measured; the workspace stores only who
does what and the returns received. A team is named exactly as the framework's ``owner:``
fields name it, so what is due from a team is read from the framework, never typed twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    """The four roles. A data owner belongs to one team and sees its returns only."""

    DATA_OWNER = "data_owner", "Data owner"
    ANALYST = "analyst", "Analyst"
    APPROVER = "approver", "Approver"
    ADMIN = "admin", "Admin"


class Team(models.Model):
    """A team that owns sources (its ``name`` is the sources' ``owner:``)."""

    name = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role, and for a data owner the team whose returns they send."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="data_owner") | models.Q(team__isnull=False),
                name="data_owner_has_team",
            )
        ]

    def __str__(self) -> str:
        team = f" ({self.team})" if self.team else ""
        return f"{self.user} - {self.get_role_display()}{team}"


class ReportingYear(models.Model):
    """A year being reported (``2024-25``) and when its returns are due."""

    label = models.CharField(max_length=20, unique=True)
    returns_due = models.DateField()

    class Meta:
        ordering = ["-label"]

    def __str__(self) -> str:
        return self.label


class ReturnVersion(models.Model):
    """One accepted return: an extract of a source for a year that passed every check.

    Rejected uploads are never stored; every accepted version is kept, the newest in use.
    """

    year = models.ForeignKey(ReportingYear, on_delete=models.PROTECT, related_name="returns")
    source = models.CharField(max_length=200)
    team = models.ForeignKey(Team, on_delete=models.PROTECT)
    file = models.FileField(upload_to="%Y/%m")
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField()
    warnings = models.JSONField(default=list)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["year", "source"])]

    def __str__(self) -> str:
        return f"{self.source} {self.year} ({self.original_name})"
