"""The grouping file: which indicators a needs assessment lists under which heading.

Indicators carry no age group, but a needs assessment is read by age group (the 2011-14 plan's
section 3: pre-birth to 5, 6-13, 14-19+, looked after children, safeguarding). An analyst writes
the grouping once, as YAML, and trustplan keeps it with the plan to generate from again::

    plan: portsmouth-2020-23          # optional: refuses the file for any other plan
    groups:
      - title: Pre-birth to 5
        indicators:
          - breastfeeding-initiation-and-6-8-weeks
          - immunisation-and-vaccination-uptake

An indicator may sit in more than one group (school attendance matters at 6-13 and at 14-19+),
but only once in each. Unknown keys, repeated titles and misspelt fields are refused with their
line, as plan files are. Nothing here touches the database; whether the keys name stored
indicators is checked when a needs assessment is generated.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)

from trustplan.plancode.source import SourceError, format_path, read_yaml

Key = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class GroupingError(ValueError):
    """A grouping that cannot be used; ``problems`` are one sentence each, with their line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class GroupSpec(BaseModel):
    """One heading of the needs assessment and the indicators listed under it, in order."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    title: Title
    indicator_keys: tuple[Key, ...] = Field(alias="indicators", min_length=1)

    @field_validator("indicator_keys")
    @classmethod
    def _once_each(cls, keys: tuple[str, ...]) -> tuple[str, ...]:
        repeated = sorted({key for key in keys if keys.count(key) > 1})
        if repeated:
            raise ValueError(f"lists {', '.join(repeated)} more than once")
        return keys


class Grouping(BaseModel):
    """A whole grouping file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    plan: Key | None = None
    groups: tuple[GroupSpec, ...] = Field(min_length=1)

    @field_validator("groups")
    @classmethod
    def _titles_differ(cls, groups: tuple[GroupSpec, ...]) -> tuple[GroupSpec, ...]:
        titles = [group.title for group in groups]
        repeated = sorted({title for title in titles if titles.count(title) > 1})
        if repeated:
            raise ValueError(f"the title {', '.join(repeated)} is used more than once")
        return groups


def load_grouping(text: str | bytes, *, source: str, plan: str | None = None) -> Grouping:
    """The grouping in ``text`` (the file named ``source``), for the plan with slug ``plan``.

    Raises:
        GroupingError: the text is not YAML, does not fit the format, or is for another plan.
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise GroupingError([f"{source}: the file is not UTF-8 text"]) from None
    try:
        data, lines = read_yaml(text)
    except SourceError as error:
        where = f", line {error.line}" if error.line else ""
        raise GroupingError([f"{source}{where}: {error.message}"]) from None
    try:
        grouping = Grouping.model_validate(data)
    except ValidationError as error:
        raise GroupingError(
            [_located(source, lines.line_of(problem["loc"]), problem) for problem in error.errors()]
        ) from None
    if plan is not None and grouping.plan is not None and grouping.plan != plan:
        raise GroupingError([f"{source}: the file is for the plan {grouping.plan!r}, not {plan!r}"])
    return grouping


PLAIN_WORDS = {
    "too_short": "list at least one",
    "missing": "this is needed",
    "extra_forbidden": "a grouping file has no such field (a group has a title and indicators)",
}
"""pydantic's messages for the mistakes people make most, in words an analyst uses."""


def _located(source: str, line: int | None, problem: Any) -> str:
    where = f", line {line}" if line else ""
    message = PLAIN_WORDS.get(problem["type"], problem["msg"].removeprefix("Value error, "))
    return f"{source}{where}, {format_path(problem['loc'])}: {message}"
