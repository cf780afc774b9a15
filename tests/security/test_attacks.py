"""Attacks on access: horizontal privilege escalation and insecure direct object references.

Horizontal: a member of one board reaching another board's unpublished pack, and a hub
practitioner of one locality reaching a family or person of another. IDOR: every URL that names
an object, asked for by a signed-in user with no role, and (where the lookups promise it) asked
for with an id that does not exist, which must be answered exactly as one that does.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

import pytest
from django.http.response import HttpResponseBase
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security.conftest import client_as, state_purpose
from tests.security.world import PUBLISHED_QUARTER, QUARTER, World
from trustplan.access import matrix
from trustplan.audit.models import AuditEntry
from trustplan.delivery.models import Commentary
from trustplan.hub.models import WorkDecision
from trustplan.hub.purpose import Kind
from trustplan.measures.models import Rebase
from trustplan.reports.models import PackSnapshot

SLUG = "test-plan"
BOARD = "safeguarding-board"
PACK = f"/plans/{SLUG}/boards/{BOARD}/packs/{QUARTER}"
COMMENTARY = "Repeat referrals are rising in the east of the city."
NORTH_FAMILY = "/hub/families/F-NORTH-1/"
NORTH_PEOPLE = ("Quillfeather", "Morwenna", "Tamsin", "Ptolemy")
REFUSED_TITLE = "You do not have access to this page"
NOT_FOUND_TITLE = "Page not found"


def text(response: HttpResponseBase) -> str:
    content: bytes = getattr(response, "content", b"")
    return html.unescape(content.decode(errors="replace"))


def _with_commentary(world: World) -> None:
    """The Safeguarding lead's commentary for the open quarter, submitted: in the live pack,
    which is not yet published. (Fetched afresh: the world's own objects are shared by every
    test, and only the database is rolled back between them.)"""
    commentary = Commentary.objects.get(pk=world.commentary.pk)
    commentary.going_well = "Triage decisions within a day."
    commentary.needs_to_improve = COMMENTARY
    commentary.save()
    commentary.submit(by=world.users[matrix.LEAD])


# Horizontal escalation: boards.


def test_a_board_member_reads_their_own_boards_unpublished_pack(data: World) -> None:
    _with_commentary(data)
    client = client_as(data, matrix.BOARD_MEMBER)
    page = client.get(f"{PACK}/")
    assert page.status_code == 200
    assert COMMENTARY in text(page)
    html_file = client.get(f"{PACK}.html")
    assert html_file.status_code == 200
    assert COMMENTARY in text(html_file)


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx", "html"])
def test_another_boards_member_cannot_read_an_unpublished_pack_or_download_it(
    data: World, fmt: str
) -> None:
    _with_commentary(data)
    client = client_as(data, matrix.OTHER_BOARD_MEMBER)
    for url in (f"{PACK}/", f"{PACK}.{fmt}", f"{PACK}/?draft=1", f"{PACK}.{fmt}?draft=1"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert REFUSED_TITLE in text(response)
        assert COMMENTARY not in text(response)
        assert "Content-Disposition" not in response


def test_another_boards_member_reads_the_published_pack_but_not_the_draft_behind_it(
    data: World,
) -> None:
    published = f"/plans/{SLUG}/boards/{BOARD}/packs/{PUBLISHED_QUARTER}"
    client = client_as(data, matrix.OTHER_BOARD_MEMBER)
    page = client.get(f"{published}/")
    assert page.status_code == 200
    assert "Published, version 1" in text(page)
    assert client.get(f"{published}/?version=1").status_code == 200
    for url in (f"{published}/?draft=1", f"{published}.xlsx?draft=1"):
        assert client.get(url).status_code == 403, url


def test_another_boards_member_cannot_read_the_unpublished_commentary_or_updates(
    data: World,
) -> None:
    _with_commentary(data)
    client = client_as(data, matrix.OTHER_BOARD_MEMBER)
    commentary = client.get(reverse("delivery:commentary", args=[data.commentary.pk]))
    assert commentary.status_code == 403
    assert COMMENTARY not in text(commentary)
    update = client.get(reverse("delivery:action-update", args=[data.update.pk]))
    assert update.status_code == 403
    own = client_as(data, matrix.BOARD_MEMBER).get(
        reverse("delivery:commentary", args=[data.commentary.pk])
    )
    assert COMMENTARY in text(own)


def test_another_priorities_lead_can_neither_publish_nor_edit_the_pack(data: World) -> None:
    client = client_as(data, matrix.OTHER_LEAD)
    assert client.post(f"{PACK}/publish/").status_code == 403
    assert not PackSnapshot.objects.filter(quarter=data.quarter).exists()
    saved = client.post(
        reverse("delivery:commentary", args=[data.commentary.pk]),
        {"do": "save", "going_well": "Forged.", "needs_to_improve": "Forged."},
    )
    assert saved.status_code == 403
    commentary = Commentary.objects.get(pk=data.commentary.pk)
    assert "Forged." not in (commentary.going_well, commentary.needs_to_improve)


# Horizontal escalation: hub localities.


def test_a_practitioner_cannot_open_a_family_of_another_locality(data: World) -> None:
    client = client_as(data, matrix.OTHER_PRACTITIONER)  # Eastwick; the family is Northmoor's
    state_purpose(client, Kind.FAMILY, "F-NORTH-1")  # even with a purpose held in the session
    for response in (
        client.get(NORTH_FAMILY),
        client.get(f"{NORTH_FAMILY}purpose/"),
        client.post(f"{NORTH_FAMILY}purpose/", {"purpose": "work_list", "reason": "Curious."}),
    ):
        assert response.status_code == 403
        assert not [name for name in NORTH_PEOPLE if name in text(response)]
    assert not AuditEntry.objects.filter(object_id="F-NORTH-1").exists()


def test_a_practitioner_cannot_decide_on_a_family_of_another_locality(data: World) -> None:
    client = client_as(data, matrix.OTHER_PRACTITIONER)
    state_purpose(client, Kind.FAMILY, "F-NORTH-1")
    decided = client.post(NORTH_FAMILY, {"decision": "no_action", "reason": "Not ours to close."})
    assert decided.status_code == 403
    assert not WorkDecision.objects.exists()
    assert not AuditEntry.objects.filter(object_id="F-NORTH-1").exists()
    own = client_as(data, matrix.PRACTITIONER)
    state_purpose(own, Kind.FAMILY, "F-NORTH-1")
    assert own.post(NORTH_FAMILY, {"decision": "no_action", "reason": "Known."}).status_code == 302
    assert WorkDecision.objects.count() == 1


def test_a_practitioner_cannot_open_a_person_or_work_list_of_another_locality(
    data: World,
) -> None:
    client = client_as(data, matrix.OTHER_PRACTITIONER)
    state_purpose(client, Kind.PERSON, "P-MUM")
    for url in (
        "/hub/people/P-MUM/",
        "/hub/people/P-MUM/purpose/",
        f"/hub/localities/{data.north.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert not [name for name in NORTH_PEOPLE if name in text(response)]
    own_list = text(client.get("/hub/"))
    assert "F-EAST-1" in own_list
    assert "F-NORTH-1" not in own_list


def test_a_practitioner_reads_their_own_localitys_family_only_with_a_purpose(
    data: World,
) -> None:
    client = client_as(data, matrix.PRACTITIONER)
    gated = client.get(NORTH_FAMILY)
    assert gated.status_code == 302
    assert gated["Location"] == f"{NORTH_FAMILY}purpose/"
    state_purpose(client, Kind.FAMILY, "F-NORTH-1")
    opened = client.get(NORTH_FAMILY)
    assert opened.status_code == 200
    assert "Quillfeather" in text(opened)
    assert AuditEntry.objects.filter(object_id="F-NORTH-1", username="practitioner_a").count() == 1


# IDOR: every URL that names an object.

Kwargs = Mapping[str, object]
MISSING_INT = 987_654
MISSING_STR = "NO-SUCH-ID"


def _object_urls(w: World) -> dict[str, tuple[Kwargs, Kwargs]]:
    """Each URL pattern with an object in its path: kwargs naming a real object, and kwargs
    naming one that does not exist (its parents real)."""
    plan = {"slug": SLUG}
    priority = {**plan, "number": "2"}
    board = {**plan, "key": BOARD}
    pack = {**board, "code": QUARTER}
    open_round = {**plan, "pk": w.open_round.pk}
    needs = {**plan, "pk": w.draft_needs.pk}
    return {
        "plans:plan": (plan, {"slug": "no-such-plan"}),
        "plans:plan-on-a-page": (plan, {"slug": "no-such-plan"}),
        "plans:spine": (plan, {"slug": "no-such-plan"}),
        "plans:export": (plan, {"slug": "no-such-plan"}),
        "plans:visibility": (plan, {"slug": "no-such-plan"}),
        "plans:priority": (priority, {**plan, "number": "99"}),
        "plans:priority-edit": (priority, {**plan, "number": "99"}),
        "plans:board": (board, {**plan, "key": "no-such-board"}),
        "measures:indicator": ({"key": "fte"}, {"key": "no-such-indicator"}),
        "measures:rebase-new": ({"key": "fte"}, {"key": "no-such-indicator"}),
        "measures:import": ({"pk": w.data_import.pk}, {"pk": MISSING_INT}),
        "measures:import-rejected": ({"pk": w.data_import.pk}, {"pk": MISSING_INT}),
        "measures:template": ({"file_format": "csv"}, {"file_format": "exe"}),
        "delivery:action-update": ({"pk": w.update.pk}, {"pk": MISSING_INT}),
        "delivery:commentary": ({"pk": w.commentary.pk}, {"pk": MISSING_INT}),
        "delivery:quarters": (plan, {"slug": "no-such-plan"}),
        "delivery:quarter": ({**plan, "code": QUARTER}, {**plan, "code": "2099-Q1"}),
        "delivery:close": ({**plan, "code": QUARTER}, {**plan, "code": "2099-Q1"}),
        "delivery:ownership": (plan, {"slug": "no-such-plan"}),
        "delivery:delivery-plan": (priority, {**plan, "number": "99"}),
        "delivery:action-new": (priority, {**plan, "number": "99"}),
        "delivery:action-edit": ({**priority, "pk": w.action.pk}, {**priority, "pk": MISSING_INT}),
        "delivery:risk-new": (priority, {**plan, "number": "99"}),
        "delivery:risk-edit": ({**priority, "pk": w.risk.pk}, {**priority, "pk": MISSING_INT}),
        "reports:pack": (pack, {**board, "code": "2099-Q1"}),
        "reports:pack-file": ({**pack, "fmt": "xlsx"}, {**board, "code": "2099-Q1", "fmt": "xlsx"}),
        "reports:publish": (pack, {**board, "code": "2099-Q1"}),
        "reports:scorecard": (plan, {"slug": "no-such-plan"}),
        "reports:scorecard-file": (
            {**plan, "fmt": "xlsx"},
            {"slug": "no-such-plan", "fmt": "xlsx"},
        ),
        "reports:annual": (
            {**plan, "year": "2023-24"},
            {"slug": "no-such-plan", "year": "2023-24"},
        ),
        "reports:annual-file": (
            {**plan, "year": "2023-24", "fmt": "docx"},
            {"slug": "no-such-plan", "year": "2023-24", "fmt": "docx"},
        ),
        "reports:poap-pdf": (plan, {"slug": "no-such-plan"}),
        "selfassessment:rounds": (plan, {"slug": "no-such-plan"}),
        "selfassessment:compare": (plan, {"slug": "no-such-plan"}),
        "selfassessment:round": (open_round, {**plan, "pk": MISSING_INT}),
        "selfassessment:invite": (open_round, {**plan, "pk": MISSING_INT}),
        "selfassessment:close": (open_round, {**plan, "pk": MISSING_INT}),
        "selfassessment:score": (open_round, {**plan, "pk": MISSING_INT}),
        "selfassessment:moderate": (open_round, {**plan, "pk": MISSING_INT}),
        "selfassessment:add-finding": (open_round, {**plan, "pk": MISSING_INT}),
        "selfassessment:remove-finding": (
            {**open_round, "finding": w.finding.pk},
            {**open_round, "finding": MISSING_INT},
        ),
        "selfassessment:finding-action": (
            {**open_round, "finding": w.finding.pk},
            {**open_round, "finding": MISSING_INT},
        ),
        "selfassessment:complete": (open_round, {**plan, "pk": MISSING_INT}),
        "needs:list": (plan, {"slug": "no-such-plan"}),
        "needs:detail": (needs, {**plan, "pk": MISSING_INT}),
        "needs:edit": (needs, {**plan, "pk": MISSING_INT}),
        "needs:approve": (needs, {**plan, "pk": MISSING_INT}),
        "needs:file": ({**needs, "fmt": "docx"}, {**plan, "pk": MISSING_INT, "fmt": "docx"}),
        "hub:locality": ({"pk": w.north.pk}, {"pk": MISSING_INT}),
        "hub:family": ({"family_id": "F-NORTH-1"}, {"family_id": MISSING_STR}),
        "hub:family-purpose": ({"family_id": "F-NORTH-1"}, {"family_id": MISSING_STR}),
        "hub:person": ({"person_id": "P-MUM"}, {"person_id": MISSING_STR}),
        "hub:person-purpose": ({"person_id": "P-MUM"}, {"person_id": MISSING_STR}),
        "hub:review-pair": ({"pk": w.pair.pk}, {"pk": MISSING_INT}),
        "hub:review-pair-purpose": ({"pk": w.pair.pk}, {"pk": MISSING_INT}),
        "hub_aggregates:hotspots-download": ({"file_format": "csv"}, {"file_format": "exe"}),
    }


# The hub's lookups promise that an id one may not see is refused as one that does not exist.
PROMISED = {
    "hub:locality",
    "hub:family",
    "hub:family-purpose",
    "hub:person",
    "hub:person-purpose",
    "hub:review-pair",
    "hub:review-pair-purpose",
}


def _named_with_kwargs() -> set[str]:
    def walk(resolver: URLResolver, namespace: str) -> set[str]:
        found = set()
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                found |= walk(entry, inner)
            elif isinstance(entry, URLPattern) and entry.name and entry.pattern.converters:
                found.add(f"{namespace}{entry.name}")
        return found

    return {
        name
        for name in walk(get_resolver(), "")
        if not name.startswith((f"{matrix.ADMIN_NAMESPACE}:", f"{matrix.API_NAMESPACE}:"))
    }


def _method(name: str) -> str:
    """POST for the rules that only take POST, else GET."""
    methods = {rule.method for rule in matrix.RULES if rule.target == name}
    return "GET" if "GET" in methods else "POST"


def _ask(client: Client, name: str, kwargs: Kwargs) -> Any:
    url = reverse(name, kwargs=dict(kwargs))
    return client.get(url) if _method(name) == "GET" else client.post(url, {})


def _main(response: Any) -> str:
    """The page's main content, without the layout around it."""
    found = re.search(r"<main\b.*?</main>", response.content.decode(), re.DOTALL)
    assert found is not None
    return str(found.group(0))


