"""Alert a priority's leads when one of its KPIs turns red or shows special-cause concern.

Checked whenever an import touches a KPI's indicator (the ``data_applied`` signal) and by
``trustplan cycle alerts``. Each alert is sent once per KPI, latest period and kind, and only the
aggregate judgement is sent: never person-level data.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.mail import send_mail
from django.dispatch import receiver

from trustplan.access.models import Membership, Role
from trustplan.delivery.models import AlertKind, KpiAlert
from trustplan.measures.judging import as_of, judge
from trustplan.measures.signals import data_applied
from trustplan.plans.models import KeyPerformanceIndicator
from trustplan.stats.rag import Rag
from trustplan.stats.spc import VariationIcon

CONCERN = (VariationIcon.CONCERN_HIGH, VariationIcon.CONCERN_LOW)


def recipients(kpi: KeyPerformanceIndicator) -> list[str]:
    """The e-mail addresses of the priority's strategic leads and the KPI's owner."""
    leads = Membership.objects.filter(
        role=Role.STRATEGIC_LEAD, priority_id=kpi.priority_id
    ).values_list("user__email", flat=True)
    owner = KeyPerformanceIndicator.objects.filter(pk=kpi.pk).values_list(
        "ownership__owner__email", flat=True
    )
    return sorted({address for address in [*leads, *owner] if address})


def check_kpis(kpis: Iterable[KeyPerformanceIndicator]) -> list[KpiAlert]:
    """Send the alerts now due for `kpis`; return those sent."""
    sent: list[KpiAlert] = []
    when = as_of()
    for kpi in kpis:
        to = recipients(kpi)
        area = kpi.priority.plan.area()
        if not to or area is None:
            continue
        assessment = judge(kpi, area, when).assessment
        if assessment is None or assessment.latest.point is None:
            continue
        kinds = []
        if assessment.target.rag == Rag.RED:
            kinds.append((AlertKind.RED, assessment.target.explanation))
        if assessment.spc.variation in CONCERN:
            kinds.append((AlertKind.SPECIAL_CAUSE_CONCERN, assessment.spc.explanation))
        period = assessment.latest.point.period.label
        for kind, why in kinds:
            if KpiAlert.objects.filter(kpi=kpi, period_label=period, kind=kind).exists():
                continue
            subject = f"{kpi.priority.plan.title}: KPI {kpi.number} {kind.label.lower()}"
            message = (
                f"{kpi.title} ({kpi.priority}), {period}: {assessment.latest.formatted}.\n\n"
                f"{why}\n\n{assessment.headline}\n"
            )
            send_mail(subject, message, None, to)
            sent.append(
                KpiAlert.objects.create(
                    kpi=kpi, period_label=period, kind=kind, message=message, recipients=len(to)
                )
            )
    return sent


@receiver(data_applied)
def alert_on_import(sender: Any, indicator_keys: set[str], **kwargs: Any) -> None:
    kpis = KeyPerformanceIndicator.objects.filter(indicator__key__in=indicator_keys)
    check_kpis(kpis.select_related("priority__plan", "indicator"))
