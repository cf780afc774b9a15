"""The data protection officer's audit log: who looked at this family, and why; searched by
object, user, action and dates, 50 a page; exported as CSV, the export audited; for data
protection officers only, who in turn open no person-level page."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
from typing import Any
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import client_for
from trustplan.audit import chain
from trustplan.audit.models import AuditEntry

AUDIT = "/governance/audit/"
EXPORT = "/governance/audit/export.csv"
FAMILY = "/hub/families/F-NORTH-1/"
NAMES = ("Quillfeather", "Morwenna", "Tamsin", "Marrowby")
REVIEW = "Reviewing Northmoor's list this week"
ENQUIRY = "Strategy discussion requested by the MASH"


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def open_family(client: Client, url: str, purpose: str, reason: str) -> None:
    client.post(f"{url}purpose/", {"purpose": purpose, "reason": reason})
    assert client.get(url).status_code == 200


@pytest.fixture
def looked_at(hub: dict[str, Any]) -> dict[str, Any]:
    """practitioner_a opens F-NORTH-1 twice and F-NORTH-2 once; the hub analyst opens
    F-NORTH-1 for a safeguarding enquiry."""
    practitioner = client_for(hub, "practitioner_a")
    open_family(practitioner, FAMILY, "work_list", REVIEW)
    practitioner.get(FAMILY)
    open_family(practitioner, "/hub/families/F-NORTH-2/", "work_list", REVIEW)
    open_family(client_for(hub, "hub_analyst"), FAMILY, "safeguarding", ENQUIRY)
    return hub


def rows(page: str) -> list[list[str]]:
    """The results table's rows, as the cells' text."""
    body = page.split('id="audit-entries"', 1)[1].split("</table>", 1)[0]
    found = []
    for row in body.split("<tbody", 1)[1].split("<tr")[1:]:
        cells = [cell.split(">", 1)[1] for cell in row.split("<td")[1:]]
        found.append([" ".join(_strip(c).split()) for c in cells])
    return found


def _strip(cell: str) -> str:
    out, inside = [], False
    for char in cell.split("</td>", 1)[0]:
        if char == "<":
            inside = True
        elif char == ">":
            inside = False
        elif not inside:
            out.append(char)
    return "".join(out)


def test_who_looked_at_this_family_and_why(looked_at: dict[str, Any]) -> None:
    dpo = client_for(looked_at, "dpo")
    response = dpo.get(AUDIT, {"object_type": "family", "object_id": "F-NORTH-1"})
    assert response.status_code == 200
    assert response["Cache-Control"].count("no-store") == 1
    page = text(response)
    assert "3 entries: object family F-NORTH-1" in page
    found = [row[1:] for row in rows(page)]
    assert found == [
        ["hub_analyst", "Opened a family", "Family F-NORTH-1", "Safeguarding enquiry", ENQUIRY],
        [
            "practitioner_a",
            "Opened a family",
            "Family F-NORTH-1",
            "Reviewing a family on the work list",
            REVIEW,
        ],
        [
            "practitioner_a",
            "Opened a family",
            "Family F-NORTH-1",
            "Reviewing a family on the work list",
            REVIEW,
        ],
    ]
    assert not [name for name in NAMES if name in page]


def test_the_log_is_searched_by_user_and_by_action(looked_at: dict[str, Any]) -> None:
    dpo = client_for(looked_at, "dpo")
    by_user = rows(text(dpo.get(AUDIT, {"user": "PRACTITIONER_A", "action": "view_family"})))
    assert [row[3] for row in by_user] == [
        "Family F-NORTH-2",
        "Family F-NORTH-1",
        "Family F-NORTH-1",
    ]
    sign_ins = rows(text(dpo.get(AUDIT, {"action": "sign_in"})))
    assert {row[1] for row in sign_ins} == {"practitioner_a", "hub_analyst", "dpo"}
    nothing = text(dpo.get(AUDIT, {"user": "nobody-by-this-name"}))
    assert "No entry matches: user nobody-by-this-name." in nothing


def test_the_log_is_searched_by_date_range(hub: dict[str, Any]) -> None:
    for day in (dt.date(2024, 1, 31), dt.date(2024, 2, 1), dt.date(2024, 2, 29)):
        moment = timezone.make_aware(dt.datetime.combine(day, dt.time(23, 30)))
        with mock.patch("trustplan.audit.chain.timezone.now", return_value=moment):
            chain.record(
                hub["hub_analyst"],
                AuditEntry.Action.VIEW_FAMILY,
                object_type="family",
                object_id=f"F-{day:%m%d}",
                purpose="work_list",
                detail="checking",
            )
    dpo = client_for(hub, "dpo")
    found = rows(
        text(
            dpo.get(
                AUDIT, {"date_from": "2024-02-01", "date_to": "2024-02-29", "action": "view_family"}
            )
        )
    )
    assert [row[3] for row in found] == ["Family F-0229", "Family F-0201"]
    assert [row[0] for row in found] == ["29 Feb 2024 23:30:00", "1 Feb 2024 23:30:00"]
    assert list(chain.verify()) == []


def test_results_come_50_a_page_and_the_pages_keep_the_search(hub: dict[str, Any]) -> None:
    for n in range(60):
        chain.record(
            hub["hub_analyst"],
            AuditEntry.Action.VIEW_PERSON,
            object_type="person",
            object_id=f"P-{n:03d}",
            purpose="data_quality",
            detail="checking links",
        )
    dpo = client_for(hub, "dpo")
    first = text(dpo.get(AUDIT, {"action": "view_person"}))
    assert len(rows(first)) == 50
    assert "Page 1 of 2" in first
    assert 'href="?action=view_person&page=2"' in first
    second = text(dpo.get(AUDIT, {"action": "view_person", "page": "2"}))
    assert [row[3] for row in rows(second)] == [f"Person P-{n:03d}" for n in range(9, -1, -1)]
    assert "60 entries: action view_person" in second


def test_a_bad_date_is_named_and_nothing_is_listed(hub: dict[str, Any]) -> None:
    dpo = client_for(hub, "dpo")
    page = text(dpo.get(AUDIT, {"date_from": "31/01/2024"}))
    assert "<title>Error: Audit log" in page
    assert "From must be a real date written as YYYY-MM-DD" in page
    assert 'id="audit-entries"' not in page
    backwards = text(dpo.get(AUDIT, {"date_from": "2024-03-01", "date_to": "2024-02-01"}))
    assert "To must be the same as or after From" in backwards
    export = dpo.get(EXPORT, {"action": "no-such-action"})
    assert export.status_code == 400
    assert "Select one of the actions" in text(export)
    assert not AuditEntry.objects.filter(action="export").exists()


def test_the_results_export_as_safe_csv_and_the_export_is_audited(
    looked_at: dict[str, Any],
) -> None:
    chain.record(
        looked_at["practitioner_a"],
        AuditEntry.Action.VIEW_FAMILY,
        object_type="family",
        object_id="F-NORTH-1",
        purpose="work_list",
        detail='=HYPERLINK("http://example.invalid")',
    )
    dpo = client_for(looked_at, "dpo")
    response = dpo.get(EXPORT, {"object_type": "family", "object_id": "F-NORTH-1"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="audit-log-')
    table = list(csv.reader(io.StringIO(response.content.decode())))
    assert table[0] == [
        "entry",
        "when",
        "user",
        "action",
        "object type",
        "object id",
        "purpose",
        "detail",
        "entry hash",
    ]
    assert [row[2:8] for row in table[1:]] == [
        [
            "practitioner_a",
            "view_family",
            "family",
            "F-NORTH-1",
            "work_list",
            '\'=HYPERLINK("http://example.invalid")',
        ],
        ["hub_analyst", "view_family", "family", "F-NORTH-1", "safeguarding", ENQUIRY],
        ["practitioner_a", "view_family", "family", "F-NORTH-1", "work_list", REVIEW],
        ["practitioner_a", "view_family", "family", "F-NORTH-1", "work_list", REVIEW],
    ]
    exported = AuditEntry.objects.get(action="export")
    assert (exported.username, exported.object_type, exported.detail) == (
        "dpo",
        "audit_log",
        "4 entries: object family F-NORTH-1",
    )
    assert list(chain.verify()) == []


@pytest.mark.parametrize("who", ["admin", "hub_analyst", "practitioner_a", "viewer", "outsider"])
@pytest.mark.parametrize("url", [AUDIT, EXPORT])
def test_the_audit_log_is_refused_to_everyone_else(hub: dict[str, Any], who: str, url: str) -> None:
    response = client_for(hub, who).get(url)
    assert response.status_code == 403
    assert "You do not have access to this page" in text(response)
    assert not AuditEntry.objects.filter(action="export").exists()


@pytest.mark.parametrize("url", [AUDIT, EXPORT])
def test_the_audit_log_sends_anonymous_visitors_to_sign_in(hub: dict[str, Any], url: str) -> None:
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    "url",
    [
        "/hub/",
        f"/hub/localities/{0}/",
        FAMILY,
        f"{FAMILY}purpose/",
        "/hub/people/P-CHILD/",
        "/hub/review/",
        "/hub/hotspots/",
        "/hub/outcomes/",
    ],
)
def test_a_data_protection_officer_opens_no_hub_page(hub: dict[str, Any], url: str) -> None:
    """Least privilege: the audit log's ids and purposes, never a record."""
    response = client_for(hub, "dpo").get(url.replace("/0/", f"/{hub['north'].pk}/"))
    assert response.status_code == 403
    assert not [name for name in NAMES if name in text(response)]
    assert not AuditEntry.objects.filter(action__in=["view_family", "view_person"]).exists()
