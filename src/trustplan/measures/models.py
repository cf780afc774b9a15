"""Indicators and their data: the catalogue, areas and comparator groups, observations with their
revisions, targets, SPC rebases, and the record of every import.

An indicator is a measure with one definition. Plans point to it from their KPIs, so an indicator
carried over from one plan to the next (first-time entrants to youth justice, say) keeps one
history of data. Observations are never silently overwritten: a changed value keeps the old one
as an ``ObservationRevision``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from trustplan.periods import Period, PeriodKind
from trustplan.vocabulary import (
    AreaKind,
    ComparisonMethod,
    Frequency,
    ObservationStatus,
    Polarity,
    ToleranceKind,
    ValueType,
    choices,
)


class Indicator(models.Model):
    key = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=300)
    polarity = models.CharField(max_length=20, choices=choices(Polarity), blank=True)
    unit = models.CharField(
        max_length=100, blank=True, help_text="e.g. '%', 'per 10,000 aged 10-17'"
    )
    frequency = models.CharField(max_length=20, choices=choices(Frequency), blank=True)
    source = models.CharField(max_length=300, blank=True)
    definition = models.TextField(blank=True)
    value_type = models.CharField(max_length=20, choices=choices(ValueType), blank=True)
    multiplier = models.FloatField(
        default=1, help_text="100 for a percentage, 10000 for a rate per 10,000, and so on."
    )
    decimals = models.PositiveSmallIntegerField(default=1)
    comparison_method = models.CharField(
        max_length=20, choices=choices(ComparisonMethod), default=ComparisonMethod.CI_95.value
    )
    fingertips_id = models.PositiveIntegerField(
        null=True, blank=True, unique=True, help_text="OHID Fingertips indicator ID, for imports."
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(multiplier__gt=0), name="indicator_multiplier_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(decimals__lte=6), name="indicator_decimals_at_most_6"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("measures:indicator", args=[self.key])

    @property
    def value_range(self) -> tuple[float, float | None]:
        """The values the indicator can take: a proportion cannot exceed its multiplier."""
        if self.value_type == ValueType.PROPORTION:
            return 0.0, self.multiplier
        return 0.0, None


class Area(models.Model):
    """A place data are about, with its ONS-style code; or a named group of comparable places."""

    code = models.CharField(max_length=40, unique=True, help_text="e.g. E06000044 (Portsmouth)")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=choices(AreaKind))
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    members: models.ManyToManyField[Area, AreaGroupMember] = models.ManyToManyField(
        "self",
        through="AreaGroupMember",
        through_fields=("group", "member"),
        symmetrical=False,
        related_name="groups",
        blank=True,
    )

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class AreaGroupMember(models.Model):
    """A member of a comparator group (children's services statistical neighbours, CIPFA)."""

    group = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="member_links")
    member = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="group_links")
    rank = models.PositiveSmallIntegerField(null=True, blank=True, help_text="1 = nearest.")

    class Meta:
        ordering = ["group", "rank", "member__name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "member"], name="unique_group_member")
        ]

    def __str__(self) -> str:
        return f"{self.member} in {self.group}"


class DataImport(models.Model):
    """One attempt to import a file: who, when, what it held, and every row it rejected."""

    class Outcome(models.TextChoices):
        APPLIED = "applied", "Applied"
        UNCHANGED = "unchanged", "Nothing to change"
        REJECTED = "rejected", "Rejected: nothing was imported"
        DRY_RUN = "dry_run", "Dry run: nothing was imported"

    file_name = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64)
    file_format = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    how = models.CharField(max_length=200, help_text="e.g. 'command line', 'web upload'")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    counts = models.JSONField(default=dict)
    rejected_rows = models.JSONField(
        default=list, help_text="Every rejected row: its sheet, row number, field, reason, values."
    )
    changes = models.JSONField(default=list, help_text="What was (or would be) changed.")
    is_synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_outcome_display()}, {self.created_at:%Y-%m-%d %H:%M})"


PERIOD_KIND_CHOICES = [(kind.value, kind.label) for kind in PeriodKind]


