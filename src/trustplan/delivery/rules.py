"""The quarterly cycle's business rules: one small class each, whose docstring is its message.

A rule is checked with ``enforce(update)``, which raises ``WorkflowError`` carrying the docstring,
so the page, the API and the tests all say the same thing (the shape of uktrade/tamato's business
rules).
"""

from __future__ import annotations

import inspect
from abc import ABC, abstractmethod
from typing import Any


class WorkflowError(Exception):
    """A step of the cycle that the rules do not allow; the message says which rule and why."""

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        super().__init__(rule.message)


class Rule(ABC):
    field: str | None = None  # the form field the rule is about, for its error message

    @property
    def message(self) -> str:
        return inspect.cleandoc(self.__doc__ or "")

    @abstractmethod
    def holds(self, update: Any) -> bool:
        """Whether the update keeps this rule."""

    def enforce(self, update: Any) -> None:
        if not self.holds(update):
            raise WorkflowError(self)


class OnlyEditableUpdatesCanBeSubmitted(Rule):
    """This update has already been submitted or approved, so it cannot be submitted again."""

    def holds(self, update: Any) -> bool:
        return bool(update.is_editable())


class OnlySubmittedUpdatesCanBeReviewed(Rule):
    """Only an update that has been submitted for review can be approved or returned."""

    def holds(self, update: Any) -> bool:
        return bool(update.state == "submitted")


class NoSelfApproval(Rule):
    """You cannot review an update you wrote or own: another lead or an administrator must."""

    def __init__(self, reviewer: Any) -> None:
        self.reviewer = reviewer

    def holds(self, update: Any) -> bool:
        return self.reviewer.pk not in update.authors()


class ReturnNeedsComment(Rule):
    """Say what needs to change when you return an update, so its owner can put it right."""

    field = "comment"

    def __init__(self, comment: str) -> None:
        self.comment = comment

    def holds(self, update: Any) -> bool:
        return bool(self.comment.strip())


class RatingRequired(Rule):
    """Choose a rating (green, amber, red or complete) before submitting the update."""

    field = "rating"

    def holds(self, update: Any) -> bool:
        return bool(update.rating)


class StatusRequired(Rule):
    """Choose the action's status before submitting the update."""

    field = "status"

    def holds(self, update: Any) -> bool:
        return bool(update.status)


class RedNeedsCommentary(Rule):
    """A red rating cannot be submitted without a commentary: say what has gone wrong and what
    is being done about it."""

    field = "narrative"

    def holds(self, update: Any) -> bool:
        return update.rating != "red" or bool(update.narrative.strip())


class CommentaryComplete(Rule):
    """Write both what is going well and what needs to improve before submitting."""

    def holds(self, update: Any) -> bool:
        return bool(update.going_well.strip() and update.needs_to_improve.strip())


class CompleteMeansComplete(Rule):
    """Rate an action complete (blue) exactly when its status is Complete."""

    field = "rating"

    def holds(self, update: Any) -> bool:
        return bool((update.rating == "blue") == (update.status == "complete"))
