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


class ComputeState(models.TextChoices):
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class ComputeRun(models.Model):
    """One compute of the figures from the returns in use, by an analyst.

    It runs in the background (:mod:`charterwatch.workspace.compute_job`): ``done`` of
    ``total`` measures and the ``current`` one say how far it has got, ``pid`` is the
    process doing it (so a run whose process died is seen as stopped, not running for ever).
    """

    year = models.ForeignKey(ReportingYear, on_delete=models.PROTECT, related_name="runs")
    run_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    started_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(
        max_length=10, choices=ComputeState.choices, default=ComputeState.RUNNING
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    pid = models.PositiveIntegerField(null=True, blank=True)
    returns = models.PositiveIntegerField(default=0)
    """How many returns in use were staged for this compute."""
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    current = models.CharField(max_length=100, blank=True)
    succeeded = models.BooleanField(default=False)
    figures = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)

    @property
    def running(self) -> bool:
        return self.state == ComputeState.RUNNING

    @property
    def percent(self) -> int:
        """How far it has got, in whole percent of the measures (0 before they are known)."""
        return 100 * self.done // self.total if self.total else 0

    class Meta:
        ordering = ["-started_at", "-id"]


class SignOff(models.Model):
    """A second analyst's sign-off of one measure's figures for a year.

    ``fingerprint`` is of the figures as they were seen (:func:`charterwatch.workspace.figures.
    fingerprint`); when a later compute changes them, the sign-off no longer holds and the
    measure is open again. Never deleted: the newest per measure and year is the one asked.
    """

    year = models.ForeignKey(ReportingYear, on_delete=models.PROTECT, related_name="signoffs")
    measure = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    signed_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-signed_at", "-id"]
        indexes = [models.Index(fields=["year", "measure"])]


class Comment(models.Model):
    """A comment on a measure's figures for a year, during quality assurance."""

    year = models.ForeignKey(ReportingYear, on_delete=models.PROTECT, related_name="comments")
    measure = models.CharField(max_length=200)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    written_at = models.DateTimeField(auto_now_add=True)
    text = models.TextField()

    class Meta:
        ordering = ["written_at", "id"]


class Release(models.Model):
    """The release of a year's figures: when they go public, and who may see them before."""

    year = models.OneToOneField(ReportingYear, on_delete=models.PROTECT, related_name="release")
    release_at = models.DateTimeField()
    pre_release = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    built_at = models.DateTimeField(null=True, blank=True)
    built_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    first_release_at = models.DateTimeField(null=True, blank=True)
    """When the figures first went public: until then a new build replaces ``published``."""
    published = models.JSONField(default=dict, blank=True)
    """The figures as first published (:func:`charterwatch.publish.revisions.snapshot_of`):
    what later releases are revisions of."""
    revision_note = models.TextField(blank=True)
    """Why figures changed since they were first published (shown beside each)."""

    def __str__(self) -> str:
        return f"{self.year} at {self.release_at}"


class PreReleaseView(models.Model):
    """Every view of a release's site before its release time, by whom."""

    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="views")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    viewed_at = models.DateTimeField(auto_now_add=True)
    path = models.CharField(max_length=500)

    class Meta:
        ordering = ["-viewed_at", "-id"]


class AuditEntry(models.Model):
    """One change to anything the workspace stores: who, what, when, before and after.

    Written by :mod:`charterwatch.workspace.audit` for every save and delete of every model
    (the admin pages' included), never edited or deleted through the workspace.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=10)
    model = models.CharField(max_length=100, db_index=True)
    object_id = models.CharField(max_length=100)
    summary = models.CharField(max_length=300)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]


class FeedbackStatus(models.TextChoices):
    NEW = "new", "New"
    TRIAGED = "triaged", "Triaged"
    ANSWERED = "answered", "Answered"
    CLOSED = "closed", "Closed"
    SPAM = "spam", "Spam"


class Feedback(models.Model):
    """ "Was this page useful?" from a published page, with what happened to it."""

    page = models.CharField(max_length=500)
    useful = models.BooleanField(null=True)
    text = models.TextField(blank=True)
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sender = models.CharField(max_length=64, db_index=True)
    """A keyed hash of the sender's address: enough to limit the rate, never the address."""
    status = models.CharField(
        max_length=10, choices=FeedbackStatus.choices, default=FeedbackStatus.NEW
    )
    response = models.TextField(blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"feedback on {self.page}"


class Subscriber(models.Model):
    """Someone who asked to be told of releases: confirmed by the link in the first email
    (double opt-in), unsubscribed by the link in every email (one click)."""

    email = models.EmailField(unique=True)
    token = models.CharField(max_length=64, unique=True)
    asked_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return "a subscriber"  # the log and pages never show the address in a summary

    @property
    def active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class NoticeSent(models.Model):
    """A release notice sent for a year (once), and to how many people."""

    year = models.OneToOneField(ReportingYear, on_delete=models.PROTECT, related_name="notice")
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
