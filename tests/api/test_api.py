"""The JSON API reads and refuses exactly as the pages do, for sessions, tokens and anonymous."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from trustplan.access.models import ApiToken
from trustplan.plans.models import Plan, PlanStatus


def as_user(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


def with_token(token: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def test_anonymous_sees_no_private_plan(people: dict) -> None:
    client = Client()
    assert client.get("/api/plans").json() == []
    response = client.get("/api/plans/test-plan")
    assert response.status_code == 403
    assert response.json() == {"detail": "Your roles do not allow this."}


def test_anonymous_reads_a_public_plan_and_its_indicators(people: dict) -> None:
    Plan.objects.update(is_public=True)
    client = Client()
    plan = client.get("/api/plans/test-plan").json()
    assert [p["number"] for p in plan["priorities"]] == ["1", "2"]
    safeguarding = plan["priorities"][1]
    assert safeguarding["board"] == "Safeguarding Board"
    assert [k["indicator"] for k in safeguarding["kpis"]] == ["fte", "domestic-abuse"]
    assert safeguarding["covid_response"] == [
        {"code": "a", "text": "Safeguarding eyes on children"}
    ]
    assert {i["key"] for i in client.get("/api/indicators").json()} == {
        "attendance",
        "fte",
        "domestic-abuse",
    }


def test_a_signed_in_viewer_reads_the_plan(people: dict) -> None:
    client = as_user(people["viewer"])
    assert [p["slug"] for p in client.get("/api/plans").json()] == ["test-plan"]
    assert client.get("/api/plans/test-plan").status_code == 200
    assert client.get("/api/indicators/fte").json()["key"] == "fte"


def test_a_draft_is_hidden_from_viewers_but_not_analysts(people: dict) -> None:
    Plan.objects.update(status=PlanStatus.DRAFT)
    assert as_user(people["viewer"]).get("/api/plans").json() == []
    assert as_user(people["viewer"]).get("/api/plans/test-plan").status_code == 403
    assert as_user(people["analyst"]).get("/api/plans/test-plan").status_code == 200


def test_an_outsider_is_refused_indicators(people: dict) -> None:
    client = as_user(people["outsider"])
    assert client.get("/api/indicators").json() == []
    assert client.get("/api/indicators/fte").status_code == 403
    assert client.get("/api/indicators/fte/observations").status_code == 403


def test_unknown_things_are_not_found(people: dict) -> None:
    client = as_user(people["admin"])
    assert client.get("/api/plans/nope").status_code == 404
    assert client.get("/api/indicators/nope").status_code == 404


def test_a_token_acts_as_its_owner(people: dict) -> None:
    _, token = ApiToken.issue(people["analyst"], "R dashboard")
    assert [p["slug"] for p in with_token(token).get("/api/plans").json()] == ["test-plan"]
    assert ApiToken.objects.get().last_used_at is not None


def test_a_wrong_or_revoked_token_is_refused_not_treated_as_anonymous(people: dict) -> None:
    Plan.objects.update(is_public=True)
    assert with_token("tp_not-a-real-token").get("/api/plans").status_code == 401
    record, token = ApiToken.issue(people["viewer"], "old script")
    record.revoked_at = timezone.now()
    record.save()
    assert with_token(token).get("/api/plans").status_code == 401


def test_only_a_hash_of_the_token_is_stored(people: dict) -> None:
    record, token = ApiToken.issue(people["viewer"], "script")
    assert token.startswith("tp_")
    assert record.sha256 == ApiToken.digest(token)
    assert token not in {record.sha256, record.prefix}


def test_the_token_command_creates_lists_and_revokes(people: dict) -> None:
    out = StringIO()
    call_command("token", "create", "analyst", "--name", "Power BI", stdout=out)
    token = out.getvalue().splitlines()[1]
    assert with_token(token).get("/api/plans").status_code == 200
    listing = StringIO()
    call_command("token", "list", stdout=listing)
    assert "analyst\tPower BI\tactive\tlast used" in listing.getvalue()
    assert token not in listing.getvalue()
    call_command("token", "revoke", token[:10], stdout=StringIO())
    assert with_token(token).get("/api/plans").status_code == 401


def test_the_openapi_schema_describes_every_operation(people: dict) -> None:
    schema = Client().get("/api/openapi.json").json()
    assert schema["info"]["title"] == "trustplan API"
    operations = {(path, method) for path, item in schema["paths"].items() for method in item}
    assert {
        ("/api/plans", "get"),
        ("/api/plans/{slug}", "get"),
        ("/api/indicators", "get"),
        ("/api/indicators/{key}", "get"),
        ("/api/indicators/{key}/observations", "get"),
        ("/api/indicators/{key}/targets", "get"),
        ("/api/areas", "get"),
    } <= operations
    assert "PlanOut" in schema["components"]["schemas"]


@pytest.mark.parametrize("url", ["/api/docs", "/api/docs/"])
def test_no_third_party_documentation_page_is_served(people: dict, url: str) -> None:
    assert Client().get(url).status_code == 404


def test_an_analyst_imports_through_the_api_with_a_token(people: dict) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from trustplan.measures.models import Observation

    _, token = ApiToken.issue(people["analyst"], "loader")
    csv = (
        "key,name,polarity,unit,frequency,value_type,multiplier,decimals\n"
        "fte,First time entrants,low_is_good,per 100000,annual,rate,100000,1\n"
    )
    client = with_token(token)
    response = client.post("/api/imports", {"file": SimpleUploadedFile("defs.csv", csv.encode())})
    assert response.status_code == 200, response.content
    assert response.json()["outcome"] == "applied"
    data = "indicator,area_code,area_name,period,value\nfte,E06000044,Portsmouth,2022/23,290\n"
    dry = client.post(
        "/api/imports", {"file": SimpleUploadedFile("d.csv", data.encode()), "dry_run": "true"}
    )
    assert dry.json()["outcome"] == "dry_run"
    assert not Observation.objects.exists()
    applied = client.post("/api/imports", {"file": SimpleUploadedFile("d.csv", data.encode())})
    assert applied.json()["counts"]["observations created"] == 1


def test_a_refused_import_through_the_api_is_a_400_listing_every_bad_row(people: dict) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    _, token = ApiToken.issue(people["analyst"], "loader")
    bad = "indicator,area_code,period,value\nnope,E06000044,2022/23,1\nfte,E06000044,whenever,2\n"
    response = with_token(token).post(
        "/api/imports", {"file": SimpleUploadedFile("bad.csv", bad.encode())}
    )
    assert response.status_code == 400
    body = response.json()
    assert body["outcome"] == "rejected"
    problems = {(r["row"], r["rule"]) for r in body["rejected_rows"]}
    assert {(2, "UnknownIndicator"), (2, "UnknownArea"), (3, "UnparseablePeriod")} <= problems


@pytest.mark.parametrize("who", ["viewer", "lead"])
def test_only_analysts_import_through_the_api(people: dict, who: str) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    _, token = ApiToken.issue(people[who], "script")
    response = with_token(token).post(
        "/api/imports", {"file": SimpleUploadedFile("d.csv", b"indicator,area_code,period,value\n")}
    )
    assert response.status_code == 403


def test_a_session_post_needs_the_csrf_token(people: dict) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = Client(enforce_csrf_checks=True)
    client.force_login(people["analyst"])
    response = client.post(
        "/api/imports", {"file": SimpleUploadedFile("d.csv", b"indicator,area_code,period,value\n")}
    )
    assert response.status_code in {401, 403}
