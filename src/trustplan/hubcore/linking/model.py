"""The probabilistic linkage model: Splink settings, built by pure functions.

Fellegi-Sunter (1969): each pair of records is compared field by field; each field's outcome
("exact", "similar spelling", "different", "missing") is a *comparison level* with two
probabilities, ``m`` (of that outcome among pairs that are the same person) and ``u`` (among
pairs that are not). The match weight of a pair is the prior log-odds plus the sum over fields
of ``log2(m/u)``; Splink turns it into a match probability.

This module only *describes* the model (blocking rules, comparisons, training rules, starting
parameters). :mod:`trustplan.hubcore.linking.run` executes it. The level labels are plain words
and are kept in the saved model JSON, so the clerical-review evidence can be read back from any
saved model.

Splink ships type information, but it is the one third-party library on this path: nothing
outside ``model.py`` and ``run.py`` imports it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import SettingsCreator, block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_creator import ComparisonCreator
from splink.internals.comparison_level_creator import ComparisonLevelCreator

# The comparisons, by output column name, in the order they appear in the model.
FIELDS: tuple[str, ...] = (
    "first_name",
    "last_name",
    "date_of_birth",
    "sex",
    "home",
    "nhs_number",
    "upn",
)

FIELD_WORDS: Mapping[str, str] = {
    "first_name": "first name",
    "last_name": "last name",
    "date_of_birth": "date of birth",
    "sex": "sex",
    "home": "address and postcode",
    "nhs_number": "NHS number",
    "upn": "Unique Pupil Number",
}


@dataclass(frozen=True)
class Level:
    """One comparison level: its words, its Splink level creator, and starting ``m`` and ``u``.

    The starting values are deliberately rough; training replaces them. They make an untrained
    model usable (tests score small data with them) and give expectation-maximisation a sensible
    start.
    """

    words: str
    creator: ComparisonLevelCreator
    m: float | None
    u: float | None


def _custom(sql: str) -> ComparisonLevelCreator:
    """A level written in SQL that means the same in every engine's dialect (Splink translates
    it from DuckDB's). Similarity functions are named differently in each engine, so levels
    using them are built from Splink's own levels (``cll.JaroWinklerLevel``) instead."""
    return cll.CustomLevel(sql, base_dialect_str="duckdb")


def _null(*columns: str) -> Level:
    sql = " OR ".join(f"{c}_l IS NULL OR {c}_r IS NULL" for c in columns)
    return Level("missing on one or both records", _custom(sql), None, None)


def _name_levels(column: str, other: str) -> list[Level]:
    first = column.startswith("first")
    levels = [
        _null(column),
        Level("exactly the same", cll.ExactMatchLevel(column), 0.85 if first else 0.86, 0.004),
        Level(
            "swapped with the other name",
            cll.ColumnsReversedLevel(column, other, symmetrical=True),
            0.01,
            0.00002,
        ),
    ]
    if first:
        levels.append(
            Level(
                "same name in another form (e.g. Bob and Robert)",
                cll.ExactMatchLevel("first_name_canon"),
                0.01,
                0.0001,
            )
        )
    levels += [
        Level(
            "nearly the same spelling (Jaro-Winkler at least 0.92)",
            cll.JaroWinklerLevel(column, 0.92),
            0.05,
            0.002,
        ),
        Level(
            "one contains the other (e.g. a middle or double-barrelled name)",
            _custom(
                f"length({column}_l) >= 3 AND length({column}_r) >= 3 AND "
                f"(contains({column}_l, {column}_r) OR contains({column}_r, {column}_l))"
            ),
            0.02,
            0.001,
        ),
        Level(
            "similar spelling (Jaro-Winkler at least 0.80)",
            cll.JaroWinklerLevel(column, 0.80),
            0.02,
            0.02,
        ),
        Level("sounds alike (same Soundex code)", _soundex_level(column), 0.01, 0.01),
        Level("different", cll.ElseLevel(), 0.03, 0.96388 if first else 0.96398),
    ]
    return levels


def _soundex_level(column: str) -> ComparisonLevelCreator:
    soundex = "first_soundex" if column.startswith("first") else "last_soundex"
    return cll.ExactMatchLevel(soundex)


