"""Where the probabilistic model runs: what differs between the DuckDB and Spark engines.

A linkage run (:class:`~trustplan.hubcore.linking.run.LinkRun`) is one pipeline whatever the
engine. Preparation, exact links, clustering and the output files always run on the run's
DuckDB connection: they are linear in the number of records, and take seconds at a million. The
quadratic part, comparing candidate pairs (training the Splink model and scoring the pairs the
blocking rules admit), runs on an *engine*:

``duckdb``
    The same DuckDB connection (:class:`DuckDBEngine`): nothing is copied.
``spark``
    Apache Spark through Splink's ``SparkAPI`` (:class:`SparkEngine`): the identities go to
    Spark as Parquet in the work folder, Splink trains and scores there, and the pairs scored at
    or above the review threshold come back as Parquet. Everything else is the same: the same
    settings (:mod:`.model` builds them for either SQL dialect), the same thresholds, holds,
    reviewers' decisions and clusters.

An engine answers three questions: what Splink reads (:meth:`ModelEngine.splink_input`), how
DuckDB reads the scored pairs back (:meth:`ModelEngine.scored_pairs`), and what to tidy away
(:meth:`ModelEngine.close`). Spark is optional: without pyspark or Java, asking for it raises
:class:`EngineUnavailableError` saying what to install, before any record is read.

Nothing here logs a record: Spark's own logging is set to errors only (``spark-log4j2.properties``
in this folder), its web UI is off, and no dataframe is ever shown.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

import duckdb
from splink import DuckDBAPI
from splink.internals.splink_dataframe import SplinkDataFrame

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

Engine = Literal["duckdb", "spark"]

PYSPARK_REQUIREMENT = "pyspark>=3.5,<4.1"
INSTALL_PYSPARK = (
    f"install {PYSPARK_REQUIREMENT} (`uv sync --group spark`, which `uv sync` does by default; "
    f"or `pip install '{PYSPARK_REQUIREMENT}'`)"
)
INSTALL_JAVA = (
    "install Java 17 or later, on JAVA_HOME or the PATH (Debian and Ubuntu: "
    "`apt-get install openjdk-17-jre-headless`)"
)
LOG_CONFIG = Path(__file__).with_name("spark-log4j2.properties")


class EngineUnavailableError(RuntimeError):
    """The requested execution engine cannot run here (e.g. pyspark or Java is missing)."""


class ModelEngine(Protocol):
    """Where Splink trains the model and scores pairs (see the module's description)."""

    sql_dialect: str
    """Splink's name of the engine's SQL dialect: a saved model is moved into it."""
    u_chunks: int
    """Chunks in which ``u`` is estimated from the random pairs. Chunks let Splink stop early
    once every level is seen often enough, which saves time on one machine; on Spark each chunk
    is a job, whose fixed cost outweighs the saving, and a cluster takes the whole sample in
    one."""

    def splink_input(self, con: duckdb.DuckDBPyConnection, table: str) -> SplinkDataFrame:
        """The DuckDB table ``table`` (the identities), registered with this engine's Splink
        database API, for a ``splink.Linker``."""
        ...

    def scored_pairs(
        self, con: duckdb.DuckDBPyConnection, predictions: SplinkDataFrame, columns: Sequence[str]
    ) -> AbstractContextManager[str]:
        """A context manager giving a relation name that DuckDB (``con``) reads the
        ``columns`` of Splink's ``predictions`` from, valid until it exits."""
        ...

    def close(self) -> None:
        """Release what the engine holds (idempotent)."""
        ...


class DuckDBEngine:
    """Splink on the run's own DuckDB connection."""

    sql_dialect = "duckdb"
    u_chunks = 10  # Splink's default

    def splink_input(self, con: duckdb.DuckDBPyConnection, table: str) -> SplinkDataFrame:
        sdf: SplinkDataFrame = DuckDBAPI(connection=con).register(
            table, table_name=f"{table}_splink"
        )
        return sdf

    @contextmanager
    def scored_pairs(
        self, con: duckdb.DuckDBPyConnection, predictions: SplinkDataFrame, columns: Sequence[str]
    ) -> Iterator[str]:
        try:
            yield str(predictions.physical_name)
        finally:
            predictions.drop_table_from_database_and_remove_from_cache()

    def close(self) -> None:
        return None


def spark_unavailable_reason() -> str | None:
    """Why the Spark engine cannot run here, in words saying what to install; None if it can.

    Cheap (no JVM is started): pyspark importable, and a ``java`` on ``JAVA_HOME`` or the PATH.
    """
    if importlib.util.find_spec("pyspark") is None:
        return (
            f"engine 'spark' needs pyspark, which is not installed: {INSTALL_PYSPARK}; "
            f"it needs Java too: {INSTALL_JAVA}"
        )
    java_home = os.environ.get("JAVA_HOME")
    if not (java_home and (Path(java_home) / "bin" / "java").exists()) and not shutil.which("java"):
        return f"engine 'spark' needs Java, and none was found: {INSTALL_JAVA}"
    return None


def pyspark_version() -> str:
    """The installed pyspark's version (pyspark must be importable)."""
    from pyspark.version import __version__

    return str(__version__)


def spark_conf(
    master: str, *, shuffle_partitions: int | None = None, extra: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The Spark configuration of a session started by :func:`spark_session`.

    Splink's similarity functions (``jaro_winkler``) come in a jar shipped with Splink; logging
    is errors only; the web UI is off (it would show query plans, and binds a port). On a local
    master the shuffle uses two partitions per thread, not Spark's default of 200, which suits
    one machine; ``extra`` settings (e.g. ``spark.driver.memory``) are added last.
    """
    from splink.backends.spark import similarity_jar_location

    if shuffle_partitions is None and (master == "local" or master.startswith("local[")):
        threads = master.removeprefix("local").strip("[]").split(",")[0] or "1"
        shuffle_partitions = 2 * (int(threads) if threads.isdigit() else (os.cpu_count() or 1))
    conf = {
        "spark.app.name": "trustplan-linking",
        "spark.jars": str(similarity_jar_location()),
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.session.timeZone": "UTC",
        "spark.driver.extraJavaOptions": f"-Dlog4j2.configurationFile={LOG_CONFIG.as_uri()}",
    }
    if shuffle_partitions:
        conf["spark.sql.shuffle.partitions"] = str(shuffle_partitions)
    conf.update(extra or {})
    return conf


def spark_session(
    master: str = "local[*]",
    *,
    shuffle_partitions: int | None = None,
    extra: Mapping[str, str] | None = None,
) -> SparkSession:
    """Start (or join) a Spark session set up for linking (:func:`spark_conf`), quietly.

    ``master`` is Spark's: ``local[*]`` (every core of this machine), ``local[2]``, or a
    cluster's URL (``spark://host:7077``). Raises :class:`EngineUnavailableError`, with what to
    install, if pyspark or Java is missing or Spark cannot start.
    """
    reason = spark_unavailable_reason()
    if reason:
        raise EngineUnavailableError(reason)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.master(master)
    conf = spark_conf(master, shuffle_partitions=shuffle_partitions, extra=extra)
    for key, value in conf.items():
        builder = builder.config(key, value)
    try:
        session = builder.getOrCreate()
    except Exception as error:  # pyspark raises several kinds when the JVM cannot start
        raise EngineUnavailableError(
            f"Spark could not start its Java process ({type(error).__name__}: see the lines "
            f"above); Spark {pyspark_version()} needs Java 17 or later: {INSTALL_JAVA}"
        ) from error
    session.sparkContext.setLogLevel("ERROR")
    return session


class SparkEngine:
    """Splink on Apache Spark (``splink.SparkAPI``).

    Uses ``session`` if given, else the thread's active Spark session, else starts one on
    ``master`` (:func:`spark_session`) and stops it on :meth:`close`. Data move through
    ``folder`` (in the run's work folder, deleted on close): on a cluster it must be storage
    that the driver and every executor can read and write (a shared mount). Splink's
    intermediate tables are kept in the executors' memory and disk (``persist``), not written
    out, and are dropped on close, when the session's cache is emptied: a session serves one
    run at a time (runs one after another may share it).
    """

    sql_dialect = "spark"
    u_chunks = 1

    def __init__(
        self,
        folder: Path,
        *,
        session: SparkSession | None = None,
        master: str | None = None,
    ) -> None:
        reason = spark_unavailable_reason()
        if reason:
            raise EngineUnavailableError(reason)
        from pyspark.sql import SparkSession

        given = session or SparkSession.getActiveSession()
        self._owns_session = given is None
        self.spark: SparkSession = given or spark_session(master or "local[*]")
        self.folder = folder
        self._api: Any = None
        self._views_before: set[str] = set()

    def splink_input(self, con: duckdb.DuckDBPyConnection, table: str) -> SplinkDataFrame:
        from splink import SparkAPI

        self.folder.mkdir(parents=True, exist_ok=True)
        source = self.folder / f"{table}.parquet"
        con.table(table).write_parquet(str(source))
        self._views_before = self._temporary_views()
        # Splink leaves SparkAPI untyped.
        self._api = SparkAPI(  # type: ignore[no-untyped-call]
            spark_session=self.spark, break_lineage_method="persist"
        )
        if not self.spark.catalog.functionExists("jaro_winkler"):
            raise EngineUnavailableError(
                "the Spark session has no jaro_winkler function: start it with Splink's "
                "similarity jar on spark.jars (trustplan.hubcore.linking.engines.spark_session "
                "does)"
            )
        # A name of its own, dropped with Splink's tables on close.
        sdf: SplinkDataFrame = self._api.register(
            self.spark.read.parquet(str(source)),
            table_name=f"__splink__tp_{table}_{uuid.uuid4().hex[:8]}",
        )
        return sdf

    def _temporary_views(self) -> set[str]:
        return {t.name for t in self.spark.catalog.listTables() if t.isTemporary}

    @contextmanager
    def scored_pairs(
        self, con: duckdb.DuckDBPyConnection, predictions: SplinkDataFrame, columns: Sequence[str]
    ) -> Iterator[str]:
        target = self.folder / "scored_pairs"
        frame = self.spark.table(str(predictions.physical_name)).select(*columns)
        frame.write.mode("overwrite").parquet(str(target))
        view = f"tp_scored_pairs_{uuid.uuid4().hex[:8]}"
        con.read_parquet(str(target / "*.parquet")).create_view(view)
        try:
            yield view
        finally:
            con.execute(f"DROP VIEW IF EXISTS {view}")

    def close(self) -> None:
        if self._api is not None:
            # Splink's tables are cached temporary views. Drop the ones made during this run,
            # and empty the cache (Splink caches one table, the blocked pairs, outside any
            # view). A session is therefore for one run at a time.
            for view in sorted(self._temporary_views() - self._views_before):
                if view.startswith("__splink__"):
                    self.spark.catalog.dropTempView(view)
            self.spark.catalog.clearCache()
            self._api = None
        if self._owns_session:
            self.spark.stop()
            self._owns_session = False
        shutil.rmtree(self.folder, ignore_errors=True)


def model_engine(
    engine: Engine,
    workdir: Path,
    *,
    session: SparkSession | None = None,
    master: str | None = None,
) -> ModelEngine:
    """The engine named ``engine`` for a run working in ``workdir`` (``session`` and ``master``
    are for Spark: see :class:`SparkEngine`)."""
    if engine == "spark":
        return SparkEngine(workdir / "spark", session=session, master=master)
    return DuckDBEngine()
