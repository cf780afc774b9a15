"""KPI alerts: a red rating or a special-cause concern e-mails the priority's leads, once.

The data are imported as analysts import them (``tests.measures.conftest``'s files) for the
First time entrants KPI (priority 2, KPI 1; indicator ``fte``, lower is better) in Portsmouth,
the test plan's area. ``lead`` leads priority 2 and ``other_lead`` priority 1.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail

from tests.measures.conftest import AREAS, AS_OF, DEFINITIONS, PORTSMOUTH, load, observations_csv
from trustplan.delivery.alerts import check_kpis, recipients
from trustplan.delivery.models import AlertKind, KpiAlert, KpiOwnership
from trustplan.measures.judging import judge
from trustplan.measures.models import Area
from trustplan.plans.models import KeyPerformanceIndicator, Plan

PLAN_TITLE = "Test Children's Trust Plan 2020 - 2023"
# Lower is better: the latest value, 290.0 for 2022/23, misses a target of 200 by far more than
# the 5% tolerance (red), and its steady fall is special-cause improvement, not concern.
FALLING = PORTSMOUTH
# Steady about 300, then 420 in 2022/23: far above the upper process limit (about 323), a
# special-cause concern when lower is better.
SPIKE = [300.0, 305.0, 298.0, 302.0, 299.0, 301.0, 303.0, 297.0, 300.0, 420.0]


def targets_csv(target: float) -> str:
    return (
        "indicator,area_code,due,target,tolerance,label,source\n"
        f"fte,E06000044,2024-03-31,{target},5%,March 2024 target,Test plan\n"
    )


def import_fte(values: list[float], target: float) -> None:
    for text in (observations_csv({"E06000044": values}), targets_csv(target)):
        outcome = load(text)
        assert outcome.record.outcome == "applied", outcome.record.rejected_rows


@pytest.fixture
def alerting(people: dict[str, Any], settings: Any) -> dict[str, Any]:
    """The plan judged for Portsmouth as at 1 August 2023, indicators defined but no values yet;
    the leads of both priorities have e-mail addresses."""
    settings.TRUSTPLAN_AS_OF = AS_OF
    Plan.objects.update(area_code="E06000044")
    for text in (DEFINITIONS, AREAS):
        assert load(text).record.outcome == "applied"
    for name in ("lead", "other_lead"):
        people[name].email = f"{name}@example.org"
        people[name].save()
    return {**people, "kpi": KeyPerformanceIndicator.objects.get(indicator__key="fte")}


def all_kpis() -> Any:
    return KeyPerformanceIndicator.objects.select_related("priority__plan", "indicator")


def test_a_red_kpi_emails_the_prioritys_lead(alerting):
    import_fte(FALLING, target=200)
    [alert] = check_kpis(all_kpis())
    kpi = alerting["kpi"]
    assert (alert.kpi, alert.period_label, alert.kind) == (kpi, "2022/23", AlertKind.RED)
    assert alert.recipients == 1
    [message] = mail.outbox
    assert message.to == ["lead@example.org"]  # not other_lead: priority 1 is not theirs
    assert message.subject == f"{PLAN_TITLE}: KPI 1 turned red"
    assert message.body == alert.message


def test_a_special_cause_concern_emails_the_prioritys_lead(alerting):
    import_fte(SPIKE, target=600)  # 420 is well within a target of 600: green
    [alert] = check_kpis(all_kpis())
    assert (alert.period_label, alert.kind) == ("2022/23", AlertKind.SPECIAL_CAUSE_CONCERN)
    [message] = mail.outbox
    assert message.to == ["lead@example.org"]
    assert message.subject == f"{PLAN_TITLE}: KPI 1 special-cause concern"


def test_red_and_concern_together_send_one_alert_of_each_kind(alerting):
    import_fte(SPIKE, target=200)
    sent = check_kpis(all_kpis())
    assert [a.kind for a in sent] == [AlertKind.RED, AlertKind.SPECIAL_CAUSE_CONCERN]
    assert [m.subject for m in mail.outbox] == [
        f"{PLAN_TITLE}: KPI 1 turned red",
        f"{PLAN_TITLE}: KPI 1 special-cause concern",
    ]


def test_a_kpi_neither_red_nor_of_concern_sends_nothing(alerting):
    import_fte(FALLING, target=280)  # 290 against 280 with 5% tolerance: amber; improving
    assert check_kpis(all_kpis()) == []
    assert mail.outbox == []
    assert not KpiAlert.objects.exists()


def test_the_kpi_owner_is_alerted_with_the_leads(alerting, django_user_model):
    kpi = alerting["kpi"]
    owner = django_user_model.objects.create_user("kpi_owner", email="kpi.owner@example.org")
    KpiOwnership.objects.create(kpi=kpi, owner=owner)
    import_fte(FALLING, target=200)
    [alert] = check_kpis(all_kpis())
    assert alert.recipients == 2
    [message] = mail.outbox
    assert sorted(message.to) == ["kpi.owner@example.org", "lead@example.org"]
    assert recipients(kpi) == ["kpi.owner@example.org", "lead@example.org"]


def test_each_alert_is_sent_once_per_latest_period_and_kind(alerting):
    import_fte(SPIKE, target=200)
    assert len(check_kpis(all_kpis())) == 2
    assert check_kpis(all_kpis()) == []
    assert len(mail.outbox) == 2
    assert sorted(KpiAlert.objects.values_list("period_label", "kind")) == [
        ("2022/23", AlertKind.RED),
        ("2022/23", AlertKind.SPECIAL_CAUSE_CONCERN),
    ]


def test_a_new_latest_period_still_red_is_alerted_again(alerting, settings):
    import_fte(FALLING, target=200)
    assert len(check_kpis(all_kpis())) == 1
    settings.TRUSTPLAN_AS_OF = dt.date(2024, 8, 1)
    load(
        "indicator,area_code,period,value,numerator,denominator,source,note\n"
        "fte,E06000044,2023/24,,47600,17000000,Test source,\n"
    )  # 280.0: still red
    [alert] = check_kpis(all_kpis())
    assert (alert.period_label, alert.kind) == ("2023/24", AlertKind.RED)
    assert len(mail.outbox) == 2
    assert "2023/24: 280.0 per 100000 aged 10-17." in mail.outbox[1].body


def test_no_alert_when_the_priority_has_no_lead_with_an_email_address(alerting):
    lead = alerting["lead"]
    lead.email = ""
    lead.save()
    import_fte(SPIKE, target=200)
    assert check_kpis(all_kpis()) == []
    assert mail.outbox == []
    assert not KpiAlert.objects.exists()


def test_an_alert_withheld_for_want_of_an_address_is_sent_once_there_is_one(alerting):
    lead = alerting["lead"]
    lead.email = ""
    lead.save()
    import_fte(FALLING, target=200)
    assert check_kpis(all_kpis()) == []
    lead.email = "lead@example.org"
    lead.save()
    assert len(check_kpis(all_kpis())) == 1
    assert [m.to for m in mail.outbox] == [["lead@example.org"]]


def test_no_alert_when_the_plan_has_no_area(alerting):
    import_fte(FALLING, target=200)
    Plan.objects.update(area_code="")
    assert check_kpis(all_kpis()) == []
    assert mail.outbox == []


def test_an_import_touching_the_indicator_sends_the_alert_when_committed(
    alerting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        import_fte(FALLING, target=200)
    assert len(callbacks) == 2  # one data_applied per applied import
    [alert] = KpiAlert.objects.all()
    assert (alert.kpi, alert.kind, alert.period_label) == (alerting["kpi"], "red", "2022/23")
    [message] = mail.outbox
    assert message.to == ["lead@example.org"]
    assert message.subject == f"{PLAN_TITLE}: KPI 1 turned red"


def test_an_import_is_not_alerted_before_it_is_committed(alerting):
    import_fte(FALLING, target=200)  # the test's transaction never commits
    assert mail.outbox == []
    assert not KpiAlert.objects.exists()


def test_an_import_of_another_indicator_does_not_alert_this_one(
    alerting, django_capture_on_commit_callbacks
):
    import_fte(FALLING, target=200)  # red, but not committed: no alert yet
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        outcome = load(
            "indicator,area_code,period,value,numerator,denominator,source,note\n"
            "domestic-abuse,E06000044,2022/23,120,,,Test source,\n"
        )
    assert outcome.record.outcome == "applied"
    assert len(callbacks) == 1
    assert mail.outbox == []
    assert not KpiAlert.objects.exists()


def test_the_body_is_the_judgements_own_words_and_nothing_more(alerting):
    import_fte(SPIKE, target=200)
    kpi = alerting["kpi"]
    sent = check_kpis(all_kpis())
    assessment = judge(kpi, Area.objects.get(code="E06000044"), AS_OF).assessment
    red, concern = mail.outbox
    assert [red.body, concern.body] == [a.message for a in sent]
    assert assessment.latest.formatted == "420.0 per 100000 aged 10-17"
    first_line = (
        "First time entrants (Priority 2: Safeguarding), 2022/23: 420.0 per 100000 aged 10-17."
    )
    assert red.body == (
        f"{first_line}\n\n{assessment.target.explanation}\n\n{assessment.headline}\n"
    )
    assert concern.body == (
        f"{first_line}\n\n{assessment.spc.explanation}\n\n{assessment.headline}\n"
    )
    assert assessment.target.explanation.startswith("Red: 420.0 per 100000 aged 10-17 against")
    assert "March 2024 target of 200.0" in assessment.target.explanation
    assert assessment.spc.explanation.startswith("Special cause concern:")
    # The counts the rate was worked out from are stored, but are not for e-mail.
    assert "71400" not in red.body + concern.body
    assert "17000000" not in red.body + concern.body


@pytest.mark.django_db(transaction=True)
def test_a_committed_import_alerts_through_the_signal_without_help(alerting):
    import_fte(FALLING, target=200)
    [alert] = KpiAlert.objects.all()
    assert (alert.kind, alert.period_label, alert.recipients) == ("red", "2022/23", 1)
    assert [m.to for m in mail.outbox] == [["lead@example.org"]]
