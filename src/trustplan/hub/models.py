"""The hub's governed store: data-sharing agreements, feed loads, quarantined rows and records.

Every person-level record arrives through a load of one feed file under an active data-sharing
agreement. A load is all-or-nothing: the file's accepted rows are stored together with the load
record, and its rejected rows are kept in quarantine with their reasons, for the analyst who
sent the file to inspect. Loading the same file again changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from trustplan.partners.models import Organisation


class DataSharingAgreement(models.Model):
    """The minimal register a load is checked against: who shares what, why, and until when.

    The governance issue grows this into what a DPIA needs; the load check needs only the feeds
    covered and the dates.
    """

    title = models.CharField(max_length=300)
    parties = models.ManyToManyField(Organisation, related_name="data_sharing_agreements")
    lawful_basis = models.TextField(
        help_text="UK GDPR Article 6 basis, and the Article 9 condition for special category data."
    )
    purposes = models.TextField(help_text="What the data may be used for.")
    feeds = models.JSONField(default=list, help_text="The feed types this agreement covers.")
    starts_on = models.DateField()
    ends_on = models.DateField()
    retention_days = models.PositiveIntegerField(
        help_text="How long records loaded under it may be kept."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "title"]

    def __str__(self) -> str:
        return self.title

    def covers(self, feed_type: str, on: dt.date) -> bool:
        return feed_type in self.feeds and self.starts_on <= on <= self.ends_on


class FeedLoad(models.Model):
    class Outcome(models.TextChoices):
        LOADED = "loaded", "Loaded"
        REFUSED = "refused", "Refused"
        UNCHANGED = "unchanged", "Unchanged: this file was loaded before"

    feed_type = models.CharField(max_length=40)
    file_name = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64)
    agreement = models.ForeignKey(
        DataSharingAgreement, null=True, blank=True, on_delete=models.PROTECT, related_name="loads"
    )
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    loaded_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    reason = models.TextField(blank=True, help_text="Why a file was refused; never a data value.")
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["-loaded_at"]

    def __str__(self) -> str:
        return f"{self.feed_type} {self.file_name} ({self.get_outcome_display()})"


class QuarantinedRow(models.Model):
    """A rejected row, kept as sent with the reason, so the sender can correct and resend it."""

    load = models.ForeignKey(FeedLoad, on_delete=models.CASCADE, related_name="quarantine")
    row = models.PositiveIntegerField()
    column = models.CharField(max_length=300, blank=True, help_text="The columns at fault.")
    reason = models.TextField(help_text="Every problem the row has; never a data value.")
    raw = models.JSONField()

    class Meta:
        ordering = ["load", "row"]

    def __str__(self) -> str:
        return f"row {self.row}: {self.reason}"


class HubRecord(models.Model):
    """One accepted row of one feed: the identity columns, and the feed's own columns as JSON."""

    load = models.ForeignKey(FeedLoad, on_delete=models.CASCADE, related_name="records")
    feed_type = models.CharField(max_length=40)
    record_id = models.CharField(max_length=64)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    sex = models.CharField(max_length=1, blank=True)
    nhs_number = models.CharField(max_length=10, blank=True)
    upn = models.CharField(max_length=13, blank=True)
    address = models.CharField(max_length=200, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    uprn = models.CharField(max_length=12, blank=True)
    ethnicity = models.CharField(max_length=20, blank=True)
    event = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["feed_type", "record_id"], name="one_record_per_id")
        ]
        indexes = [models.Index(fields=["feed_type"])]

    def __str__(self) -> str:
        return f"{self.feed_type}:{self.record_id}"


