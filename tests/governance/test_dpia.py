"""`trustplan governance dpia` drafts the DPIA's description of the processing under the ICO
template's Step 2 headings, from the agreements, feed contracts, roles, retention and audit
controls; flags agreements past review; names no person; and writes Markdown or Word."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import docx
import pytest
from django.core.management import CommandError, call_command

from trustplan.access.models import Role
from trustplan.governance import categories
from trustplan.governance.dpia import ICO_GUIDANCE, ROLE_HUB_ACCESS
from trustplan.hub.models import DataSharingAgreement
from trustplan.hubcore.feeds import FEEDS
from trustplan.partners.models import Organisation

NAMES = ("Quillfeather", "Morwenna", "Tamsin", "Marrowby", "Trevithick")
HEADINGS = (
    "## Describe the nature of the processing",
    "## Describe the scope of the processing",
    "## Describe the context of the processing",
    "## Describe the purposes of the processing",
)


@pytest.fixture
def registered(hub: dict[str, Any]) -> dict[str, Any]:
    agreement = DataSharingAgreement.objects.create(
        title="Think Family",
        feeds=["police_incidents", "health_appointments", "housing"],
        lawful_basis="Children Act 2004 s10",
        article_6_basis="e",
        article_9_condition="g",
        dpa_schedule_1_condition="Part 2, paragraph 18",
        purposes="Identifying families who may benefit from early help",
        starts_on=dt.date(2023, 1, 1),
        ends_on=dt.date(2026, 3, 31),
        review_on=dt.date(2024, 1, 1),
        retention_days=730,
        grace_days=30,
    )
    agreement.parties.add(Organisation.objects.create(key="council", name="Testshire Council"))
    hosting = Organisation.objects.create(key="hosting", name="Cloud Hosting Ltd")
    agreement.parties.add(hosting)
    agreement.processors.add(hosting)
    return {**hub, "agreement": agreement}


def dpia(*args: str) -> str:
    out = io.StringIO()
    call_command("governance", "dpia", "--on", "2024-06-30", *args, stdout=out)
    return out.getvalue()


def test_every_role_and_every_feed_is_described() -> None:
    assert set(ROLE_HUB_ACCESS) == set(Role)
    assert set(categories.EVENT_CATEGORIES) == set(FEEDS)


def test_the_draft_has_the_ico_headings_and_cites_the_template(registered) -> None:
    text = dpia()
    positions = [text.index(heading) for heading in HEADINGS]
    assert positions == sorted(positions)
    assert ICO_GUIDANCE in text
    assert "sample DPIA template (Step 2: Describe the processing)" in text


def test_the_draft_describes_parties_bases_feeds_and_retention(registered) -> None:
    text = dpia()
    pk = registered["agreement"].pk
    assert (
        f"| {pk}: Think Family | Testshire Council | Cloud Hosting Ltd | "
        "police_incidents, health_appointments, housing | 1 January 2023 to 31 March 2026 | "
        "1 January 2024 |"
    ) in text
    assert (
        f"| {pk} | Article 6(1)(e): public task | Article 9(2)(g): reasons of substantial public "
        "interest | Part 2, paragraph 18 | Children Act 2004 s10 |"
    ) in text
    assert (
        "| health_appointments | appointment_date, service, attendance | racial or ethnic origin "
        "(UK GDPR Article 9(1)): ethnicity; health (UK GDPR Article 9(1)): appointment_date, "
        "service, attendance |"
    ) in text
    assert "criminal offence data (UK GDPR Article 10; DPA 2018 s11(2)): incident_date" in text
    assert "Special category data: health, racial or ethnic origin." in text
    assert "Criminal offence data: police_incidents." in text
    assert (
        f"| {pk}: Think Family | 730 days from the load that last stored a record | "
        "30 days' grace, then removed |"
    ) in text
    assert f"- Agreement {pk}: Identifying families who may benefit from early help" in text
    assert "They may object to processing on a public task" in text


def test_the_draft_counts_what_is_held_and_who_may_see_it(registered) -> None:
    text = dpia()
    assert "| police_incidents | 4 | 1 |" in text
    assert "| early_help | 0 | 0 | never |" in text
    assert "10 people linked by link run" in text
    assert "5 families, with 4 children, in family run" in text
    assert "2 localities: Eastwick, Northmoor." in text
    assert "| Hub practitioner | 2 | Their localities' work lists;" in text
    assert "| Data protection officer | 1 | Searches and exports the audit log" in text
    assert "`trustplan audit verify`" in text
    assert not [name for name in NAMES if name in text]


def test_an_agreement_past_its_review_or_missing_a_basis_is_flagged_first(registered) -> None:
    DataSharingAgreement.objects.create(
        title="Legacy housing",
        feeds=["housing"],
        lawful_basis="Housing Act 1996",
        purposes="Early help",
        starts_on=dt.date(2022, 1, 1),
        ends_on=dt.date(2024, 3, 31),
        retention_days=365,
    )
    text = dpia()
    attention = text.split("## Needs attention before sign-off", 1)[1].split("## ", 1)[0]
    pk = registered["agreement"].pk
    assert f"- Agreement {pk} (Think Family): its review was due on 1 January 2024." in attention
    assert "(Legacy housing): no review date is recorded." in attention
    assert "(Legacy housing): no UK GDPR Article 6 basis is recorded." in attention
    assert "(Legacy housing) ended on 31 March 2024" in attention


def test_a_complete_register_needs_no_attention(db) -> None:
    DataSharingAgreement.objects.create(
        title="Current",
        feeds=["housing"],
        lawful_basis="Housing Act 1996",
        article_6_basis="e",
        article_9_condition="g",
        dpa_schedule_1_condition="Part 2, paragraph 18",
        purposes="Early help",
        starts_on=dt.date(2024, 1, 1),
        ends_on=dt.date(2026, 3, 31),
        review_on=dt.date(2025, 1, 1),
        retention_days=365,
    )
    text = dpia()
    assert "Nothing: every agreement is in review and states its bases." in text
    assert "No records have been linked yet; no families have been grouped yet." in text


def test_the_draft_is_written_as_word_and_as_markdown(registered, tmp_path: Path) -> None:
    word = tmp_path / "dpia.docx"
    assert "Wrote the DPIA draft (Word)" in dpia("--out", str(word))
    document = docx.Document(str(word))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[2:] == [heading.removeprefix("## ") for heading in HEADINGS]
    assert document.tables[0].rows[0].cells[1].text == "controllers"
    assert document.core_properties.title.startswith("Data protection impact assessment")
    first = word.read_bytes()
    dpia("--out", str(word))
    assert word.read_bytes() == first  # the same draft gives the same file
    markdown = tmp_path / "dpia.md"
    dpia("--out", str(markdown))
    assert markdown.read_text(encoding="utf-8") == dpia()


def test_a_file_of_another_kind_or_in_no_folder_is_refused(db, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"dpia.pdf: write the draft to a .md or a .docx file"):
        dpia("--out", str(tmp_path / "dpia.pdf"))
    with pytest.raises(CommandError, match=r"the folder .* does not exist"):
        dpia("--out", str(tmp_path / "missing" / "dpia.md"))
    assert list(tmp_path.iterdir()) == []
