"""Needs assessments: generated drafts that an analyst edits, reorders and approves.

A needs assessment is made in one step from the indicator data (``trustplan.needs.generating``),
in the shape of the 2011-14 plan's section 3: headed groups, each with an "Encouraging" list and
a "Concerning" list. Each line keeps two things apart: the narrative (``text``), which analysts
may rewrite, and the ``evidence`` it was generated from, which nobody can edit, so a reader can
always see what the figures said. ``generated_text`` keeps the first wording, to show edits.
Approval freezes the whole assessment. Every change to an assessment or a line keeps its history
(django-simple-history).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from trustplan.needs.grouping import Grouping
from trustplan.plans.models import Finding, KeyPerformanceIndicator, Plan

User = settings.AUTH_USER_MODEL


class NeedsError(Exception):
    """A change the needs assessment's rules refuse; the message says why, to its reader."""


class NeedsStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"


class NeedsGrouping(models.Model):
    """The grouping file last used for a plan (e.g. its age groups), kept to generate again."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="needs_grouping")
    source = models.CharField(max_length=200, help_text="The file's name.")
    groups = models.JSONField(help_text="The checked file, as data.")
    uploaded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.source} ({self.plan})"

    @classmethod
    def keep(cls, plan: Plan, grouping: Grouping, *, source: str, by: Any) -> None:
        """Keep ``grouping`` (read from the file ``source``) as the plan's, replacing any."""
        cls.objects.update_or_create(
            plan=plan,
            defaults={
                "source": source,
                "groups": grouping.model_dump(by_alias=True, mode="json"),
                "uploaded_by": by,
            },
        )


class NeedsAssessment(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="needs_assessments")
    title = models.CharField(max_length=300)
    as_of = models.DateField(help_text="The date the indicators were judged as at.")
    area = models.CharField(max_length=200, blank=True, help_text="The area judged, by name.")
    grouping = models.CharField(max_length=200, help_text="Where the groups came from.")
    synthetic = models.BooleanField(default=False, help_text="Judged from synthetic data.")
    status = models.CharField(
        max_length=20, choices=NeedsStatus.choices, default=NeedsStatus.DRAFT.value
    )
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("needs:detail", args=[self.plan.slug, self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == NeedsStatus.DRAFT

    def check_editable(self) -> None:
        if not self.is_draft:
            raise NeedsError("This needs assessment has been approved, so it cannot be changed.")

    def approve(self, *, by: Any) -> None:
        """Approve the draft as it stands; from now on nobody can change it."""
        self.check_editable()
        self.status = NeedsStatus.APPROVED
        self.approved_by = by
        self.approved_at = timezone.now()
        self.save()


class NeedsAssessmentGroup(models.Model):
    """One heading of the assessment, usually an age group."""

    assessment = models.ForeignKey(NeedsAssessment, on_delete=models.CASCADE, related_name="groups")
    order = models.PositiveIntegerField()
    title = models.CharField(max_length=200)

    class Meta:
        ordering = ["assessment", "order"]

    def __str__(self) -> str:
        return self.title

    def add_line(self, finding: Finding, text: str, *, by: str) -> NeedsLine:
        """An analyst's own line at the end of its list; its evidence says who added it."""
        self.assessment.check_editable()
        last = self.lines.filter(finding=finding).aggregate(models.Max("order"))["order__max"]
        return self.lines.create(
            finding=finding,
            order=0 if last is None else last + 1,
            text=text,
            evidence=[f"Added by {by}"],
        )


class NeedsLine(models.Model):
    """One encouraging or concerning statement: editable narrative, fixed evidence."""

    group = models.ForeignKey(NeedsAssessmentGroup, on_delete=models.CASCADE, related_name="lines")
    finding = models.CharField(max_length=20, choices=Finding.choices)
    order = models.PositiveIntegerField()
    text = models.TextField()
    evidence = models.JSONField(default=list, help_text="The generated reasons, as generated.")
    generated_text = models.TextField(blank=True, help_text="The narrative as first generated.")
    indicator_key = models.CharField(max_length=80, blank=True, help_text="Blank if added.")
    kpi = models.ForeignKey(
        KeyPerformanceIndicator, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "finding", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def edited(self) -> bool:
        return bool(self.generated_text) and self.text != self.generated_text

    def rewrite(self, text: str) -> None:
        self.group.assessment.check_editable()
        self.text = text
        self.save()

    def remove(self) -> None:
        self.group.assessment.check_editable()
        self.delete()

    def move(self, step: int) -> bool:
        """Move up (−1) or down (+1) within its list; False when it is already at that end."""
        self.group.assessment.check_editable()
        lines = list(self.group.lines.filter(finding=self.finding))
        here = next(i for i, line in enumerate(lines) if line.pk == self.pk)
        there = here + step
        if not 0 <= there < len(lines):
            return False
        lines[here], lines[there] = lines[there], lines[here]
        with transaction.atomic():
            for order, line in enumerate(lines):
                if line.order != order:
                    line.order = order
                    line.save(update_fields=["order"])
        return True


class NotClassified(models.Model):
    """An indicator of a group that is neither encouraging nor concerning, and why."""

    group = models.ForeignKey(
        NeedsAssessmentGroup, on_delete=models.CASCADE, related_name="not_classified"
    )
    order = models.PositiveIntegerField()
    name = models.CharField(max_length=300)
    indicator_key = models.CharField(max_length=80)
    reasons = models.JSONField(default=list)

    class Meta:
        ordering = ["group", "order"]
        verbose_name = "indicator not classified"
        verbose_name_plural = "indicators not classified"

    def __str__(self) -> str:
        return self.name