def _is_error_page(response: Any) -> bool:
    title = REFUSED_TITLE if response.status_code == 403 else NOT_FOUND_TITLE
    return f'<h1 class="govuk-heading-xl">{title}</h1>' in response.content.decode()


def test_every_url_naming_an_object_is_attacked(data: World) -> None:
    assert set(_object_urls(data)) == _named_with_kwargs()


OBJECT_URL_NAMES = sorted(_named_with_kwargs())


@pytest.mark.parametrize("name", OBJECT_URL_NAMES)
def test_a_user_with_no_role_is_refused_every_object_and_shown_nothing_of_it(
    data: World, name: str
) -> None:
    existing, missing = _object_urls(data)[name]
    client = client_as(data, matrix.NO_ROLE)
    for kwargs in (existing, missing):
        response = _ask(client, name, kwargs)
        assert response.status_code in (403, 404), (name, kwargs, response.status_code)
        assert _is_error_page(response), (name, kwargs)
    if name in PROMISED:
        assert _ask(client, name, existing).status_code == _ask(client, name, missing).status_code


@pytest.mark.parametrize("name", sorted(PROMISED))
@pytest.mark.parametrize(
    "persona",
    [matrix.OTHER_PRACTITIONER, matrix.VIEWER, matrix.ADMINISTRATOR],
    ids=lambda persona: persona.key,
)
def test_guessing_hub_ids_tells_nothing(data: World, name: str, persona: matrix.Persona) -> None:
    """A Northmoor family, person or locality, or a pair for review, is refused to those who
    may not see it exactly as an id that does not exist is."""
    existing, missing = _object_urls(data)[name]
    client = client_as(data, persona)
    seen, unseen = _ask(client, name, existing), _ask(client, name, missing)
    assert seen.status_code == unseen.status_code == 403
    assert _is_error_page(seen)
    assert _main(seen) == _main(unseen)


