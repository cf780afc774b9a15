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

from trustplan.governance.categories import special_categories
from trustplan.partners.models import Organisation


class DataSharingAgreement(models.Model):
    """The register a load is checked against and a DPIA is drafted from: the parties and their
    roles, the lawful bases, the purposes, the feeds covered, its dates, and how long records
    loaded under it may be kept (see docs/governance.md).

    A record is kept for ``retention_days`` after the load that last stored it, and never
    longer than ``grace_days`` after the agreement ends; ``trustplan hub retention`` removes it
    after that (``keep_until``).
    """

    class Article6(models.TextChoices):
        """UK GDPR Article 6(1): the lawful basis for processing any personal data."""

        CONSENT = "a", "Article 6(1)(a): consent"
        CONTRACT = "b", "Article 6(1)(b): contract"
        LEGAL_OBLIGATION = "c", "Article 6(1)(c): legal obligation"
        VITAL_INTERESTS = "d", "Article 6(1)(d): vital interests"
        PUBLIC_TASK = "e", "Article 6(1)(e): public task"
        LEGITIMATE_INTERESTS = "f", "Article 6(1)(f): legitimate interests"

    class Article9(models.TextChoices):
        """UK GDPR Article 9(2): the condition for processing special category data."""

        EXPLICIT_CONSENT = "a", "Article 9(2)(a): explicit consent"
        SOCIAL_PROTECTION = (
            "b",
            "Article 9(2)(b): employment, social security and social protection",
        )
        VITAL_INTERESTS = "c", "Article 9(2)(c): vital interests"
        NOT_FOR_PROFIT = "d", "Article 9(2)(d): not-for-profit bodies"
        MADE_PUBLIC = "e", "Article 9(2)(e): made public by the data subject"
        LEGAL_CLAIMS = "f", "Article 9(2)(f): legal claims or judicial acts"
        SUBSTANTIAL_PUBLIC_INTEREST = "g", "Article 9(2)(g): reasons of substantial public interest"
        HEALTH_OR_SOCIAL_CARE = "h", "Article 9(2)(h): health or social care"
        PUBLIC_HEALTH = "i", "Article 9(2)(i): public health"
        ARCHIVING_OR_RESEARCH = "j", "Article 9(2)(j): archiving, research or statistics"
        NOT_SPECIAL_CATEGORY = "none", "Not special category data"

    # The Article 9(2) conditions that also need a Data Protection Act 2018 Schedule 1 condition
    # (DPA 2018 section 10(2) and (3)).
    NEEDS_SCHEDULE_1 = frozenset({"b", "g", "h", "i", "j"})

    title = models.CharField(max_length=300)
    parties = models.ManyToManyField(
        Organisation,
        related_name="data_sharing_agreements",
        help_text="Every party; those not listed as processors are controllers.",
    )
    processors = models.ManyToManyField(
        Organisation,
        related_name="processor_agreements",
        blank=True,
        help_text="Parties that process the data only on the controllers' instructions "
        "(UK GDPR Article 28).",
    )
    lawful_basis = models.TextField(
        help_text="The lawful bases explained: the powers and duties relied on, and why."
    )
    article_6_basis = models.CharField(
        max_length=1, choices=Article6.choices, blank=True, verbose_name="UK GDPR Article 6 basis"
    )
    article_9_condition = models.CharField(
        max_length=4,
        choices=Article9.choices,
        blank=True,
        verbose_name="UK GDPR Article 9 condition",
    )
    dpa_schedule_1_condition = models.CharField(
        max_length=300,
        blank=True,
        verbose_name="DPA 2018 Schedule 1 condition",
        help_text="e.g. Part 2, paragraph 18: safeguarding of children and individuals at risk.",
    )
    purposes = models.TextField(help_text="What the data may be used for.")
    feeds = models.JSONField(default=list, help_text="The feed types this agreement covers.")
    starts_on = models.DateField()
    ends_on = models.DateField()
    review_on = models.DateField(
        null=True, blank=True, help_text="When the parties review it next."
    )
    retention_days = models.PositiveIntegerField(
        help_text="How long records loaded under it may be kept, from the load that last "
        "stored them."
    )
    grace_days = models.PositiveIntegerField(
        default=0,
        help_text="Days after it ends that records loaded under it may still be kept, to "
        "return or delete them; 0: none.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "title"]

    def __str__(self) -> str:
        return self.title

    def covers(self, feed_type: str, on: dt.date) -> bool:
        return feed_type in self.feeds and self.starts_on <= on <= self.ends_on

    def keep_until(self, loaded_on: dt.date) -> dt.date:
        """The last day a record loaded on ``loaded_on`` under this agreement may be kept."""
        return min(
            loaded_on + dt.timedelta(days=self.retention_days),
            self.ends_on + dt.timedelta(days=self.grace_days),
        )

    def review_problem(self, on: dt.date) -> str | None:
        """Why the agreement needs reviewing as at ``on``, if it does."""
        if self.review_on is None:
            return "no review date is recorded"
        if self.review_on < on:
            return f"its review was due on {self.review_on.day} {self.review_on:%B %Y}"
        return None

    def basis_problems(self) -> list[tuple[str, str]]:
        """What is missing from its lawful bases, as ``(field, problem)``. The feeds it covers
        decide whether an Article 9 condition is needed (``trustplan.governance.categories``)."""
        problems = []
        if not self.article_6_basis:
            problems.append(("article_6_basis", "no UK GDPR Article 6 basis is recorded"))
        special = special_categories(list(self.feeds))
        condition = self.article_9_condition
        if special and condition in {"", self.Article9.NOT_SPECIAL_CATEGORY}:
            problems.append(
                (
                    "article_9_condition",
                    f"its feeds hold special category data ({', '.join(special)}), so it "
                    "needs a UK GDPR Article 9(2) condition",
                )
            )
        if condition in self.NEEDS_SCHEDULE_1 and not self.dpa_schedule_1_condition.strip():
            problems.append(
                (
                    "dpa_schedule_1_condition",
                    f"Article 9(2)({condition}) also needs a DPA 2018 Schedule 1 condition",
                )
            )
        return problems


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
