"""The demonstration's areas: real ONS codes, a ten-member neighbour group, parents first."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from trustplan.demodata import AREAS, GROUP
from trustplan.demodata.areas import (
    AREAS_BY_CODE,
    ENGLAND,
    NEIGHBOURS,
    PORTSMOUTH,
    SOUTH_EAST,
    size,
)
from trustplan.vocabulary import AreaKind

PREFIX_BY_KIND = {
    AreaKind.COUNTRY: "E92",
    AreaKind.REGION: "E12",
    AreaKind.LOCAL_AUTHORITY: "E06",
}


def test_codes_are_ons_codes_of_the_right_kind() -> None:
    assert (ENGLAND, SOUTH_EAST, PORTSMOUTH) == ("E92000001", "E12000008", "E06000044")
    for area in AREAS:
        if area.kind is AreaKind.COMPARATOR_GROUP:
            assert area.code == GROUP.code == "SN-PORTSMOUTH"
        else:
            assert re.fullmatch(r"E\d{8}", area.code)
            assert area.code.startswith(PREFIX_BY_KIND[area.kind])


def test_the_group_has_ten_distinct_unitary_neighbours() -> None:
    assert len(GROUP.members) == len(set(GROUP.members)) == 10
    assert PORTSMOUTH not in GROUP.members
    assert GROUP.members == tuple(area.code for area in NEIGHBOURS)
    assert all(AREAS_BY_CODE[code].kind is AreaKind.LOCAL_AUTHORITY for code in GROUP.members)
    assert "illustrative" in GROUP.name


def test_parents_are_listed_before_their_children() -> None:
    seen: set[str] = set()
    for area in AREAS:
        assert area.parent_code is None or area.parent_code in seen
        seen.add(area.code)
    assert len(seen) == len(AREAS)


def test_sizes_scale_from_portsmouth() -> None:
    assert size(AREAS_BY_CODE[PORTSMOUTH]) == 1
    assert size(AREAS_BY_CODE[ENGLAND]) > 200
    with pytest.raises(ValueError, match="has no population"):
        size(AREAS_BY_CODE[GROUP.code])


def test_the_package_is_pure_it_imports_no_django() -> None:
    """A pure core, like ``trustplan.stats``: usable by the command line, tests and analysts'
    scripts without a configured Django."""
    code = (
        "import sys, trustplan.demodata, trustplan.demodata.__main__; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
