"""Derived columns for linking: the records of every feed, stacked, with comparable forms.

Everything here builds SQL (DuckDB dialect) or normalises one value; nothing executes on its own
except :func:`prepare_records`, which runs the SQL on a DuckDB connection it is given. The
derivations are idempotent, so records already normalised by the feed validators pass through
unchanged, and raw feed files (NHS numbers with spaces, postcodes without the space) can be linked
too.

Prepared columns (one row per input record):

``unique_id``
    ``feed || ':' || record_id``; the id used everywhere in linking.
``first_name_std``, ``last_name_std``
    Upper case, accents removed, letters only (so "Anne-Marie" and "ANNE MARIE" agree).
``first_name_token``
    The first word of the first name ("Mary Jane" -> "MARY").
``first_name_canon``
    The first name's family key: "BOB", "ROBBIE" and "ROBERT" all give "ROBERT".
``first_initial``, ``first_soundex``, ``last_soundex``
    First letter; American Soundex codes (computed in SQL: DuckDB has no Soundex function).
``dob``, ``dob_year``, ``dob_month``, ``dob_day``, ``dob_text``
    The date of birth and its parts; ``dob_text`` is ``YYYY-MM-DD``.
``sex``
    ``F`` or ``M``; unknown (``U``) and anything else become null, which is "no evidence".
``nhs_number``
    Ten digits with a valid modulus-11 check digit, not all one digit; otherwise null.
``upn``
    Upper case, spaces removed, 13 characters; otherwise null.
``postcode``, ``postcode_sector``, ``postcode_district``
    ``ZZ1 2AB`` form; sector ``ZZ1 2``; district ``ZZ1``. Not a UK postcode shape: null.
``address_std``, ``address_first_token``, ``address_number``
    Upper case, punctuation as spaces; its first word; its numbers (flat and house: ``4 12A``).
``uprn``
    Digits only, leading zeros removed, 1 to 12 digits; otherwise null.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TypeAlias

import duckdb
import pyarrow as pa

REQUIRED_COLUMNS: tuple[str, ...] = (
    "feed",
    "record_id",
    "first_name",
    "last_name",
    "date_of_birth",
)
OPTIONAL_COLUMNS: tuple[str, ...] = (
    "sex",
    "nhs_number",
    "upn",
    "postcode",
    "address",
    "uprn",
)
PREPARED_COLUMNS: tuple[str, ...] = (
    "unique_id",
    "feed",
    "record_id",
    "first_name_std",
    "last_name_std",
    "first_name_token",
    "first_name_canon",
    "first_initial",
    "first_soundex",
    "last_soundex",
    "dob",
    "dob_year",
    "dob_month",
    "dob_day",
    "dob_text",
    "sex",
    "nhs_number",
    "upn",
    "postcode",
    "postcode_sector",
    "postcode_district",
    "address_std",
    "address_first_token",
    "address_number",
    "uprn",
)

RecordSource: TypeAlias = (
    "duckdb.DuckDBPyRelation | pa.Table | Sequence[Mapping[str, object]] | str | os.PathLike[str]"
)
"""What :func:`load_records` accepts.