def _dob_levels() -> list[Level]:
    return [
        _null("dob"),
        Level("exactly the same", cll.ExactMatchLevel("dob"), 0.9, 0.0001),
        Level(
            "day and month swapped",
            _custom(
                "dob_year_l = dob_year_r AND dob_day_l = dob_month_r "
                "AND dob_month_l = dob_day_r AND dob_day_l <> dob_month_l"
            ),
            0.01,
            0.000001,
        ),
        Level(
            "one of day, month or year differs",
            _custom(
                "(CASE WHEN dob_year_l = dob_year_r THEN 1 ELSE 0 END"
                " + CASE WHEN dob_month_l = dob_month_r THEN 1 ELSE 0 END"
                " + CASE WHEN dob_day_l = dob_day_r THEN 1 ELSE 0 END) = 2"
            ),
            0.06,
            0.005,
        ),
        Level("different", cll.ElseLevel(), 0.03, 0.994899),
    ]


# Flat and house numbers agree (both missing counts as agreeing): "Flat 4 Cedar Court" and
# "Flat 5 Cedar Court" are as alike as two spellings by Jaro-Winkler, but are neighbours.
_SAME_NUMBERS = "coalesce(address_number_l, '') = coalesce(address_number_r, '')"


def _home_levels() -> list[Level]:
    """Address, postcode and UPRN as one comparison: they describe one fact (where the person
    lives) and are strongly correlated, so scoring them separately would count a move twice."""
    return [
        Level(
            "missing on one or both records",
            _custom(
                "(postcode_l IS NULL OR postcode_r IS NULL) "
                "AND (address_std_l IS NULL OR address_std_r IS NULL) "
                "AND (uprn_l IS NULL OR uprn_r IS NULL)"
            ),
            None,
            None,
        ),
        Level("same property reference (UPRN)", cll.ExactMatchLevel("uprn"), 0.3, 0.0002),
        Level(
            "same address and postcode",
            _custom("address_std_l = address_std_r AND postcode_l = postcode_r"),
            0.4,
            0.0002,
        ),
        Level(
            "same postcode, nearly the same address",
            cll.And(
                _custom(f"postcode_l = postcode_r AND {_SAME_NUMBERS}"),
                cll.JaroWinklerLevel("address_std", 0.88),
            ),
            0.1,
            0.0002,
        ),
        Level(
            "same address, postcode differs or missing",
            cll.And(_custom(_SAME_NUMBERS), cll.JaroWinklerLevel("address_std", 0.95)),
            0.03,
            0.0005,
        ),
        Level("same postcode only", cll.ExactMatchLevel("postcode"), 0.02, 0.001),
        Level("same postcode sector", cll.ExactMatchLevel("postcode_sector"), 0.01, 0.01),
        Level("different", cll.ElseLevel(), 0.14, 0.9879),
    ]


def _levels_for(field: str) -> list[Level]:
    if field == "first_name":
        return _name_levels("first_name_std", "last_name_std")
    if field == "last_name":
        return _name_levels("last_name_std", "first_name_std")
    if field == "date_of_birth":
        return _dob_levels()
    if field == "sex":
        return [
            _null("sex"),
            Level("the same", cll.ExactMatchLevel("sex"), 0.98, 0.5),
            Level("different", cll.ElseLevel(), 0.02, 0.5),
        ]
    if field == "home":
        return _home_levels()
    if field in ("nhs_number", "upn"):
        return [
            _null(field),
            Level("exactly the same", cll.ExactMatchLevel(field), 0.97, 0.000001),
            Level("different", cll.ElseLevel(), 0.03, 0.999999),
        ]
    raise ValueError(f"no comparison is defined for the field {field!r}")


def levels(field: str) -> list[Level]:
    """The comparison levels of one field, most specific first (null level first)."""
    return _levels_for(field)


def comparison(field: str, *, with_starting_values: bool = True) -> ComparisonCreator:
    """The Splink comparison for ``field`` (one of :data:`FIELDS`)."""
    built: list[ComparisonLevelCreator | dict[str, Any]] = []
    for level in _levels_for(field):
        creator = level.creator
        if level.m is None:
            creator = creator.configure(is_null_level=True, label_for_charts=level.words)
        elif with_starting_values:
            creator = creator.configure(
                label_for_charts=level.words, m_probability=level.m, u_probability=level.u
            )
        else:
            creator = creator.configure(label_for_charts=level.words)
        built.append(creator)
    return cl.CustomComparison(
        built, output_column_name=field, comparison_description=FIELD_WORDS[field]
    )


