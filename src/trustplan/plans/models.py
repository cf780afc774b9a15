"""The plan as data: a plan, its priorities, objectives, KPIs, Covid items, spine themes and boards.

Every part is identified inside its plan by the numbering the partnership wrote (priority "2",
objective "SO3", theme "b"), which is what a plan file uses to create or update it. Parts that
other records will hang off (priorities, objectives, boards) keep their database identity across
reloads; a reload that would delete one still referred to elsewhere is refused.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from trustplan.measures.models import Area, Indicator
from trustplan.partners.models import Organisation, Person
from trustplan.plancode.schema import Labels

DEFAULT_LABELS = Labels()


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    CONSULTATION = "consultation", "Consultation"
    APPROVED = "approved", "Approved"
    ARCHIVED = "archived", "Archived"


class Plan(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=300)
    subtitle = models.CharField(max_length=500, blank=True)
    partnership = models.CharField(max_length=200)
    area_code = models.CharField(
        max_length=9, blank=True, help_text="ONS code of the plan's area, e.g. E06000044."
    )
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(max_length=20, choices=PlanStatus.choices)
    version = models.CharField(max_length=100, blank=True)
    approved_by = models.CharField(max_length=200, blank=True)
    approved_on = models.DateField(null=True, blank=True)
    foreword = models.TextField(blank=True)
    foreword_signed_by = models.CharField(max_length=200, blank=True)
    # Small value objects of the plan file, kept as written: labels, sources, stated totals.
    labels = models.JSONField(default=dict, blank=True)
    sources = models.JSONField(default=list, blank=True)
    stated_totals = models.JSONField(default=list, blank=True)
    is_public = models.BooleanField(
        default=False,
        help_text="Anyone may read the Plan on a Page and the priorities without signing in.",
    )

    class Meta:
        ordering = ["-period_start", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:plan", args=[self.slug])

    @property
    def period_label(self) -> str:
        return f"{self.period_start:%B %Y} to {self.period_end:%B %Y}"

    def area(self) -> Area | None:
        """The area whose data judge this plan's KPIs, if its code is known and stored."""
        if not self.area_code:
            return None
        return Area.objects.filter(code=self.area_code).first()

    def label(self, name: str) -> str:
        """The plan's own word for one of its parts, e.g. "Key Outcomes" for indicators."""
        return self.words[name]

    @property
    def words(self) -> dict[str, str]:
        """All the plan's words for its parts, the defaults filled in; for templates."""
        return {**DEFAULT_LABELS.model_dump(), **self.labels}


class PlanPartner(models.Model):
    """An organisation the plan names as a partner, in the plan's order."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="partner_links")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveIntegerField()

    class Meta:
        ordering = ["plan", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "organisation"], name="unique_partner_in_plan")
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class PlanSection(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveIntegerField()
    code = models.CharField(max_length=12, blank=True)
    title = models.CharField(max_length=300)
    text = models.TextField()

    class Meta:
        ordering = ["plan", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "title"], name="unique_section_title_in_plan")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()


class BoardStatus(models.TextChoices):
    ESTABLISHED = "established", "Established"
    TO_BE_ESTABLISHED = "to_be_established", "To be established"


class Board(models.Model):
    """A multi-agency governing group (a "lead partnership" in older plans)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="boards")
    order = models.PositiveIntegerField()
    key = models.SlugField(max_length=80)
    name = models.CharField(max_length=300)
    also_known_as = models.JSONField(default=list, blank=True)
    status = models.CharField(
        max_length=20, choices=BoardStatus.choices, default=BoardStatus.ESTABLISHED
    )
    remit = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="unique_board_in_plan")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("plans:board", args=[self.plan.slug, self.key])


