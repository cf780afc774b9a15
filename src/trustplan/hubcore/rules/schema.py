"""The rule set file: named needs (indicators), each a small declarative condition on a family's
events, a threshold, exclusions and, optionally, how progress after support is measured.

A rule set is written in YAML and versioned by hand (``key`` and ``version``): a changed rule is
a new version, so every flag raised names the exact wording it was raised under. The condition
language is deliberately small and has no expressions: a condition is a mapping with exactly one
of these keys.

* ``count``: at least so many of a feed's events, filtered by its columns (``where``), for the
  family together or for one person, optionally all within so many days.
* ``attendance_below``: a pupil's attendance over their latest terms below a percentage.
* ``attendance_fall``: a pupil's attendance falling by so many percentage points over terms.
* ``open_episode``: a social care or early help episode, or a benefit claim, open on the
  evaluation date or at any time in the window.
* ``all`` / ``any``: every one, or at least one, of a list of conditions.

Every model forbids unknown keys, so a misspelt key is an error naming its line rather than a
rule silently changed. A check that spans several values raises ``LocatedError`` with the path
of the value at fault.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Final, Literal, Self, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator
from pydantic import model_validator as _model_validator

from trustplan.hubcore.feeds import FEEDS
from trustplan.hubcore.feeds.contracts import Identity
from trustplan.plancode.source import Path_, format_path
from trustplan.plancode.yamlmodels import LocatedError

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
RuleKey = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=60),
]
IndicatorKey = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, pattern=r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$", max_length=60
    ),
]
FeedName = Literal[
    "school_attendance",
    "exclusions",
    "police_incidents",
    "youth_justice",
    "health_appointments",
    "social_care",
    "early_help",
    "housing",
    "worklessness",
]
EpisodeFeed = Literal["social_care", "early_help", "worklessness"]
Who = Literal["anyone", "children", "adults"]
Scope = Literal["family", "person"]
Counting = Literal["records", "days"]
OpenAt = Literal["evaluation_date", "any_time_in_window"]
Families = Literal["all", "with_children"]
Where = dict[str, tuple[str, ...]]

CONDITIONS: Final = ("count", "attendance_below", "attendance_fall", "open_episode", "all", "any")


def _choices(annotation: Any) -> tuple[str, ...] | None:
    """The values of a ``Literal`` column (or an optional one), or ``None`` if it is not one."""
    for candidate in (annotation, *get_args(annotation)):
        if get_origin(candidate) is Literal:
            return tuple(str(value) for value in get_args(candidate))
    return None


FILTERS: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    feed: {
        name: choices
        for name, info in model.model_fields.items()
        if name not in Identity.model_fields and (choices := _choices(info.annotation)) is not None
    }
    for feed, model in FEEDS.items()
}
"""The columns a ``where`` may filter on, by feed, with their choices: each feed's event columns
that hold one of a list of values."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _listed(values: tuple[str, ...]) -> str:
    return ", ".join(values)


def _where(value: object) -> object:
    """A single value as a list of one."""
    if isinstance(value, dict):
        return {k: [v] if isinstance(v, str) else v for k, v in value.items()}
    return value


def _check_where(feed: str, where: Where) -> None:
    columns = FILTERS[feed]
    for column, values in where.items():
        if column not in columns:
            known = _listed(tuple(columns)) or "none"
            raise LocatedError(
                f"{feed} has no column {column!r} to filter on (it has: {known})", "where", column
            )
        if not values:
            raise LocatedError("give at least one value", "where", column)
        for index, value in enumerate(values):
            if value not in columns[column]:
                raise LocatedError(
                    f"{value!r} is not one of {column}'s values: {_listed(columns[column])}",
                    "where",
                    column,
                    index,
                )


WHERE_HELP: Final = "Column: a value or a list of values, each as the feed contract spells it."


class Count(Strict):
    """At least ``at_least`` events (or days with one, ``counting: days``) of ``feed`` in the
    window; for the family together, or for one person alone (``scope: person``); all within
    ``within_days`` days of the first if given."""

    feed: FeedName
    where: Where = Field(default_factory=dict, description=WHERE_HELP)
    at_least: int = Field(ge=1)
    within_days: int | None = Field(default=None, ge=1)
    scope: Scope = "family"
    who: Who = "anyone"
    counting: Counting = "records"
    sibling_of: IndicatorKey | None = None
    describe: Text = Field(description='A plural noun phrase: "missed CAMHS appointments".')
    describe_one: Text | None = Field(
        default=None, description='The singular, needed when one is enough: "missed appointment".'
    )

    _lists = field_validator("where", mode="before")(_where)

    @_model_validator(mode="after")
    def _checked(self) -> Self:
        _check_where(self.feed, self.where)
        if self.at_least == 1 and self.describe_one is None:
            raise LocatedError(
                "at_least: 1 can find just one, so give describe_one, the singular of describe",
                "at_least",
            )
        if self.sibling_of is not None and (self.scope != "person" or self.who != "children"):
            raise LocatedError("sibling_of needs scope: person and who: children", "sibling_of")
        return self


class AttendanceBelow(Strict):
    """A pupil's attendance below ``percent`` over their latest ``terms`` terms in the window
    (sessions pooled), or at or below it with ``inclusive``."""

    percent: float = Field(gt=0, le=100)
    terms: int = Field(default=3, ge=1, le=9)
    inclusive: bool = False
    sibling_of: IndicatorKey | None = None


class AttendanceFall(Strict):
    """A pupil's attendance falling by at least ``points`` percentage points over
    ``over_terms`` terms in a row (compared with the term before them), lower in each of them
    with ``steady``. The terms of the fall are in the window; the term before may be earlier."""

    points: float = Field(gt=0, le=100)
    over_terms: int = Field(default=2, ge=1, le=6)
    steady: bool = True
    sibling_of: IndicatorKey | None = None