def comparisons(*, with_starting_values: bool = True) -> list[ComparisonCreator]:
    """All comparisons, in :data:`FIELDS` order."""
    return [comparison(f, with_starting_values=with_starting_values) for f in FIELDS]


def prediction_blocking_rules() -> list[BlockingRuleCreator]:
    """Which pairs are scored at all. Each rule is an equi-join, so blocks stay small at a
    million records; a true pair is scored if any one rule admits it.

    * same date of birth and surname sound;
    * same date of birth and first-name sound (surname changed);
    * same date of birth and postcode (names swapped or both changed, same home);
    * same postcode and first initial (date of birth mistyped, same home);
    * same first and last name and year of birth (day or month mistyped);
    * same first and last name sound and month and day of birth (year mistyped).
    """
    return [
        block_on("dob", "last_soundex"),
        block_on("dob", "first_soundex"),
        block_on("dob", "postcode"),
        block_on("postcode", "first_initial"),
        block_on("first_name_std", "last_name_std", "dob_year"),
        block_on("first_soundex", "last_soundex", "dob_month", "dob_day"),
    ]


def deterministic_rules() -> list[BlockingRuleCreator]:
    """Rules that admit almost no false matches, used only to estimate the prior
    ``probability_two_random_records_match`` (with an assumed recall)."""
    return [
        block_on("first_name_std", "last_name_std", "dob"),
        block_on("nhs_number"),
        block_on("upn"),
    ]


def em_training_rules() -> list[BlockingRuleCreator]:
    """Blocking rules for expectation-maximisation. Fields in a rule are not estimated in that
    session, so two sessions on different fields estimate every ``m``:

    * same first and last name: estimates date of birth, sex, postcode, address, ids;
    * same date of birth: estimates first and last name (and the rest again).
    """
    return [
        block_on("first_name_std", "last_name_std"),
        block_on("dob"),
    ]


DEFAULT_PRIOR = 1e-4


def settings(
    *,
    probability_two_random_records_match: float = DEFAULT_PRIOR,
    with_starting_values: bool = True,
    blocking_rules: Sequence[BlockingRuleCreator] | None = None,
) -> SettingsCreator:
    """The full Splink settings: dedupe across the stacked feeds (records from one feed can be
    the same person too), on ``unique_id``."""
    rules = list(blocking_rules) if blocking_rules is not None else prediction_blocking_rules()
    rules_any: list[BlockingRuleCreator | dict[str, Any]] = list(rules)
    comparisons_any: list[ComparisonCreator | dict[str, Any]] = list(
        comparisons(with_starting_values=with_starting_values)
    )
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=comparisons_any,
        blocking_rules_to_generate_predictions=rules_any,
        probability_two_random_records_match=probability_two_random_records_match,
        retain_matching_columns=True,
        retain_intermediate_calculation_columns=True,
        max_iterations=25,
        em_convergence=0.0001,
    )


def saved_settings(saved: Mapping[str, Any], sql_dialect: str) -> dict[str, Any]:
    """A saved model (``model.json``) as settings for a linker whose engine speaks
    ``sql_dialect`` (``"duckdb"`` or ``"spark"``).

    A saved model holds its comparisons as SQL in the dialect of the engine that trained it
    (DuckDB quotes names with ``"``, where Spark reads a string; the similarity functions are
    named differently). A model saved by the same engine is used as it is. One saved by the
    other engine is rebuilt from this module's comparisons, in ``sql_dialect``, carrying over
    the saved prior and every level's ``m`` and ``u``, matched by comparison name and level
    words; if the saved comparisons are not this module's, it cannot be moved and
    :class:`ValueError` says so.
    """
    if saved.get("sql_dialect", sql_dialect) == sql_dialect:
        return dict(saved)
    prior = float(saved.get("probability_two_random_records_match", DEFAULT_PRIOR))
    built = settings(probability_two_random_records_match=prior).create_settings_dict(sql_dialect)
    built["sql_dialect"] = sql_dialect
    saved_levels = {
        str(comp.get("output_column_name")): {
            str(lv.get("label_for_charts")): lv for lv in comp.get("comparison_levels", [])
        }
        for comp in saved.get("comparisons", [])
    }
    built_names = [str(comp["output_column_name"]) for comp in built["comparisons"]]
    if sorted(built_names) != sorted(saved_levels):
        raise ValueError(
            f"the saved model was made by engine {saved.get('sql_dialect')!r} with other "
            f"comparisons than this version's; it cannot be used on engine {sql_dialect!r}: "
            "train the model again"
        )
    for comp in built["comparisons"]:
        old = saved_levels[str(comp["output_column_name"])]
        labels = [str(lv.get("label_for_charts")) for lv in comp["comparison_levels"]]
        if sorted(labels) != sorted(old):
            raise ValueError(
                f"the saved model's levels for {comp['output_column_name']!r} are not this "
                f"version's; it cannot be used on engine {sql_dialect!r}: train the model again"
            )
        for level in comp["comparison_levels"]:
            for key in ("m_probability", "u_probability"):
                value = old[str(level.get("label_for_charts"))].get(key)
                if value is not None:
                    level[key] = value
    return built


