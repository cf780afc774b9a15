"""Each rule of the cycle, one test each; the message is the rule's docstring."""

import datetime as dt

import pytest

from tests.delivery.conftest import fill
from trustplan.delivery.cycle import open_quarter
from trustplan.delivery.models import ActionStatus, UpdateState
from trustplan.delivery.rules import WorkflowError


def test_a_red_rating_cannot_be_submitted_without_a_commentary(in_cycle):
    update = fill(in_cycle["update"], rating="red", narrative="   ")
    with pytest.raises(
        WorkflowError, match="A red rating cannot be submitted without a commentary"
    ):
        update.submit(by=in_cycle["owner"])
    update.refresh_from_db()
    assert update.state == UpdateState.DUE


def test_a_rating_is_required(in_cycle):
    update = fill(in_cycle["update"], rating="")
    with pytest.raises(WorkflowError, match="Choose a rating"):
        update.submit(by=in_cycle["owner"])


def test_a_status_is_required(in_cycle):
    update = fill(in_cycle["update"], status="")
    with pytest.raises(WorkflowError, match="Choose the action's status"):
        update.submit(by=in_cycle["owner"])


@pytest.mark.parametrize(("rating", "status"), [("blue", "in_progress"), ("green", "complete")])
def test_complete_rating_and_complete_status_go_together(in_cycle, rating, status):
    update = fill(in_cycle["update"], rating=rating, status=status)
    with pytest.raises(WorkflowError, match="exactly when its status is Complete"):
        update.submit(by=in_cycle["owner"])


def test_an_owner_cannot_approve_their_own_update(in_cycle):
    update = fill(in_cycle["update"])
    update.submit(by=in_cycle["owner"])
    with pytest.raises(WorkflowError, match="cannot review an update you wrote or own"):
        update.approve(by=in_cycle["owner"])


def test_whoever_submitted_an_update_cannot_approve_it(in_cycle):
    update = fill(in_cycle["update"])
    update.submit(by=in_cycle["lead"])  # e.g. a lead typing in an owner's words
    with pytest.raises(WorkflowError, match="cannot review"):
        update.approve(by=in_cycle["lead"])


def test_only_a_submitted_update_can_be_reviewed(in_cycle):
    with pytest.raises(WorkflowError, match="Only an update that has been submitted"):
        in_cycle["update"].approve(by=in_cycle["lead"])


def test_returning_an_update_needs_a_comment(in_cycle):
    update = fill(in_cycle["update"])
    update.submit(by=in_cycle["owner"])
    with pytest.raises(WorkflowError, match="Say what needs to change"):
        update.send_back(by=in_cycle["lead"], comment=" ")


def test_a_submitted_update_cannot_be_submitted_again(in_cycle):
    update = fill(in_cycle["update"])
    update.submit(by=in_cycle["owner"])
    with pytest.raises(WorkflowError, match="already been submitted"):
        update.submit(by=in_cycle["owner"])


def test_a_commentary_needs_both_halves(in_cycle):
    commentary = in_cycle["quarter"].commentaries.get(priority=in_cycle["safeguarding"])
    commentary.going_well = "MASH is quicker."
    with pytest.raises(WorkflowError, match="Write both what is going well"):
        commentary.submit(by=in_cycle["lead"])


def test_approval_makes_the_update_the_actions_status_and_records_completion(in_cycle):
    update = fill(in_cycle["update"], rating="blue", status="complete")
    update.submit(by=in_cycle["owner"])
    update.approve(by=in_cycle["lead"])
    action = in_cycle["owned"]
    action.refresh_from_db()
    assert action.status == ActionStatus.COMPLETE
    assert action.completed_on is not None


def test_returned_updates_can_be_corrected_and_submitted_again_and_history_is_kept(in_cycle):
    update = fill(in_cycle["update"])
    update.submit(by=in_cycle["owner"])
    update.send_back(by=in_cycle["lead"], comment="Say which schools.")
    assert update.state == UpdateState.RETURNED
    fill(update, narrative="On track in all 12 schools.")
    update.submit(by=in_cycle["owner"])
    update.approve(by=in_cycle["lead"])
    states = list(update.history.order_by("history_id").values_list("state", flat=True))
    assert states == ["due", "due", "submitted", "returned", "returned", "submitted", "approved"]


def test_approving_an_older_quarters_update_late_does_not_undo_a_newer_one(in_cycle):
    older = open_quarter(in_cycle["plan"], "2023-Q2", dt.date(2023, 10, 20), 5, by=None)
    newer = fill(in_cycle["update"], rating="blue", status="complete")
    newer.submit(by=in_cycle["owner"])
    newer.approve(by=in_cycle["lead"])
    late = fill(older.updates.get(action=in_cycle["owned"]), rating="green")
    late.submit(by=in_cycle["owner"])
    late.approve(by=in_cycle["lead"])
    in_cycle["owned"].refresh_from_db()
    assert in_cycle["owned"].status == ActionStatus.COMPLETE