API_OBJECTS: dict[str, tuple[str, str]] = {
    "GET /api/plans/{slug}": ("/api/plans/test-plan", "/api/plans/no-such-plan"),
    "GET /api/indicators/{key}": ("/api/indicators/fte", "/api/indicators/nope"),
    "GET /api/indicators/{key}/observations": (
        "/api/indicators/fte/observations",
        "/api/indicators/nope/observations",
    ),
    "GET /api/indicators/{key}/targets": (
        "/api/indicators/fte/targets",
        "/api/indicators/nope/targets",
    ),
    "GET /api/indicators/{key}/assessment": (
        "/api/indicators/fte/assessment",
        "/api/indicators/nope/assessment",
    ),
}


def test_every_api_operation_naming_an_object_is_attacked() -> None:
    named = {rule.target for rule in matrix.RULES if rule.kind is matrix.Kind.API}
    assert set(API_OBJECTS) == {target for target in named if "{" in target}


@pytest.mark.parametrize("operation", sorted(API_OBJECTS))
def test_the_api_refuses_a_user_with_no_role_every_object(data: World, operation: str) -> None:
    client = client_as(data, matrix.NO_ROLE)
    existing, missing = API_OBJECTS[operation]
    refused = client.get(existing)
    assert refused.status_code == 403
    assert refused.json() == {"detail": "Your roles do not allow this."}
    assert client.get(missing).status_code == 404


