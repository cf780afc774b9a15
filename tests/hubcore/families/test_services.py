"""Already open to early help or social care: the shipped rule sets' own exclusion."""

from __future__ import annotations

from datetime import date

from trustplan.hubcore.families.services import SOCIAL_CARE_OPEN, open_to
from trustplan.hubcore.rules import (
    EarlyHelpEpisode,
    Facts,
    Person,
    SocialCareEpisode,
    shipped_rule_sets,
)

ON = date(2024, 3, 31)


def family(*events: object) -> Facts:
    people = {"kid": Person("kid", "F1", date(2015, 1, 1), True, "M")}
    return Facts(people, list(events))  # type: ignore[arg-type]


def test_an_open_early_help_episode_or_social_care_plan_opens_the_family() -> None:
    help_open = EarlyHelpEpisode("kid", "EH-1", date(2024, 1, 1), None, "Family Hub", None)
    help_closed = EarlyHelpEpisode(
        "kid", "EH-2", date(2023, 1, 1), date(2023, 6, 1), "School", "other"
    )
    plan = SocialCareEpisode("kid", "CSC-1", date(2024, 2, 1), ON, "child_in_need")
    contact = SocialCareEpisode("kid", "CSC-2", ON, ON, "contact")
    assert open_to(family(help_open).families["F1"], ON) == (True, False)
    assert open_to(family(help_closed, contact).families["F1"], ON) == (False, False)
    assert open_to(family(plan).families["F1"], ON) == (False, True)


def test_the_social_care_episodes_that_open_a_family_are_those_the_shipped_rule_sets_exclude() -> (
    None
):
    for rule_set in shipped_rule_sets().values():
        social_care = [
            e.when.open_episode
            for e in rule_set.exclude_if
            if e.when.open_episode is not None and e.when.open_episode.feed == "social_care"
        ]
        assert [tuple(o.where["episode_type"]) for o in social_care] == [SOCIAL_CARE_OPEN]
