"""No aggregate output shows a count of people from 1 to 4: every report and export, read back.

The test plan's three KPIs hold counts of people, and some of their values are small, in some
years and some areas, beside values of 5 or more in others. The data are imported as analysts
import them. Judged for Portsmouth as at 1 August 2023:

- ``domestic-abuse`` (priority 2, KPI 2) counts children: 3 in 2018/19 and 2 in 2022/23 (the
  latest) are withheld; 14, 11, 9, 12, 8 and 6 are shown. Southampton's 4 for 2022/23 is
  withheld, Brighton's 15 shown. Lower is better and the target is 0, so the latest value is
  red: judged on the true value, shown as ``[c]``;
- ``fte`` (priority 2, KPI 1) is a rate per 100,000 from its numerator: 3 (16.8) in 2018/19 and
  4 (22.3) in 2021/22 are withheld with their rates; the latest, 52 (290.5), is shown;
- ``attendance`` (priority 1) is a percentage of a cohort: 3 of 250 (1.2%) in 2017/18 is
  withheld, and so are 396 of 400 (99.0%) and 398 of 400 (99.5%, the latest), since they tell
  a reader that 4 and 2 children did not; 90.0%, 94.0%, 95.0%, 92.5% and 91.0% are shown.

Every output is rendered in every format and read back (python-docx, openpyxl, pypdf, HTML,
JSON): the withheld values appear nowhere, neither as counts ("2 children", a "3" in a
numerator cell) nor as the rates and percentages made from them, and ``[c]`` with the footnote
stands in their place; a value of 5 or more still appears.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.delivery.conftest import fill, in_cycle  # noqa: F401 - a fixture used here
from tests.hub.test_aggregates import store  # noqa: F401 - a fixture used here
from tests.measures.conftest import AS_OF, load
from trustplan.charts import text_alternative
from trustplan.delivery.alerts import check_kpis
from trustplan.disclosure import FOOTNOTE, MARKER
from trustplan.documents import pdf, spreadsheet, word
from trustplan.measures.assessing import judge_indicator
from trustplan.measures.charting import chart_data
from trustplan.measures.disclosing import disclose
from trustplan.measures.models import Area, Indicator
from trustplan.needs.generating import generate, groups_by_priority
from trustplan.plans.models import KeyPerformanceIndicator, Plan
from trustplan.reports import packs
from trustplan.reports.kpis import kpi_row
from trustplan.reports.models import PackSnapshot

YEARS = [f"{year}/{(year + 1) % 100:02d}" for year in range(2015, 2023)]
PORTSMOUTH, ENGLAND, SOUTHAMPTON, BRIGHTON = "E06000044", "E92000001", "E06000045", "E06000043"

DEFINITIONS = """key,name,polarity,unit,frequency,value_type,multiplier,decimals,source,definition
domestic-abuse,Children in domestic abuse cases,low_is_good,children,annual,count,1,0,Test,Children
fte,First time entrants,low_is_good,per 100000 aged 10-17,annual,rate,100000,1,Test,Entrants
attendance,Children attending well,high_is_good,%,annual,proportion,100,1,Test,Children
"""
AREAS = """area_code,area_name,area_kind,parent_code
E92000001,England,country,
E12000008,South East,region,
E06000044,Portsmouth,local_authority,E12000008
E06000045,Southampton,local_authority,E12000008
E06000043,Brighton and Hove,local_authority,E12000008
"""
GROUP = """group_code,group_name,group_kind,member_code,rank
SN-TEST,Test neighbours,statistical_neighbours,E06000045,1
SN-TEST,Test neighbours,statistical_neighbours,E06000043,2
"""
TARGETS = """indicator,area_code,due,target,tolerance,label,source
domestic-abuse,E06000044,2024-03-31,0,,March 2024 target,Test plan
fte,E06000044,2024-03-31,280,5%,March 2024 target,Test plan
attendance,E06000044,2024-03-31,95,,March 2024 target,Test plan
"""
ABUSE = [14, 11, 9, 3, 12, 8, 6, 2]
ENTRANTS = [60, 55, 50, 3, 48, 45, 4, 52]  # of 17,900 aged 10-17
ATTENDING = [(180, 200), (188, 200), (3, 250), (190, 200), (185, 200), (396, 400), (182, 200)]
ATTENDING.append((398, 400))

# Withheld, as outputs would print them in words: the counts with their unit, and the rates and
# percentages made from small counts (not inside another number). Tables print values without
# their unit, and are read cell by cell.
WITHHELD_WORDS = ["2 children", "3 children", "4 children", "16.8", "22.3", "1.2%", "99.0%"]
WITHHELD_WORDS += ["99.5%"]
SHOWN_LATEST = "290.5 per 100000 aged 10-17"


def observations() -> str:
    rows = ["indicator,area_code,period,value,numerator,denominator,source,note"]
    for year, count, entrants, (met, cohort) in zip(YEARS, ABUSE, ENTRANTS, ATTENDING, strict=True):
        rows += [
            f"domestic-abuse,{PORTSMOUTH},{year},{count},,,Test,",
            f"domestic-abuse,{ENGLAND},{year},33000,,,Test,",
            f"fte,{PORTSMOUTH},{year},,{entrants},17900,Test,",
            f"fte,{ENGLAND},{year},230,,,Test,",
            f"attendance,{PORTSMOUTH},{year},,{met},{cohort},Test,",
            f"attendance,{ENGLAND},{year},93.0,,,Test,",
        ]
    rows += [
        f"domestic-abuse,{SOUTHAMPTON},2022/23,4,,,Test,",
        f"domestic-abuse,{BRIGHTON},2022/23,15,,,Test,",
    ]
    return "\n".join(rows) + "\n"


@pytest.fixture
def small(in_cycle: dict[str, Any], settings: Any) -> dict[str, Any]:  # noqa: F811
    """The plan in its cycle with the small counts above; the lead's commentary and the
    owner's update approved, so every part of a pack is there."""
    settings.TRUSTPLAN_AS_OF = AS_OF
    Plan.objects.update(area_code=PORTSMOUTH)
    for text in (DEFINITIONS, AREAS, GROUP, observations(), TARGETS):
        outcome = load(text)
        assert outcome.record.outcome == "applied", outcome.record.rejected_rows
    update = fill(in_cycle["update"], rating="amber", narrative="Two triage staff short.")
    update.submit(by=in_cycle["owner"])
    update.approve(by=in_cycle["lead"])
    commentary = in_cycle["quarter"].commentaries.get(priority=in_cycle["safeguarding"])
    commentary.going_well, commentary.needs_to_improve = "Triage within a day.", "Referrals."
    commentary.submit(by=in_cycle["lead"])
    in_cycle["plan"].refresh_from_db()
    analyst = Client()
    analyst.force_login(in_cycle["analyst"])
    return {**in_cycle, "client": analyst}