class OpenEpisode(Strict):
    """An episode of ``feed`` (social care, early help, a benefit claim) open on the evaluation
    date, or on any day of the window."""

    feed: EpisodeFeed
    where: Where = Field(default_factory=dict, description=WHERE_HELP)
    at: OpenAt = "evaluation_date"
    who: Who = "anyone"
    sibling_of: IndicatorKey | None = None
    describe: Text = Field(description='A noun phrase: "early help support".')

    _lists = field_validator("where", mode="before")(_where)

    @_model_validator(mode="after")
    def _checked(self) -> Self:
        _check_where(self.feed, self.where)
        if self.sibling_of is not None and self.who != "children":
            raise LocatedError("sibling_of needs who: children", "sibling_of")
        return self


class Condition(Strict):
    """Exactly one of the condition keys."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    count: Count | None = None
    attendance_below: AttendanceBelow | None = None
    attendance_fall: AttendanceFall | None = None
    open_episode: OpenEpisode | None = None
    all_: list[Condition] | None = Field(default=None, alias="all", min_length=1)
    any_: list[Condition] | None = Field(default=None, alias="any", min_length=1)

    @_model_validator(mode="after")
    def _exactly_one(self) -> Self:
        given = [name for name in CONDITIONS if getattr(self, _attribute(name)) is not None]
        if len(given) != 1:
            said = f"it has {_listed(tuple(given))}" if given else "it has none"
            raise LocatedError(f"a condition has exactly one of {_listed(CONDITIONS)}; {said}")
        return self

    @property
    def kind(self) -> str:
        return next(n for n in CONDITIONS if getattr(self, _attribute(n)) is not None)

    def walk(self, path: Path_ = ()) -> Iterator[tuple[Path_, Condition]]:
        """This condition and every one inside it, each with its path."""
        yield path, self
        for name, parts in (("all", self.all_), ("any", self.any_)):
            for index, part in enumerate(parts or ()):
                yield from part.walk((*path, name, index))

    def sibling_of(self) -> str | None:
        leaf = self.count or self.attendance_below or self.attendance_fall or self.open_episode
        return leaf.sibling_of if leaf is not None else None


def _attribute(name: str) -> str:
    return f"{name}_" if name in ("all", "any") else name


class Indicator(Strict):
    """A named need: met when its condition is."""

    key: IndicatorKey
    title: Text
    headline: Text | None = Field(
        default=None, description="The programme's headline problem or outcome it evidences."
    )
    description: Text | None = Field(
        default=None, description="What it stands for, and where it approximates its source."
    )
    when: Condition


class ExcludeIf(Strict):
    """A family meeting ``when`` is flagged as excluded, with ``reason``, not dropped: the work
    list can show why it is not there."""

    reason: Text
    when: Condition


class Threshold(Strict):
    at_least: int = Field(ge=1, description="How many of the indicators must be met.")


class Progress(Strict):
    """Significant and sustained progress: measured ``after_months`` after a family's early help
    support closes. A need the family had when support started has been progressed if it is no
    longer met over the months since support closed."""

    after_months: list[int] = Field(min_length=1)
    description: Text | None = None

    @field_validator("after_months")
    @classmethod
    def _ordered(cls, value: list[int]) -> list[int]:
        if any(months < 1 or months > 60 for months in value):
            raise ValueError("each is a number of months from 1 to 60")
        if value != sorted(set(value)):
            raise ValueError("list each number of months once, shortest first")
        return value


class RuleSet(Strict):
    key: RuleKey
    version: int = Field(ge=1)
    title: Text
    description: Text
    sources: list[Text] = Field(min_length=1)
    window_months: int = Field(
        ge=1, le=60, description="Events in these many months up to the evaluation date count."
    )
    families: Families = Field(
        default="all",
        description=(
            "with_children: only families with a child, or an expectant parent (a maternity "
            "appointment in the window)."
        ),
    )
    indicators: list[Indicator] = Field(min_length=1)
    threshold: Threshold
    exclude_if: list[ExcludeIf] = Field(default_factory=list)
    progress: Progress | None = None

    @_model_validator(mode="after")
    def _consistent(self) -> Self:
        seen: dict[str, int] = {}
        for index, indicator in enumerate(self.indicators):
            if indicator.key in seen:
                raise LocatedError(
                    f"the indicator key {indicator.key!r} is already used at "
                    f"{format_path(('indicators', seen[indicator.key]))}",
                    "indicators",
                    index,
                    "key",
                )
            for path, condition in indicator.when.walk(("indicators", index, "when")):
                sibling = condition.sibling_of()
                if sibling is not None and sibling not in seen:
                    raise LocatedError(
                        f"sibling_of names {sibling!r}, which is not an indicator above this one",
                        *path,
                        condition.kind,
                        "sibling_of",
                    )
            seen[indicator.key] = index
        for index, exclusion in enumerate(self.exclude_if):
            for path, condition in exclusion.when.walk(("exclude_if", index, "when")):
                if condition.sibling_of() is not None:
                    raise LocatedError(
                        "an exclusion cannot use sibling_of", *path, condition.kind, "sibling_of"
                    )
        if self.threshold.at_least > len(self.indicators):
            raise LocatedError(
                f"the threshold asks for {self.threshold.at_least} indicators but there are "
                f"{len(self.indicators)}",
                "threshold",
                "at_least",
            )
        return self

    def indicator(self, key: str) -> Indicator:
        """The indicator called ``key``; ``KeyError`` if there is none."""
        for indicator in self.indicators:
            if indicator.key == key:
                return indicator
        raise KeyError(key)
