"""GOV.UK tags for judgements: the words carry the meaning; colour only repeats it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from trustplan.assessment.formatting import NumberFormat
from trustplan.assessment.latest import DataStatus, LatestValue
from trustplan.measures.models import Indicator
from trustplan.stats.rag import Rag
from trustplan.stats.spc import AssuranceIcon, VariationIcon

register = template.Library()
K = TypeVar("K")

RAG_TAGS = {
    Rag.GREEN: ("govuk-tag--green", "Green: target met"),
    Rag.AMBER: ("govuk-tag--yellow", "Amber: within tolerance"),
    Rag.RED: ("govuk-tag--red", "Red: target missed"),
    Rag.NOT_RATED: ("govuk-tag--grey", "Not rated"),
}
CONFIDENCE_TAGS = {
    Rag.GREEN: ("govuk-tag--green", "Likely"),
    Rag.AMBER: ("govuk-tag--yellow", "Uncertain"),
    Rag.RED: ("govuk-tag--red", "Unlikely"),
    Rag.NOT_RATED: ("govuk-tag--grey", "Not forecast"),
}
VARIATION_TAGS = {
    VariationIcon.COMMON_CAUSE: ("govuk-tag--grey", "Common cause"),
    VariationIcon.IMPROVEMENT_HIGH: ("govuk-tag--blue", "Improvement (higher)"),
    VariationIcon.IMPROVEMENT_LOW: ("govuk-tag--blue", "Improvement (lower)"),
    VariationIcon.CONCERN_HIGH: ("govuk-tag--orange", "Concern (higher)"),
    VariationIcon.CONCERN_LOW: ("govuk-tag--orange", "Concern (lower)"),
    VariationIcon.NEUTRAL_HIGH: ("govuk-tag--purple", "Special cause (higher)"),
    VariationIcon.NEUTRAL_LOW: ("govuk-tag--purple", "Special cause (lower)"),
}
ASSURANCE_TAGS = {
    AssuranceIcon.CONSISTENT_PASS: ("govuk-tag--blue", "Consistently passing"),
    AssuranceIcon.CONSISTENT_FAIL: ("govuk-tag--orange", "Consistently failing"),
    AssuranceIcon.INCONSISTENT: ("govuk-tag--grey", "Hit and miss"),
}


def _tag(tags: Mapping[K, tuple[str, str]], key: K) -> SafeString:
    css, words = tags[key]
    return format_html('<strong class="govuk-tag {}">{}</strong>', css, words)


@register.simple_tag
def rag_tag(rag: Rag | None) -> SafeString:
    return _tag(RAG_TAGS, rag or Rag.NOT_RATED)


@register.simple_tag
def confidence_tag(rag: Rag | None) -> SafeString:
    return _tag(CONFIDENCE_TAGS, rag or Rag.NOT_RATED)


@register.simple_tag
def variation_tag(icon: VariationIcon | None) -> SafeString:
    if icon is None:
        return format_html(
            '<strong class="govuk-tag govuk-tag--grey">{}</strong>', "Too few points"
        )
    return _tag(VARIATION_TAGS, icon)


@register.simple_tag
def assurance_tag(icon: AssuranceIcon | None) -> SafeString:
    if icon is None:
        return format_html('<strong class="govuk-tag govuk-tag--grey">{}</strong>', "No target")
    return _tag(ASSURANCE_TAGS, icon)


@register.simple_tag
def indicator_value(indicator: Indicator, number: float | None, *, with_unit: bool = True) -> str:
    """A value as the judgements print it: the indicator's decimals, and its unit if asked."""
    if number is None:
        return ""
    fmt = NumberFormat(indicator.decimals, indicator.unit.strip())
    return fmt.value(number) if with_unit else fmt.number(number)


@register.simple_tag
def data_status_tag(latest: LatestValue) -> SafeString:
    """Missing or late data, named with the period that was due: never shown as a zero."""
    words = {
        DataStatus.MISSING: "No value for",
        DataStatus.LATE: "Late:",
        DataStatus.NO_DATA: "No data",
    }.get(latest.status)
    if words is None:
        return format_html("")
    expected = latest.expected
    due = f" {expected.label}" if expected and latest.status != DataStatus.NO_DATA else ""
    return format_html('<strong class="govuk-tag govuk-tag--red">{}{}</strong>', words, due)