# Reading outputs back ----------------------------------------------------------------------


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF")
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages
    )


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    parts += [
        shape._inline.docPr.get("descr") or "" for shape in document.inline_shapes
    ]  # the sparklines' alternative text
    return "\n".join(parts)


def xlsx_sheets(data: bytes) -> dict[str, list[list[object]]]:
    book = load_workbook(io.BytesIO(data))
    return {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in book.worksheets
    }


def xlsx_text(data: bytes) -> str:
    return "\n".join(
        "\t".join("" if cell is None else str(cell) for cell in row)
        for rows in xlsx_sheets(data).values()
        for row in rows
    )


def html_text(data: bytes) -> str:
    """The page as a reader gets it: its text, attributes and inline SVG (charts included)."""
    return data.decode()


def found(text: str, words: str) -> bool:
    """Whether ``words`` appear in ``text`` as a whole (not inside a longer number)."""
    return re.search(rf"(?<![\w.]){re.escape(words)}(?![\w]|\.\d)", text) is not None


def assert_protected(text: str, *, where: str) -> None:
    """No withheld value anywhere in ``text``; ``[c]`` and the footnote instead."""
    shown = [words for words in WITHHELD_WORDS if found(text, words)]
    assert not shown, f"{where} shows {shown}"
    assert MARKER in text, f"{where} has no {MARKER}"
    assert "not shown to protect confidentiality" in " ".join(text.split()).lower(), where


def get(small: dict[str, Any], url: str) -> bytes:
    response = small["client"].get(url)
    assert response.status_code == 200, (url, response.status_code)
    return bytes(response.content)


PACK = "/plans/test-plan/boards/{board}/packs/2023-Q3"
READERS = {"pdf": pdf_text, "docx": docx_text, "xlsx": xlsx_text, "html": html_text}


# The reports ---------------------------------------------------------------------------------


@pytest.mark.parametrize("board", ["safeguarding-board", "education-board"])
@pytest.mark.parametrize("fmt", ["page", "pdf", "docx", "xlsx", "html"])
def test_the_live_board_pack_in_every_format(small, board: str, fmt: str) -> None:
    url = f"{PACK.format(board=board)}/" if fmt == "page" else f"{PACK.format(board=board)}.{fmt}"
    text = READERS.get(fmt, html_text)(get(small, url))
    assert_protected(text, where=f"{board} pack ({fmt})")
    if board == "safeguarding-board":
        assert SHOWN_LATEST in text


