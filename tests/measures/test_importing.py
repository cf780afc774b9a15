"""Applying imports: all or nothing, nothing lost, and the same file twice changes nothing."""

from __future__ import annotations

import pytest

from tests.measures.conftest import (
    DEFINITIONS,
    ENGLAND,
    PORTSMOUTH,
    load,
    observations_csv,
)
from trustplan.measures import importing
from trustplan.measures.models import (
    Area,
    DataImport,
    Indicator,
    Observation,
    ObservationRevision,
    Target,
)


def test_the_data_are_stored_with_values_calculated_from_the_counts(kpi_data: dict) -> None:
    stored = Observation.objects.get(
        indicator__key="fte", area__code="E06000044", period_label="2022/23"
    )
    assert stored.value == pytest.approx(290.0, abs=0.01)
    assert (stored.numerator, stored.denominator) == (49300, 17000000)
    assert stored.period_kind == "financial_year"
    assert Observation.objects.count() == 20
    assert Area.objects.get(code="E06000044").parent.code == "E12000008"
    target = Target.objects.get()
    assert (target.value, target.tolerance_kind, target.tolerance) == (280, "relative", 0.05)


def test_definitions_update_the_indicator_catalogue(kpi_data: dict) -> None:
    fte = Indicator.objects.get(key="fte")
    assert (fte.polarity, fte.value_type, fte.multiplier, fte.unit) == (
        "low_is_good",
        "rate",
        100000,
        "per 100000 aged 10-17",
    )


def test_the_same_file_again_changes_nothing(kpi_data: dict) -> None:
    text = observations_csv({"E06000044": PORTSMOUTH, "E92000001": ENGLAND})
    before = list(Observation.objects.order_by("pk").values_list("pk", "value", "updated_at"))
    outcome = load(text)
    assert outcome.record.outcome == DataImport.Outcome.UNCHANGED
    assert outcome.record.counts["observations unchanged"] == 20
    assert (
        list(Observation.objects.order_by("pk").values_list("pk", "value", "updated_at")) == before
    )
    assert ObservationRevision.objects.count() == 0


def test_a_changed_value_keeps_the_old_one_as_a_revision(kpi_data: dict) -> None:
    revised = [*PORTSMOUTH[:-1], 310.0]
    outcome = load(observations_csv({"E06000044": revised}), "revised.csv")
    assert outcome.record.outcome == DataImport.Outcome.APPLIED
    assert outcome.record.counts["observations changed"] == 1
    stored = Observation.objects.get(
        indicator__key="fte", area__code="E06000044", period_label="2022/23"
    )
    assert stored.value == pytest.approx(310.0, abs=0.01)
    [revision] = stored.revisions.all()
    assert revision.previous["value"] == pytest.approx(290.0, abs=0.01)
    assert revision.previous["numerator"] == 49300
    assert revision.data_import == outcome.record
    [change] = outcome.record.changes
    assert change["period"] == "2022/23"
    assert set(change["changes"]) == {"value", "numerator"}


def test_a_dry_run_reports_the_change_and_changes_nothing(kpi_data: dict) -> None:
    revised = [*PORTSMOUTH[:-1], 310.0]
    outcome = load(observations_csv({"E06000044": revised}), dry_run=True)
    assert outcome.record.outcome == DataImport.Outcome.DRY_RUN
    assert outcome.record.counts["observations changed"] == 1
    stored = Observation.objects.get(
        indicator__key="fte", area__code="E06000044", period_label="2022/23"
    )
    assert stored.value == pytest.approx(290.0, abs=0.01)
    assert ObservationRevision.objects.count() == 0


def test_a_file_with_bad_rows_imports_nothing_and_keeps_every_bad_row(kpi_data: dict) -> None:
    text = (
        "indicator,area_code,period,value,numerator,denominator,source,note\n"
        "fte,E06000044,2023/24,250,,,new,\n"
        "no-such-indicator,E06000044,2023/24,1,,,new,\n"
        "fte,E06000044,Sept 2023x,1,,,new,\n"
        "fte,E06000044,2024/25,-5,,,new,\n"
    )
    outcome = load(text, "bad.csv")
    record = outcome.record
    assert record.outcome == DataImport.Outcome.REJECTED
    assert [(r["row"], r["rule"]) for r in record.rejected_rows] == [
        (3, "UnknownIndicator"),
        (4, "UnparseablePeriod"),
        (5, "ValueOutOfRange"),
    ]
    assert not Observation.objects.filter(period_label__in=["2023/24", "2024/25"]).exists()
    assert DataImport.objects.filter(outcome="rejected").count() == 1


def test_a_file_that_cannot_be_read_is_recorded_with_its_reason(kpi_data: dict) -> None:
    outcome = importing.import_file(b"PK\x03\x04 not really a workbook", "broken.xlsx", how="test")
    assert outcome.record.outcome == DataImport.Outcome.REJECTED
    [row] = outcome.record.rejected_rows
    assert row["rule"] == "FileError"


def test_a_failure_while_writing_leaves_everything_as_it_was(
    kpi_data: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = Observation.objects.count()

    def fail_half_way(*args: object, **kwargs: object) -> None:
        Observation.objects.all().delete()
        raise RuntimeError("the disk filled up")

    monkeypatch.setattr(importing, "apply_changes", fail_half_way)
    with pytest.raises(RuntimeError, match="disk filled up"):
        load(observations_csv({"E06000044": [*PORTSMOUTH[:-1], 310.0]}))
    assert Observation.objects.count() == before


def test_an_area_named_in_a_row_is_created_with_its_kind_from_its_code(kpi_data: dict) -> None:
    text = (
        "indicator,area_code,area_name,period,value,source\n"
        "fte,E06000045,Southampton,2022/23,301.5,test\n"
    )
    assert load(text).record.outcome == DataImport.Outcome.APPLIED
    southampton = Area.objects.get(code="E06000045")
    assert (southampton.name, southampton.kind) == ("Southampton", "local_authority")


def test_indicators_defined_in_a_file_can_be_used_by_it_from_nothing(db: None) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    definitions = workbook.active
    definitions.title = "indicators"
    for line in DEFINITIONS.strip().splitlines():
        definitions.append(line.split(","))
    sheet = workbook.create_sheet("observations")
    sheet.append(["indicator", "area_code", "area_name", "period", "value"])
    sheet.append(["fte", "E06000044", "Portsmouth", "2022/23", 290])
    from io import BytesIO

    out = BytesIO()
    workbook.save(out)
    outcome = importing.import_file(out.getvalue(), "everything.xlsx", how="test")
    assert outcome.record.outcome == DataImport.Outcome.APPLIED, outcome.record.rejected_rows
    assert Observation.objects.get().indicator.name == "First time entrants"


def test_numbers_equal_to_twelve_significant_figures_are_the_same_value() -> None:
    stored = {"value": 395.00000000000006, "note": ""}
    assert importing.same_values(stored, {"value": 395.0000000000001, "note": ""})
    assert not importing.same_values(stored, {"value": 395.0001, "note": ""})
    assert not importing.same_values(stored, {"value": None, "note": ""})
    assert importing.same_values({"value": None}, {"value": None})


@pytest.mark.parametrize(
    ("source", "synthetic"),
    [
        ("SYNTHETIC demonstration data", True),
        ("synthetic, made up for training", True),
        ("  Synthetic", True),
        ("DfE SFR 2021", False),
        ("", False),
    ],
)
def test_made_up_data_are_told_by_their_source_in_any_case(source: str, synthetic: bool) -> None:
    from trustplan.measures.models import is_synthetic_source

    assert is_synthetic_source(source) is synthetic
