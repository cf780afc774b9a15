"""The demo's self-assessment: the early help self-assessment Portsmouth reported in 2020.

Its summary table and key findings are the agenda pack's own (Health and Wellbeing Board,
23 September 2020, item 8, paras 3.5 and 3.6), so the demo's table matches the pack's cell for
cell. Everything behind them is made up: the contributors are fictional people (``@example.org``,
no usable password), and their scores, evidence and the moderator's rationales read like a
partnership's but describe nothing that happened. The descriptors keep the shipped framework's
placeholder wording: the real wording is the partnership's to enter.

It is built through the same steps as the pages (``rounds`` and ``moderation``), so every rule
holds in the demo too, and is stamped with the dates the round would have had: opened in July
2020, moderated in August, complete before the board met in September.

Run it after ``create_demo_accounts`` (it uses ``strategic.lead`` and ``analyst``) and after
``create_demo_delivery``, which leaves alone a plan that already has actions. It is deterministic
and idempotent: a plan that already has the round keeps it as it is.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import cast

from django.contrib.auth.models import User
from django.db import transaction

from trustplan.access.models import Membership, Role
from trustplan.delivery.models import Action, ActionStatus
from trustplan.frameworks.reading import EARLY_HELP_2020, shipped_text
from trustplan.partners.models import Organisation, OrganisationKind, Person
from trustplan.plans.models import Plan
from trustplan.selfassessment import moderation, rounds
from trustplan.selfassessment.library import store_framework
from trustplan.selfassessment.models import (
    Contributor,
    FinalScore,
    Finding,
    FindingKind,
    Round,
    Score,
)
from trustplan.web.demo import demo_account, demo_moment, fictional_person

ROUND_TITLE = "Early help self-assessment 2020"
SEED = 20200923
MODERATOR = "analyst"
PERSON_KEY_PREFIX = "demo-selfassessment-"

# The agenda pack's table (item 8, para 3.5): each area's count of Yes, Mostly Yes, Mostly No
# and No, in the framework's scale order.
AGENDA_PACK_TABLE = {
    "whole-family-practice": (4, 6, 0, 0),
    "empowering-communities": (2, 6, 0, 0),
    "workforce-development": (5, 9, 0, 0),
    "system-leadership": (5, 4, 0, 0),
}

# The agenda pack's key findings (item 8, para 3.6), verbatim and in its order.
WHAT_WE_DO_WELL = [
    "Whole-family practice with allocated lead professionals",
    "One family, one plan",
    "Common set of family outcomes",
    "Evidence of improved outcomes for families",
    "Shared case management systems",
    "Joint working between agencies",
    "Joint working with the Voluntary and Community Sector",
    "Joint workforce development",
    "Shared practice model (restorative practice and trauma informed practice)",
    "NHS services fully engaged in whole family working",
    "Joint working with Neighbourhood Police",
    "Multi-agency audit and learning from practice",
    "Co-location of services (the Multi-Agency Teams)",
    "System leadership is strong through Children's Trust structures",
]
WHAT_WE_NEED_TO_FURTHER_IMPROVE = [
    "Use of data to identify vulnerability and need",
    "Work with schools on early help",
    "A single shared workforce development plan",
]

# The improvement the demo puts in the delivery plan, under priority 2's objective 10,
# "Intelligence-led safeguarding - using our data across the system to identify and respond to
# need". The action's wording follows the agenda pack's para 3.7.
DATA_FINDING = WHAT_WE_NEED_TO_FURTHER_IMPROVE[0]
ACTION_PRIORITY, ACTION_OBJECTIVE = "2", "10"
ACTION_TITLE = (
    "Use of data to identify vulnerability and need: use child and family level data from across "
    "the system to highlight which families we should be concerned about, and what progress "
    "they make following support (early help self-assessment 2020)"
)
ACTION_ORGANISATION = "portsmouth-city-council"
ACTION_START, ACTION_DUE = dt.date(2020, 10, 1), dt.date(2024, 3, 31)

# The contributors: the demo's strategic lead for the council, and two fictional people. Any
# likeness to a real person's name is a coincidence of common names.
COUNCIL_CONTRIBUTOR = "strategic.lead"
NEW_CONTRIBUTORS = [
    # username, (first, last), organisation key, job title
    ("contributor.health", ("Joanna", "Pike"), "solent-nhs", "Named nurse for safeguarding"),
    ("contributor.police", ("Mark", "Ellis"), "police", "Partnership inspector"),
]
ORGANISATION_KINDS = {
    "portsmouth-city-council": ("Portsmouth City Council", OrganisationKind.LOCAL_AUTHORITY),
    "solent-nhs": ("Solent NHS", OrganisationKind.NHS_PROVIDER),
    "police": ("Police", OrganisationKind.POLICE),
}
DISAGREE = 0.25  # how often a contributor's score is a step from the agreed one
UNSCORED_BY_POLICE = ("WD3", "WD11")  # workforce descriptors the police left to others

EVIDENCE = {
    "yes": "Our case audits and supervision records show this consistently in the cases we "
    "sampled.",
    "mostly-yes": "In place, but not yet consistent across every team: the audit sample showed "
    "some gaps.",
    "mostly-no": "Only in parts of the service so far; this is still being developed.",
}
REASONS = {
    "yes": "the practice is established, and the evidence shows it across the partners.",
    "mostly-yes": "the practice is in place, but not yet consistent across every partner and team.",
}

OPENED = dt.date(2020, 7, 6)
SCORED = dt.date(2020, 7, 31)
MODERATED = dt.date(2020, 8, 19)
COMPLETED = dt.date(2020, 9, 4)


def create_demo_self_assessment(plan: Plan) -> Round:
    """Make the completed early help self-assessment of 2020 for `plan`, or return it."""
    existing = Round.objects.filter(plan=plan, title=ROUND_TITLE).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        return _Builder(plan).build()


_at = demo_moment


def _account(username: str) -> User:
    return cast(User, demo_account(username, "the demo's self-assessment"))


def _organisation(key: str) -> Organisation:
    name, kind = ORGANISATION_KINDS[key]
    organisation, _ = Organisation.objects.get_or_create(
        key=key, defaults={"name": name, "kind": kind}
    )
    return organisation


class _Builder:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.rng = random.Random(SEED)  # noqa: S311 -- made-up data, not secrets
        self.moderator = _account(MODERATOR)
        self.framework = store_framework(shipped_text(EARLY_HELP_2020)).framework
        self.parsed = self.framework.parsed
        self.keys = [point.key for point in self.parsed.scale]
        self.labels = {point.key: point.label for point in self.parsed.scale}

    def build(self) -> Round:
        round = rounds.open_round(self.plan, self.framework, ROUND_TITLE, by=self.moderator)
        finals = self.final_scores()
        contributors = [
            rounds.invite(round, user, organisation, by=self.moderator)
            for user, organisation in self.people()
        ]
        for contributor in contributors:
            rounds.record_scores(contributor, self.scores_of(contributor, finals))
        rounds.close_scoring(round)
        for code, key in finals.items():
            moderation.set_final_score(
                round, code, key, self.rationale(round, code, key), self.moderator
            )
        for kind, texts in (
            (FindingKind.STRENGTH, WHAT_WE_DO_WELL),
            (FindingKind.IMPROVEMENT, WHAT_WE_NEED_TO_FURTHER_IMPROVE),
        ):
            for text in texts:
                moderation.add_finding(round, kind, text, self.moderator)
        rounds.complete(round, self.moderator)
        action = self.action(round)
        self.backdate(round, action)
        return round

    def people(self) -> list[tuple[User, Organisation]]:
        lead = _account(COUNCIL_CONTRIBUTOR)
        person = Person.objects.filter(user=lead).select_related("organisation").first()
        council = person.organisation if person and person.organisation else None
        people = [(lead, council or _organisation(ACTION_ORGANISATION))]
        for username, (first, last), key, job_title in NEW_CONTRIBUTORS:
            organisation = _organisation(key)
            user = cast(
                User,
                fictional_person(
                    username,
                    (first, last),
                    organisation,
                    job_title,
                    key=f"{PERSON_KEY_PREFIX}{username.replace('.', '-')}",
                ),
            )
            Membership.objects.get_or_create(user=user, role=Role.VIEWER)
            people.append((user, organisation))
        return people

    def final_scores(self) -> dict[str, str]:
        """Final scores that add up to the agenda pack's table, spread within each area."""
        finals: dict[str, str] = {}
        for area in self.parsed.areas:
            counts = AGENDA_PACK_TABLE[area.key]
            keys = [key for key, count in zip(self.keys, counts, strict=True) for _ in range(count)]
            if len(keys) != len(area.descriptors):
                raise ValueError(f"the agenda pack's table does not fit {area.title}")
            self.rng.shuffle(keys)
            finals.update(zip((d.code for d in area.descriptors), keys, strict=True))
        return finals

    def scores_of(
        self, contributor: Contributor, finals: dict[str, str]
    ) -> dict[str, rounds.Entry]:
        """Mostly the agreed score, sometimes a step either side of it."""
        entries = {}
        for code, final in finals.items():
            if contributor.organisation.key == "police" and code in UNSCORED_BY_POLICE:
                continue
            key = final
            if self.rng.random() < DISAGREE:
                key = self.rng.choice(self._neighbours(final))
            entries[code] = rounds.Entry(key, EVIDENCE[key])
        return entries

    def _neighbours(self, key: str) -> Sequence[str]:
        at = self.keys.index(key)
        return [self.keys[i] for i in (at - 1, at + 1) if 0 <= i < len(self.keys)]

    def rationale(self, round: Round, code: str, final: str) -> str:
        given = list(
            round.scores.filter(descriptor_code=code).select_related("contributor__organisation")
        )
        if {score.scale_key for score in given} == {final}:
            return ""
        views = "; ".join(
            f"{self.labels[s.scale_key]} from {s.contributor.organisation}" for s in given
        )
        return (
            f"Contributors gave {views}. The Early Help Board agreed "
            f"{self.labels[final]}: {REASONS[final]}"
        )

    def action(self, round: Round) -> Action:
        finding = Finding.objects.get(round=round, text=DATA_FINDING)
        objective = self.plan.priorities.get(number=ACTION_PRIORITY).objectives.get(
            number=ACTION_OBJECTIVE
        )
        action = moderation.finding_to_action(
            finding,
            objective,
            ACTION_TITLE,
            self.moderator,
            organisation=_organisation(ACTION_ORGANISATION),
            due=ACTION_DUE,
        )
        action.start, action.status = ACTION_START, ActionStatus.IN_PROGRESS
        action._history_user = self.moderator  # type: ignore[attr-defined]
        action.save()
        return action

    def backdate(self, round: Round, action: Action) -> None:
        """Give every record, history included, the date it would have had in 2020."""
        Round.objects.filter(pk=round.pk).update(opened_at=_at(OPENED), completed_at=_at(COMPLETED))
        Contributor.objects.filter(round=round).update(invited_at=_at(OPENED))
        Score.history.filter(round_id=round.pk).update(history_date=_at(SCORED))
        FinalScore.objects.filter(round=round).update(moderated_at=_at(MODERATED))
        FinalScore.history.filter(round_id=round.pk).update(history_date=_at(MODERATED))
        Finding.history.filter(round_id=round.pk).update(history_date=_at(MODERATED))
        Finding.history.filter(round_id=round.pk, action_id=action.pk).update(
            history_date=_at(COMPLETED)
        )
        Action.history.filter(id=action.pk).update(history_date=_at(COMPLETED))
        round.refresh_from_db()