def test_the_pack_says_red_on_the_true_value_and_shows_c(small) -> None:
    pack = packs.live_pack(small["safeguarding"].board, small["quarter"])
    kpis = {k.indicator_code: k for p in pack.priorities for k in p.kpis}
    abuse = kpis["domestic-abuse"]
    assert (abuse.latest, abuse.latest_period, abuse.rag.value) == (MARKER, "2022/23", "red")
    assert abuse.interval is None
    assert abuse.suppressed
    assert abuse.rag_explanation.startswith("Red: [c] against the March 2024 target of 0 children")
    assert "[c] for 2022/23 is red against the March 2024 target of 0 children" in abuse.headline
    fte = kpis["fte"]
    assert fte.latest == SHOWN_LATEST
    assert fte.rag.value == "amber"
    withheld = {v.period for v in fte.series if v.suppressed}
    assert withheld == {"2018/19", "2021/22"}
    for value in fte.series:
        if value.period in withheld:
            assert (value.value, value.lower, value.numerator) == (None, None, None)
            assert value.numerator_suppressed
        else:
            assert value.value is not None
            assert value.numerator is not None
            assert value.numerator >= 5


def test_the_data_appendix_holds_c_where_a_value_is_withheld(small) -> None:
    data = get(small, f"{PACK.format(board='safeguarding-board')}.xlsx")
    sheets = xlsx_sheets(data)
    series = {(row[2], row[3]): row for row in sheets["Series"][1:]}
    # value, lower, upper, numerator, denominator
    assert series[("domestic-abuse", "2022/23")][4:7] == [MARKER, MARKER, MARKER]
    assert series[("domestic-abuse", "2018/19")][4] == MARKER
    assert series[("domestic-abuse", "2019/20")][4] == 12
    assert series[("fte", "2018/19")][4:9] == [MARKER, MARKER, MARKER, MARKER, 17900]
    assert series[("fte", "2022/23")][7:9] == [52, 17900]
    counts = [row[4] for (code, _), row in series.items() if code == "domestic-abuse"]
    counts += [row[7] for row in series.values()]  # every numerator
    assert not [cell for cell in counts if isinstance(cell, (int, float)) and 1 <= cell <= 4]
    kpis = {row[3]: row for row in sheets["KPIs"][1:]}
    assert kpis["domestic-abuse"][4] == MARKER
    about = dict(row[:2] for row in sheets["About"])
    assert about["Confidentiality"] == FOOTNOTE


def test_a_published_pack_is_frozen_as_shown(small) -> None:
    snapshot = packs.publish(small["safeguarding"].board, small["quarter"], by=small["lead"])
    assert not re.search(r'"latest":"[1-4] children"', snapshot.content)
    assert '"latest":"[c]"' in snapshot.content
    frozen = PackSnapshot.objects.get().pack()
    for name, render in (
        ("pdf", lambda p: pdf_text(pdf.board_pack_pdf(p))),
        ("docx", lambda p: docx_text(word.board_pack_docx(p))),
        ("xlsx", lambda p: xlsx_text(spreadsheet.board_pack_xlsx(p))),
    ):
        text = render(frozen)
        assert_protected(text, where=f"frozen pack ({name})")
        assert SHOWN_LATEST in text
    page = get(small, f"{PACK.format(board='safeguarding-board')}/?version=1")
    assert_protected(html_text(page), where="frozen pack page")


@pytest.mark.parametrize("fmt", ["page", "pdf", "docx", "html"])
def test_the_annual_report_in_every_format(small, fmt: str) -> None:
    url = "/plans/test-plan/annual/2023-24" + ("/" if fmt == "page" else f".{fmt}")
    text = READERS.get(fmt, html_text)(get(small, url))
    assert_protected(text, where=f"annual report ({fmt})")
    assert SHOWN_LATEST in text


@pytest.mark.parametrize("fmt", ["page", "pdf", "xlsx", "html"])
def test_the_scorecard_in_every_format(small, fmt: str) -> None:
    url = "/plans/test-plan/scorecard" + ("/" if fmt == "page" else f".{fmt}")
    text = READERS.get(fmt, html_text)(get(small, url))
    assert_protected(text, where=f"scorecard ({fmt})")
    assert SHOWN_LATEST in text


