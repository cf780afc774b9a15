import datetime as dt

import pytest

from trustplan.delivery.cycle import CycleError, close_quarter, open_quarter, outstanding
from trustplan.delivery.models import ActionUpdate, Commentary, QuarterStatus, UpdateState


def test_opening_a_quarter_makes_an_update_due_on_every_open_action_only(in_cycle):
    quarter = in_cycle["quarter"]
    due = set(ActionUpdate.objects.filter(quarter=quarter).values_list("action__number", flat=True))
    assert due == {"1.1", "1.2"}  # 2.1 is complete
    assert all(u.state == UpdateState.DUE for u in quarter.updates.all())
    assert quarter.label == "Quarter 3 2023/24 (October to December 2023)"
    assert (quarter.period_start, quarter.period_end) == (
        dt.date(2023, 10, 1),
        dt.date(2023, 12, 31),
    )


def test_opening_a_quarter_makes_a_commentary_due_from_every_priority(in_cycle):
    priorities = set(
        Commentary.objects.filter(quarter=in_cycle["quarter"]).values_list(
            "priority__number", flat=True
        )
    )
    assert priorities == {"1", "2"}


def test_an_action_starting_after_the_quarter_is_not_due(in_cycle):
    owned = in_cycle["owned"]
    owned.start = dt.date(2024, 1, 1)
    owned.save()
    later = open_quarter(in_cycle["plan"], "2023-Q2", dt.date(2023, 10, 20), 5, by=None)
    assert not later.updates.filter(action=owned).exists()


def test_a_quarter_cannot_be_opened_twice(in_cycle):
    with pytest.raises(CycleError, match="already open or closed"):
        open_quarter(in_cycle["plan"], "2023-Q3", dt.date(2024, 1, 19), 5, by=None)


def test_updates_cannot_fall_due_before_the_quarter_ends(people):
    with pytest.raises(CycleError, match="before Quarter 3 2023/24"):
        open_quarter(people["plan"], "2023-Q3", dt.date(2023, 12, 1), 5, by=None)


def test_closing_a_quarter_counts_what_was_never_submitted(in_cycle):
    quarter = in_cycle["quarter"]
    close_quarter(quarter)
    quarter.refresh_from_db()
    assert quarter.status == QuarterStatus.CLOSED
    counts = outstanding(quarter.updates.all())
    assert (counts.not_submitted, counts.awaiting_review, counts.approved) == (2, 0, 0)