* a path (``str`` or ``Path``) to a Parquet or CSV file, or a glob of them (``feeds/*.parquet``):
  the efficient way to hand over a million rows (the Django side writes Parquet with pyarrow);
* a ``pyarrow.Table``;
* a DuckDB relation (from any connection: it is read through Arrow);
* a list of dicts, for small data and tests.
"""

# Letters mapped to Soundex digits; vowels and Y are "0" (separators, dropped at the end), H and W
# have no counterpart in the target string, so ``translate`` deletes them (they do not separate).
_SOUNDEX_FROM = "AEIOUYBFPVCGJKQSXZDTLMNRHW"
_SOUNDEX_TO = "000000111122222222334556"

MACROS_SQL = f"""
CREATE OR REPLACE TEMP MACRO tp_name_std(s) AS (
    nullif(regexp_replace(upper(strip_accents(trim(CAST(s AS VARCHAR)))), '[^A-Z]', '', 'g'), '')
);
CREATE OR REPLACE TEMP MACRO tp_soundex_codes(n) AS (
    string_split(translate(n, '{_SOUNDEX_FROM}', '{_SOUNDEX_TO}'), '')
);
CREATE OR REPLACE TEMP MACRO tp_soundex(n) AS (
    CASE WHEN n IS NULL OR n = '' THEN NULL ELSE
        rpad(left(left(n, 1) || replace(array_to_string(
            list_filter(
                tp_soundex_codes(n),
                lambda c, i: i = 1 OR c <> tp_soundex_codes(n)[i - 1]
            )[CASE WHEN translate(left(n, 1), 'HW', '') = '' THEN 1 ELSE 2 END:],
            ''), '0', ''), 4), 4, '0')
    END
);
CREATE OR REPLACE TEMP MACRO tp_nhs_number(s) AS (
    CASE
        WHEN length(regexp_replace(CAST(s AS VARCHAR), '\\s', '', 'g')) <> 10
            OR NOT regexp_full_match(
                regexp_replace(CAST(s AS VARCHAR), '\\s', '', 'g'), '[0-9]{{10}}')
            THEN NULL
        ELSE (
            WITH d AS (SELECT regexp_replace(CAST(s AS VARCHAR), '\\s', '', 'g') AS v)
            SELECT CASE
                WHEN length(replace(v, left(v, 1), '')) = 0
                    THEN NULL
                WHEN (11 - list_sum(list_transform(range(1, 10),
                        lambda i: CAST(substr(v, i, 1) AS INTEGER) * (11 - i))) % 11) % 11
                    = CAST(substr(v, 10, 1) AS INTEGER)
                    THEN v
                ELSE NULL
            END FROM d
        )
    END
);
CREATE OR REPLACE TEMP MACRO tp_postcode(s) AS (
    CASE WHEN regexp_full_match(
        regexp_replace(upper(CAST(s AS VARCHAR)), '[^A-Z0-9]', '', 'g'),
        '[A-Z]{{1,2}}[0-9][A-Z0-9]?[0-9][A-Z]{{2}}')
    THEN regexp_replace(
        regexp_replace(upper(CAST(s AS VARCHAR)), '[^A-Z0-9]', '', 'g'),
        '^(.*)([0-9][A-Z]{{2}})$', '\\1 \\2')
    ELSE NULL END
);
CREATE OR REPLACE TEMP MACRO tp_address(s) AS (
    nullif(trim(regexp_replace(
        regexp_replace(upper(strip_accents(CAST(s AS VARCHAR))), '[^A-Z0-9]+', ' ', 'g'),
        '\\s+', ' ', 'g')), '')
);
"""  # noqa: S608 - no input in SQL


# Common English short forms and variants, each mapped to one key per family of names. A record's
# ``first_name_canon`` is its key (or the name itself), so "Bob" and "Robert" compare as "same name,
# known short form" rather than "different". Keys are only for comparing, never shown.
NAME_FAMILIES: Mapping[str, tuple[str, ...]] = {
    "ALEXANDER": ("ALEX", "ALEC", "ALEXANDRA", "ALEXANDRIA"),
    "ANDREW": ("ANDY",),
    "ANTHONY": ("TONY", "ANTONY"),
    "BENJAMIN": ("BEN", "BENNY", "BENJI"),
    "CATHERINE": ("KATHERINE", "KATHRYN", "KATE", "KATIE", "KATY", "CATH", "CATHY", "KATHY"),
    "CHARLES": ("CHAS", "CHUCK"),
    "CHRISTOPHER": ("CHRIS",),
    "DANIEL": ("DAN", "DANNY"),
    "DAVID": ("DAVE", "DAVEY"),
    "EDWARD": ("ED", "EDDIE", "EDDY", "TED", "NED"),
    "ELIZABETH": ("LIZ", "LIZZIE", "LIZZY", "BETH", "BETTY", "LIBBY", "BESS"),
    "FREDERICK": ("FRED", "FREDDIE", "FREDDY"),
    "HENRY": ("HAL", "HANK"),
    "ISABEL": ("ISABELLA", "ISABELLE", "IZZY", "ISSY"),
    "JACOB": ("JAKE",),
    "JAMES": ("JIM", "JIMMY", "JIMMIE"),
    "JENNIFER": ("JENNY", "JEN", "JENNI"),
    "JONATHAN": ("JON", "JONNY"),
    "JOSEPH": ("JOE", "JOEY"),
    "JOSHUA": ("JOSH",),
    "MARGARET": ("MAGGIE", "MEG", "PEGGY", "MADGE"),
    "MATTHEW": ("MATT", "MATTY"),
    "MICHAEL": ("MIKE", "MICKY", "MICKEY"),
    "NICHOLAS": ("NICK", "NICKY"),
    "PATRICK": ("PADDY",),
    "PATRICIA": ("TRICIA", "PATSY", "TRISH"),
    "PETER": ("PETE",),
    "REBECCA": ("BECKY", "BECKIE", "BECCA"),
    "RICHARD": ("RICH", "RICHIE", "RICK", "RICKY", "DICK"),
    "ROBERT": ("ROB", "ROBBIE", "ROBBY", "BOB", "BOBBY"),
    "SAMUEL": ("SAMMY",),
    "SAMANTHA": ("SAMMIE",),
    "STEPHEN": ("STEVEN", "STEVE", "STEVIE"),
    "STEPHANIE": ("STEPH",),
    "SUSAN": ("SUE", "SUZY", "SUSIE"),
    "THEODORE": ("THEO",),
    "THOMAS": ("TOM", "TOMMY", "THOM"),
    "TIMOTHY": ("TIM", "TIMMY"),
    "VICTORIA": ("VICKY", "VICKIE", "VIKKI", "TORI"),
    "WILLIAM": ("WILL", "WILLIE", "BILL", "BILLY"),
    "ZACHARY": ("ZACH", "ZAC", "ZACK"),
    "MOHAMMED": ("MUHAMMAD", "MOHAMMAD", "MOHAMED", "MUHAMMED", "MOHAMAD"),
}


def name_key(value: object) -> str | None:
    """The family key of a first name (see :data:`NAME_FAMILIES`), or the normalised name."""
    std = normalise_name(value)
    if std is None:
        return None
    return _NAME_KEY.get(std, std)


_NAME_KEY: dict[str, str] = {
    variant: key for key, variants in NAME_FAMILIES.items() for variant in (key, *variants)
}


def _name_key_values() -> str:
    return ", ".join(f"('{variant}', '{key}')" for variant, key in sorted(_NAME_KEY.items()))


def normalise_name(value: object) -> str | None:
    """The Python twin of the SQL ``tp_name_std``: upper case, no accents, letters only.

    >>> normalise_name(" Zoë O'Brien-Smith ")
    'ZOEOBRIENSMITH'
    >>> normalise_name("  ") is None
    True
    """
    if value is None:
        return None
    text = unicodedata.normalize("NFKD", str(value).strip().upper())
    letters = "".join(ch for ch in text if "A" <= ch <= "Z")
    return letters or None


def install_macros(con: duckdb.DuckDBPyConnection) -> None:
    """Define the ``tp_*`` SQL macros used by :func:`prepared_sql` on this connection."""
    con.execute(MACROS_SQL)


def _optional(column: str, present: frozenset[str]) -> str:
    return f"s.{column}" if column in present else "CAST(NULL AS VARCHAR)"


def prepared_sql(source: str, columns: Sequence[str]) -> str:
    """The SELECT that turns the input table ``source`` into prepared records.

    ``columns`` are the input's column names; optional identity columns that are absent become
    null. Needs the macros of :func:`install_macros`.
    """
    present = frozenset(c.lower() for c in columns)
    missing = [c for c in REQUIRED_COLUMNS if c not in present]
    if missing:
        raise ValueError(f"the records lack required column(s): {', '.join(missing)}")
    sex = _optional("sex", present)
    nhs = _optional("nhs_number", present)
    upn = _optional("upn", present)
    postcode = _optional("postcode", present)
    address = _optional("address", present)
    uprn = _optional("uprn", present)
    return f"""
WITH base AS (
    SELECT
        trim(CAST(s.feed AS VARCHAR)) AS feed,
        trim(CAST(s.record_id AS VARCHAR)) AS record_id,
        tp_name_std(s.first_name) AS first_name_std,
        tp_name_std(s.last_name) AS last_name_std,
        tp_name_std(split_part(
            trim(regexp_replace(CAST(s.first_name AS VARCHAR), '[\\s-]+', ' ', 'g')), ' ', 1
        )) AS first_name_token,
        TRY_CAST(s.date_of_birth AS DATE) AS dob,
        CASE upper(trim(CAST({sex} AS VARCHAR)))
            WHEN 'F' THEN 'F' WHEN 'M' THEN 'M' ELSE NULL END AS sex,
        tp_nhs_number({nhs}) AS nhs_number,
        CASE WHEN length(regexp_replace(upper(CAST({upn} AS VARCHAR)), '\\s', '', 'g')) = 13
            THEN regexp_replace(upper(CAST({upn} AS VARCHAR)), '\\s', '', 'g')
            ELSE NULL END AS upn,
        tp_postcode({postcode}) AS postcode,
        tp_address({address}) AS address_std,
        CASE WHEN regexp_full_match(trim(CAST({uprn} AS VARCHAR)), '0*[0-9]{{1,12}}')
                AND ltrim(trim(CAST({uprn} AS VARCHAR)), '0') <> ''
            THEN ltrim(trim(CAST({uprn} AS VARCHAR)), '0') ELSE NULL END AS uprn
    FROM {source} AS s
), name_keys(variant, key) AS (
    VALUES {_name_key_values()}
)
SELECT
    feed || ':' || record_id AS unique_id,
    feed,
    record_id,
    first_name_std,
    last_name_std,
    first_name_token,
    coalesce(nk.key, first_name_std) AS first_name_canon,
    left(first_name_std, 1) AS first_initial,
    tp_soundex(first_name_std) AS first_soundex,
    tp_soundex(last_name_std) AS last_soundex,
    dob,
    year(dob) AS dob_year,
    month(dob) AS dob_month,
    day(dob) AS dob_day,
    strftime(dob, '%Y-%m-%d') AS dob_text,
    sex,
    nhs_number,
    upn,
    postcode,
    regexp_extract(postcode, '^[A-Z]{{1,2}}[0-9][A-Z0-9]? [0-9]') AS postcode_sector,
    split_part(postcode, ' ', 1) AS postcode_district,
    address_std,
    split_part(address_std, ' ', 1) AS address_first_token,
    nullif(array_to_string(
        regexp_extract_all(address_std, '\\b[0-9]+[A-Z]?\\b'), ' '), '') AS address_number,
    uprn
FROM base LEFT JOIN name_keys AS nk ON nk.variant = base.first_name_std
"""  # noqa: S608 - no input in SQL


def _source_sql(path: str) -> str:
    lowered = path.lower()
    quoted = path.replace("'", "''")
    if lowered.endswith((".parquet", ".pq")):
        return f"read_parquet('{quoted}', union_by_name = true)"
    if lowered.endswith((".csv", ".csv.gz", ".txt")):
        return f"read_csv('{quoted}', header = true, all_varchar = true, union_by_name = true)"
    raise ValueError("a records path must name Parquet (.parquet) or CSV (.csv) files")


def _folder_sql(con: duckdb.DuckDBPyConnection, folder: Path) -> str:
    """Every feed file in a folder (``<feed>.csv`` or ``<feed>.parquet``), stacked, with
    ``feed`` taken from the file name. ``truth_*`` files and files without the identity columns
    (``record_id``, names, date of birth) are not feeds and are skipped."""
    files = sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in (".csv", ".parquet") and not p.name.startswith("truth_")
    )
    if not files:
        raise FileNotFoundError("the records folder holds no .csv or .parquet feed files")
    parts = []
    identity = {c for c in REQUIRED_COLUMNS if c != "feed"}
    for p in files:
        reader = _source_sql(str(p))
        present = {str(c).lower() for c in con.sql(f"SELECT * FROM {reader} LIMIT 0").columns}  # noqa: S608 - no input in SQL
        if not identity <= present:
            continue  # not a person-level feed (e.g. a lookup of localities)
        feed = "feed" if "feed" in present else "'" + p.stem.replace("'", "''") + "'"
        wanted = [c for c in REQUIRED_COLUMNS if c != "feed"] + list(OPTIONAL_COLUMNS)
        cols = [c if c in present else f"CAST(NULL AS VARCHAR) AS {c}" for c in wanted]
        parts.append(f"SELECT {feed} AS feed, {', '.join(cols)} FROM {reader}")  # noqa: S608 - no input in SQL
    if not parts:
        raise FileNotFoundError("the records folder holds no person-level feed files")
    return " UNION ALL BY NAME ".join(parts)


def load_records(
    con: duckdb.DuckDBPyConnection, records: RecordSource, *, view: str = "tp_input"
) -> list[str]:
    """Make ``records`` readable as the view ``view`` on ``con``; return its column names."""
    if isinstance(records, (str, os.PathLike)):
        path = os.fspath(records)
        if Path(path).is_dir():
            con.execute(f"CREATE OR REPLACE TEMP VIEW {view} AS {_folder_sql(con, Path(path))}")
        else:
            if not any(ch in path for ch in "*?[") and not Path(path).exists():
                raise FileNotFoundError("the records file does not exist")
            con.execute(f"CREATE OR REPLACE TEMP VIEW {view} AS SELECT * FROM {_source_sql(path)}")  # noqa: S608 - no input in SQL
    else:
        if isinstance(records, duckdb.DuckDBPyRelation):
            table = records.to_arrow_table()
        elif isinstance(records, pa.Table):
            table = records
        else:
            table = pa.Table.from_pylist([dict(row) for row in records])
        con.register(f"{view}_arrow", table)
        con.execute(f"CREATE OR REPLACE TEMP VIEW {view} AS SELECT * FROM {view}_arrow")  # noqa: S608 - no input in SQL
    return [str(c).lower() for c in con.sql(f"SELECT * FROM {view} LIMIT 0").columns]  # noqa: S608 - no input in SQL


def prepare_records(
    con: duckdb.DuckDBPyConnection, records: RecordSource, *, table: str = "tp_records"
) -> int:
    """Load ``records`` and write the prepared table ``table`` on ``con``; return its row count.

    Raises ``ValueError`` if a required column is missing, if any record lacks a feed or record
    id, or if an id (``feed:record_id``) occurs twice. Messages give counts, never values.
    """
    columns = load_records(con, records)
    install_macros(con)
    con.execute(f"CREATE OR REPLACE TABLE {table} AS {prepared_sql('tp_input', columns)}")
    rows = con.sql(
        f"""SELECT count(*), count(*) FILTER (WHERE unique_id IS NULL OR feed = ''
                OR record_id = ''), count(*) - count(DISTINCT unique_id),
                count(*) FILTER (WHERE dob IS NULL)
            FROM {table}"""  # noqa: S608 - no input in SQL
    ).fetchall()
    total, no_id, duplicates, _no_dob = (int(v) for v in rows[0])
    if no_id:
        raise ValueError(f"{no_id} record(s) have no feed or no record id")
    if duplicates:
        raise ValueError(f"{duplicates} record id(s) occur more than once within a feed")
    return total