class PeriodFields(models.Model):
    """A period stored as its kind and its first and last days, with its canonical label."""

    period_kind = models.CharField(max_length=30, choices=PERIOD_KIND_CHOICES)
    period_start = models.DateField()
    period_end = models.DateField()
    period_label = models.CharField(max_length=60)

    class Meta:
        abstract = True

    @property
    def period(self) -> Period:
        return Period(PeriodKind(self.period_kind), self.period_start, self.period_end)

    def set_period(self, period: Period) -> None:
        self.period_kind = period.kind.value
        self.period_start = period.start
        self.period_end = period.end
        self.period_label = period.label


# The fields of an observation that an import sets and a revision keeps.
OBSERVATION_VALUE_FIELDS = (
    "value",
    "numerator",
    "denominator",
    "lower_ci_95",
    "upper_ci_95",
    "lower_ci_99_8",
    "upper_ci_99_8",
    "status",
    "source",
    "note",
)


SYNTHETIC_PREFIX = "SYNTHETIC"


def is_synthetic_source(source: str) -> bool:
    """Made-up data say so in their source ("SYNTHETIC demonstration data"), in any case."""
    return source.strip().upper().startswith(SYNTHETIC_PREFIX)


class Observation(PeriodFields):
    """One indicator's value for one area and period. A missing value is ``None``, never 0."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="observations")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="observations")
    value = models.FloatField(null=True, blank=True)
    numerator = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    lower_ci_95 = models.FloatField(null=True, blank=True)
    upper_ci_95 = models.FloatField(null=True, blank=True)
    lower_ci_99_8 = models.FloatField(null=True, blank=True)
    upper_ci_99_8 = models.FloatField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=choices(ObservationStatus), default=ObservationStatus.FINAL.value
    )
    source = models.CharField(max_length=300, blank=True)
    note = models.CharField(max_length=500, blank=True)
    data_import = models.ForeignKey(
        DataImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="observations"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator", "area", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "period_kind", "period_start"],
                name="unique_observation",
            )
        ]
        indexes = [models.Index(fields=["indicator", "area", "period_end"])]

    def __str__(self) -> str:
        return f"{self.indicator.key} {self.area.code} {self.period_label}: {self.value}"

    def values(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in OBSERVATION_VALUE_FIELDS}

    @property
    def is_synthetic(self) -> bool:
        return is_synthetic_source(self.source)


class ObservationRevision(models.Model):
    """An observation's values before a change: the old value is never lost."""

    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="revisions")
    previous = models.JSONField(help_text="The values before the change.")
    changed_at = models.DateTimeField(auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    data_import = models.ForeignKey(
        DataImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="revisions"
    )

    class Meta:
        ordering = ["observation", "-changed_at"]

    def __str__(self) -> str:
        return f"{self.observation} (before {self.changed_at:%Y-%m-%d})"


class Target(models.Model):
    """A value to reach by a date ("March 2014"); a plan may set several for one indicator."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="targets")
    due = models.DateField(help_text="The last day of the period the target is for.")
    value = models.FloatField()
    tolerance_kind = models.CharField(
        max_length=20, choices=choices(ToleranceKind), default=ToleranceKind.NONE.value
    )
    tolerance = models.FloatField(default=0)
    label = models.CharField(max_length=100, blank=True, help_text="e.g. 'March 2014 target'")
    source = models.CharField(max_length=300, blank=True)
    data_import = models.ForeignKey(
        DataImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="targets"
    )

    class Meta:
        ordering = ["indicator", "area", "due"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "area", "due"], name="unique_target")
        ]

    def __str__(self) -> str:
        return self.label or f"{self.indicator.key} target for {self.due:%B %Y}"


class Rebase(models.Model):
    """An analyst's decision to recalculate SPC limits from a period, and why."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="rebases")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="rebases")
    period_start = models.DateField(help_text="The first period of the new baseline.")
    reason = models.CharField(max_length=300, help_text="e.g. 'definition changed April 2019'")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["indicator", "area", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "period_start"], name="unique_rebase"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.key} {self.area.code} from {self.period_start}: {self.reason}"
