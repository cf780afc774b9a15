"""The Spark engine runs the same pipeline as DuckDB and finds the same people.

Spark runs in local mode (``local[2]``) on a small synthetic city of 300 people; one session
serves every test here (starting one takes seconds). These tests are not skipped: pyspark is in
the default dependency groups and CI installs Java, so a missing one fails, with the engine's
message saying what to install.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from trustplan.hubcore.evaluation import load_truth, pairwise_scores
from trustplan.hubcore.linking import LinkConfig, LinkResult, link
from trustplan.hubcore.linking import model as model_spec
from trustplan.hubcore.linking.engines import LOG_CONFIG, spark_conf, spark_session
from trustplan.hubcore.synth.city import write_city

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    session = spark_session("local[2]")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("city")
    write_city(300, 1, folder)
    return folder


@pytest.fixture(scope="module")
def on_duckdb(city: Path, tmp_path_factory: pytest.TempPathFactory) -> LinkResult:
    return link(str(city), workdir=tmp_path_factory.mktemp("duckdb"))


def test_spark_trains_and_finds_the_same_people_as_duckdb(
    city: Path, on_duckdb: LinkResult, spark: SparkSession, tmp_path: Path
) -> None:
    on_spark = link(str(city), workdir=tmp_path, engine="spark", spark_session=spark)

    truth = load_truth(city).person_of
    duckdb_f1 = pairwise_scores(on_duckdb.person_of(), truth).f1
    spark_f1 = pairwise_scores(on_spark.person_of(), truth).f1
    assert duckdb_f1 > 0.99
    assert abs(spark_f1 - duckdb_f1) <= 0.005
    # And the people themselves agree, pair for pair.
    assert pairwise_scores(on_spark.person_of(), on_duckdb.person_of()).f1 >= 0.995

    assert on_spark.counts["records"] == on_duckdb.counts["records"]
    assert on_spark.counts["trained"] == 1
    assert on_spark.model["sql_dialect"] == "spark"
    assert {"engine", "train", "predict"} <= set(on_spark.timings)
    # The identities and pairs handed to Spark are not left behind in the work folder.
    assert not (tmp_path / "spark").exists()
    assert (tmp_path / "links.parquet").is_file()


def _decisions(result: LinkResult) -> list[tuple[str, str, str]]:
    """A "no_match" for two records of one person, a "match" for two people on their own."""
    members: dict[str, list[str]] = {}
    for record, person in sorted(result.person_of().items()):
        members.setdefault(person, []).append(record)
    pair = next(records for records in members.values() if len(records) == 2)
    singles = [records[0] for records in members.values() if len(records) == 1]
    return [(pair[0], pair[1], "no_match"), (singles[0], singles[1], "match")]


def test_spark_respects_reviewers_decisions_with_a_model_trained_on_duckdb(
    city: Path, on_duckdb: LinkResult, spark: SparkSession, tmp_path: Path
) -> None:
    decisions = _decisions(on_duckdb)
    (apart_l, apart_r, _), (together_l, together_r, _) = decisions

    # The model trained on DuckDB is moved into Spark's SQL dialect, not retrained.
    on_spark = link(
        str(city),
        workdir=tmp_path / "spark",
        config=LinkConfig(engine="spark", model=on_duckdb.model),
        reviewer_decisions=decisions,
        spark_session=spark,
    )
    people = on_spark.person_of()
    assert people[apart_l] != people[apart_r]
    assert people[together_l] == people[together_r]
    assert on_spark.counts["trained"] == 0
    assert on_spark.counts["reviewer_match"] == 1
    assert on_spark.counts["reviewer_no_match"] == 1
    assert any(c.kind in ("cut", "split") for c in on_spark.conflicts)

    # The same model and decisions on DuckDB give the same people.
    on_duckdb_again = link(
        str(city),
        workdir=tmp_path / "duckdb",
        config=LinkConfig(model=on_duckdb.model),
        reviewer_decisions=decisions,
    )
    assert pairwise_scores(people, on_duckdb_again.person_of()).f1 >= 0.995
    assert {(c.id_l, c.id_r, c.kind) for c in on_spark.conflicts} == {
        (c.id_l, c.id_r, c.kind) for c in on_duckdb_again.conflicts
    }


def test_a_saved_model_is_moved_into_the_other_engines_sql(on_duckdb: LinkResult) -> None:
    saved = on_duckdb.model
    assert saved["sql_dialect"] == "duckdb"
    assert model_spec.saved_settings(saved, "duckdb") == saved

    moved = model_spec.saved_settings(saved, "spark")
    assert moved["sql_dialect"] == "spark"
    levels = [level for comp in moved["comparisons"] for level in comp["comparison_levels"]]
    conditions = [str(level["sql_condition"]) for level in levels]
    assert not any('"' in c for c in conditions)  # Spark would read "name" as a string
    assert any("jaro_winkler(" in c for c in conditions)
    assert moved["probability_two_random_records_match"] == pytest.approx(
        saved["probability_two_random_records_match"]
    )
    for old, new in zip(saved["comparisons"], moved["comparisons"], strict=True):
        assert [lv.get("m_probability") for lv in old["comparison_levels"]] == [
            lv.get("m_probability") for lv in new["comparison_levels"]
        ]

    changed = {**saved, "comparisons": saved["comparisons"][:-1]}
    with pytest.raises(ValueError, match="train the model again"):
        model_spec.saved_settings(changed, "spark")


def test_the_session_is_set_up_quiet_and_small() -> None:
    conf = spark_conf("local[2]")
    assert conf["spark.sql.shuffle.partitions"] == "4"
    assert conf["spark.ui.enabled"] == "false"
    assert conf["spark.jars"].endswith(".jar")
    assert Path(conf["spark.jars"]).is_file()
    assert LOG_CONFIG.is_file()
    assert LOG_CONFIG.as_uri() in conf["spark.driver.extraJavaOptions"]
    assert "rootLogger.level = error" in LOG_CONFIG.read_text(encoding="utf-8")
