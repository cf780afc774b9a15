"""The needs assessment pages: generating in one step, editing, approving, downloading, and who
may do each."""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import client_for
from tests.measures.conftest import AS_OF
from trustplan.needs.generating import generate, groups_by_priority
from trustplan.needs.models import NeedsAssessment, NeedsGrouping, NeedsLine, NeedsStatus
from trustplan.plans.models import Finding

GROUPING = b"""plan: test-plan
groups:
  - title: Young people aged 14-19+
    indicators: [fte, attendance]
  - title: Safeguarding
    indicators: [domestic-abuse]
"""


@pytest.fixture
def draft(needs_data: dict[str, Any]) -> NeedsAssessment:
    plan = needs_data["plan"]
    return generate(plan, groups_by_priority(plan), as_of=AS_OF, by=needs_data["analyst"])


def url(name: str, assessment: NeedsAssessment, *extra: str) -> str:
    return reverse(f"needs:{name}", args=[assessment.plan.slug, assessment.pk, *extra])


def post_edit(people: dict[str, Any], draft: NeedsAssessment, **data: Any) -> Any:
    return client_for(people, "analyst").post(url("edit", draft), data)


def lines(draft: NeedsAssessment, finding: Finding = Finding.CONCERNING) -> list[NeedsLine]:
    return list(NeedsLine.objects.filter(group__assessment=draft, finding=finding))


def test_an_analyst_generates_a_draft_in_one_step(needs_data: dict[str, Any]) -> None:
    client = client_for(needs_data, "analyst")
    page = client.get(reverse("needs:list", args=["test-plan"]))
    assert page.status_code == 200
    assert "Generate a draft" in page.text
    assert 'value="2023-08-01"' in page.text  # the judgement date, by default
    made = client.post(
        reverse("needs:list", args=["test-plan"]),
        {"title": "", "as_of": "2023-08-01", "grouping": "priorities"},
        follow=True,
    )
    assessment = NeedsAssessment.objects.get()
    assert made.redirect_chain[-1][0] == assessment.get_absolute_url()
    assert assessment.created_by == needs_data["analyst"]
    text = made.text
    for phrase in ("Priority 1: Education", "Encouraging", "School attendance: higher than"):
        assert phrase in text
    assert text.index("Encouraging") < text.index("Concerning")
    assert "Worse than England (95% confidence)" in text  # the evidence under its line
    assert "Indicators not classified (1)" in text


def test_an_uploaded_grouping_is_used_and_kept(needs_data: dict[str, Any]) -> None:
    client = client_for(needs_data, "analyst")
    upload = SimpleUploadedFile("needs-groups.yaml", GROUPING)
    client.post(
        reverse("needs:list", args=["test-plan"]),
        {"as_of": "2023-08-01", "grouping": "upload", "groups_file": upload},
    )
    assessment = NeedsAssessment.objects.get()
    assert [g.title for g in assessment.groups.all()] == [
        "Young people aged 14-19+",
        "Safeguarding",
    ]
    assert assessment.grouping == "needs-groups.yaml"
    assert NeedsGrouping.objects.get().source == "needs-groups.yaml"
    page = client.get(reverse("needs:list", args=["test-plan"]))
    assert "The saved grouping, needs-groups.yaml (2 groups)" in page.text
    client.post(
        reverse("needs:list", args=["test-plan"]), {"as_of": "2023-08-01", "grouping": "saved"}
    )
    assert NeedsAssessment.objects.count() == 2
    assert NeedsAssessment.objects.first().groups.count() == 2  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"groups:\n  - title: A\n    indicator: [fte]\n",
            "line 3, groups[0].indicator: a grouping",
        ),
        (b"groups:\n  - title: A\n    indicators: [fte, nope]\n", "with the key nope"),
        (b"plan: other\ngroups:\n  - {title: A, indicators: [fte]}\n", "for the plan"),
        (b"groups: [", "YAML syntax error"),
    ],
)
def test_a_bad_grouping_file_is_refused_with_its_reason(
    needs_data: dict[str, Any], content: bytes, message: str
) -> None:
    page = client_for(needs_data, "analyst").post(
        reverse("needs:list", args=["test-plan"]),
        {
            "as_of": "2023-08-01",
            "grouping": "upload",
            "groups_file": SimpleUploadedFile("groups.yaml", content),
        },
    )
    assert page.status_code == 200
    assert "There is a problem" in page.text
    assert message in page.text
    assert not NeedsAssessment.objects.exists()
    assert not NeedsGrouping.objects.exists()


def test_a_future_date_and_a_missing_file_are_refused(needs_data: dict[str, Any]) -> None:
    page = client_for(needs_data, "analyst").post(
        reverse("needs:list", args=["test-plan"]), {"as_of": "2999-01-01", "grouping": "upload"}
    )
    assert "The date cannot be in the future." in page.text
    assert "Choose a grouping file to upload." in page.text


def test_an_analyst_rewrites_a_statement_and_the_evidence_stays(
    needs_data: dict[str, Any], draft: NeedsAssessment
) -> None:
    [line] = lines(draft)
    generated, evidence = line.text, line.evidence
    response = post_edit(
        needs_data, draft, line=line.pk, do="save", text="Too many first entrants."
    )
    assert response.url.endswith(f"#line-{line.pk}")
    line.refresh_from_db()
    assert (line.text, line.generated_text, line.evidence) == (
        "Too many first entrants.",
        generated,
        evidence,
    )
    assert line.edited
    assert line.history.count() == 2  # type: ignore[attr-defined]
    page = client_for(needs_data, "analyst").get(url("edit", draft))
    assert "Edited" in page.text
    assert generated in page.text  # "As generated"


