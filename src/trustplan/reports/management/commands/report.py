"""`trustplan report`: build a board pack, the annual report, the scorecard or the Plan on a
Page as a file, from the same content the app's pages show."""

from __future__ import annotations

import os
import tempfile
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from trustplan.cli import iso_date
from trustplan.config.database import require_migrated_database
from trustplan.delivery.models import ReportingQuarter
from trustplan.delivery.quarters import Quarter, QuarterCodeError, parse_financial_year
from trustplan.periods import Period
from trustplan.plans.models import Board, Plan
from trustplan.reports import packs, rendering
from trustplan.reports.annual import Meeting, build_annual_report
from trustplan.reports.models import PackSnapshot
from trustplan.reports.plan_page import build_plan_on_a_page
from trustplan.reports.scorecard import build_scorecard


class Command(BaseCommand):
    help = "Build reports as files (PDF, DOCX, XLSX, HTML), and publish quarterly board packs."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="report", required=True, metavar="REPORT")
        quarterly = sub.add_parser("quarterly", help="A board's quarterly pack.")
        self._plan(quarterly)
        quarterly.add_argument("--board", required=True, help="The board's key.")
        quarterly.add_argument("--quarter", required=True, help="e.g. 2021-Q1 (April-June 2021).")
        which = quarterly.add_mutually_exclusive_group()
        which.add_argument("--version", type=int, help="A published version (default: latest).")
        which.add_argument("--draft", action="store_true", help="The live, unpublished pack.")
        self._output(quarterly, rendering.PACK_FORMATS)

        annual = sub.add_parser(
            "annual", help="The annual report to the Health and Wellbeing Board."
        )
        self._plan(annual)
        annual.add_argument("--year", required=True, help="The financial year, e.g. 2021/22.")
        annual.add_argument("--meeting-date", type=iso_date, help="YYYY-MM-DD.")
        annual.add_argument("--meeting", default=Meeting.title, help="Title of meeting.")
        annual.add_argument(
            "--report-by", default=Meeting.report_by, help="Report by (and signed by)."
        )
        annual.add_argument("--wards", default=Meeting.wards_affected, help="Wards affected.")
        annual.add_argument(
            "--for-decision",
            action="store_true",
            help="Not an 'information only' item (adds no recommendations by itself).",
        )
        self._output(annual, rendering.ANNUAL_FORMATS)

        page = sub.add_parser("plan-on-a-page", help="The Plan on a Page as a one-page PDF.")
        self._plan(page)
        page.add_argument("--paper", choices=rendering.PAPERS, default="a4")
        page.add_argument("--out", type=Path, required=True)

        card = sub.add_parser("scorecard", help="Every priority's KPIs, judged, on one page.")
        self._plan(card)
        card.add_argument("--board", help="Only this board's priorities (its key).")
        self._output(card, rendering.SCORECARD_FORMATS)

        publish = sub.add_parser(
            "publish", help="Freeze a board's quarterly pack as a new version."
        )
        self._plan(publish)
        publish.add_argument("--board", required=True)
        publish.add_argument("--quarter", required=True)
        publish.add_argument("--by", help="The username to record as publisher.")

    @staticmethod
    def _plan(parser: ArgumentParser) -> None:
        parser.add_argument("--plan", required=True, help="The plan's slug.")

    @staticmethod
    def _output(parser: ArgumentParser, formats: dict[str, Any]) -> None:
        parser.add_argument("--format", choices=sorted(formats), default="pdf")
        parser.add_argument("--out", type=Path, required=True, help="The file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        require_migrated_database()
        plan = _plan(options["plan"])
        report = options["report"]
        if report == "publish":
            self._publish(plan, options)
            return
        if report == "quarterly":
            data = self._quarterly(plan, options)
        elif report == "annual":
            year = _year(options["year"])
            meeting = Meeting(
                title=options["meeting"],
                date=options["meeting_date"],
                report_by=options["report_by"],
                wards_affected=options["wards"],
                information_only=not options["for_decision"],
            )
            content = build_annual_report(plan, year, meeting)
            data = rendering.ANNUAL_FORMATS[options["format"]].render(content)
        elif report == "scorecard":
            board = _board(plan, options["board"]) if options["board"] else None
            data = rendering.SCORECARD_FORMATS[options["format"]].render(
                build_scorecard(plan, board)
            )
        else:
            data = rendering.plan_on_a_page(build_plan_on_a_page(plan), options["paper"])
        _write(options["out"], data)
        self.stdout.write(f"Wrote {options['out']} ({len(data):,} bytes)")

    def _quarterly(self, plan: Plan, options: dict[str, Any]) -> bytes:
        board = _board(plan, options["board"])
        quarter = _quarter(plan, options["quarter"])
        if options["draft"]:
            pack = packs.live_pack(board, quarter)
        else:
            snapshots = PackSnapshot.objects.filter(board=board, quarter=quarter)
            snapshot = (
                snapshots.filter(version=options["version"]).first()
                if options["version"]
                else snapshots.order_by("-version").first()
            )
            if snapshot is None:
                published = ", ".join(str(s.version) for s in snapshots) or "none"
                wanted = (
                    f"version {options['version']} of the pack" if options["version"] else "pack"
                )
                raise CommandError(
                    f"No published {wanted} for {board.name}, {quarter.label} "
                    f"(published versions: {published}). "
                    "Use --draft for the live pack, or publish it first."
                )
            pack = snapshot.pack()
        return rendering.PACK_FORMATS[options["format"]].render(pack)

    def _publish(self, plan: Plan, options: dict[str, Any]) -> None:
        board = _board(plan, options["board"])
        quarter = _quarter(plan, options["quarter"])
        user = None
        if options["by"]:
            user = get_user_model().objects.filter(username=options["by"]).first()
            if user is None:
                raise CommandError(f"No user is called {options['by']!r}.")
        try:
            snapshot = packs.publish(board, quarter, by=user)
        except packs.PackError as error:
            raise CommandError(f"Not published: {error}") from error
        self.stdout.write(f"Published version {snapshot.version} of {snapshot}.")


def _plan(slug: str) -> Plan:
    plan = Plan.objects.filter(slug=slug).first()
    if plan is None:
        known = ", ".join(Plan.objects.values_list("slug", flat=True)) or "none loaded"
        raise CommandError(f"No plan is called {slug!r} (plans: {known}).")
    return plan


def _board(plan: Plan, key: str) -> Board:
    board = plan.boards.filter(key=key).first()
    if board is None:
        known = ", ".join(plan.boards.values_list("key", flat=True)) or "none"
        raise CommandError(f"{plan.title} has no board {key!r} (its boards: {known}).")
    return board


def _quarter(plan: Plan, code: str) -> ReportingQuarter:
    try:
        parsed = Quarter.parse(code)
    except QuarterCodeError as error:
        raise CommandError(str(error)) from error
    quarter = plan.quarters.filter(code=parsed.code).first()
    if quarter is None:
        known = ", ".join(plan.quarters.values_list("code", flat=True)) or "none yet"
        raise CommandError(
            f"{parsed.label} has not been opened for {plan.title} (its quarters: {known})."
        )
    return quarter


def _year(code: str) -> Period:
    try:
        return parse_financial_year(code)
    except QuarterCodeError as error:
        raise CommandError(str(error)) from error


def _write(path: Path, data: bytes) -> None:
    """Write whole or not at all: a failure never leaves half a file where a report was."""
    if not path.parent.is_dir():
        raise CommandError(f"The folder {path.parent} does not exist.")
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
