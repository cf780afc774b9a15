"""`trustplan hub link|decide|evaluate`: linking records into people, and scoring it (and the
families and flags built on it) against a synthetic city's truth."""

from __future__ import annotations

from argparse import _SubParsersAction
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, OutputWrapper

from trustplan.cli import iso_date
from trustplan.hub.cli.families import evaluation_day, report_families
from trustplan.hub.linking import person_of, run_linking
from trustplan.hub.loading import IDENTITY
from trustplan.hub.models import HubRecord, ReviewDecision
from trustplan.hubcore import evaluation
from trustplan.hubcore.linking import EngineUnavailableError


def register(sub: _SubParsersAction[Any]) -> None:
    linking = sub.add_parser("link", help="Link every stored record into people.")
    linking.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb")
    evaluate = sub.add_parser(
        "evaluate", help="Score the latest linking against a synthetic city's truth."
    )
    evaluate.add_argument("--truth", type=Path, required=True, help="The city's folder.")
    evaluate.add_argument(
        "--as-at",
        type=iso_date,
        help="The day to measure families and flags as at (default: the latest family run's).",
    )
    decide = sub.add_parser("decide", help="Record a reviewer's decision on a pair.")
    decide.add_argument("id_l", help="feed:record_id")
    decide.add_argument("id_r", help="feed:record_id")
    decide.add_argument("decision", choices=["match", "no_match"])
    decide.add_argument("--reason", required=True)


def link(stdout: OutputWrapper, options: dict[str, Any]) -> None:
    try:
        run = run_linking(engine=options["engine"], say=stdout.write)
    except (ValueError, EngineUnavailableError) as error:
        raise CommandError(str(error)) from error
    counts = ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in run.counts.items())
    seconds = run.timings.get("total", sum(run.timings.values()))
    stdout.write(f"Link run {run.pk} in {seconds:.1f} s: {counts}.")
    stdout.write(f"  {run.review_pairs.count():,} pairs wait for clerical review.")


def evaluate(stdout: OutputWrapper, options: dict[str, Any]) -> None:
    folder: Path = options["truth"]
    if not (folder / "truth_records.csv").is_file():
        raise CommandError(f"{folder} has no truth_records.csv.")
    truth = evaluation.load_truth(folder)
    predicted = person_of()
    held = {key: truth.person_of[key] for key in predicted if key in truth.person_of}
    if not held:
        raise CommandError("No linked record is in the truth: link the city's feeds first.")
    ours = evaluation.pairwise_scores({k: predicted[k] for k in held}, held)
    identities = HubRecord.objects.values("feed_type", "record_id", *IDENTITY)
    baseline = evaluation.baseline_clusters(
        {**row, "feed": row["feed_type"]} for row in identities.iterator(chunk_size=10_000)
    )
    naive = evaluation.pairwise_scores({k: baseline[k] for k in held}, held)
    stdout.write(f"{len(held):,} records scored against {folder / 'truth_records.csv'}")
    stdout.write(f"{'':<34}{'precision':>10}{'recall':>10}{'F1':>10}")
    for name, scores in (
        ("trustplan (Splink)", ours),
        ("baseline: name + date of birth", naive),
    ):
        stdout.write(f"{name:<34}{scores.precision:>10.5f}{scores.recall:>10.5f}{scores.f1:>10.5f}")
    for attribute in ("ethnicity", "sex"):
        stdout.write(f"Linkage errors by {attribute} (missed-link and false-link rates):")
        for rates in evaluation.rates_by_group(
            {k: predicted[k] for k in held}, held, truth.group_of(attribute)
        ):
            stdout.write(
                f"  {rates.group or 'not recorded':<14}{rates.people:>8,} people  "
                f"missed {rates.missed_link_rate:.5f}  false {rates.false_link_rate:.5f}"
            )
    if (folder / "truth_people.csv").is_file():
        report_families(stdout, folder, evaluation_day(options["as_at"]))


def decide(stdout: OutputWrapper, options: dict[str, Any]) -> None:
    ids = sorted([options["id_l"], options["id_r"]])
    for record in ids:
        feed, _, record_id = record.partition(":")
        if not HubRecord.objects.filter(feed_type=feed, record_id=record_id).exists():
            raise CommandError(f"No stored record is {record!r} (write it as feed:record_id).")
    decision, _ = ReviewDecision.objects.update_or_create(
        id_l=ids[0],
        id_r=ids[1],
        defaults={"decision": options["decision"], "reason": options["reason"]},
    )
    stdout.write(f"Recorded: {decision.get_decision_display()}. The next `hub link` respects it.")


ACTIONS = {"link": link, "evaluate": evaluate, "decide": decide}