class Theme(models.Model):
    """A cross-cutting theme of the plan's "Strategic Spine"."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="themes")
    order = models.PositiveIntegerField()
    code = models.CharField(max_length=12)
    title = models.CharField(max_length=500)
    short_title = models.CharField(max_length=200, blank=True)
    bullets = models.JSONField(default=list, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["plan", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="unique_theme_in_plan")
        ]

    def __str__(self) -> str:
        return self.short_title or self.title


class Priority(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    order = models.PositiveIntegerField()
    number = models.CharField(max_length=12)
    title = models.CharField(max_length=300)
    outcome = models.CharField(max_length=300, blank=True)
    strategy = models.CharField(max_length=300, blank=True)
    board = models.ForeignKey(
        Board, null=True, blank=True, on_delete=models.PROTECT, related_name="priorities"
    )
    vision = models.TextField(blank=True)
    rationale = models.TextField(blank=True)

    class Meta:
        ordering = ["plan", "order"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_priority_in_plan")
        ]

    def __str__(self) -> str:
        return f"{self.plan.label('priority')} {self.number}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("plans:priority", args=[self.plan.slug, self.number])


class PriorityLead(models.Model):
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="leads")
    order = models.PositiveIntegerField()
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="lead_roles")
    role = models.CharField(max_length=300, blank=True, help_text="As the plan describes it.")

    class Meta:
        ordering = ["priority", "order"]
        constraints = [
            models.UniqueConstraint(fields=["priority", "person"], name="unique_lead_in_priority")
        ]

    def __str__(self) -> str:
        return f"{self.person.name} ({self.role})" if self.role else self.person.name


class KeyPerformanceIndicator(models.Model):
    """An indicator as one priority of one plan lists it: its number and wording there."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="kpis")
    order = models.PositiveIntegerField()
    number = models.CharField(max_length=12)
    title = models.CharField(max_length=500)
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="kpis")
    themes = models.ManyToManyField(
        Theme,
        blank=True,
        related_name="kpis",
        help_text="The spine themes of this plan that this indicator evidences.",
    )

    class Meta:
        ordering = ["priority", "order"]
        verbose_name = "key performance indicator"
        constraints = [
            models.UniqueConstraint(fields=["priority", "number"], name="unique_kpi_in_priority")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class CovidItem(models.Model):
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="covid_items")
    order = models.PositiveIntegerField()
    code = models.CharField(max_length=12)
    text = models.TextField()

    class Meta:
        ordering = ["priority", "order"]
        verbose_name = "Covid-19 response item"
        constraints = [
            models.UniqueConstraint(
                fields=["priority", "code"], name="unique_covid_item_in_priority"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}) {self.text[:60]}"


class Objective(models.Model):
    """A strategic objective (or "what we will do" item); each has a delivery plan below it."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="objectives")
    order = models.PositiveIntegerField()
    number = models.CharField(max_length=12)
    title = models.TextField()
    short_title = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["priority", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["priority", "number"], name="unique_objective_in_priority"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.short_title or self.title[:80]}"


class NeedsGroup(models.Model):
    """One group (usually an age group) of the plan's needs assessment summary."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="needs_groups")
    order = models.PositiveIntegerField()
    title = models.CharField(max_length=200)

    class Meta:
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return self.title


class Finding(models.TextChoices):
    ENCOURAGING = "encouraging", "Encouraging"
    CONCERNING = "concerning", "Concerning"


class NeedsStatement(models.Model):
    group = models.ForeignKey(NeedsGroup, on_delete=models.CASCADE, related_name="statements")
    order = models.PositiveIntegerField()
    finding = models.CharField(max_length=20, choices=Finding.choices)
    text = models.TextField()

    class Meta:
        ordering = ["group", "finding", "order"]

    def __str__(self) -> str:
        return self.text[:80]


class PlanRevision(models.Model):
    """The whole plan as a file after each change: who changed it, when, how, and what changed.

    The plan's history: any past state can be read, compared and exported again.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    how = models.CharField(max_length=300, help_text="e.g. 'loaded from plan.yaml'")
    sha256 = models.CharField(max_length=64)
    document = models.TextField(help_text="The plan file (YAML) as it stood after this change.")
    changes = models.JSONField(
        default=dict, help_text="Counts of what was created, updated, deleted."
    )

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_revision_number")
        ]

    def __str__(self) -> str:
        return f"{self.plan.slug} revision {self.number}"
