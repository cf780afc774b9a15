"""Executing a linkage run: records in, people out.

Stages (timed, counted, each a method of :class:`LinkRun`):

1. **prepare**: stack and normalise the records (:mod:`.prepare`), number them in id order;
2. **exact**: deterministic links that are always taken: records whose identity fields are all
   identical, records sharing a valid NHS number, records sharing a Unique Pupil Number;
3. **train**: the Splink model (:mod:`.model`) trained without labels: the prior from
   deterministic rules, ``u`` from random pairs, ``m`` by expectation-maximisation on two
   blocking rules; or a saved model is loaded. This and **predict** run on the chosen engine
   (:mod:`.engines`: DuckDB, or Apache Spark for populations beyond one machine); every other
   stage runs on DuckDB;
4. **predict**: pairs admitted by the blocking rules are scored; pairs at or above
   ``threshold_match`` are links; pairs in ``[threshold_review_low, threshold_match)`` go to the
   clerical-review list and are *not* linked;
5. **cluster**: connected components over the accepted links (:mod:`.clusters`), with reviewers'
   decisions: "match" adds a link, "no_match" cuts one and splits a cluster that would still hold
   both records;
6. **write**: ``links.parquet``, ``review_pairs.parquet``, ``model.json`` and ``summary.json`` in
   the work folder.

Nothing here logs or reports a person's details: counts, timings, record ids and level words only.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from splink import Linker
from splink.internals.splink_dataframe import SplinkDataFrame

from trustplan.hubcore.linking import model as model_spec
from trustplan.hubcore.linking.clusters import cluster
from trustplan.hubcore.linking.engines import (
    Engine,
    EngineUnavailableError,
    ModelEngine,
    model_engine,
    spark_unavailable_reason,
)
from trustplan.hubcore.linking.prepare import PREPARED_COLUMNS, RecordSource, prepare_records

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

__all__ = [
    "Conflict",
    "Engine",
    "EngineUnavailableError",
    "Evidence",
    "LinkConfig",
    "LinkResult",
    "LinkRun",
    "ReviewPair",
    "ReviewerDecision",
    "link",
    "main",
]

Decision = Literal["match", "no_match"]

# Link strengths for clustering (higher first when a cluster must be split). Model links carry
# their match probability, which is at most 1.
STRENGTH_REVIEWER = 4.0
STRENGTH_IDENTICAL = 3.0
STRENGTH_EXACT_ID = 2.0

# Identity fields compared for "identical" records (everything prepared except the ids).
_IDENTITY_COLUMNS = tuple(
    c for c in PREPARED_COLUMNS if c not in ("unique_id", "feed", "record_id")
)


class ReviewerDecision(NamedTuple):
    """A reviewer's decision on a pair of records (ids are ``feed:record_id``)."""

    id_l: str
    id_r: str
    decision: Decision


@dataclass(frozen=True)
class Evidence:
    """How one field compared for a pair: the level in words and its weight of evidence
    (``log2`` of the Bayes factor ``m/u``: positive for, negative against, 0 for missing)."""

    field: str
    words: str
    weight: float


@dataclass(frozen=True)
class ReviewPair:
    """An uncertain pair for clerical review: not linked unless a reviewer says "match"."""

    id_l: str
    id_r: str
    match_probability: float
    match_weight: float
    evidence: tuple[Evidence, ...]
    reason: str = "uncertain"
    """``"uncertain"`` (score in the review band); ``"first names differ"`` or ``"dates of
    birth differ"`` (scored as a match, held back: possibly twins, or a parent and child of the
    same name); ``"same NHS
    number, dates of birth differ"`` or ``"same UPN, dates of birth differ"`` (not linked on the
    identifier: possibly a relative's number). ``match_probability`` is 0 and ``evidence`` empty
    when the model did not score the pair (it fell outside the blocking rules or the band)."""


@dataclass(frozen=True)
class Conflict:
    """Something the run could not do as asked, reported rather than hidden.

    ``kind`` is one of ``"cut"`` (a link joining a "no_match" pair was removed), ``"split"`` (a
    link was left out so that a "no_match" pair ends in different people), ``"unknown_record"``
    (a decision names a record not in this run), ``"contradictory"`` (both "match" and
    "no_match" for one pair: "no_match" is kept).
    """

    id_l: str
    id_r: str
    kind: str
    basis: str = ""