def level_words(model_json: Mapping[str, Any]) -> dict[str, dict[int, str]]:
    """For each comparison in a saved model: comparison-vector value -> words.

    Splink numbers the non-null levels from ``n - 1`` (most specific) down to ``0`` ("else") and
    gives the null level ``-1``.
    """
    out: dict[str, dict[int, str]] = {}
    for comp in model_json.get("comparisons", []):
        name = str(comp.get("output_column_name"))
        levels_json = comp.get("comparison_levels", [])
        non_null = [lv for lv in levels_json if not lv.get("is_null_level", False)]
        words: dict[int, str] = {}
        counter = len(non_null) - 1
        for lv in levels_json:
            label = str(lv.get("label_for_charts") or lv.get("sql_condition", ""))
            if lv.get("is_null_level", False):
                words[-1] = label
            else:
                words[counter] = label
                counter -= 1
        out[name] = words
    return out


def _top_level(model_json: Mapping[str, Any], field: str) -> int | None:
    for comp in model_json.get("comparisons", []):
        if comp.get("output_column_name") == field:
            levels_json = comp.get("comparison_levels", [])
            return len([lv for lv in levels_json if not lv.get("is_null_level", False)]) - 1
    return None


def hold_sql(model_json: Mapping[str, Any]) -> str:
    """A SQL ``CASE`` on scored pairs (``gamma_*`` columns) giving why the model must not link
    the pair however high its score, or NULL:

    * ``'first_name'``: the first names are simply different (no spelling, sound, short-form or
      swapped-name similarity);
    * ``'date_of_birth'``: the dates of birth differ by more than one slip;

    in either case only when neither the NHS number nor the UPN agrees. Twins share surname,
    date of birth and home; a parent and child of the same name share name and home. The model
    counts those agreeing fields as independent evidence and would link them; these pairs go to
    clerical review instead.
    """
    names = {str(c.get("output_column_name")) for c in model_json.get("comparisons", [])}
    no_id = []
    for ident in ("nhs_number", "upn"):
        top = _top_level(model_json, ident)
        if ident in names and top is not None:
            no_id.append(f"coalesce(gamma_{ident}, -1) < {top}")
    unless = " AND ".join(no_id) if no_id else "TRUE"
    cases = [
        f"WHEN gamma_{field} = 0 AND {unless} THEN '{field}'"
        for field in ("first_name", "date_of_birth")
        if field in names
    ]
    if not cases:
        return "CAST(NULL AS VARCHAR)"
    return "CASE " + " ".join(cases) + " END"


def dates_of_birth_consistent_sql(left: str, right: str) -> str:
    """A SQL condition on two prepared records (table aliases ``left`` and ``right``): their
    dates of birth are the same, or differ only as a slip does (day and month swapped, or one
    of day, month and year different), or one is missing.

    Exact links on NHS number or UPN require it: a relative's number keyed on a child's record
    is the usual way two people come to share one, and a relative's date of birth differs.
    """
    a, b = left, right
    return (
        f"({a}.dob IS NULL OR {b}.dob IS NULL OR {a}.dob = {b}.dob"
        f" OR ({a}.dob_year = {b}.dob_year AND {a}.dob_day = {b}.dob_month"
        f" AND {a}.dob_month = {b}.dob_day)"
        f" OR (CASE WHEN {a}.dob_year = {b}.dob_year THEN 1 ELSE 0 END"
        f" + CASE WHEN {a}.dob_month = {b}.dob_month THEN 1 ELSE 0 END"
        f" + CASE WHEN {a}.dob_day = {b}.dob_day THEN 1 ELSE 0 END) = 2)"
    )
