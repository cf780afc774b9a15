"""GOV.UK tags for report ratings (the word always, the colour only repeating it), and the
confidentiality footnote under a table that shows a withheld figure as ``[c]``."""

from __future__ import annotations

import base64
from collections.abc import Iterable

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from trustplan.disclosure import FOOTNOTE
from trustplan.documents.content import KpiRow, Rating, ScorecardRow

register = template.Library()

RATING_CLASSES = {
    Rating.RED: "govuk-tag--red",
    Rating.AMBER: "govuk-tag--yellow",
    Rating.GREEN: "govuk-tag--green",
    Rating.BLUE: "govuk-tag--blue",
    Rating.NOT_RATED: "govuk-tag--grey",
}


@register.simple_tag
def rating_tag(rating: str | Rating | None) -> SafeString:
    value = Rating(rating or Rating.NOT_RATED)
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>', RATING_CLASSES[value], value.label
    )


@register.filter
def svg_image(svg: str | None) -> str:
    """A chart as an <img> data URI: a picture cannot run script, whatever the SVG holds."""
    if not svg:
        return ""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@register.simple_tag
def confidentiality_footnote(rows: Iterable[KpiRow | ScorecardRow]) -> SafeString:
    """``trustplan.disclosure.FOOTNOTE`` when any of the table's KPIs shows ``[c]``."""
    kpis = [row.kpi if isinstance(row, ScorecardRow) else row for row in rows]
    if not any(kpi.suppressed for kpi in kpis):
        return SafeString("")
    return format_html('<p class="govuk-body-s tp-disclosure-footnote">{}</p>', FOOTNOTE)
