"""`trustplan hub localities|families`: the locality lookup, and grouping the linked people into
families with the rule sets evaluated on them; and the families' part of `hub evaluate`."""

from __future__ import annotations

import datetime as dt
from argparse import _SubParsersAction
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, OutputWrapper

from trustplan.cli import iso_date
from trustplan.hub.families import latest_family_run, linked_records, load_localities, run_families
from trustplan.hub.loading import IDENTITY
from trustplan.hub.models import FamilyRun, HubRecord
from trustplan.hubcore import evaluation
from trustplan.hubcore.families import LocalitiesError
from trustplan.hubcore.families.city import truth_facts
from trustplan.hubcore.families.measure import Measured, TrueFlags, measure, true_flags
from trustplan.hubcore.rules import RuleSet, shipped_rule_sets
from trustplan.measures.judging import as_of


def register(sub: _SubParsersAction[Any]) -> None:
    localities = sub.add_parser(
        "localities", help="Load the postcode sector to locality lookup (CSV, all or nothing)."
    )
    localities.add_argument("file", type=Path)
    families = sub.add_parser(
        "families", help="Group the linked people into families and evaluate the rule sets."
    )
    families.add_argument(
        "--as-at", type=iso_date, help="The day to group and evaluate as at (default: today)."
    )
    families.add_argument(
        "--rule-set",
        action="append",
        dest="rule_sets",
        metavar="KEY",
        help="A shipped rule set to evaluate (repeat for more; default: all of them).",
    )


def localities(stdout: OutputWrapper, options: dict[str, Any]) -> None:
    path: Path = options["file"]
    if not path.is_file():
        raise CommandError(f"{path} is not a file.")
    try:
        loaded = load_localities(path.read_bytes(), path.name)
    except LocalitiesError as error:
        raise CommandError(f"{path.name} was not loaded: {error}.") from error
    stdout.write(
        f"{path.name}: {loaded.sectors:,} postcode sectors in {loaded.localities:,} localities "
        f"({loaded.added:,} sectors added, {loaded.moved:,} moved to another locality)."
    )


def chosen_rule_sets(keys: list[str] | None) -> list[RuleSet]:
    """The shipped rule sets named by ``keys`` (all of them if none are)."""
    shipped = shipped_rule_sets()
    unknown = sorted(set(keys or ()) - set(shipped))
    if unknown:
        raise CommandError(
            f"No shipped rule set is called {', '.join(unknown)} "
            f"(they are: {', '.join(sorted(shipped))})."
        )
    return [shipped[key] for key in dict.fromkeys(keys)] if keys else list(shipped.values())


def families(stdout: OutputWrapper, options: dict[str, Any]) -> None:
    rules = chosen_rule_sets(options["rule_sets"])
    as_at = options["as_at"] or as_of()
    try:
        run = run_families(as_at=as_at, rule_sets=rules, say=stdout.write)
    except ValueError as error:
        raise CommandError(str(error)) from error
    for line in summary(run):
        stdout.write(line)


def summary(run: FamilyRun) -> list[str]:
    """A family run on one screen: families, flags by rule set, families by locality."""
    counts = run.counts
    seconds = sum(run.timings.values())
    lines = [
        f"Family run {run.pk} as at {run.as_at:%d %B %Y}, in {seconds:.1f} s: "
        f"{counts['families']:,} families ({counts['with_children']:,} with dependent children, "
        f"{counts['expectant_only']:,} expecting, with none yet) among {counts['people']:,} people "
        f"in {counts['households']:,} households.",
        f"{'rule set':<40}{'flagged':>9}{'already open':>14}",
    ]
    for key, figures in counts["rule_sets"].items():
        lines.append(f"{key:<40}{figures['flagged']:>9,}{figures['already_open']:>14,}")
    lines.append(f"{'locality':<40}{'families':>9}{'flagged':>14}")
    for name, figures in counts["localities"].items():
        lines.append(f"{name:<40}{figures['families']:>9,}{figures['flagged']:>14,}")
    lines.append("Flagged: meets a rule set and is not already open to early help or social care.")
    return lines


# The families' part of `hub evaluate` -----------------------------------------------------------


def evaluation_day(given: dt.date | None) -> dt.date:
    """The day `hub evaluate` measures families as at: the one given, else the latest family
    run's, else today."""
    run = latest_family_run()
    return given or (run.as_at if run else as_of())


def report_families(stdout: OutputWrapper, folder: Path, as_at: dt.date) -> None:
    """The grouping's and each rule set's flags' scores against the city's truth, for the hub's
    linkage and the naive baseline's, and flag rates by ethnicity and by sex."""
    truth = evaluation.load_truth(folder)
    rules = list(shipped_rule_sets().values())
    true = true_flags(truth, truth_facts(folder, truth), rules, as_at)
    identities = HubRecord.objects.values("feed_type", "record_id", *IDENTITY)
    baseline = evaluation.baseline_clusters(
        {**row, "feed": row["feed_type"]} for row in identities.iterator(chunk_size=10_000)
    )
    ours = measure(linked_records(), true, rules)
    naive = measure(linked_records(baseline), true, rules)
    for line in _scores(true, ours, naive):
        stdout.write(line)


def _scores(true: TrueFlags, ours: Measured, naive: Measured) -> list[str]:
    lines = [
        f"Families as at {true.as_at:%d %B %Y}, pairs of people placed in one family:",
        f"{'':<34}{'precision':>10}{'recall':>10}{'F1':>10}{'families':>10}",
    ]
    for name, measured in (("trustplan families", ours), ("baseline families", naive)):
        s = measured.grouping
        lines.append(
            f"{name:<34}{s.precision:>10.5f}{s.recall:>10.5f}{s.f1:>10.5f}{measured.families:>10,}"
        )
    lines += [
        "Family flags against the truth (meets the rule set, not already open):",
        f"{'rule set':<40}{'true':>6}{'trustplan  P / R':>20}{'baseline  P / R':>20}",
    ]
    for number, (mine, theirs) in enumerate(zip(ours.flags, naive.flags, strict=True), 1):
        lines.append(
            f"{number} {mine.rule_key:<38}{mine.truly_flagged:>6,}"
            f"{mine.flagged:>6,}{mine.precision:>7.3f}{mine.recall:>7.3f}"
            f"{theirs.flagged:>6,}{theirs.precision:>7.3f}{theirs.recall:>7.3f}"
        )
    for attribute, by_rule in ours.rates.items():
        keys = list(by_rule)
        lines.append(f"Flag rates by {attribute}: people in a flagged family, trustplan/truth:")
        lines.append(
            f"  {'':<12}{'people':>8}" + "".join(f"{n:>15}" for n in range(1, len(keys) + 1))
        )
        for index, rate in enumerate(by_rule[keys[0]]):
            cells = "".join(
                f"{by_rule[k][index].rate:>8.4f}/{by_rule[k][index].true_rate:.4f}" for k in keys
            )
            lines.append(f"  {rate.group:<12}{rate.people:>8,}{cells}")
    return lines


ACTIONS = {"localities": localities, "families": families}
