"""The data-sharing agreement register holds what a DPIA needs: parties as controllers or
processors, UK GDPR Article 6 and 9 bases, the DPA 2018 Schedule 1 condition, review date,
retention and grace. `hub agreement` refuses an incomplete one, naming the option, and adds
nothing; `hub agreements` flags a review that is due and a basis that is missing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from trustplan.hub.models import DataSharingAgreement
from trustplan.partners.models import Organisation

pytestmark = pytest.mark.django_db

ON = dt.date(2024, 6, 30)
COMPLETE = [
    "--title",
    "Think Family",
    "--feeds",
    "police_incidents,health_appointments",
    "--party",
    "council",
    "--party",
    "police",
    "--processor",
    "hosting",
    "--lawful-basis",
    "Children Act 2004 s10; Children Act 1989 s17",
    "--article-6",
    "e",
    "--article-9",
    "g",
    "--schedule-1",
    "Part 2, paragraph 18: safeguarding of children and individuals at risk",
    "--purposes",
    "Identifying families who may benefit from early help",
    "--from",
    "2023-04-01",
    "--to",
    "2026-03-31",
    "--review-on",
    "2024-04-01",
    "--retention-days",
    "730",
    "--grace-days",
    "30",
]


@pytest.fixture(autouse=True)
def organisations(db: None) -> None:
    for key, name in [
        ("council", "Testshire Council"),
        ("police", "Testshire Police"),
        ("hosting", "Cloud Hosting Ltd"),
    ]:
        Organisation.objects.create(key=key, name=name)


def hub(*args: str) -> str:
    out = io.StringIO()
    with override_settings(TRUSTPLAN_AS_OF=ON):
        call_command("hub", *args, stdout=out)
    return out.getvalue()


def without(option: str, *, value: bool = True) -> list[str]:
    at = COMPLETE.index(option)
    return COMPLETE[:at] + COMPLETE[at + (2 if value else 1) :]


def replaced(option: str, value: str) -> list[str]:
    at = COMPLETE.index(option)
    return [*COMPLETE[: at + 1], value, *COMPLETE[at + 2 :]]


def test_a_complete_agreement_is_added_with_everything_a_dpia_needs() -> None:
    assert "Added agreement" in hub("agreement", *COMPLETE)
    agreement = DataSharingAgreement.objects.get()
    assert (agreement.article_6_basis, agreement.article_9_condition) == ("e", "g")
    assert agreement.dpa_schedule_1_condition.startswith("Part 2, paragraph 18")
    assert agreement.lawful_basis == "Children Act 2004 s10; Children Act 1989 s17"
    assert agreement.review_on == dt.date(2024, 4, 1)
    assert (agreement.retention_days, agreement.grace_days) == (730, 30)
    assert sorted(p.key for p in agreement.parties.all()) == ["council", "hosting", "police"]
    assert [p.key for p in agreement.processors.all()] == ["hosting"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (without("--article-6"), "no UK GDPR Article 6 basis is recorded (give --article-6)"),
        (
            replaced("--article-9", "none"),
            "its feeds hold special category data (health, racial or ethnic origin), so it "
            "needs a UK GDPR Article 9(2) condition (give --article-9)",
        ),
        (
            without("--schedule-1"),
            "Article 9(2)(g) also needs a DPA 2018 Schedule 1 condition (give --schedule-1)",
        ),
        (without("--review-on"), "no review date is given (give --review-on YYYY-MM-DD)"),
        (replaced("--review-on", "2023-01-01"), "--review-on is before --from"),
        (
            replaced("--processor", "police"),
            "police: a party is a controller (--party) or a processor (--processor), not both",
        ),
        (replaced("--retention-days", "0"), "--retention-days must be 1 or more"),
        (replaced("--grace-days", "-1"), "--grace-days must be 0 or more"),
        (replaced("--processor", "nobody"), "No organisation has the key(s): nobody"),
    ],
)
def test_an_incomplete_agreement_is_refused_naming_the_option(
    args: list[str], message: str
) -> None:
    with pytest.raises(CommandError) as refused:
        hub("agreement", *args)
    assert message in str(refused.value)
    assert not DataSharingAgreement.objects.exists()


def test_an_unknown_basis_is_refused_with_the_choices() -> None:
    with pytest.raises(CommandError, match="invalid choice: 'k'"):
        hub("agreement", *replaced("--article-6", "k"))
    assert not DataSharingAgreement.objects.exists()


def test_not_special_category_is_refused_for_any_feed_since_every_feed_holds_ethnicity() -> None:
    """The register takes the feed contracts' word for what the data are."""
    with pytest.raises(CommandError, match=r"special category data \(racial or ethnic origin\)"):
        hub("agreement", *replaced("--feeds", "housing"), "--article-9", "none")
    assert not DataSharingAgreement.objects.exists()


def test_the_list_flags_a_review_due_and_a_basis_missing() -> None:
    hub("agreement", *COMPLETE)
    DataSharingAgreement.objects.create(
        title="Legacy",
        feeds=["housing"],
        lawful_basis="Housing Act 1996",
        purposes="Early help",
        starts_on=dt.date(2023, 1, 1),
        ends_on=dt.date(2025, 1, 1),
        retention_days=365,
    )
    listed = hub("agreements")
    assert (
        "Article 6(1)(e): public task; Article 9(2)(g): reasons of substantial public interest; "
        "DPA 2018 Schedule 1: Part 2, paragraph 18" in listed
    )
    assert "controllers: council, police; processors: hosting; review on 2024-04-01" in listed
    assert "! review: its review was due on 1 April 2024" in listed
    assert "kept 730 days (+30 days after it ends)" in listed
    legacy = listed.split("Legacy", 1)[1]
    assert "! review: no review date is recorded" in legacy
    assert "! lawful basis: no UK GDPR Article 6 basis is recorded" in legacy
    assert "! lawful basis: its feeds hold special category data" in legacy


def test_a_record_is_kept_for_its_retention_but_never_past_the_grace_after_the_end() -> None:
    agreement = DataSharingAgreement(
        starts_on=dt.date(2023, 1, 1),
        ends_on=dt.date(2024, 12, 31),
        retention_days=365,
        grace_days=30,
    )
    assert agreement.keep_until(dt.date(2023, 3, 1)) == dt.date(2024, 2, 29)
    assert agreement.keep_until(dt.date(2024, 6, 1)) == dt.date(2025, 1, 30)
