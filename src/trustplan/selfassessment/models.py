"""Self-assessment rounds: a framework version, contributors' scores, the moderated result.

A partnership judges itself against a framework (``trustplan.frameworks``): contributors from
several organisations score every descriptor with their evidence, then a moderator agrees the
final score of each and records what the partnership does well and needs to improve. The stored
framework is the YAML text as loaded, so a round always shows the wording it was scored against.

Scores, final scores and findings keep their history (django-simple-history): who said what, and
what the moderator changed, stays on record. The workflow's steps and rules are in
``trustplan.selfassessment.rounds`` and ``.rules``; who may act, in ``.permissions``.
"""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from trustplan.delivery.models import Action
from trustplan.frameworks import schema
from trustplan.frameworks.reading import load_framework
from trustplan.frameworks.summary import Summary, summarise
from trustplan.partners.models import Organisation
from trustplan.plans.models import Plan

User = settings.AUTH_USER_MODEL


class Framework(models.Model):
    """One version of a framework, stored as its YAML text; a new version is a new row."""

    key = models.SlugField(max_length=60)
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    document = models.TextField(help_text="The framework's YAML, exactly as loaded.")
    sha256 = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["key", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="unique_framework_version")
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"

    @cached_property
    def parsed(self) -> schema.Framework:
        return load_framework(self.document)


class RoundState(models.TextChoices):
    OPEN = "open", "Open for scoring"
    MODERATING = "moderating", "Being moderated"
    COMPLETE = "complete", "Complete"


class Round(models.Model):
    """One self-assessment of a plan's partnership against one framework version."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="self_assessments")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="rounds")
    title = models.CharField(max_length=200)
    state = models.CharField(
        max_length=12, choices=RoundState.choices, default=RoundState.OPEN.value
    )
    opened_at = models.DateTimeField(default=timezone.now)
    opened_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["plan", "-opened_at"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "title"], name="unique_round_title_in_plan")
        ]

    def __str__(self) -> str:
        return self.title

    def agreed_scores(self) -> dict[str, str]:
        """Each descriptor's agreed score: ``{descriptor code: scale key}``."""
        return dict(self.final_scores.values_list("descriptor_code", "scale_key"))

    def summary(self) -> Summary:
        return summarise(self.framework.parsed, self.agreed_scores())

    def scored_by(self, user_id: int | None) -> bool:
        return user_id is not None and self.scores.filter(contributor__user_id=user_id).exists()


class Contributor(models.Model):
    """Someone invited to score a round, for their organisation."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="contributors")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    invited_at = models.DateTimeField(default=timezone.now)
    invited_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["round", "organisation__name", "user__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="one_invitation_per_round")
        ]

    def __str__(self) -> str:
        name = self.user.get_full_name() or self.user.get_username()
        return f"{name}, {self.organisation}"


class Score(models.Model):
    """One contributor's score of one descriptor, with their evidence."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="scores")
    contributor = models.ForeignKey(Contributor, on_delete=models.CASCADE, related_name="scores")
    descriptor_code = models.CharField(max_length=20)
    scale_key = models.CharField(max_length=60)
    evidence = models.TextField(blank=True)
    comment = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "descriptor_code", "contributor"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "contributor", "descriptor_code"], name="one_score_each"
            )
        ]

    def __str__(self) -> str:
        return f"{self.descriptor_code}: {self.scale_key} from {self.contributor}"


class FinalScore(models.Model):
    """The score a moderator agreed for one descriptor, and why."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="final_scores")
    descriptor_code = models.CharField(max_length=20)
    scale_key = models.CharField(max_length=60)
    rationale = models.TextField(blank=True)
    moderator = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    moderated_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "descriptor_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "descriptor_code"], name="one_final_score_each"
            )
        ]

    def __str__(self) -> str:
        return f"{self.descriptor_code}: {self.scale_key}"


class FindingKind(models.TextChoices):
    STRENGTH = "strength", "What we do well"
    IMPROVEMENT = "improvement", "What we need to further improve"


class Finding(models.Model):
    """A key finding of a round; one may become an action in the plan's delivery plan."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(max_length=12, choices=FindingKind.choices)
    order = models.PositiveIntegerField()
    text = models.TextField()
    action = models.ForeignKey(
        Action, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "kind", "order"]

    def __str__(self) -> str:
        return self.text[:80]
