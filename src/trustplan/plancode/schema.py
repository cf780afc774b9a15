"""The plan file schema: the contract between a plan's YAML file and trustplan's database.

Every model forbids unknown keys, so a misspelt field is an error that names the path rather
than data silently dropped. The schema is documented in docs/plan-schema.md and published as
JSON Schema by ``trustplan plan schema``.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

# A plan file's KPIs use the shared vocabulary; re-exported for readers of the schema.
from trustplan.vocabulary import Frequency as Frequency
from trustplan.vocabulary import Polarity as Polarity

SCHEMA_VERSION = 1

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Key = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80),
]
Number = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9.]+$", max_length=12),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class PlanStatus(StrEnum):
    DRAFT = "draft"
    CONSULTATION = "consultation"
    APPROVED = "approved"
    ARCHIVED = "archived"


class OrganisationKind(StrEnum):
    LOCAL_AUTHORITY = "local_authority"
    NHS_COMMISSIONER = "nhs_commissioner"
    NHS_PROVIDER = "nhs_provider"
    POLICE = "police"
    SCHOOLS = "schools"
    FURTHER_EDUCATION = "further_education"
    EARLY_YEARS = "early_years"
    VOLUNTARY_SECTOR = "voluntary_sector"
    PARENTS_AND_YOUNG_PEOPLE = "parents_and_young_people"
    YOUTH_JUSTICE = "youth_justice"
    SAFEGUARDING_PARTNERSHIP = "safeguarding_partnership"
    ELECTED_MEMBERS = "elected_members"
    OTHER_PUBLIC_BODY = "other_public_body"


class BoardStatus(StrEnum):
    ESTABLISHED = "established"
    TO_BE_ESTABLISHED = "to_be_established"


class Countable(StrEnum):
    """The parts of a plan whose totals a document may state about itself."""

    PRIORITIES = "priorities"
    OBJECTIVES = "objectives"
    INDICATORS = "indicators"
    THEMES = "themes"


class SourceDocument(Strict):
    title: Text
    reference: Text | None = None


class Labels(Strict):
    """The plan's own words for its parts, so pages speak the partnership's language."""

    priority: Text = "Priority"
    priorities: Text = "Priorities"
    objectives: Text = "Strategic Objectives"
    indicators: Text = "Key Performance Indicators"
    covid_response: Text = "Covid-19 Response and Recovery"
    themes: Text = "Strategic Spine"
    board: Text = "Governance"
    leads: Text = "Strategic Lead"


class StatedTotal(Strict):
    """A total the document states about itself ("58 Key Performance Indicators")."""

    of: Countable
    value: int = Field(ge=0)
    source: Text


class Foreword(Strict):
    text: Text
    signed_by: Text | None = None


class Section(Strict):
    """A narrative section that is part of the plan but not otherwise structured."""

    code: Number | None = None
    title: Text
    text: Text


class Organisation(Strict):
    key: Key
    name: Text
    kind: OrganisationKind


class Board(Strict):
    key: Key
    name: Text
    also_known_as: list[Text] = []
    status: BoardStatus = BoardStatus.ESTABLISHED
    remit: Text | None = None


class Lead(Strict):
    name: Text
    role: Text | None = None
    organisation: Key | None = None


class IndicatorDefinition(Strict):
    polarity: Polarity | None = None
    unit: Text | None = None
    frequency: Frequency | None = None
    source: Text | None = None
    definition: Text | None = None


class KeyPerformanceIndicator(Strict):
    number: Number
    title: Text
    indicator: Key = Field(
        description="Catalogue key; the same key in two plans is the same indicator."
    )
    polarity: Polarity | None = None
    unit: Text | None = None
    frequency: Frequency | None = None
    source: Text | None = None
    definition: Text | None = None
    themes: list[Number] = Field(
        default=[], description="Codes of the spine themes this indicator evidences"
    )

    def definition_fields(self) -> IndicatorDefinition:
        return IndicatorDefinition(
            polarity=self.polarity,
            unit=self.unit,
            frequency=self.frequency,
            source=self.source,
            definition=self.definition,
        )


class CovidItem(Strict):
    code: Number
    text: Text


class Objective(Strict):
    number: Number
    title: Text
    short_title: Text | None = None
    description: Text | None = None


class Priority(Strict):
    number: Number
    title: Text
    outcome: Text | None = None
    strategy: Text | None = None
    board: Key | None = None
    leads: list[Lead] = []
    vision: Text | None = None
    rationale: Text | None = None
    indicators: list[KeyPerformanceIndicator] = []
    covid_response: list[CovidItem] = []
    objectives: list[Objective] = []


class Theme(Strict):
    code: Number
    title: Text
    short_title: Text | None = None
    bullets: list[Text] = []
    description: Text | None = None


class NeedsGroup(Strict):
    """One age group of a needs assessment, sorted into encouraging and concerning findings."""

    title: Text
    encouraging: list[Text] = []
    concerning: list[Text] = []


class PlanHeader(Strict):
    slug: Key
    title: Text
    subtitle: Text | None = None
    partnership: Text
    area_code: Annotated[str, StringConstraints(pattern=r"^[A-Z][0-9]{8}$")] | None = Field(
        default=None, description="The ONS code of the area the plan is for, e.g. E06000044."
    )
    period_start: dt.date
    period_end: dt.date
    status: PlanStatus
    version: Text | None = None
    approved_by: Text | None = None
    approved_on: dt.date | None = None
    sources: list[SourceDocument] = []
    labels: Labels = Labels()
    stated_totals: list[StatedTotal] = []

    @model_validator(mode="after")
    def _period_in_order(self) -> PlanHeader:
        if self.period_end <= self.period_start:
            raise ValueError(
                f"period_end {self.period_end} must be after period_start {self.period_start}"
            )
        return self


class PlanDocument(Strict):
    """A whole plan: what `trustplan plan load` reads and `trustplan plan export` writes."""

    schema_version: int = Field(ge=SCHEMA_VERSION, le=SCHEMA_VERSION)
    plan: PlanHeader
    foreword: Foreword | None = None
    sections: list[Section] = []
    organisations: list[Organisation] = []
    boards: list[Board] = []
    themes: list[Theme] = []
    priorities: list[Priority] = []
    needs_assessment: list[NeedsGroup] = []
