"""A self-assessment round's rules: one small class each, whose docstring is its message.

They are the quarterly cycle's kind of rule (``trustplan.delivery.rules``, after uktrade/tamato's
business rules): ``enforce`` raises ``WorkflowError`` carrying the docstring, so the page, the
command line and the tests all say the same thing.
"""

from __future__ import annotations

from trustplan.delivery.rules import Rule
from trustplan.selfassessment.models import Finding, FindingKind, Round, RoundState


class RoundRule(Rule):
    # A message reads as one line wherever it is shown, however its docstring is wrapped.
    @property
    def message(self) -> str:
        return " ".join(super().message.split())


class ScoringIsOpen(RoundRule):
    """This round is no longer open for scoring: its final scores are being agreed, or it is
    complete."""

    def holds(self, round: Round) -> bool:
        return round.state == RoundState.OPEN


class BeingModerated(RoundRule):
    """Final scores and findings can be changed only while the round is being moderated: close
    its scoring first. A complete round is final."""

    def holds(self, round: Round) -> bool:
        return round.state == RoundState.MODERATING


class ModeratorDidNotScore(RoundRule):
    """You scored descriptors in this round, so you cannot moderate it: another administrator or
    analyst must agree its final scores."""

    def __init__(self, moderator_id: int | None) -> None:
        self.moderator_id = moderator_id

    def holds(self, round: Round) -> bool:
        return not round.scored_by(self.moderator_id)


class OnTheScale(RoundRule):
    """Choose one of the framework's scale points for a descriptor the framework has."""

    field = "scale_key"

    def __init__(self, descriptor_code: str, scale_key: str) -> None:
        self.descriptor_code, self.scale_key = descriptor_code, scale_key

    def holds(self, round: Round) -> bool:
        framework = round.framework.parsed
        codes = {descriptor.code for descriptor in framework.descriptors()}
        keys = {point.key for point in framework.scale}
        return self.descriptor_code in codes and self.scale_key in keys


class DisagreementNeedsRationale(RoundRule):
    """The contributors did not all give this score: say why it is the one agreed."""

    field = "rationale"

    def __init__(self, scale_key: str, contributed: set[str], rationale: str) -> None:
        self.scale_key, self.contributed, self.rationale = scale_key, contributed, rationale

    def holds(self, round: Round) -> bool:
        return self.contributed == {self.scale_key} or bool(self.rationale.strip())


class EveryDescriptorAgreed(RoundRule):
    """Agree a final score for every descriptor before completing the round."""

    def holds(self, round: Round) -> bool:
        return round.summary().complete


class FindingsRecorded(RoundRule):
    """Record at least one thing the partnership does well and one it needs to further improve
    before completing the round."""

    def holds(self, round: Round) -> bool:
        kinds = set(round.findings.values_list("kind", flat=True))
        return kinds >= {FindingKind.STRENGTH, FindingKind.IMPROVEMENT}


class NotYetAnAction(RoundRule):
    """This finding is already an action in the delivery plan."""

    def holds(self, finding: Finding) -> bool:
        return finding.action_id is None
