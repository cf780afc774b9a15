"""Quantile assignment as PHEindicatormethods phe_quantile: deciles, septiles, quartiles."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.stats.reference_cases import PHE, Row, available, number, params, read_csv
from trustplan.stats.quantiles import assign_quantiles, invert_for_polarity
from trustplan.vocabulary import Polarity

POLARITY_BY_LABEL = {
    "RAG - High is good": Polarity.HIGH_IS_GOOD,
    "RAG - Low is good": Polarity.LOW_IS_GOOD,
}


class QuantileFile(NamedTuple):
    """One phe_quantile test call: its file, number of quantiles, grouping and invert rule."""

    name: str
    n_quantiles: int
    group: Callable[[Row], tuple[str, ...]]
    invert: Callable[[Row], bool]


def _invert_from_polarity_field(row: Row) -> bool:
    """``invert = Polarity, inverttype = "field"``: a RAG polarity, or a logical for dummy data."""
    polarity = POLARITY_BY_LABEL.get(row["Polarity"])
    if polarity is None:
        return row["Polarity"] == "TRUE"
    return invert_for_polarity(polarity)


FILES = {
    "deciles": QuantileFile(
        "quantiles_deciles_by_indicator_and_region.csv",
        10,
        lambda row: (row["IndSexRef"], row["ParentCode"]),
        _invert_from_polarity_field,
    ),
    "septiles": QuantileFile(
        "quantiles_septiles_by_indicator.csv",
        7,
        lambda row: (row["IndSexRef"],),
        _invert_from_polarity_field,
    ),
    # Ungrouped, with invert at its default TRUE; the file's invert column is not used.
    "quartiles": QuantileFile(
        "quantiles_quartiles_ungrouped.csv", 4, lambda row: (), lambda row: True
    ),
}


@cache
def _assigned(kind: str) -> dict[str, int | None]:
    """Quantile per sheet_row, computed group by group as the reference call does."""
    spec = FILES[kind]
    groups: dict[tuple[str, ...], list[Row]] = defaultdict(list)
    for row in read_csv(f"{PHE}/{spec.name}"):
        groups[spec.group(row)].append(row)
    assigned: dict[str, int | None] = {}
    for rows in groups.values():
        (invert,) = {spec.invert(row) for row in rows}
        quantiles = assign_quantiles(
            [number(row["Value"]) for row in rows], spec.n_quantiles, invert=invert
        )
        assigned.update(zip((row["sheet_row"] for row in rows), quantiles, strict=True))
    return assigned


def _quantile_cases() -> list[object]:
    return params(
        (f"{kind}-row{row['sheet_row']}-{row['IndSexRef']}-{row['AreaCode']}", (kind, row))
        for kind, spec in FILES.items()
        if available(f"{PHE}/{spec.name}")
        for row in read_csv(f"{PHE}/{spec.name}")
    )


@pytest.mark.reference
@pytest.mark.parametrize("case", _quantile_cases())
def test_quantile_matches_phe_quantile(reference_dir: Path, case: tuple[str, Row]) -> None:
    kind, row = case
    expected = number(row["QuantileInGrp"])
    assert _assigned(kind)[row["sheet_row"]] == (None if expected is None else int(expected))


def _polarity_cases() -> list[object]:
    """Each distinct (Polarity, invert) pair in the files that take invert from Polarity."""
    pairs = {
        (row["Polarity"], row["invert"])
        for spec in (FILES["deciles"], FILES["septiles"])
        if available(f"{PHE}/{spec.name}")
        for row in read_csv(f"{PHE}/{spec.name}")
    }
    return params(
        (f"{polarity}->{invert}", (polarity, invert)) for polarity, invert in sorted(pairs)
    )


@pytest.mark.reference
@pytest.mark.parametrize("pair", _polarity_cases())
def test_polarity_maps_to_the_invert_column(reference_dir: Path, pair: tuple[str, str]) -> None:
    # The .md files derive ``invert`` from Polarity with LoadTestdata.R's mapping.
    polarity, invert = pair
    assert _invert_from_polarity_field({"Polarity": polarity}) == (invert == "TRUE")


def test_ties_share_the_lowest_rank() -> None:
    assert assign_quantiles([5, 5, 5, 1, 9], 2, invert=False) == [1, 1, 1, 1, 2]


def test_invert_puts_the_highest_values_in_quantile_one() -> None:
    values = [1.0, 2.0, 3.0, 4.0]
    assert assign_quantiles(values, 4, invert=False) == [1, 2, 3, 4]
    assert assign_quantiles(values, 4, invert=True) == [4, 3, 2, 1]


def test_missing_values_and_small_groups_get_no_quantile() -> None:
    assert assign_quantiles([1.0, None, 3.0, 4.0, 5.0], 4, invert=False) == [1, None, 2, 3, 4]
    assert assign_quantiles([1.0, None, 3.0], 4, invert=False) == [None, None, None]


def test_polarity_to_invert() -> None:
    assert invert_for_polarity(Polarity.LOW_IS_GOOD) is True
    assert invert_for_polarity(Polarity.HIGH_IS_GOOD) is False
    with pytest.raises(ValueError, match=r"no_judgement has no worst end"):
        invert_for_polarity(Polarity.NO_JUDGEMENT)


def test_at_least_two_quantiles() -> None:
    with pytest.raises(ValueError, match=r"n_quantiles must be at least 2; got 1"):
        assign_quantiles([1.0, 2.0], 1, invert=False)


@given(
    values=st.lists(st.floats(min_value=-1e9, max_value=1e9), min_size=1, max_size=60),
    n_quantiles=st.integers(min_value=2, max_value=10),
)
def test_quantiles_are_in_range_and_follow_the_values(
    values: list[float], n_quantiles: int
) -> None:
    quantiles = assign_quantiles(values, n_quantiles, invert=False)
    if len(values) < n_quantiles:
        assert quantiles == [None] * len(values)
        return
    pairs = sorted(zip(values, quantiles, strict=True), key=lambda pair: pair[0])
    ordered = [quantile for _, quantile in pairs if quantile is not None]
    assert len(ordered) == len(values)
    assert all(1 <= quantile <= n_quantiles for quantile in ordered)
    assert ordered == sorted(ordered)