@dataclass(frozen=True)
class LinkConfig:
    """Settings of a run. Defaults suit a city of 10,000 to a million records on one machine."""

    engine: Engine = "duckdb"
    threshold_match: float = 0.99
    threshold_review_low: float = 0.5
    train: bool = True
    """Train the model (ignored when ``model`` is given). If False, the starting parameters of
    :mod:`.model` are used as they are."""
    model: Mapping[str, Any] | str | Path | None = None
    """A saved model (the JSON dict, or a path to it): reused without training."""
    probability_two_random_records_match: float | None = None
    """The prior for an untrained model (``train=False``); training estimates it instead."""
    deterministic_recall: float = 0.8
    u_max_pairs: float = 1e7
    em_max_pairs: float | None = 2e6
    seed: int = 20240101
    exact_on: tuple[str, ...] = ("nhs_number", "upn")
    link_identical: bool = True
    hold_contradictions: bool = True
    """Hold model links whose first names are simply different, or whose dates of birth differ
    by more than one slip (when no NHS number or UPN agrees), for clerical review instead of
    linking them: twins, and a parent and child of the same name, look like matches otherwise."""
    threads: int | None = None
    memory_limit: str | None = None
    spark_master: str | None = None
    """Where the Spark engine runs when no Spark session is given or active: Spark's master URL,
    ``local[*]`` (every core of this machine) by default, or a cluster's (``spark://host:7077``,
    with a work folder on storage every executor reads)."""

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold_review_low <= self.threshold_match <= 1.0:
            raise ValueError(
                "thresholds must satisfy 0 < threshold_review_low <= threshold_match <= 1"
            )
        if self.engine not in ("duckdb", "spark"):
            raise ValueError("engine must be 'duckdb' or 'spark'")
        for col in self.exact_on:
            if col not in ("nhs_number", "upn"):
                raise ValueError("exact links can be made on nhs_number or upn only")


@dataclass(frozen=True)
class LinkResult:
    """What a run produced."""

    links: pa.Table
    """One row per record: ``unique_id``, ``feed``, ``record_id``, ``person_id``,
    ``cluster_size``."""
    review_pairs: tuple[ReviewPair, ...]
    model: dict[str, Any]
    counts: dict[str, int]
    timings: dict[str, float]
    conflicts: tuple[Conflict, ...]
    workdir: Path
    thresholds: tuple[float, float] = field(default=(0.5, 0.99))

    def person_of(self) -> dict[str, str]:
        """``unique_id`` -> ``person_id``."""
        ids = self.links.column("unique_id").to_pylist()
        people = self.links.column("person_id").to_pylist()
        return {str(i): str(p) for i, p in zip(ids, people, strict=True)}


