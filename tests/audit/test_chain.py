"""The audit log's hash chain: intact when untouched; any edit, deletion or insertion found."""

from __future__ import annotations

import io
import itertools

import pytest
from django.core.management import CommandError, call_command

from tests.factories import make_user
from trustplan.audit.chain import GENESIS, entry_hash, record, verify
from trustplan.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries() -> list[AuditEntry]:
    reviewer = make_user("reviewer")
    return [
        record(
            reviewer,
            AuditEntry.Action.VIEW_FAMILY,
            object_type="family",
            object_id=f"fam-{n}",
            purpose="work_list_review",
            detail="Checking the work list",
        )
        for n in range(5)
    ]


def verify_command() -> str:
    out = io.StringIO()
    call_command("audit", "verify", stdout=out, stderr=out)
    return out.getvalue()


def test_each_entry_is_chained_to_the_one_before(entries: list[AuditEntry]) -> None:
    assert entries[0].previous_hash == GENESIS
    for before, after in itertools.pairwise(entries):
        assert after.previous_hash == before.entry_hash
    assert entries[0].username == "reviewer"


def test_an_untouched_log_verifies(entries: list[AuditEntry]) -> None:
    assert list(verify()) == []
    assert "intact: 5 entries" in verify_command()


def test_an_edited_entry_is_found(entries: list[AuditEntry]) -> None:
    AuditEntry.objects.filter(pk=entries[2].pk).update(purpose="something else")
    breaks = list(verify())
    assert [(b.entry_pk, b.problem) for b in breaks] == [
        (entries[2].pk, "was changed after it was written")
    ]
    with pytest.raises(CommandError, match="tampered with: 1 broken link"):
        verify_command()


def test_a_deleted_entry_is_found(entries: list[AuditEntry]) -> None:
    AuditEntry.objects.filter(pk=entries[1].pk).delete()
    breaks = list(verify())
    assert [b.entry_pk for b in breaks] == [entries[2].pk]
    assert "removed or added" in breaks[0].problem


def test_an_edit_that_recomputes_its_own_hash_still_breaks_the_next_link(
    entries: list[AuditEntry],
) -> None:
    forged = AuditEntry.objects.get(pk=entries[3].pk)
    forged.object_id = "fam-99"
    forged.entry_hash = entry_hash(forged.previous_hash, forged)
    forged.save()
    assert [b.entry_pk for b in verify()] == [entries[4].pk]


def test_a_deleted_last_entry_is_not_detectable_by_the_chain_alone(
    entries: list[AuditEntry],
) -> None:
    """A truncated tail leaves a valid shorter chain; the count printed by verify is what an
    auditor compares with the last count they saw (documented limitation)."""
    AuditEntry.objects.filter(pk=entries[-1].pk).delete()
    assert list(verify()) == []
    assert "intact: 4 entries" in verify_command()
