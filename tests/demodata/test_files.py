"""The import files: exactly the columns ``docs/data-import.md`` specifies, every definition and
observation labelled synthetic, byte-identical for the same seed, consistent with one another,
and importable, in order, into a database that knows no indicator and no area."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from tests.demodata.conftest import IMPORT_DOCS, PLAN
from trustplan.dataimport import Catalogue, IndicatorSpec, read_import
from trustplan.demodata import DEFAULT_SEED, IMPORT_ORDER, DemoData, generate, write_files
from trustplan.demodata.__main__ import main
from trustplan.demodata.catalogue import SYNTHETIC_PREFIX
from trustplan.demodata.files import (
    AREA_COLUMNS,
    CATALOGUE_FILE,
    DEFINITIONS_FILE,
    GROUP_COLUMNS,
    INDICATOR_COLUMNS,
    INDICATORS_FILE,
    OBSERVATION_COLUMNS,
    TARGET_COLUMNS,
)
from trustplan.periods import parse_period
from trustplan.plancode.schema import Frequency
from trustplan.vocabulary import ComparisonMethod, Polarity, ValueType

SYNTHETIC = "SYNTHETIC demonstration data"
ONS_CODE = re.compile(r"^[A-Z]\d{8}$")
GROUP_CODE = re.compile(r"^[A-Za-z0-9-]+$")


@pytest.fixture(scope="module")
def written(data: DemoData, tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("demo")
    write_files(data, directory)
    return directory


def _read(directory: Path, name: str) -> list[dict[str, str]]:
    with (directory / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _header(directory: Path, name: str) -> list[str]:
    with (directory / name).open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def _documented_table(section: str) -> list[str]:
    """The column names in the first cell of each row of a section's table in the docs."""
    text = IMPORT_DOCS.read_text(encoding="utf-8")
    body = text.split(f"### {section}\n", 1)[1].split("\n#", 1)[0]
    rows = [line for line in body.splitlines() if line.startswith("| `")]
    return [name for row in rows for name in re.findall(r"`([a-z_0-9]+)`", row.split("|")[1])]


def _documented_sentence(opening: str) -> list[str]:
    """The column names a sentence of the docs lists (values in brackets are not columns)."""
    text = IMPORT_DOCS.read_text(encoding="utf-8")
    sentence = re.split(r"\.\s", text.split(f"\n{opening}", 1)[1], maxsplit=1)[0]
    return re.findall(r"`([a-z_0-9]+)`", re.sub(r"\([^)]*\)", "", sentence))


def test_the_documented_columns_are_read_from_the_docs() -> None:
    assert _documented_table("Observations")[:5] == [
        "indicator",
        "area_code",
        "area_name",
        "area_kind",
        "period",
    ]
    assert _documented_sentence("Areas:") == ["area_code", "area_name", "area_kind", "parent_code"]


@pytest.mark.parametrize(
    ("name", "columns", "documented"),
    [
        ("observations.csv", OBSERVATION_COLUMNS, ("table", "Observations")),
        ("targets.csv", TARGET_COLUMNS, ("table", "Targets")),
        ("areas.csv", AREA_COLUMNS, ("sentence", "Areas:")),
        ("comparator-groups.csv", GROUP_COLUMNS, ("sentence", "Comparator groups:")),
    ],
)
def test_each_file_has_exactly_the_documented_columns(
    written: Path, name: str, columns: tuple[str, ...], documented: tuple[str, str]
) -> None:
    how, where = documented
    expected = _documented_table(where) if how == "table" else _documented_sentence(where)
    assert _header(written, name) == list(columns) == expected


def test_the_indicators_file_has_the_documented_columns_but_the_fingertips_id(
    written: Path,
) -> None:
    """A made-up measure has no Fingertips ID, so the column would only ever be blank."""
    documented = _documented_table("Indicators")
    assert "fingertips_id" in documented
    expected = [column for column in documented if column != "fingertips_id"]
    assert _header(written, INDICATORS_FILE) == list(INDICATOR_COLUMNS) == expected


