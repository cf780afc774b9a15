"""Delivery plans and the quarterly monitoring cycle.

Actions (and milestones) sit under each strategic objective; risks and the quarter's commentary
sit under each priority. An administrator opens a reporting quarter: every action still open gets
an update due from its owner, which the priority's strategic lead approves or returns. Every
change to these records keeps its history (django-simple-history), so a board can always see who
said what, and when.

The workflow's rules are model methods that raise ``WorkflowError`` with the rule's own wording
(``trustplan.delivery.rules``); who may act is decided in ``trustplan.access.policy``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import User as AuthUser
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from trustplan.delivery import rules
from trustplan.delivery.quarters import Quarter
from trustplan.documents.content import Rating
from trustplan.measures.judging import as_of
from trustplan.partners.models import Organisation
from trustplan.plans.models import KeyPerformanceIndicator, Objective, Plan, Priority

User = settings.AUTH_USER_MODEL


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"
    CANCELLED = "cancelled", "Cancelled"


CLOSED_STATUSES = (ActionStatus.COMPLETE, ActionStatus.CANCELLED)


class UpdateRating(models.TextChoices):
    """What an owner may say of an action: the BRAG scale, blue meaning complete."""

    GREEN = Rating.GREEN.value, "Green: on track"
    AMBER = Rating.AMBER.value, "Amber: at risk, recoverable"
    RED = Rating.RED.value, "Red: off track"
    BLUE = Rating.BLUE.value, "Complete"


class Action(models.Model):
    """One action or milestone of an objective's delivery plan."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="actions")
    number = models.CharField(max_length=12, help_text="e.g. '3.2'; unique in its objective.")
    title = models.TextField()
    is_milestone = models.BooleanField(default=False)
    owner = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    start = models.DateField(null=True, blank=True)
    due = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED.value
    )
    completed_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["objective", "number"]
        constraints = [
            models.UniqueConstraint(fields=["objective", "number"], name="unique_action_number")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title[:80]}"

    @property
    def priority(self) -> Priority:
        return self.objective.priority

    def is_open(self) -> bool:
        return self.status not in CLOSED_STATUSES

    def is_overdue(self, on: dt.date) -> bool:
        return self.is_open() and self.due is not None and self.due < on

    def is_due_in(self, start: dt.date, end: dt.date) -> bool:
        return self.due is not None and start <= self.due <= end


class RiskTrend(models.TextChoices):
    INCREASING = "increasing", "Increasing"
    STABLE = "stable", "Stable"
    DECREASING = "decreasing", "Decreasing"


class Risk(models.Model):
    """A risk to a priority's delivery or outcomes, scored likelihood × impact (1-5 each)."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="risks")
    number = models.CharField(max_length=12)
    description = models.TextField()
    likelihood = models.PositiveSmallIntegerField(help_text="1 (rare) to 5 (almost certain).")
    impact = models.PositiveSmallIntegerField(help_text="1 (negligible) to 5 (severe).")
    mitigation = models.TextField()
    owner = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="risks"
    )
    review_date = models.DateField(null=True, blank=True)
    trend = models.CharField(
        max_length=12, choices=RiskTrend.choices, default=RiskTrend.STABLE.value
    )
    is_closed = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["priority", "number"]
        constraints = [
            models.UniqueConstraint(fields=["priority", "number"], name="unique_risk_number"),
            models.CheckConstraint(
                condition=models.Q(likelihood__gte=1, likelihood__lte=5),
                name="risk_likelihood_1_to_5",
            ),
            models.CheckConstraint(
                condition=models.Q(impact__gte=1, impact__lte=5), name="risk_impact_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.description[:80]}"

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


class KpiOwnership(models.Model):
    """Who answers for a KPI: the person a red rating or special-cause alert goes to first."""

    kpi = models.OneToOneField(
        KeyPerformanceIndicator, on_delete=models.CASCADE, related_name="ownership"
    )
    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="kpi_ownerships")
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.kpi} — {self.owner}"


class QuarterStatus(models.TextChoices):
    OPEN = "open", "Open for updates"
    CLOSED = "closed", "Closed"


class ReportingQuarter(models.Model):
    """One quarter of a plan's monitoring cycle, opened by an administrator with its due date."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="quarters")
    code = models.CharField(max_length=7, help_text="e.g. 2021-Q1 (April to June 2021).")
    period_start = models.DateField()
    period_end = models.DateField()
    due = models.DateField(help_text="The day updates are due from owners.")
    grace_days = models.PositiveSmallIntegerField(
        default=5, help_text="Days after the due date before an update counts as late."
    )
    status = models.CharField(
        max_length=10, choices=QuarterStatus.choices, default=QuarterStatus.OPEN.value
    )
    opened_at = models.DateTimeField(default=timezone.now)
    opened_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "-period_start"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="unique_quarter_in_plan")
        ]

    def __str__(self) -> str:
        return f"{self.plan.slug} {self.code}"

    @property
    def quarter(self) -> Quarter:
        return Quarter.parse(self.code)

    @property
    def label(self) -> str:
        return self.quarter.label

    @property
    def late_after(self) -> dt.date:
        return self.due + dt.timedelta(days=self.grace_days)

    def is_open(self) -> bool:
        return self.status == QuarterStatus.OPEN


class UpdateState(models.TextChoices):
    DUE = "due", "Not started"
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted for review"
    RETURNED = "returned", "Returned with comments"
    APPROVED = "approved", "Approved"


EDITABLE_STATES = (UpdateState.DUE, UpdateState.DRAFT, UpdateState.RETURNED)