def test_an_empty_statement_is_refused(needs_data: dict[str, Any], draft: NeedsAssessment) -> None:
    [line] = lines(draft)
    page = post_edit(needs_data, draft, line=line.pk, do="save", text="  ")
    assert page.status_code == 200
    assert "Write the statement, or remove it." in page.text
    line.refresh_from_db()
    assert line.text == line.generated_text


def test_an_analyst_adds_moves_and_removes_statements(
    needs_data: dict[str, Any], draft: NeedsAssessment
) -> None:
    group = draft.groups.get(title="Priority 2: Safeguarding")
    for text in ("Neglect remains a concern.", "Referrals are rising."):
        post_edit(needs_data, draft, do="add", group=group.pk, finding="concerning", text=text)
    first, neglect, referrals = lines(draft)
    assert neglect.evidence == ["Added by analyst"]
    assert neglect.generated_text == ""
    post_edit(needs_data, draft, line=referrals.pk, do="up")
    assert [line.text for line in lines(draft)] == [first.text, referrals.text, neglect.text]
    post_edit(needs_data, draft, line=first.pk, do="down")
    assert [line.text for line in lines(draft)] == [referrals.text, first.text, neglect.text]
    post_edit(needs_data, draft, line=referrals.pk, do="up")  # already first: nothing moves
    assert lines(draft)[0] == referrals
    post_edit(needs_data, draft, line=neglect.pk, do="remove")
    assert [line.text for line in lines(draft)] == [referrals.text, first.text]
    page = client_for(needs_data, "analyst").get(url("detail", draft))
    assert page.text.index(referrals.text) < page.text.index(first.text)


def test_approval_makes_it_read_only_and_readable_by_any_role(
    needs_data: dict[str, Any], draft: NeedsAssessment
) -> None:
    viewer = client_for(needs_data, "viewer")
    assert viewer.get(url("detail", draft)).status_code == 403
    assert draft.title not in viewer.get(reverse("needs:list", args=["test-plan"])).text
    response = client_for(needs_data, "admin").post(url("approve", draft))
    assert response.url == draft.get_absolute_url()
    draft.refresh_from_db()
    assert (draft.status, draft.approved_by) == (NeedsStatus.APPROVED, needs_data["admin"])
    page = viewer.get(url("detail", draft))
    assert page.status_code == 200
    assert "Approved by" in page.text
    assert "Edit the statements" not in page.text
    [line] = lines(draft)
    analyst = client_for(needs_data, "analyst")
    assert analyst.get(url("edit", draft)).status_code == 403
    assert analyst.post(url("edit", draft), {"line": line.pk, "do": "remove"}).status_code == 403
    assert analyst.post(url("approve", draft)).status_code == 403
    assert NeedsLine.objects.filter(pk=line.pk).exists()


@pytest.mark.parametrize(
    ("who", "list_page", "draft_page", "edit_page"),
    [
        ("admin", 200, 200, 200),
        ("analyst", 200, 200, 200),
        ("viewer", 200, 403, 403),
        ("lead", 200, 403, 403),
        ("member", 200, 403, 403),
        ("outsider", 403, 403, 403),
    ],
)
def test_who_may_see_and_change_drafts(
    needs_data: dict[str, Any],
    draft: NeedsAssessment,
    who: str,
    list_page: int,
    draft_page: int,
    edit_page: int,
) -> None:
    client = client_for(needs_data, who)
    assert client.get(reverse("needs:list", args=["test-plan"])).status_code == list_page
    assert client.get(url("detail", draft)).status_code == draft_page
    assert client.get(url("file", draft, "pdf")).status_code == draft_page
    assert client.get(url("edit", draft)).status_code == edit_page
    assert client.post(url("approve", draft)).status_code in (edit_page, 302)
    if edit_page == 403:
        assert NeedsAssessment.objects.get().is_draft


def test_only_analysts_and_administrators_generate(needs_data: dict[str, Any]) -> None:
    response = client_for(needs_data, "lead").post(
        reverse("needs:list", args=["test-plan"]), {"as_of": "2023-08-01", "grouping": "priorities"}
    )
    assert response.status_code == 403
    assert not NeedsAssessment.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(
    needs_data: dict[str, Any], draft: NeedsAssessment
) -> None:
    anonymous = client_for(needs_data, None)
    for address in (reverse("needs:list", args=["test-plan"]), url("detail", draft)):
        response = anonymous.get(address)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_the_downloads_say_what_the_page_says(
    needs_data: dict[str, Any], draft: NeedsAssessment
) -> None:
    client = client_for(needs_data, "analyst")
    [line] = lines(draft)
    word = client.get(url("file", draft, "docx"))
    assert word["Content-Type"].startswith("application/vnd.openxmlformats")
    assert (
        'filename="test-plan-needs-assessment-as-at-1-august-2023.docx"'
        in word["Content-Disposition"]
    )
    paragraphs = [p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs]
    assert paragraphs[paragraphs.index(line.text) + 1] == line.evidence[0]
    pdf = client.get(url("file", draft, "pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Draft: not approved" in text
    assert client.get(url("file", draft, "xlsx")).status_code == 404
