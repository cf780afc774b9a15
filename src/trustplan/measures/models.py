"""The indicator catalogue.

An indicator is a measure with one definition. Plans point to it from their KPIs, so an indicator
carried over from one plan to the next (first-time entrants to youth justice, say) keeps one
history of data.
"""

from __future__ import annotations

from django.db import models


class Polarity(models.TextChoices):
    HIGH_IS_GOOD = "high_is_good", "High is good"
    LOW_IS_GOOD = "low_is_good", "Low is good"
    NO_JUDGEMENT = "no_judgement", "No judgement (neither higher nor lower is better)"


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    TERMLY = "termly", "Termly"
    ANNUAL = "annual", "Annual"
    ACADEMIC_YEAR = "academic_year", "Academic year"


class Indicator(models.Model):
    key = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=300)
    polarity = models.CharField(max_length=20, choices=Polarity.choices, blank=True)
    unit = models.CharField(max_length=100, blank=True)
    frequency = models.CharField(max_length=20, choices=Frequency.choices, blank=True)
    source = models.CharField(max_length=300, blank=True)
    definition = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
