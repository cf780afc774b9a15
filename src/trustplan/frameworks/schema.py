"""The self-assessment framework file: areas of descriptors, each scored on one ordered scale.

A framework is a partnership's copy of an assessment someone else designed, such as the MHCLG
early help self-assessment. It is written in YAML and versioned by hand: a changed framework is a
new version, so rounds scored against the old one keep the wording they were scored against.

Every model forbids unknown keys, so a misspelt field is an error that names its path rather than
a value silently dropped. A check that spans several values raises ``LocatedError`` with the path of
the value at fault, so the reader can name its line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from trustplan.plancode.source import Path_, format_path
from trustplan.plancode.yamlmodels import LocatedError

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Key = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=60),
]
Code = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, pattern=r"^[A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)*$", max_length=20
    ),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ScalePoint(Strict):
    key: Key
    label: Text
    guidance: Text | None = None


class Descriptor(Strict):
    code: Code
    text: Text
    guidance: Text | None = None


class Area(Strict):
    key: Key
    title: Text
    guidance: Text | None = None
    # How many descriptors the source says the area has, e.g. "Whole-family practice (10)":
    # checked against the list, so a transcription that drops one is caught.
    expected_descriptors: int | None = Field(default=None, ge=1)
    descriptors: list[Descriptor] = Field(min_length=1)

    @model_validator(mode="after")
    def _lists_what_it_states(self) -> Area:
        stated, listed = self.expected_descriptors, len(self.descriptors)
        if stated is not None and listed != stated:
            raise LocatedError(
                f"the area states {stated} descriptors (expected_descriptors) but lists {listed}",
                "descriptors",
            )
        return self


class Framework(Strict):
    key: Key
    version: int = Field(ge=1)
    title: Text
    source: Text
    guidance: Text | None = None
    scale: list[ScalePoint] = Field(min_length=2, description="Best first, worst last.")
    areas: list[Area] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Framework:
        scale = ((("scale", i, "key"), point.key) for i, point in enumerate(self.scale))
        _refuse_repeats("scale point key", scale)
        areas = ((("areas", i, "key"), area.key) for i, area in enumerate(self.areas))
        _refuse_repeats("area key", areas)
        codes = (
            (("areas", i, "descriptors", j, "code"), descriptor.code)
            for i, area in enumerate(self.areas)
            for j, descriptor in enumerate(area.descriptors)
        )
        _refuse_repeats("descriptor code", codes)
        return self

    def descriptors(self) -> Iterator[Descriptor]:
        for area in self.areas:
            yield from area.descriptors

    @property
    def descriptor_count(self) -> int:
        return sum(len(area.descriptors) for area in self.areas)

    def scale_point(self, key: str) -> ScalePoint:
        """The scale point called `key`; ``KeyError`` if the scale has none."""
        for point in self.scale:
            if point.key == key:
                return point
        raise KeyError(key)


def _refuse_repeats(what: str, values: Iterable[tuple[Path_, str]]) -> None:
    """Refuse the first value seen again, at the place it repeats."""
    seen: dict[str, Path_] = {}
    for path, value in values:
        if value in seen:
            raise LocatedError(
                f"the {what} {value!r} is already used at {format_path(seen[value])}", *path
            )
        seen[value] = path