def test_the_report_command_writes_the_same_protected_files(small, tmp_path: Path) -> None:
    commands = {
        "quarterly": (
            ["--board", "safeguarding-board", "--quarter", "2023-Q3", "--draft"],
            "pdf docx xlsx html",
        ),
        "annual": (["--year", "2023/24"], "pdf docx html"),
        "scorecard": ([], "pdf xlsx html"),
    }
    for report, (args, formats) in commands.items():
        for fmt in formats.split():
            out = tmp_path / f"{report}.{fmt}"
            call_command(
                "report", report, *args, "--plan", "test-plan", "--format", fmt, "--out", out
            )
            text = READERS[fmt](out.read_bytes())
            assert_protected(text, where=f"trustplan report {report} ({fmt})")
            assert SHOWN_LATEST in text


def test_the_plan_on_a_page_shows_no_indicator_values_at_all(small) -> None:
    for text in (
        pdf_text(get(small, "/plans/test-plan/plan-on-a-page.pdf")),
        html_text(get(small, "/plans/test-plan/plan-on-a-page/")),
    ):
        assert not [words for words in WITHHELD_WORDS if found(text, words)]
        assert "children" not in text
        assert "290.5" not in text


# The pages, the alerts, the needs assessment and the API -------------------------------------


def test_the_priority_pages(small) -> None:
    text = html_text(get(small, "/plans/test-plan/priorities/2/"))
    assert_protected(text, where="priority 2's page")
    assert SHOWN_LATEST in text
    assert_protected(html_text(get(small, "/plans/test-plan/priorities/1/")), where="priority 1")


def values_table(page: str) -> dict[str, list[str]]:
    """The indicator page's table of every value: period to its cells."""
    start = page.index("The latest 12 values for")
    table = page[start : page.index("</table>", start)]
    rows = {}
    for row in table.split("<tr")[2:]:
        cells = [re.sub(r"<[^>]+>", "", c.split(">", 1)[1]).strip() for c in row.split("<t")[1:]]
        cells = [c for c in cells if not c.startswith("/")]
        rows[cells[0]] = cells[1:]
    return rows


@pytest.mark.parametrize("key", ["domestic-abuse", "fte", "attendance"])
def test_each_indicator_page_and_its_chart(small, key: str) -> None:
    page = html_text(get(small, f"/indicators/{key}/"))
    assert_protected(page, where=f"the {key} page")
    assert "<svg" in page
    table = values_table(page)
    for cells in table.values():
        value, interval, numerator = cells[0], cells[1], cells[2]
        if value == MARKER:
            assert interval == MARKER
            continue
        assert numerator in ("", *(str(n) for n in range(5, 100_000)))
    withheld = {year for year, cells in table.items() if cells[0] == MARKER}
    assert (
        withheld
        == {
            "domestic-abuse": {"2018/19", "2022/23"},
            "fte": {"2018/19", "2021/22"},
            "attendance": {"2017/18", "2020/21", "2022/23"},
        }[key]
    )
    assert "values are not shown to protect confidentiality" in page  # the chart's text
    if key == "domestic-abuse":
        assert table["2019/20"][0] == "12"
        neighbours = page[page.index("Compared with Test neighbours") :]
        neighbours = neighbours[: neighbours.index("</table>")]
        assert "Brighton and Hove" in neighbours
        assert ">15<" in neighbours
        assert f">{MARKER}<" in neighbours


def test_no_chart_plots_a_withheld_value_or_the_lines_made_from_it(small) -> None:
    """The SPC centre line and limits are the mean and moving ranges of the values: drawn
    exactly in an SVG, beside the values shown, they would give a withheld one back. The
    judgements keep them."""
    indicator, area = Indicator.objects.get(key="fte"), Area.objects.get(code=PORTSMOUTH)
    judged = judge_indicator(indicator, area, as_of=AS_OF)
    public = disclose(judged, indicator, area)
    data = chart_data(public.assessment, area=area.name, benchmark=public.comparators[0])
    plotted = {o.label: o.value for o in data.observations}
    assert (plotted["2018/19"], plotted["2021/22"]) == (None, None)
    assert plotted["2022/23"] == pytest.approx(290.5, abs=0.05)
    assert all(marks.mean is None and marks.upper_limit is None for marks in data.spc)
    assert judged.assessment.spc.chart.limits is not None
    assert public.assessment.spc.variation == judged.assessment.spc.variation
    alternative = text_alternative(data)
    assert not [words for words in WITHHELD_WORDS if found(alternative, words)]
    row, _ = kpi_row(KeyPerformanceIndicator.objects.get(indicator=indicator), area, AS_OF)
    assert row.sparkline_svg is not None
    assert not [w for w in WITHHELD_WORDS if found(docx_text_of_svg(row.sparkline_svg), w)]