def test_files_are_written_in_import_order(data: DemoData, tmp_path: Path) -> None:
    paths = write_files(data, tmp_path / "new" / "folder")
    assert [p.name for p in paths] == [*IMPORT_ORDER, DEFINITIONS_FILE, CATALOGUE_FILE]
    assert IMPORT_ORDER == (
        "indicators.csv",
        "areas.csv",
        "comparator-groups.csv",
        "observations.csv",
        "targets.csv",
    )


def test_the_same_seed_writes_the_same_bytes(
    data: DemoData, plan_keys: tuple[str, ...], written: Path, tmp_path: Path
) -> None:
    write_files(generate(DEFAULT_SEED, plan_keys), tmp_path)
    for path in sorted(written.iterdir()):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name
    write_files(generate(DEFAULT_SEED + 1, plan_keys), tmp_path / "other")
    assert (tmp_path / "other" / "observations.csv").read_bytes() != (
        written / "observations.csv"
    ).read_bytes()


def test_every_indicator_is_defined_as_its_catalogue_has_it_and_labelled_synthetic(
    written: Path, data: DemoData
) -> None:
    rows = _read(written, INDICATORS_FILE)
    assert [row["key"] for row in rows] == [i.key for i in data.indicators]
    catalogue = yaml.safe_load((written / CATALOGUE_FILE).read_text(encoding="utf-8"))
    for row, indicator in zip(rows, data.indicators, strict=True):
        assert row == {
            "key": indicator.key,
            "name": indicator.name,
            "polarity": indicator.polarity.value,
            "unit": indicator.unit,
            "frequency": indicator.frequency.value,
            "value_type": indicator.value_type.value,
            "multiplier": str(indicator.multiplier),
            "decimals": str(indicator.decimals),
            "comparison_method": indicator.comparison.value,
            "source": SYNTHETIC,
            "definition": indicator.definition,
        }
        assert row["definition"].startswith(SYNTHETIC_PREFIX)
        entry = catalogue[row["key"]]  # the same definition, as YAML
        assert row == {"key": row["key"], **{field: str(value) for field, value in entry.items()}}


def test_every_observation_row_is_labelled_synthetic(written: Path, data: DemoData) -> None:
    rows = _read(written, "observations.csv")
    assert len(rows) == len(data.observations) > 30_000
    assert {row["source"] for row in rows} == {SYNTHETIC}
    assert {row["source"] for row in _read(written, "targets.csv")} == {SYNTHETIC}


def test_observation_rows_are_valid_import_rows(written: Path, data: DemoData) -> None:
    catalogue = {i.key: i for i in data.indicators}
    areas = {row["area_code"]: row for row in _read(written, "areas.csv")}
    seen = set()
    for row in _read(written, "observations.csv"):
        indicator = catalogue[row["indicator"]]
        assert row["area_code"] in areas
        assert row["area_kind"] == areas[row["area_code"]]["area_kind"]
        period = parse_period(row["period"])
        assert period.label == row["period"]
        key = (row["indicator"], row["area_code"], period)
        assert key not in seen  # DuplicateRow
        seen.add(key)
        assert row["status"] in {"final", "provisional"}
        if not row["value"]:
            assert row["note"]  # MissingValue needs a note saying why
            continue
        value = float(row["value"])
        assert row["value"] == f"{value:.{indicator.decimals}f}"
        if row["numerator"]:
            numerator, denominator = int(row["numerator"]), int(row["denominator"])
            assert denominator > 0
            if indicator.value_type is ValueType.PROPORTION:
                assert numerator <= denominator  # NumeratorExceedsDenominator
                assert 0 <= value <= 100  # ValueOutOfRange
            calculated = numerator / denominator * indicator.multiplier
            assert abs(value - calculated) <= 0.5 * 10**-indicator.decimals + 1e-9
        if row["lower_ci_95"]:
            assert float(row["lower_ci_99_8"]) <= float(row["lower_ci_95"]) <= value
            assert value <= float(row["upper_ci_95"]) <= float(row["upper_ci_99_8"])


