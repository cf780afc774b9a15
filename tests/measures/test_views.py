"""The indicator page, the priority page's KPI table and the upload pages, for each role."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import client_for
from tests.measures.conftest import observations_csv
from trustplan.measures.models import DataImport, Observation, Rebase


def test_the_indicator_page_explains_every_judgement(kpi_data: dict) -> None:
    content = client_for(kpi_data, "viewer").get("/indicators/fte/").content.decode()
    assert "First time entrants" in content
    assert "Judged as at 1 August 2023" in content
    assert "290.0 per 100000 aged 10-17 for 2022/23" in content
    assert "against the March 2024 target of 280.0 per 100000 aged 10-17" in content
    assert "Compared with England" in content
    assert "Worse than England" in content or "Similar to England" in content
    assert "Recent trend" in content
    assert 'role="img"' in content  # the chart, inline SVG
    assert "<script" not in content.split("<svg", 1)[1].split("</svg>", 1)[0]


def test_the_indicator_page_shows_missing_data_as_missing(kpi_data: dict) -> None:
    from tests.measures.conftest import PORTSMOUTH, load

    load(observations_csv({"E06000044": [*PORTSMOUTH[:-1], None]}))
    content = client_for(kpi_data, "viewer").get("/indicators/fte/").content.decode()
    assert "No data" in content
    assert "Not published" in content


@pytest.mark.parametrize(("who", "status"), [("viewer", 200), ("outsider", 403), (None, 302)])
def test_indicator_pages_follow_the_plan_rules(
    kpi_data: dict, who: str | None, status: int
) -> None:
    assert client_for(kpi_data, who).get("/indicators/fte/").status_code == status


def test_another_area_can_be_chosen(kpi_data: dict) -> None:
    content = client_for(kpi_data, "viewer").get("/indicators/fte/?area=E92000001").content.decode()
    assert "Indicator · England" in content


def test_the_priority_page_judges_each_kpi_in_words(kpi_data: dict) -> None:
    content = client_for(kpi_data, "viewer").get("/plans/test-plan/priorities/2/").content.decode()
    assert "Judged for Portsmouth as at 1 August 2023" in content
    assert "290.0 per 100000 aged 10-17 for 2022/23 is" in content
    assert "Red: target missed" in content or "Amber: within tolerance" in content
    assert 'href="/indicators/fte/"' in content
    assert "No data" in content  # domestic abuse has no data yet, and says so


@pytest.mark.parametrize(
    ("who", "status"), [("analyst", 200), ("admin", 200), ("viewer", 403), ("lead", 403)]
)
def test_the_upload_page_is_for_analysts(kpi_data: dict, who: str, status: int) -> None:
    client = client_for(kpi_data, who)
    assert client.get("/data/imports/new/").status_code == status
    assert client.get("/data/imports/").status_code == status
    assert client.get("/data/template.xlsx").status_code == status


def test_an_analyst_uploads_a_file_with_bad_rows_and_sees_each_one(kpi_data: dict) -> None:
    client = client_for(kpi_data, "analyst")
    bad = "indicator,area_code,period,value\nfte,E06000044,2023/24,abc\nfte,E06000044,2024/25,250\n"
    upload = SimpleUploadedFile("year.csv", bad.encode(), content_type="text/csv")
    response = client.post("/data/imports/new/", {"file": upload, "dry_run": ""}, follow=True)
    content = response.content.decode()
    assert "Rejected: nothing was imported" in content
    assert "1 rejected row" in content
    assert "data row 2" in content or "year row 2" in content or "row 2" in content
    assert not Observation.objects.filter(period_label="2024/25").exists()
    record = DataImport.objects.latest("created_at")
    rejected = client.get(f"/data/imports/{record.pk}/rejected-rows.csv").content.decode()
    assert rejected.splitlines()[0] == "sheet,row,column,rule,message"
    assert ",2,value,NotANumber," in rejected


def test_an_analyst_uploads_a_good_file(kpi_data: dict) -> None:
    client = client_for(kpi_data, "analyst")
    good = "indicator,area_code,period,value\nfte,E06000044,2023/24,250\n"
    upload = SimpleUploadedFile("year.csv", good.encode(), content_type="text/csv")
    response = client.post("/data/imports/new/", {"file": upload}, follow=True)
    assert "Imported year.csv." in response.content.decode()
    assert Observation.objects.get(period_label="2023/24").value == 250
    assert DataImport.objects.latest("created_at").created_by == kpi_data["analyst"]


@pytest.mark.parametrize(
    ("name", "body", "message"),
    [
        ("data.txt", b"a,b\n", "The file must be a .csv or .xlsx file"),
        ("data.xlsx", b"indicator,area\n", "is not an Excel workbook"),
        ("data.csv", b"PK\x03\x04zip", "is an Excel workbook"),
    ],
)
def test_uploads_of_the_wrong_kind_are_refused_before_reading(
    kpi_data: dict, name: str, body: bytes, message: str
) -> None:
    client = client_for(kpi_data, "analyst")
    before = DataImport.objects.count()
    upload = SimpleUploadedFile(name, body)
    response = client.post("/data/imports/new/", {"file": upload})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert DataImport.objects.count() == before


def test_an_analyst_records_a_rebase_with_a_reason(kpi_data: dict) -> None:
    client = client_for(kpi_data, "analyst")
    response = client.post(
        "/indicators/fte/rebases/",
        {"area": "E06000044", "period": "2018/19", "reason": "The definition changed in 2018"},
        follow=True,
    )
    assert "The limits are now recalculated from 2018/19." in response.content.decode()
    rebase = Rebase.objects.get()
    assert (str(rebase.period_start), rebase.reason) == (
        "2018-04-01",
        "The definition changed in 2018",
    )
    assert "The definition changed in 2018" in client.get("/indicators/fte/").content.decode()


def test_a_rebase_needs_a_reason_and_a_period(kpi_data: dict) -> None:
    client = client_for(kpi_data, "analyst")
    response = client.post(
        "/indicators/fte/rebases/",
        {"area": "E06000044", "period": "whenever", "reason": "x"},
        follow=True,
    )
    content = response.content.decode()
    assert "The limits were not recalculated" in content
    assert "is not a period trustplan recognises" in content
    assert not Rebase.objects.exists()


@pytest.mark.parametrize("who", ["viewer", "lead", "outsider"])
def test_only_analysts_record_rebases(kpi_data: dict, who: str) -> None:
    response = client_for(kpi_data, who).post(
        "/indicators/fte/rebases/",
        {"area": "E06000044", "period": "2018/19", "reason": "The definition changed in 2018"},
    )
    assert response.status_code == 403
    assert not Rebase.objects.exists()


def test_the_api_gives_the_same_judgements(kpi_data: dict) -> None:
    client = client_for(kpi_data, "viewer")
    assessment = client.get("/api/indicators/fte/assessment").json()
    assert assessment["area_code"] == "E06000044"
    assert assessment["as_of"] == "2023-08-01"
    assert assessment["latest"]["period"] == "2022/23"
    assert assessment["latest"]["formatted"] == "290.0 per 100000 aged 10-17"
    assert assessment["target"]["verdict"] in {"red", "amber"}
    page = client.get("/indicators/fte/").content.decode()
    assert assessment["target"]["explanation"] in page.replace("&#x27;", "'")
    observations = client.get("/api/indicators/fte/observations?area=E06000044").json()
    assert len(observations) == 10
    assert observations[-1]["period"] == "2022/23"


def test_the_indicator_page_compares_the_area_with_its_neighbours_in_a_table(
    kpi_data: dict,
) -> None:
    from tests.measures.conftest import load

    groups = (
        "group_code,group_name,group_kind,member_code,rank\n"
        "SN-TEST,Test neighbours,statistical_neighbours,E06000045,1\n"
        "SN-TEST,Test neighbours,statistical_neighbours,E06000026,2\n"
    )
    neighbours = (
        "indicator,area_code,area_name,period,value\n"
        "fte,E06000045,Southampton,2022/23,350.5\n"
        "fte,E06000026,Plymouth,2022/23,210.25\n"
    )
    for text in (neighbours, groups):
        assert load(text).record.outcome == "applied"
    content = client_for(kpi_data, "viewer").get("/indicators/fte/").content.decode()
    table = content.split('<h2 class="govuk-heading-l">Compared with Test neighbours</h2>', 1)[1]
    table = table.split("</table>", 1)[0]
    assert "2022/23, highest first. Portsmouth is in bold." in table
    body = table.split("<tbody", 1)[1]
    order = [body.index(name) for name in ("Southampton", "Portsmouth", "Plymouth")]
    assert order == sorted(order)  # 350.5, 290.0, 210.3
    assert "350.5" in table
    assert "210.3" in table
    assert "(this area)" in table