def docx_text_of_svg(svg: str) -> str:
    """The words of an SVG (its title and text elements), as a reader or screen reader gets
    them: numbers in its drawing commands are coordinates, not values."""
    return " ".join(re.findall(r"<(?:title|desc|text)[^>]*>([^<]*)<", svg))


def test_another_areas_page(small) -> None:
    page = html_text(get(small, f"/indicators/domestic-abuse/?area={SOUTHAMPTON}"))
    assert_protected(page, where="Southampton's page")
    assert values_table(page)["2022/23"][0] == MARKER


def test_the_kpi_alert_is_judged_red_and_says_c(small) -> None:
    small["lead"].email = "lead@example.org"
    small["lead"].save()
    mail.outbox.clear()
    kpis = KeyPerformanceIndicator.objects.select_related("priority__plan", "indicator")
    alerts = check_kpis(kpis)
    assert "domestic-abuse" in {alert.kpi.indicator.key for alert in alerts}
    bodies = "\n".join(message.body for message in mail.outbox)
    assert_protected(bodies, where="the KPI alert e-mails")


@pytest.mark.parametrize("fmt", ["page", "docx", "pdf"])
def test_the_needs_assessment_in_every_format(small, fmt: str) -> None:
    plan = small["plan"]
    assessment = generate(plan, groups_by_priority(plan), as_of=AS_OF, by=small["analyst"])
    base = f"/plans/test-plan/needs/{assessment.pk}"
    text = READERS.get(fmt, html_text)(get(small, f"{base}/" if fmt == "page" else f"{base}.{fmt}"))
    assert_protected(text, where=f"needs assessment ({fmt})")


def test_the_api_gives_null_and_a_flag_for_a_withheld_value(small) -> None:
    client = small["client"]
    for key in ("domestic-abuse", "fte", "attendance"):
        rows = client.get(f"/api/indicators/{key}/observations").json()
        flagged = {(row["area_code"], row["period"]) for row in rows if row["suppressed"]}
        for row in rows:
            counts = [row["numerator"], row["denominator"]]
            if key == "domestic-abuse":
                counts.append(row["value"])
            assert not [n for n in counts if n is not None and 1 <= n <= 4], row
            if row["suppressed"]:
                assert row["value"] is None
                assert row["lower_ci_95"] is None
                assert row["suppression_note"] == FOOTNOTE
        assessment = client.get(f"/api/indicators/{key}/assessment").json()
        text = json.dumps(assessment)
        assert not [words for words in WITHHELD_WORDS if found(text, words)], key
        if key == "domestic-abuse":
            assert flagged == {
                (PORTSMOUTH, "2018/19"),
                (PORTSMOUTH, "2022/23"),
                (SOUTHAMPTON, "2022/23"),
            }
            assert 12 in [row["value"] for row in rows]
            latest = assessment["latest"]
            assert (latest["value"], latest["formatted"], latest["suppressed"]) == (
                None,
                MARKER,
                True,
            )
            assert assessment["target"]["verdict"] == "red"
        if key == "fte":
            assert assessment["latest"]["formatted"] == SHOWN_LATEST
            assert not assessment["latest"]["suppressed"]


# The hub's aggregates, already suppressed at source -----------------------------------------


def hotspot_counts(rows: list[list[str]]) -> Iterator[str]:
    for row in rows[1:]:
        yield from row[2:4]


def test_the_hubs_hotspots_outcomes_and_kpi_counts(store, tmp_path: Path) -> None:  # noqa: F811
    client = Client()
    client.force_login(store["analyst"])
    rows = list(csv.reader(io.StringIO(client.get("/hub/hotspots.csv").content.decode())))
    assert not [cell for cell in hotspot_counts(rows) if cell in {"1", "2", "3", "4"}]
    counts = list(hotspot_counts(rows))
    assert MARKER in counts
    assert "40" in counts
    sheet = xlsx_sheets(client.get("/hub/hotspots.xlsx").content)["hotspots"]
    assert not [c for row in sheet[1:] for c in row[2:4] if isinstance(c, int) and 1 <= c <= 4]
    page = client.get("/hub/hotspots/").content.decode()
    assert MARKER in page
    assert FOOTNOTE in page
    out = tmp_path / "hotspots.csv"
    call_command("hub", "hotspots", "--out", str(out), stdout=io.StringIO())
    written = list(csv.reader(io.StringIO(out.read_text())))
    assert not [cell for cell in hotspot_counts(written) if cell in {"1", "2", "3", "4"}]
