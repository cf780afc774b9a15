"""Criteria as versioned rule sets: which families the hub's feeds suggest need help early,
with the evidence and a plain-English reason for every flag. Pure Python, no Django.

* :mod:`~trustplan.hubcore.rules.facts`: the input, linked people in families and their events
  (one per accepted feed record), and ``facts_from_city`` for a synthetic city's true linkage;
* :mod:`~trustplan.hubcore.rules.schema`: the rule set file, with its small condition language;
* :mod:`~trustplan.hubcore.rules.reading`: reading a rule set, naming each problem's line, and
  the rule sets trustplan ships;
* :mod:`~trustplan.hubcore.rules.evaluate`: ``evaluate(rule_set, facts, on)``, the families
  meeting a rule set, each indicator with its people, records and explanation;
* :mod:`~trustplan.hubcore.rules.progress`: progress after early help support closes;
* :mod:`~trustplan.hubcore.rules.wording`: the plain-English pieces of explanations.

A hit is for a practitioner to review, never a decision. Explanations and evidence are
person-level data: they stay out of ``repr`` and must never be logged. docs/hub-rules.md
describes the language and the shipped rule sets.
"""

from trustplan.hubcore.rules.evaluate import (
    FamilyHit,
    IndicatorHit,
    evaluate,
    evaluate_family,
    indicators_met,
    window_start,
)
from trustplan.hubcore.rules.facts import (
    EVENT_TYPES,
    EarlyHelpEpisode,
    Episode,
    Event,
    Exclusion,
    Facts,
    FamilyFacts,
    HealthAppointment,
    HousingEvent,
    Person,
    PoliceIncident,
    SchoolAttendance,
    SocialCareEpisode,
    Term,
    WorklessnessSpell,
    YouthJusticeOutcome,
    event_from_columns,
    facts_from_city,
)
from trustplan.hubcore.rules.progress import Checkpoint, FamilyProgress, progress
from trustplan.hubcore.rules.reading import (
    ACCUMULATING_CONCERNS,
    ACCUMULATING_CONCERNS_TWO_OF_THREE,
    SHIPPED,
    SUPPORTING_FAMILIES_2022,
    TROUBLED_FAMILIES_2,
    RuleSetError,
    load_rule_set,
    read_rule_set,
    shipped_rule_set,
    shipped_rule_sets,
)
from trustplan.hubcore.rules.schema import RuleSet
from trustplan.plancode.yamlmodels import Problem

__all__ = [
    "ACCUMULATING_CONCERNS",
    "ACCUMULATING_CONCERNS_TWO_OF_THREE",
    "EVENT_TYPES",
    "SHIPPED",
    "SUPPORTING_FAMILIES_2022",
    "TROUBLED_FAMILIES_2",
    "Checkpoint",
    "EarlyHelpEpisode",
    "Episode",
    "Event",
    "Exclusion",
    "Facts",
    "FamilyFacts",
    "FamilyHit",
    "FamilyProgress",
    "HealthAppointment",
    "HousingEvent",
    "IndicatorHit",
    "Person",
    "PoliceIncident",
    "Problem",
    "RuleSet",
    "RuleSetError",
    "SchoolAttendance",
    "SocialCareEpisode",
    "Term",
    "WorklessnessSpell",
    "YouthJusticeOutcome",
    "evaluate",
    "evaluate_family",
    "event_from_columns",
    "facts_from_city",
    "indicators_met",
    "load_rule_set",
    "progress",
    "read_rule_set",
    "shipped_rule_set",
    "shipped_rule_sets",
    "window_start",
]
