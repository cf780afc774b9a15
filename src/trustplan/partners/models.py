"""Organisations in the partnership and the people who work for them.

Both outlive any one plan: a plan load creates or updates them by key and never deletes them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class OrganisationKind(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    NHS_COMMISSIONER = "nhs_commissioner", "NHS commissioner"
    NHS_PROVIDER = "nhs_provider", "NHS provider"
    POLICE = "police", "Police"
    SCHOOLS = "schools", "Schools"
    FURTHER_EDUCATION = "further_education", "Further education"
    EARLY_YEARS = "early_years", "Early years"
    VOLUNTARY_SECTOR = "voluntary_sector", "Voluntary and community sector"
    PARENTS_AND_YOUNG_PEOPLE = "parents_and_young_people", "Parents and young people"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"
    SAFEGUARDING_PARTNERSHIP = "safeguarding_partnership", "Safeguarding partnership"
    ELECTED_MEMBERS = "elected_members", "Elected members"
    OTHER_PUBLIC_BODY = "other_public_body", "Other public body"


class Organisation(models.Model):
    key = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=40, choices=OrganisationKind.choices)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """A named individual: a strategic lead in a plan, and/or someone who signs in."""

    key = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name