class LinkRun(models.Model):
    """One run of the linker over every stored record, with its trained model and figures."""

    started_at = models.DateTimeField(auto_now_add=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    engine = models.CharField(max_length=10)
    thresholds = models.JSONField(default=dict)
    counts = models.JSONField(default=dict)
    timings = models.JSONField(default=dict)
    model = models.TextField(help_text="The trained Splink model (JSON), kept with the run.")

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"link run {self.pk} ({self.started_at:%Y-%m-%d %H:%M})"


class PersonLink(models.Model):
    """Which person a record belongs to, by the latest run."""

    run = models.ForeignKey(LinkRun, on_delete=models.CASCADE, related_name="links")
    feed_type = models.CharField(max_length=40)
    record_id = models.CharField(max_length=64)
    person_id = models.CharField(max_length=40)

    class Meta:
        indexes = [
            models.Index(fields=["person_id"]),
            models.Index(fields=["feed_type", "record_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.feed_type}:{self.record_id} -> {self.person_id}"


class ReviewPair(models.Model):
    """A pair the linker was unsure of: for a person to decide, never linked until they do."""

    run = models.ForeignKey(LinkRun, on_delete=models.CASCADE, related_name="review_pairs")
    id_l = models.CharField(max_length=110)
    id_r = models.CharField(max_length=110)
    match_probability = models.FloatField()
    reason = models.CharField(max_length=300)
    evidence = models.JSONField(default=list, help_text="The comparison in words; no values.")

    class Meta:
        ordering = ["run", "-match_probability"]

    def __str__(self) -> str:
        return f"{self.id_l} ~ {self.id_r} ({self.match_probability:.2f})"


class ReviewDecision(models.Model):
    """A reviewer's decision on a pair; every later run respects it."""

    class Decision(models.TextChoices):
        MATCH = "match", "The same person"
        NO_MATCH = "no_match", "Different people"

    id_l = models.CharField(max_length=110)
    id_r = models.CharField(max_length=110)
    decision = models.CharField(max_length=10, choices=Decision.choices)
    reason = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_at"]
        constraints = [
            models.UniqueConstraint(fields=["id_l", "id_r"], name="one_decision_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.id_l} ~ {self.id_r}: {self.get_decision_display()}"


class Locality(models.Model):
    """A locality the partnership organises early help by (a ward or a group of postcode
    sectors), from the locality lookup CSV. Practitioners are scoped to one."""

    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "localities"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("hub:locality", args=[self.pk])


class PostcodeSector(models.Model):
    """A postcode sector ("ZZ1 2") and the locality it lies in."""

    sector = models.CharField(max_length=8, unique=True)
    locality = models.ForeignKey(Locality, on_delete=models.CASCADE, related_name="sectors")

    class Meta:
        ordering = ["sector"]

    def __str__(self) -> str:
        return f"{self.sector} ({self.locality})"


class FamilyRun(models.Model):
    """One grouping of the latest link run's people into households and families, and one
    evaluation of the rule sets on them as at ``as_at``."""

    link_run = models.ForeignKey(LinkRun, on_delete=models.CASCADE, related_name="family_runs")
    started_at = models.DateTimeField(auto_now_add=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    as_at = models.DateField(help_text="The day the rule sets were evaluated as at.")
    rule_sets = models.JSONField(default=list, help_text="[{key, version}] evaluated.")
    counts = models.JSONField(default=dict)
    timings = models.JSONField(default=dict)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"family run {self.pk} as at {self.as_at}"


class Family(models.Model):
    """A family the hub found: a household's adults and their dependent children (or an
    expectant parent). ``family_id`` is stable across runs while the family's people are."""

    run = models.ForeignKey(FamilyRun, on_delete=models.CASCADE, related_name="families")
    family_id = models.CharField(max_length=40)
    household_id = models.CharField(max_length=40)
    locality = models.ForeignKey(
        Locality, null=True, blank=True, on_delete=models.SET_NULL, related_name="families"
    )
    postcode_sector = models.CharField(max_length=8, blank=True)
    open_to_early_help = models.BooleanField(default=False)
    open_to_social_care = models.BooleanField(default=False)

    class Meta:
        ordering = ["run", "family_id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "family_id"], name="one_family_id_per_run")
        ]
        indexes = [models.Index(fields=["family_id"])]

    def __str__(self) -> str:
        return self.family_id

    @property
    def already_open(self) -> bool:
        """Families already open to early help or social care are not put on the work list."""
        return self.open_to_early_help or self.open_to_social_care


class FamilyMember(models.Model):
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="members")
    person_id = models.CharField(max_length=40)
    is_child = models.BooleanField(default=False)
    expectant = models.BooleanField(default=False)

    class Meta:
        ordering = ["family", "-is_child", "person_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["family", "person_id"], name="one_membership_per_family"
            )
        ]
        indexes = [models.Index(fields=["person_id"])]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.family}"


class Flag(models.Model):
    """A family meeting a rule set as at the run's date: the indicators met, each with its
    explanation and evidence (``feed:record_id`` of the source records). A flag is for a
    practitioner to review, never a decision."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="flags")
    rule_set = models.CharField(max_length=80)
    rule_set_version = models.CharField(max_length=40)
    criteria = models.JSONField(help_text="The keys of the indicators met, in rule-set order.")
    indicators = models.JSONField(
        help_text="[{key, title, explanation, people, evidence}] for each indicator met."
    )
    score = models.PositiveIntegerField(help_text="How many indicators are met; ranks the list.")

    class Meta:
        ordering = ["family", "rule_set"]
        constraints = [
            models.UniqueConstraint(fields=["family", "rule_set"], name="one_flag_per_rule_set")
        ]

    def __str__(self) -> str:
        return f"{self.family} meets {self.rule_set}"


class WorkDecision(models.Model):
    """A practitioner's decision on a family from the work list. Kept by ``family_id``, so it
    carries across runs; no family is acted on without one."""

    class Decision(models.TextChoices):
        OFFER_ASSESSMENT = "offer_assessment", "Offer an early help assessment"
        ALREADY_KNOWN = "already_known", "Already known to a service"
        NO_ACTION = "no_action", "No action"

    family_id = models.CharField(max_length=40)
    rule_set = models.CharField(max_length=80)
    decision = models.CharField(max_length=20, choices=Decision.choices)
    reason = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_at"]
        indexes = [models.Index(fields=["family_id"])]

    def __str__(self) -> str:
        return f"{self.family_id}: {self.get_decision_display()}"