def test_target_rows_are_valid_import_rows(written: Path, data: DemoData) -> None:
    keys = {i.key for i in data.indicators}
    for row in _read(written, "targets.csv"):
        assert row["indicator"] in keys
        assert row["area_code"] == "E06000044"
        assert dt.date.fromisoformat(row["due"])
        float(row["target"])
        assert re.fullmatch(r"(\d+(\.\d+)?%?)?", row["tolerance"])
        assert row["label"].endswith(" target")


def test_areas_and_groups_are_consistent(written: Path) -> None:
    areas = _read(written, "areas.csv")
    codes = [row["area_code"] for row in areas]
    assert len(codes) == len(set(codes))
    for position, row in enumerate(areas):
        assert ONS_CODE.match(row["area_code"]) or (
            row["area_kind"] == "comparator_group" and GROUP_CODE.match(row["area_code"])
        )
        if row["parent_code"]:
            assert row["parent_code"] in codes[:position]  # parents come first
    groups = _read(written, "comparator-groups.csv")
    assert {row["group_code"] for row in groups} == {"SN-PORTSMOUTH"}
    assert [int(row["rank"]) for row in groups] == list(range(1, 11))
    assert {row["member_code"] for row in groups} <= set(codes)


def test_the_definition_files_cover_every_indicator(written: Path, data: DemoData) -> None:
    keys = [i.key for i in data.indicators]
    definitions = yaml.safe_load((written / DEFINITIONS_FILE).read_text(encoding="utf-8"))
    catalogue = yaml.safe_load((written / CATALOGUE_FILE).read_text(encoding="utf-8"))
    assert list(definitions) == list(catalogue) == keys
    for key in keys:
        assert set(definitions[key]) == {"polarity", "unit", "frequency", "source", "definition"}
        assert set(definitions[key].items()) <= set(catalogue[key].items())
        entry = catalogue[key]
        Polarity(entry["polarity"])
        Frequency(entry["frequency"])
        ValueType(entry["value_type"])
        ComparisonMethod(entry["comparison_method"])
        assert entry["source"] == SYNTHETIC
    assert (written / DEFINITIONS_FILE).read_text(encoding="utf-8").startswith("# SYNTHETIC")


def test_the_command_writes_the_files_for_a_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path), "--seed", "7", "--plan", str(PLAN)]) == 0
    output = capsys.readouterr().out
    assert "61 indicators" in output
    assert "labelled 'SYNTHETIC demonstration data'" in output
    assert "outlier: self-harm-attendances-and-admissions (May 2021 to May 2021)" in output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [*IMPORT_ORDER, DEFINITIONS_FILE, CATALOGUE_FILE]
    )


def test_the_command_refuses_a_bad_plan_or_seed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.yaml"
    assert main([str(tmp_path / "out"), "--plan", str(missing)]) == 2
    assert "missing.yaml" in capsys.readouterr().err
    assert main([str(tmp_path / "out"), "--seed", "-3"]) == 2
    assert "the seed must be 0 or more" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_the_files_pass_trustplans_own_import_checks(written: Path, data: DemoData) -> None:
    """The contract, checked by the importer itself: every file, in import order, is read with
    no rejected row into a database that starts empty, each knowing only the indicators and
    areas the files before it created; the demonstration's own definitions come from nothing
    but its indicators.csv."""
    specs: list[IndicatorSpec] = []
    area_codes: set[str] = set()
    counts = {}
    for name in IMPORT_ORDER:
        batch = read_import((written / name).read_bytes(), name, Catalogue.of(specs, area_codes))
        assert batch.ok, (name, batch.file_error, batch.rejections[:5])
        specs += [IndicatorSpec.defined_by(record) for record in batch.indicators]
        area_codes |= {area.code for area in batch.areas}
        counts[name] = (
            len(batch.indicators),
            len(batch.areas),
            len(batch.group_members),
            len(batch.observations),
            len(batch.targets),
        )
    assert counts == {
        "indicators.csv": (len(data.indicators), 0, 0, 0, 0),
        "areas.csv": (0, len(data.areas), 0, 0, 0),
        "comparator-groups.csv": (0, 0, 10, 0, 0),
        "observations.csv": (0, 0, 0, len(data.observations), 0),
        "targets.csv": (0, 0, 0, 0, len(data.targets)),
    }