# Hostile input in the address: never a server error.

# PostgreSQL refuses a NUL character in any text it is given, so a NUL in an id or a query
# parameter that reaches a query was a server error there (SQLite stores it).
HOSTILE = [
    "/api/plans/a%00b",
    "/api/indicators/fte/observations?area=a%00b",
    "/plans/test-plan/priorities/a%00b/",
    "/indicators/fte/?area=a%00b",
    "/hub/families/a%00b/",
    "/plans/test-plan/scorecard/?board=a%00b",
    "/search/?q=a%00b",
]


@pytest.mark.parametrize("url", HOSTILE)
def test_a_nul_character_in_the_address_is_a_bad_request_not_a_server_error(
    data: World, url: str
) -> None:
    for persona in (matrix.ANONYMOUS, matrix.ADMINISTRATOR, matrix.HUB_ANALYST):
        response = client_as(data, persona).get(url)
        assert response.status_code == 400, persona
        assert "may not contain a NUL character" in text(response)


def test_a_nul_character_in_a_form_is_a_bad_request_not_a_server_error(data: World) -> None:
    """The rebase form's area is looked up as posted."""
    client = client_as(data, matrix.ANALYST)
    posted = {"area": "E06000044\x00", "period": "2019/20", "reason": "A new service started."}
    response = client.post(reverse("measures:rebase-new", args=["fte"]), posted)
    assert response.status_code == 400
    assert not Rebase.objects.exists()
    posted["area"] = "E06000044"
    assert client.post(reverse("measures:rebase-new", args=["fte"]), posted).status_code == 302
    assert Rebase.objects.get().reason == "A new service started."