class ReviewedUpdate(models.Model):
    """What every update of the cycle shares: its state and who moved it there, and when."""

    quarter = models.ForeignKey(ReportingQuarter, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(
        max_length=12, choices=UpdateState.choices, default=UpdateState.DUE.value
    )
    submitted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(blank=True)

    class Meta:
        abstract = True

    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    def _check(self, *checks: rules.Rule) -> None:
        for check in checks:
            check.enforce(self)

    def submit(self, by: AuthUser) -> None:
        self._check(rules.OnlyEditableUpdatesCanBeSubmitted(), *self.submission_rules())
        self.state = UpdateState.SUBMITTED
        self.submitted_by = by
        self.submitted_at = timezone.now()
        self.save()

    def approve(self, by: AuthUser) -> None:
        self._check(rules.OnlySubmittedUpdatesCanBeReviewed(), rules.NoSelfApproval(by))
        self.state = UpdateState.APPROVED
        self._reviewed(by, comment="")

    def send_back(self, by: AuthUser, comment: str) -> None:
        self._check(
            rules.OnlySubmittedUpdatesCanBeReviewed(),
            rules.NoSelfApproval(by),
            rules.ReturnNeedsComment(comment),
        )
        self.state = UpdateState.RETURNED
        self._reviewed(by, comment=comment.strip())

    def _reviewed(self, by: AuthUser, comment: str) -> None:
        self.reviewed_by = by
        self.reviewed_at = timezone.now()
        self.review_comment = comment
        self.save()

    def submission_rules(self) -> list[rules.Rule]:
        return []

    def authors(self) -> set[int]:
        """The users who wrote this update; none of them may approve it."""
        return {self.submitted_by_id} if self.submitted_by_id else set()


class ActionUpdate(ReviewedUpdate):
    """An owner's quarterly word on one action: a BRAG rating, the status and a narrative."""

    quarter = models.ForeignKey(ReportingQuarter, on_delete=models.CASCADE, related_name="updates")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    rating = models.CharField(max_length=10, choices=UpdateRating.choices, blank=True)
    status = models.CharField(max_length=20, choices=ActionStatus.choices, blank=True)
    narrative = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["quarter", "action"]
        constraints = [
            models.UniqueConstraint(fields=["quarter", "action"], name="one_update_per_quarter")
        ]

    def __str__(self) -> str:
        return f"{self.quarter.code} update on {self.action}"

    def submission_rules(self) -> list[rules.Rule]:
        return [
            rules.RatingRequired(),
            rules.StatusRequired(),
            rules.RedNeedsCommentary(),
            rules.CompleteMeansComplete(),
        ]

    def authors(self) -> set[int]:
        owner = {self.action.owner_id} if self.action.owner_id else set()
        return super().authors() | owner

    def approve(self, by: AuthUser) -> None:
        super().approve(by)
        self.apply_to_action()

    def apply_to_action(self) -> None:
        """An approved update is the action's new status, unless a later quarter's approved
        update already said more recently; completing it records the date."""
        later = ActionUpdate.objects.filter(
            action_id=self.action_id,
            state=UpdateState.APPROVED,
            quarter__period_start__gt=self.quarter.period_start,
        )
        if later.exists():
            return
        action = self.action
        action.status = self.status
        if self.status != ActionStatus.COMPLETE:
            action.completed_on = None
        elif action.completed_on is None:
            action.completed_on = min(as_of(), self.quarter.late_after)
        action.save()


class Commentary(ReviewedUpdate):
    """A priority's "what's going well / what needs to improve" for one quarter.

    It is the strategic lead's own account to the board: submitting it makes it final for the
    board pack. Another lead of the priority or an administrator may still return or approve it.
    """

    quarter = models.ForeignKey(
        ReportingQuarter, on_delete=models.CASCADE, related_name="commentaries"
    )
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="commentaries")
    going_well = models.TextField(blank=True)
    needs_to_improve = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["quarter", "priority"]
        verbose_name_plural = "commentaries"
        constraints = [
            models.UniqueConstraint(
                fields=["quarter", "priority"], name="one_commentary_per_quarter"
            )
        ]

    def __str__(self) -> str:
        return f"{self.quarter.code} commentary on {self.priority}"

    def submission_rules(self) -> list[rules.Rule]:
        return [rules.CommentaryComplete()]

    @property
    def has_text(self) -> bool:
        return bool(self.going_well.strip() or self.needs_to_improve.strip())


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", "Due soon"
    OVERDUE = "overdue", "Overdue"
    LATE_TO_LEAD = "late_to_lead", "Late updates, to the lead"


class ReminderSent(models.Model):
    """One reminder e-mailed, so the daily run never sends the same one twice."""

    quarter = models.ForeignKey(ReportingQuarter, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["quarter", "user", "kind"], name="one_reminder_each")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.user} for {self.quarter}"


class AlertKind(models.TextChoices):
    RED = "red", "Turned red"
    SPECIAL_CAUSE_CONCERN = "special_cause_concern", "Special-cause concern"


class KpiAlert(models.Model):
    """One alert sent to a priority's leads about a KPI's latest period."""

    kpi = models.ForeignKey(KeyPerformanceIndicator, on_delete=models.CASCADE, related_name="+")
    period_label = models.CharField(max_length=60)
    kind = models.CharField(max_length=30, choices=AlertKind.choices)
    message = models.TextField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kpi", "period_label", "kind"], name="one_alert_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.kpi} ({self.period_label})"