class LinkRun:
    """One linkage run over a set of records. Call :meth:`run` once.

    ``spark_session``: for the Spark engine, a session to use (left running afterwards);
    without one the thread's active session is used, or one is started on
    ``config.spark_master`` and stopped at the end of the run.
    """

    def __init__(
        self,
        records: RecordSource,
        *,
        workdir: str | Path,
        config: LinkConfig | None = None,
        reviewer_decisions: Sequence[tuple[str, str, str]] = (),
        spark_session: SparkSession | None = None,
    ) -> None:
        self.config = config or LinkConfig()
        if self.config.engine == "spark":
            reason = spark_unavailable_reason()
            if reason:
                raise EngineUnavailableError(reason)
        self.spark_session = spark_session
        self.records = records
        self.workdir = Path(workdir)
        self.decisions = [
            ReviewerDecision(str(a), str(b), _decision(d)) for a, b, d in reviewer_decisions
        ]
        self.timings: dict[str, float] = {}
        self.counts: dict[str, int] = {}
        self.conflicts: list[Conflict] = []
        self.model_json: dict[str, Any] = {}
        self.review_pairs: list[ReviewPair] = []
        self._con: duckdb.DuckDBPyConnection | None = None
        self._engine: ModelEngine | None = None

    # -- plumbing ---------------------------------------------------------------------------

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            raise RuntimeError("the run has not started")
        return self._con

    @property
    def engine(self) -> ModelEngine:
        """Where the model is trained and pairs scored (:mod:`.engines`)."""
        if self._engine is None:
            self._engine = model_engine(
                self.config.engine,
                self.workdir,
                session=self.spark_session,
                master=self.config.spark_master,
            )
        return self._engine

    @contextmanager
    def _stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.timings[name] = round(time.perf_counter() - start, 3)

    def _scalar(self, sql: str) -> int:
        rows = self.con.sql(sql).fetchall()
        return int(rows[0][0]) if rows and rows[0][0] is not None else 0

    def _connect(self) -> duckdb.DuckDBPyConnection:
        self.workdir.mkdir(parents=True, exist_ok=True)
        tmp = self.workdir / "duckdb_tmp"
        config: dict[str, str | bool | int | float | list[str]] = {"temp_directory": str(tmp)}
        if self.config.threads:
            config["threads"] = self.config.threads
        if self.config.memory_limit:
            config["memory_limit"] = self.config.memory_limit
        return duckdb.connect(":memory:", config=config)

    # -- stages -------------------------------------------------------------------------------

    def run(self) -> LinkResult:
        """Run every stage and return the result (also written to the work folder)."""
        self._con = self._connect()
        try:
            with self._stage("prepare"):
                self.prepare()
            with self._stage("exact"):
                self.exact_links()
            with self._stage("engine"):
                identities = self.engine.splink_input(self.con, "tp_identities")
            with self._stage("train"):
                linker = self.train(identities)
            with self._stage("predict"):
                self.predict(linker)
            with self._stage("cluster"):
                self.cluster()
            with self._stage("write"):
                links = self.write()
            self.timings["total"] = round(sum(self.timings.values()), 3)
            return LinkResult(
                links=links,
                review_pairs=tuple(self.review_pairs),
                model=self.model_json,
                counts=dict(self.counts),
                timings=dict(self.timings),
                conflicts=tuple(self.conflicts),
                workdir=self.workdir,
                thresholds=(self.config.threshold_review_low, self.config.threshold_match),
            )
        finally:
            if self._engine is not None:
                self._engine.close()
                self._engine = None
            self._con.close()
            self._con = None

    def prepare(self) -> None:
        """Prepared records ``tp_records`` and node numbers ``tp_nodes`` (in id order)."""
        n = prepare_records(self.con, self.records, table="tp_records")
        self.con.execute(
            """CREATE OR REPLACE TABLE tp_nodes AS
               SELECT unique_id, CAST(row_number() OVER (ORDER BY unique_id) - 1 AS BIGINT) AS node
               FROM tp_records"""
        )
        self.counts["records"] = n
        self.counts["records_without_valid_dob"] = self._scalar(
            "SELECT count(*) FROM tp_records WHERE dob IS NULL"
        )

    def exact_links(self) -> None:
        """Deterministic links ``tp_edges(l, r, strength, basis)``.

        Records whose identity fields are all identical are linked to the group's smallest record
        (``k - 1`` links for ``k`` records) and only that one, the *identity*, goes on to the
        model. Identities sharing an NHS number or UPN are linked pairwise, unless their dates of
        birth plainly differ (``tp_id_conflicts``, sent to clerical review)."""
        con = self.con
        con.execute(
            "CREATE OR REPLACE TABLE tp_edges (l BIGINT, r BIGINT, strength DOUBLE, basis VARCHAR)"
        )
        identity = ", ".join(_IDENTITY_COLUMNS)
        # Identities: records whose identity fields are all identical (nulls equal) share one.
        con.execute(
            f"""CREATE OR REPLACE TABLE tp_identity_of AS
                SELECT unique_id, min(unique_id) OVER (PARTITION BY {identity}) AS rep
                FROM tp_records"""  # noqa: S608 - no input in SQL
        )
        if self.config.link_identical:
            con.execute(
                f"""INSERT INTO tp_edges
                    SELECT nr.node, nu.node, {STRENGTH_IDENTICAL}, 'identical'
                    FROM tp_identity_of i
                    JOIN tp_nodes nu ON nu.unique_id = i.unique_id
                    JOIN tp_nodes nr ON nr.unique_id = i.rep
                    WHERE i.unique_id <> i.rep"""  # noqa: S608 - no input in SQL
            )
        self.counts["identical_links"] = self._scalar(
            "SELECT count(*) FROM tp_edges WHERE basis = 'identical'"
        )
        # The probabilistic model scores one representative record per identity.
        con.execute(
            """CREATE OR REPLACE TABLE tp_identities AS
               SELECT r.* FROM tp_records r JOIN tp_identity_of i USING (unique_id)
               WHERE i.unique_id = i.rep"""
        )
        self.counts["identities"] = self._scalar("SELECT count(*) FROM tp_identities")
        con.execute("CREATE OR REPLACE TABLE tp_id_conflicts (l BIGINT, r BIGINT, basis VARCHAR)")
        consistent = model_spec.dates_of_birth_consistent_sql("a", "b")
        for col in self.config.exact_on:
            # Pairs of identities sharing the identifier. A pair whose dates of birth plainly
            # differ (a relative's NHS number keyed by mistake) is not linked: it is reported.
            con.execute(
                f"""CREATE OR REPLACE TEMP TABLE tp_id_pairs AS
                    WITH g AS (
                        SELECT i.* FROM tp_identities i WHERE i.{col} IN (
                            SELECT {col} FROM tp_identities WHERE {col} IS NOT NULL
                            GROUP BY 1 HAVING count(*) > 1)
                    )
                    SELECT na.node AS l, nb.node AS r, {consistent} AS consistent
                    FROM g a JOIN g b ON a.{col} = b.{col} AND a.unique_id < b.unique_id
                    JOIN tp_nodes na ON na.unique_id = a.unique_id
                    JOIN tp_nodes nb ON nb.unique_id = b.unique_id"""  # noqa: S608 - no input in SQL
            )
            con.execute(
                f"""INSERT INTO tp_edges SELECT l, r, {STRENGTH_EXACT_ID}, '{col}'
                    FROM tp_id_pairs WHERE consistent;
                    INSERT INTO tp_id_conflicts SELECT l, r, '{col}'
                    FROM tp_id_pairs WHERE NOT consistent"""  # noqa: S608 - no input in SQL
            )
            self.counts[f"exact_links_{col}"] = self._scalar(
                f"SELECT count(*) FROM tp_edges WHERE basis = '{col}'"  # noqa: S608 - no input in SQL
            )
            self.counts[f"exact_{col}_not_linked_dob_differs"] = self._scalar(
                f"SELECT count(*) FROM tp_id_conflicts WHERE basis = '{col}'"  # noqa: S608 - no input in SQL
            )

    def train(self, identities: SplinkDataFrame | None = None) -> Linker:
        """A Splink linker over the identities (``tp_identities`` as registered with the run's
        engine), trained, or loaded (a model saved by the other engine is moved into this one's
        SQL dialect), and ready to predict."""
        engine = self.engine
        sdf = engine.splink_input(self.con, "tp_identities") if identities is None else identities
        cfg = self.config
        if cfg.model is not None:
            saved: dict[str, Any]
            if isinstance(cfg.model, Mapping):
                saved = dict(cfg.model)
            else:
                saved = json.loads(Path(cfg.model).read_text(encoding="utf-8"))
            settings = model_spec.saved_settings(saved, engine.sql_dialect)
            linker = Linker(sdf, settings, log_level=None)
            self.counts["trained"] = 0
        else:
            prior = cfg.probability_two_random_records_match or model_spec.DEFAULT_PRIOR
            linker = Linker(
                sdf,
                model_spec.settings(probability_two_random_records_match=prior),
                log_level=None,
            )
            if cfg.train:
                training = linker.training
                training.estimate_probability_two_random_records_match(
                    list(model_spec.deterministic_rules()), recall=cfg.deterministic_recall
                )
                training.estimate_u_using_random_sampling(
                    max_pairs=cfg.u_max_pairs, seed=cfg.seed, num_chunks=engine.u_chunks
                )
                for rule in model_spec.em_training_rules():
                    training.estimate_parameters_using_expectation_maximisation(
                        rule,
                        estimate_without_term_frequencies=True,
                        max_pairs=cfg.em_max_pairs,
                    )
            self.counts["trained"] = int(cfg.train)
        self.model_json = linker.misc.save_model_to_json()
        return linker

    def predict(self, linker: Linker) -> None:
        """Score blocked pairs; keep those at or above the review threshold as
        ``tp_scored(l, r, id_l, id_r, match_probability, match_weight, gamma_*, mw_*)``."""
        cfg = self.config
        predictions = linker.inference.predict(
            threshold_match_probability=cfg.threshold_review_low, warning_mode="never"
        )
        fields = [f for f in model_spec.FIELDS if f in _comparison_names(self.model_json)]
        columns = _scored_columns(fields)
        with self.engine.scored_pairs(self.con, predictions, columns) as scored:
            self.con.execute(
                f"""CREATE OR REPLACE TABLE tp_scored AS
                    SELECT nl.node AS l, nr.node AS r, p.unique_id_l AS id_l,
                           p.unique_id_r AS id_r, {", ".join(f"p.{c}" for c in columns[2:])}
                    FROM {scored} p
                    JOIN tp_nodes nl ON nl.unique_id = p.unique_id_l
                    JOIN tp_nodes nr ON nr.unique_id = p.unique_id_r"""  # noqa: S608 - no input in SQL
            )
        hold = model_spec.hold_sql(self.model_json) if cfg.hold_contradictions else "NULL"
        threshold = repr(cfg.threshold_match)
        self.con.execute(
            f"""ALTER TABLE tp_scored ADD COLUMN held VARCHAR;
                UPDATE tp_scored SET held = {hold};
                INSERT INTO tp_edges SELECT l, r, match_probability, 'model'
                FROM tp_scored WHERE match_probability >= {threshold} AND held IS NULL"""  # noqa: S608 - no input in SQL
        )
        for held_on in ("first_name", "date_of_birth"):
            self.counts[f"held_for_review_{held_on}_differs"] = self._scalar(
                f"SELECT count(*) FROM tp_scored WHERE held = '{held_on}' "  # noqa: S608 - no input in SQL
                f"AND match_probability >= {threshold}"
            )
        self.counts["scored_pairs_above_review_threshold"] = self._scalar(
            "SELECT count(*) FROM tp_scored"
        )
        self.counts["model_links"] = self._scalar(
            "SELECT count(*) FROM tp_edges WHERE basis = 'model'"
        )

    def _decision_nodes(self) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Reviewer decisions as node pairs: (matches, no_matches)."""
        if not self.decisions:
            return [], []
        ids = sorted({d.id_l for d in self.decisions} | {d.id_r for d in self.decisions})
        self.con.register("tp_decision_ids", pa.table({"unique_id": ids}))
        node_of = {
            str(u): int(n)
            for u, n in self.con.execute(
                "SELECT unique_id, node FROM tp_nodes JOIN tp_decision_ids USING (unique_id)"
            ).fetchall()
        }
        by_pair: dict[tuple[int, int], set[str]] = {}
        names: dict[tuple[int, int], tuple[str, str]] = {}
        for d in self.decisions:
            if d.id_l not in node_of or d.id_r not in node_of:
                self.conflicts.append(Conflict(d.id_l, d.id_r, "unknown_record", d.decision))
                continue
            a, b = node_of[d.id_l], node_of[d.id_r]
            pair = (min(a, b), max(a, b))
            by_pair.setdefault(pair, set()).add(d.decision)
            names[pair] = (min(d.id_l, d.id_r), max(d.id_l, d.id_r))
        matches: list[tuple[int, int]] = []
        no_matches: list[tuple[int, int]] = []
        for pair in sorted(by_pair):
            kinds = by_pair[pair]
            if "no_match" in kinds:
                no_matches.append(pair)
                if "match" in kinds:
                    self.conflicts.append(Conflict(*names[pair], "contradictory", "no_match kept"))
            else:
                matches.append(pair)
        self.counts["reviewer_match"] = len(matches)
        self.counts["reviewer_no_match"] = len(no_matches)
        return matches, no_matches

    def cluster(self) -> None:
        """Clusters ``tp_clusters(node, label)`` from all accepted links and decisions."""
        con = self.con
        matches, no_matches = self._decision_nodes()
        if matches:
            con.register(
                "tp_reviewer_links",
                pa.table(
                    {
                        "l": pa.array([a for a, _ in matches], pa.int64()),
                        "r": pa.array([b for _, b in matches], pa.int64()),
                    }
                ),
            )
            con.execute(
                f"INSERT INTO tp_edges SELECT l, r, {STRENGTH_REVIEWER}, 'reviewer' FROM tp_reviewer_links"  # noqa: S608, E501
            )
        edges = con.sql("SELECT l, r, strength, basis FROM tp_edges").fetchnumpy()
        left = np.asarray(edges["l"], dtype=np.int64)
        right = np.asarray(edges["r"], dtype=np.int64)
        strength = np.asarray(edges["strength"], dtype=np.float64)
        basis = [str(b) for b in np.asarray(edges["basis"])]
        n = self.counts["records"]
        outcome = cluster(n, left, right, strength, no_matches)
        con.register(
            "tp_labels_arrow",
            pa.table({"node": np.arange(n, dtype=np.int64), "label": outcome.labels}),
        )
        con.execute("CREATE OR REPLACE TABLE tp_clusters AS SELECT * FROM tp_labels_arrow")
        con.unregister("tp_labels_arrow")
        reported = [(int(i), "cut") for i in outcome.cut_edges.tolist()]
        reported += [(int(i), "split") for i in outcome.skipped_edges.tolist()]
        if reported:
            wanted = sorted(
                {int(left[i]) for i, _ in reported} | {int(right[i]) for i, _ in reported}
            )
            con.register("tp_wanted_nodes", pa.table({"node": pa.array(wanted, pa.int64())}))
            id_of = {
                int(nd): str(u)
                for nd, u in con.execute(
                    "SELECT node, unique_id FROM tp_nodes JOIN tp_wanted_nodes USING (node)"
                ).fetchall()
            }
            for i, kind in reported:
                self.conflicts.append(
                    Conflict(id_of[int(left[i])], id_of[int(right[i])], kind, basis[i])
                )
        self.counts["cut_links"] = len(outcome.cut_edges)
        self.counts["split_links"] = len(outcome.skipped_edges)
        self.counts["split_clusters"] = outcome.split_components
        self._collect_review_pairs(no_matches, matches)

    def _collect_review_pairs(
        self, no_matches: Sequence[tuple[int, int]], matches: Sequence[tuple[int, int]]
    ) -> None:
        """The clerical-review list, strongest first, leaving out pairs a reviewer has decided:

        * uncertain pairs (score in the review band) still in different clusters;
        * pairs scored as matches but held back because the first names or the dates of birth
          plainly differ;
        * pairs sharing an NHS number or UPN whose dates of birth differ (always listed).
        """
        cfg = self.config
        decided = {*no_matches, *matches}
        fields = [f for f in model_spec.FIELDS if f in _comparison_names(self.model_json)]
        words = model_spec.level_words(self.model_json)
        scored_cols = "".join(f", s.gamma_{f}, s.mw_{f}" for f in fields)
        null_cols = "".join(", NULL, NULL" for _ in fields)
        threshold = repr(cfg.threshold_match)
        rows = self.con.execute(
            f"""WITH scored AS (
                    SELECT least(s.l, s.r) AS lo, greatest(s.l, s.r) AS hi, s.*
                    FROM tp_scored s
                ), candidates AS (
                    SELECT s.lo, s.hi, s.match_probability, s.match_weight,
                        CASE WHEN c.basis IS NOT NULL THEN c.basis
                            WHEN s.held IS NOT NULL AND s.match_probability >= {threshold}
                                THEN 'held_' || s.held
                            ELSE 'uncertain' END AS why{scored_cols}
                    FROM scored s LEFT JOIN tp_id_conflicts c ON c.l = s.lo AND c.r = s.hi
                    WHERE s.match_probability < {threshold} OR s.held IS NOT NULL
                        OR c.basis IS NOT NULL
                    UNION ALL
                    SELECT c.l, c.r, 0.0, NULL, c.basis{null_cols}
                    FROM tp_id_conflicts c ANTI JOIN scored s ON c.l = s.lo AND c.r = s.hi
                )
                SELECT c.lo, c.hi, nl.unique_id, nr.unique_id, c.match_probability,
                    c.match_weight, cl.label = cr.label AS same, c.why
                    {"".join(f", c.gamma_{f}, c.mw_{f}" for f in fields)}
                FROM candidates c
                JOIN tp_nodes nl ON nl.node = c.lo
                JOIN tp_nodes nr ON nr.node = c.hi
                JOIN tp_clusters cl ON cl.node = c.lo
                JOIN tp_clusters cr ON cr.node = c.hi
                ORDER BY c.match_probability DESC, nl.unique_id, nr.unique_id"""  # noqa: S608 - no input in SQL
        ).fetchall()
        already = 0
        for row in rows:
            pair = (int(row[0]), int(row[1]))
            why = str(row[7])
            if pair in decided:
                continue
            if row[6] and (why == "uncertain" or why.startswith("held_")):
                already += 1
                continue
            evidence = []
            for k, f in enumerate(fields):
                gamma, mw = row[8 + 2 * k], row[9 + 2 * k]
                if gamma is None:
                    continue
                evidence.append(
                    Evidence(
                        field=model_spec.FIELD_WORDS.get(f, f),
                        words=words.get(f, {}).get(int(gamma), str(gamma)),
                        weight=round(float(mw), 2) if mw is not None else 0.0,
                    )
                )
            self.review_pairs.append(
                ReviewPair(
                    id_l=str(row[2]),
                    id_r=str(row[3]),
                    match_probability=float(row[4]),
                    match_weight=float(row[5]) if row[5] is not None else float("nan"),
                    evidence=tuple(evidence),
                    reason=_REASONS.get(why, why),
                )
            )
        self.counts["review_pairs"] = len(self.review_pairs)
        self.counts["review_pairs_already_linked"] = already

    def write(self) -> pa.Table:
        """Person ids and the output files. A person id is ``P`` and 20 hex digits of the
        SHA-256 of the cluster's smallest record id, so the same data give the same ids."""
        con = self.con
        links = con.sql(
            """WITH c AS (
                   SELECT n.unique_id, c.label,
                          min(n.unique_id) OVER (PARTITION BY c.label) AS first_id,
                          count(*) OVER (PARTITION BY c.label) AS cluster_size
                   FROM tp_nodes n JOIN tp_clusters c USING (node)
               )
               SELECT r.unique_id, r.feed, r.record_id,
                      'P' || left(sha256(c.first_id), 20) AS person_id,
                      CAST(c.cluster_size AS BIGINT) AS cluster_size
               FROM tp_records r JOIN c USING (unique_id)
               ORDER BY person_id, r.unique_id"""
        ).to_arrow_table()
        self.counts["people"] = len(set(links.column("person_id").to_pylist()))
        self.counts["linked_records"] = int(
            sum(1 for s in links.column("cluster_size").to_pylist() if int(s) > 1)
        )
        pq.write_table(links, self.workdir / "links.parquet")
        pq.write_table(_review_table(self.review_pairs), self.workdir / "review_pairs.parquet")
        (self.workdir / "model.json").write_text(
            json.dumps(self.model_json, indent=2), encoding="utf-8"
        )
        summary = {
            "engine": self.config.engine,
            "counts": self.counts,
            "timings": self.timings,
            "thresholds": {
                "match": self.config.threshold_match,
                "review_low": self.config.threshold_review_low,
            },
            "conflicts": [c.__dict__ for c in self.conflicts],
        }
        (self.workdir / "summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
        return links


_REASONS = {
    "uncertain": "uncertain",
    "held_first_name": "first names differ",
    "held_date_of_birth": "dates of birth differ",
    "nhs_number": "same NHS number, dates of birth differ",
    "upn": "same UPN, dates of birth differ",
}


def _decision(value: str) -> Decision:
    if value == "match":
        return "match"
    if value == "no_match":
        return "no_match"
    raise ValueError("a reviewer decision must be 'match' or 'no_match'")


def _scored_columns(fields: Sequence[str]) -> list[str]:
    """The columns of Splink's predictions that the run keeps: the pair, its probability and
    weight, and each comparison's level and weight (the evidence for clerical review)."""
    per_field = [c for f in fields for c in (f"gamma_{f}", f"mw_{f}")]
    return ["unique_id_l", "unique_id_r", "match_probability", "match_weight", *per_field]


def _comparison_names(model_json: Mapping[str, Any]) -> set[str]:
    return {str(c.get("output_column_name")) for c in model_json.get("comparisons", [])}


def _review_table(pairs: Sequence[ReviewPair]) -> pa.Table:
    return pa.table(
        {
            "id_l": pa.array([p.id_l for p in pairs], pa.string()),
            "id_r": pa.array([p.id_r for p in pairs], pa.string()),
            "match_probability": pa.array([p.match_probability for p in pairs], pa.float64()),
            "match_weight": pa.array([p.match_weight for p in pairs], pa.float64()),
            "reason": pa.array([p.reason for p in pairs], pa.string()),
            "evidence": pa.array(
                [json.dumps([e.__dict__ for e in p.evidence]) for p in pairs], pa.string()
            ),
        }
    )


def link(
    records: RecordSource,
    *,
    workdir: str | Path,
    engine: Engine = "duckdb",
    threshold_match: float = 0.99,
    threshold_review_low: float = 0.5,
    reviewer_decisions: Sequence[tuple[str, str, str]] = (),
    config: LinkConfig | None = None,
    spark_session: SparkSession | None = None,
) -> LinkResult:
    """Link ``records`` into people. ``config`` (if given) overrides the keyword settings;
    ``spark_session`` is for ``engine="spark"`` (see :class:`LinkRun`)."""
    cfg = config or LinkConfig(
        engine=engine, threshold_match=threshold_match, threshold_review_low=threshold_review_low
    )
    return LinkRun(
        records,
        workdir=workdir,
        config=cfg,
        reviewer_decisions=reviewer_decisions,
        spark_session=spark_session,
    ).run()


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m trustplan.hubcore.linking.run RECORDS --workdir DIR``: link and summarise.

    ``RECORDS`` is a Parquet/CSV file or glob, or a folder of feed files (a synthetic city). If
    the folder holds ``truth_records.csv``, precision, recall and F1 against the truth and the
    naive baseline are printed too.
    """
    parser = argparse.ArgumentParser(prog="python -m trustplan.hubcore.linking.run")
    parser.add_argument("records")
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb")
    parser.add_argument("--threshold-match", type=float, default=0.99)
    parser.add_argument("--threshold-review-low", type=float, default=0.5)
    parser.add_argument("--model", help="a saved model.json to reuse without training")
    parser.add_argument("--threads", type=int)
    parser.add_argument(
        "--spark-master", help="for --engine spark: Spark's master URL (default local[*])"
    )
    args = parser.parse_args(argv)
    engine: Engine = "spark" if args.engine == "spark" else "duckdb"
    cfg = LinkConfig(
        engine=engine,
        threshold_match=args.threshold_match,
        threshold_review_low=args.threshold_review_low,
        model=args.model,
        threads=args.threads,
        spark_master=args.spark_master,
    )
    try:
        result = LinkRun(args.records, workdir=args.workdir, config=cfg).run()
    except EngineUnavailableError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    out: dict[str, Any] = {
        "engine": engine,
        "counts": result.counts,
        "timings": result.timings,
    }
    truth_file = Path(args.records) / "truth_records.csv"
    if truth_file.is_file():
        from trustplan.hubcore import evaluation

        truth = evaluation.load_truth(Path(args.records))
        predicted = result.person_of()
        out["model"] = evaluation.pairwise_scores(predicted, truth.person_of).as_dict()
        baseline = evaluation.baseline_clusters_from_path(Path(args.records))
        out["baseline"] = evaluation.pairwise_scores(baseline, truth.person_of).as_dict()
        for attribute in ("ethnicity", "sex"):
            if truth.people:
                rates = evaluation.rates_by_group(
                    predicted, truth.person_of, truth.group_of(attribute)
                )
                out[f"by_{attribute}"] = {
                    r.group: {
                        "people": r.people,
                        "records": r.records,
                        "missed_link_rate": round(r.missed_link_rate, 5),
                        "false_link_rate": round(r.false_link_rate, 5),
                    }
                    for r in rates
                }
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
