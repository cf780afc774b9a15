"""The hub's aggregate outputs from the store: the hotspots page, its downloads and map, the
outcomes page, who may see them, and `trustplan hub hotspots|outcomes|kpis`.

The families here are made directly as a family run would store them: Northmoor has 40 (12
meet Troubled Families, three of them already open to early help; 3 meet accumulating
concerns), Eastwick 30 (6 and none), Southdown none, and two families have no locality (one
meets Troubled Families).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from openpyxl import load_workbook

from tests.factories import make_user
from tests.hubcore.rules.builders import adult, child, early_help, facts, police
from trustplan.access.models import Role
from trustplan.hub import aggregates
from trustplan.hub.models import Family, FamilyRun, Flag, LinkRun, Locality
from trustplan.hubcore.rules import Event, Facts, Person
from trustplan.measures.models import Area, DataImport, Indicator, Observation
from trustplan.measures.signals import data_applied

AS_AT = dt.date(2024, 3, 31)
TF = "troubled-families-phase-2"
AC = "accumulating-concerns"


def _families(run: FamilyRun, locality: Locality | None, count: int, prefix: str) -> list[Family]:
    return Family.objects.bulk_create(
        Family(
            run=run, family_id=f"{prefix}-{n}", household_id=f"H-{prefix}-{n}", locality=locality
        )
        for n in range(count)
    )


def _flag(family: Family, rule_set: str) -> Flag:
    return Flag(
        family=family, rule_set=rule_set, rule_set_version="1", criteria=[], indicators=[], score=2
    )


@pytest.fixture
def store(db: None) -> dict[str, Any]:
    link_run = LinkRun.objects.create(engine="duckdb", model="{}")
    run = FamilyRun.objects.create(
        link_run=link_run,
        as_at=AS_AT,
        rule_sets=[{"key": TF, "version": 1}, {"key": AC, "version": 1}],
    )
    north, east, _ = (
        Locality.objects.create(name=n) for n in ("Northmoor", "Eastwick", "Southdown")
    )
    northern = _families(run, north, 40, "N")
    eastern = _families(run, east, 30, "E")
    nowhere = _families(run, None, 2, "X")
    Family.objects.filter(pk__in=[f.pk for f in northern[:3]]).update(open_to_early_help=True)
    Flag.objects.bulk_create(
        [_flag(f, TF) for f in northern[:12] + eastern[:6] + nowhere[:1]]
        + [_flag(f, AC) for f in northern[:3]]
    )
    return {
        "run": run,
        "north": north,
        "analyst": make_user("analyst", Role.ANALYST),
        "hub_analyst": make_user("hub_analyst", Role.HUB_ANALYST),
        "practitioner": make_user("practitioner", Role.HUB_PRACTITIONER, locality=north),
        "admin": make_user("admin", Role.ADMINISTRATOR),
        "viewer": make_user("viewer", Role.VIEWER),
        "outsider": make_user("outsider"),
    }


def _client(store: dict[str, Any], who: str | None = "analyst") -> Client:
    client = Client()
    if who is not None:
        client.force_login(store[who])
    return client


URLS = ["/hub/hotspots/", "/hub/hotspots.csv", "/hub/hotspots.xlsx", "/hub/outcomes/"]


@pytest.fixture
def no_facts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(aggregates, "linked_facts", lambda run: Facts({}, []))


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("analyst", 200),
        ("hub_analyst", 200),
        ("practitioner", 200),
        ("admin", 200),
        ("viewer", 403),
        ("outsider", 403),
    ],
)
def test_who_may_see_the_aggregates(
    store: dict[str, Any], no_facts: None, url: str, who: str, status: int
) -> None:
    assert _client(store, who).get(url).status_code == status


def test_signing_in_is_asked_for_first(store: dict[str, Any]) -> None:
    response = _client(store, None).get("/hub/hotspots/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_hotspots_page_shows_counts_rates_and_withheld_figures(store: dict[str, Any]) -> None:
    page = _client(store).get("/hub/hotspots/").content.decode()
    table = page[page.index('id="hotspots"') : page.index("</table>")]
    rows = table.split("<tr")[2:]
    cells = [[c.split(">", 1)[1].split("<")[0].strip() for c in r.split("<t")[1:]] for r in rows]
    assert [c[0] for c in cells] == [
        "Eastwick",
        "Northmoor",
        "Southdown",
        "Locality not known",
        "All localities",
    ]
    assert cells[1][1:] == ["40", "12", "300.0", "180.7 to 454.3"]
    # Two families with no locality: withheld, and Eastwick's 30 with them so that the
    # partnership's 72 cannot give the two away.
    assert cells[0][1:3] == ["[c]", "[c]"]
    assert cells[3][1:3] == ["[c]", "[c]"]
    assert cells[4][1:4] == ["72", "19", "263.9"]
    assert "including families already open to early help" in page
    assert "[c] Not shown to protect confidentiality: a count of 1 to 4" in page
    assert "<svg" in page
    assert "300.0" in page[page.index("<svg") :]


def test_another_rule_set_is_chosen_by_its_key(store: dict[str, Any]) -> None:
    page = _client(store).get("/hub/hotspots/", {"rule_set": AC}).content.decode()
    assert "Accumulating concerns" in page
    table = page[page.index('id="hotspots"') : page.index("</table>")]
    north = table[table.index("Northmoor") :]
    assert north.split("</tr>")[0].count("[c]") == 3  # 3 families: count, rate and interval
    assert _client(store).get("/hub/hotspots/", {"rule_set": "nope"}).status_code == 404


def test_the_csv_download_is_the_suppressed_table(store: dict[str, Any]) -> None:
    response = _client(store).get("/hub/hotspots.csv")
    assert response["Content-Disposition"] == 'attachment; filename="hub-hotspots-2024-03-31.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:5] == [
        "rule_set",
        "locality",
        "families",
        "families_meeting",
        "rate_per_1000_families",
    ]
    assert rows[2][:7] == [TF, "Northmoor", "40", "12", "300.0", "180.7", "454.3"]
    assert rows[4][:4] == [TF, "Locality not known", "[c]", "[c]"]
    assert rows[4][7].startswith("[c] Not shown")
    assert rows[7][:4] == [AC, "Northmoor", "40", "[c]"]
    assert all(cell not in {"1", "2", "3", "4"} for row in rows[1:] for cell in row[2:4])


def test_csv_cells_cannot_run_as_formulas(store: dict[str, Any]) -> None:
    bad = Locality.objects.create(name="=HYPERLINK(1)")
    _families(store["run"], bad, 8, "B")
    rows = list(csv.reader(io.StringIO(_client(store).get("/hub/hotspots.csv").content.decode())))
    assert rows[1][:2] == [TF, "'=HYPERLINK(1)"]


def test_the_excel_download_has_the_same_table(store: dict[str, Any]) -> None:
    response = _client(store).get("/hub/hotspots.xlsx")
    sheet = load_workbook(io.BytesIO(response.content))["hotspots"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:4] == ["rule_set", "locality", "families", "families_meeting"]
    assert values[2][:7] == [TF, "Northmoor", 40, 12, 300.0, 180.7, 454.3]
    assert values[1][2:4] == ["[c]", "[c]"]


def test_the_map_needs_the_localities_outlines(
    store: dict[str, Any], settings: Any, tmp_path: Path
) -> None:
    settings.DATA_DIR = tmp_path
    page = _client(store).get("/hub/hotspots/").content.decode()
    assert "There is no map yet" in page
    square = [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]]
    outlines = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"ward": "Northmoor"},
                "geometry": {"type": "Polygon", "coordinates": square},
            }
        ],
    }
    source = tmp_path / "wards.geojson"
    source.write_text(json.dumps(outlines), encoding="utf-8")
    out = io.StringIO()
    call_command("hub", "hotspots", "--geojson", str(source), "--name-property", "ward", stdout=out)
    assert "Stored 1 localities' outlines" in out.getvalue()
    assert (tmp_path / "hub" / "localities.geojson").is_file()
    page = _client(store).get("/hub/hotspots/").content.decode()
    assert "There is no map yet" not in page
    map_svg = page[page.index('<h2 class="govuk-heading-l">Map</h2>') :]
    assert "Northmoor" in map_svg
    assert "300.0" in map_svg
    assert "Not on the map, for want of an outline: Eastwick, Southdown." in map_svg


def test_outlines_that_will_not_do_are_refused(store: dict[str, Any], tmp_path: Path) -> None:
    source = tmp_path / "bad.geojson"
    source.write_text('{"type": "Feature"}', encoding="utf-8")
    with pytest.raises(CommandError, match="not a GeoJSON FeatureCollection"):
        call_command("hub", "hotspots", "--geojson", str(source))


def test_hub_hotspots_prints_and_writes_the_table(store: dict[str, Any], tmp_path: Path) -> None:
    out = io.StringIO()
    call_command("hub", "hotspots", stdout=out)
    text = out.getvalue()
    assert "Hotspots as at 2024-03-31" in text
    assert "\n  Northmoor                       40        12      300.0  180.7 to 454.3\n" in text
    assert "\n  Locality not known             [c]       [c]        [c]\n" in text
    assert "\n  Southdown                        0         0\n" in text
    assert text.rstrip().endswith("Zero is shown.")
    target = tmp_path / "hotspots.csv"
    call_command("hub", "hotspots", "--out", str(target), stdout=io.StringIO())
    assert (
        target.read_text(encoding="utf-8")
        == _client(store).get("/hub/hotspots.csv").content.decode()
    )


def test_without_a_family_run_there_is_nothing_to_show(db: None) -> None:
    client = Client()
    client.force_login(make_user("analyst", Role.ANALYST))
    assert "not grouped anyone into families yet" in client.get("/hub/hotspots/").content.decode()
    assert "not grouped anyone into families yet" in client.get("/hub/outcomes/").content.decode()
    assert client.get("/hub/hotspots.csv").status_code == 404
    with pytest.raises(CommandError, match="no family run"):
        call_command("hub", "hotspots")


# Outcomes ------------------------------------------------------------------------------------


def _outcome_facts() -> Facts:
    """13 families with early help from January to June 2023 and a domestic-abuse call-out in
    the year before it; five had another in September 2023."""
    people: list[Person] = []
    events: list[Event] = []
    for n in range(13):
        mum, kid = f"M{n}", f"K{n}"
        people += [adult(mum, f"F{n}"), child(kid, f"F{n}")]
        events += [early_help(p, dt.date(2023, 1, 1), dt.date(2023, 6, 30)) for p in (mum, kid)]
        events.append(police(mum, dt.date(2022, 10, 1)))
        if n < 5:
            events.append(police(mum, dt.date(2023, 9, 1)))
    return facts(people, events)


def test_outcomes_are_measured_on_the_current_run_s_linked_facts(
    store: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[FamilyRun] = []

    def linked(run: FamilyRun) -> Facts:
        asked.append(run)
        return _outcome_facts()

    monkeypatch.setattr(aggregates, "linked_facts", linked)
    page = _client(store, "practitioner").get("/hub/outcomes/").content.decode()
    assert asked == [store["run"]]
    assert '<strong id="closed">13</strong>' in page
    tf = page[page.index("Troubled Families") :]
    six = tf[tf.index("6 months after support closed") : tf.index("12 months after")]
    assert (
        'With significant and sustained progress</dt><dd class="govuk-summary-list__value">8 (61.5%'
        in six
    )
    abuse = six[six.index("Families affected by domestic violence and abuse") :]
    assert [c.split("<")[0] for c in abuse.split('numeric">')[1:3]] == ["13", "5"]
    out = io.StringIO()
    call_command("hub", "outcomes", stdout=out)
    assert "8 with significant and sustained progress (61.5%)" in out.getvalue()
    assert "12 months after support closed: 0 families" in out.getvalue()


# KPIs ----------------------------------------------------------------------------------------


def _kpi_facts(open_children: int = 5) -> Facts:
    people: list[Person] = []
    events: list[Event] = []
    for n in range(6):
        people += [adult(f"D{n}", f"DA{n}"), child(f"DA{n}a", f"DA{n}"), child(f"DA{n}b", f"DA{n}")]
        events.append(police(f"D{n}", dt.date(2024, 1, 10)))
    for n in range(open_children):
        people.append(child(f"EH{n}", "EH"))
        events.append(early_help(f"EH{n}", dt.date(2024, 2, 1)))
    return facts(people, events)


@pytest.fixture
def indicators(store: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> dict[str, Indicator]:
    Area.objects.create(code="E06000044", name="Portsmouth", kind="local_authority")
    monkeypatch.setattr(aggregates, "linked_facts", lambda run: _kpi_facts())
    return {
        key: Indicator.objects.create(
            key=key, name=key, value_type="count", frequency=frequency, decimals=0
        )
        for key, frequency in [
            ("children-open-to-early-help", "monthly"),
            ("children-in-high-risk-domestic-abuse-situations", "quarterly"),
        ]
    }


def test_hub_kpis_writes_the_counts_as_observations(
    indicators: dict[str, Indicator], django_capture_on_commit_callbacks: Any
) -> None:
    sent: list[set[str]] = []

    def receiver(sender: object, record: DataImport, indicator_keys: set[str], **_: object) -> None:
        sent.append(indicator_keys)

    data_applied.connect(receiver)
    try:
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("hub", "kpis", "--as-at", "2024-03-31", stdout=out)
    finally:
        data_applied.disconnect(receiver)
    early = Observation.objects.get(indicator__key="children-open-to-early-help")
    assert (early.period_label, early.value, early.source) == (
        "Mar 2024",
        5.0,
        "Family intelligence hub",
    )
    abuse = Observation.objects.get(
        indicator__key="children-in-high-risk-domestic-abuse-situations"
    )
    assert (abuse.period_label, abuse.value) == ("2023/24 Q4", 12.0)
    assert "troubled-families-phase-2: domestic_abuse" in abuse.note
    assert sent == [set(indicators)]
    text = out.getvalue()
    assert "       5  children-open-to-early-help  -> children-open-to-early-help" in text
    assert "families-meeting-troubled-families-phase-2  (not written)" in text
    assert "(applied)" in text


def test_a_dry_run_changes_nothing(indicators: dict[str, Indicator]) -> None:
    out = io.StringIO()
    call_command("hub", "kpis", "--as-at", "2024-03-31", "--dry-run", stdout=out)
    assert not Observation.objects.exists()
    assert DataImport.objects.get().outcome == DataImport.Outcome.DRY_RUN
    assert "observations created" in out.getvalue()


def test_a_small_count_is_written_as_no_value_with_the_reason(
    indicators: dict[str, Indicator], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(aggregates, "linked_facts", lambda run: _kpi_facts(open_children=3))
    call_command("hub", "kpis", "--as-at", "2024-03-31", stdout=io.StringIO())
    early = Observation.objects.get(indicator__key="children-open-to-early-help")
    assert early.value is None
    assert "[c] Not shown to protect confidentiality" in early.note


def test_unknown_indicators_and_dates_that_end_no_period_are_refused(
    indicators: dict[str, Indicator], tmp_path: Path
) -> None:
    with pytest.raises(CommandError, match="2024-03-15 is not the last day"):
        call_command("hub", "kpis", "--as-at", "2024-03-15", stdout=io.StringIO())
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        "area_code: E06000044\nindicators:\n  children-open-to-early-help: no-such-indicator\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="no indicator has the key no-such-indicator"):
        call_command("hub", "kpis", "--as-at", "2024-03-31", "--mapping", str(mapping))
    mapping.write_text("area_code: E06000044\nindicators:\n  typo: x\n", encoding="utf-8")
    with pytest.raises(CommandError, match="measures the hub does not count: typo"):
        call_command("hub", "kpis", "--as-at", "2024-03-31", "--mapping", str(mapping))
    assert not Observation.objects.exists()


def test_outcomes_read_the_run_s_own_linked_facts(store: dict[str, Any]) -> None:
    # No records are linked in this store, so no family has early help to measure.
    found = aggregates.current_outcomes()
    assert found is not None
    assert found.on == AS_AT
    assert found.closed.text == "0"
    assert [rule.rule_key for rule in found.rules] == [TF, AC]
