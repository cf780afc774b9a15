"""For every rule of the access matrix, the request that exercises it in ``world``.

Each entry picks the objects a row is about (so that "own" personas are the object's own) and
the body of a POST: a real form submission, since the matrix checks what a user gets, not only
that the door opens.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.measures.conftest import DEFINITIONS
from tests.security.world import PUBLISHED_QUARTER, QUARTER, World
from trustplan.access import matrix
from trustplan.hub.purpose import Kind
from trustplan.partners.models import Organisation
from trustplan.selfassessment.models import Framework


@dataclass(frozen=True)
class Ask:
    path: str
    data: dict[str, Any] | None = None  # a POST's body
    purposes: tuple[tuple[Kind, str], ...] = field(default=())  # stated before asking


def _url(name: str, *args: object) -> str:
    return reverse(name, args=[str(a) for a in args])


def _upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("definitions.csv", DEFINITIONS.encode(), content_type="text/csv")


SLUG = "test-plan"
BOARD = "safeguarding-board"
FAMILY = "F-NORTH-1"
PERSON = "P-MUM"  # of F-NORTH-1, in Northmoor
REASON = "Three services' concerns together."


def _pages(w: World) -> dict[str, Callable[[], Ask]]:
    priority = (SLUG, w.safeguarding.number)
    open_round = (SLUG, w.open_round.pk)
    pair = w.pair.pk
    return {
        "GET home": lambda: Ask(_url("home")),
        "GET search": lambda: Ask(_url("search") + "?q=safeguarding"),
        "GET my-roles": lambda: Ask(_url("my-roles")),
        "GET login": lambda: Ask(_url("login")),
        "POST login": lambda: Ask(_url("login"), {"username": "nobody", "password": "wrong"}),
        "POST logout": lambda: Ask(_url("logout"), {}),
        "GET two-factor-enrol": lambda: Ask(_url("two-factor-enrol")),
        "GET two-factor-verify": lambda: Ask(_url("two-factor-verify")),
        "GET two-factor-recovery-codes": lambda: Ask(_url("two-factor-recovery-codes")),
        "POST two-factor-recovery-codes [replacing the codes]": lambda: Ask(
            _url("two-factor-recovery-codes"), {}
        ),
        "GET admin:index": lambda: Ask(_url("admin:index")),
        "GET api:openapi-json": lambda: Ask(_url("api:openapi-json")),
        "GET api:api-root": lambda: Ask(_url("api:api-root")),
        f"GET plans:plan [{matrix.PLAN}]": lambda: Ask(_url("plans:plan", SLUG)),
        "GET plans:plan [a draft plan]": lambda: Ask(_url("plans:plan", w.draft_plan.slug)),
        "GET plans:plan [a public plan]": lambda: Ask(_url("plans:plan", w.public_plan.slug)),
        f"GET plans:plan-on-a-page [{matrix.PLAN}]": lambda: Ask(
            _url("plans:plan-on-a-page", SLUG)
        ),
        f"GET plans:spine [{matrix.PLAN}]": lambda: Ask(_url("plans:spine", SLUG)),
        "GET plans:export": lambda: Ask(_url("plans:export", SLUG)),
        "POST plans:visibility": lambda: Ask(_url("plans:visibility", SLUG), {"public": "no"}),
        "GET plans:priority": lambda: Ask(_url("plans:priority", *priority)),
        "GET plans:priority-edit": lambda: Ask(_url("plans:priority-edit", *priority)),
        "POST plans:priority-edit": lambda: Ask(
            _url("plans:priority-edit", *priority),
            {"outcome": "", "strategy": "", "vision": "Children grow up safe and well."},
        ),
        "GET plans:board": lambda: Ask(_url("plans:board", SLUG, BOARD)),
        "GET measures:indicator": lambda: Ask(_url("measures:indicator", "fte")),
        "GET measures:indicator [an indicator a public plan lists]": lambda: Ask(
            _url("measures:indicator", "public-fte")
        ),
        "POST measures:rebase-new": lambda: Ask(
            _url("measures:rebase-new", "fte"),
            {"area": "E06000044", "period": "2019/20", "reason": "A new service started."},
        ),
        "GET measures:imports": lambda: Ask(_url("measures:imports")),
        "GET measures:import-new": lambda: Ask(_url("measures:import-new")),
        "POST measures:import-new": lambda: Ask(
            _url("measures:import-new"), {"file": _upload(), "dry_run": "on"}
        ),
        "GET measures:import": lambda: Ask(_url("measures:import", w.data_import.pk)),
        "GET measures:import-rejected": lambda: Ask(
            _url("measures:import-rejected", w.data_import.pk)
        ),
        "GET measures:template": lambda: Ask(_url("measures:template", "csv")),
        "GET delivery:my-updates": lambda: Ask(_url("delivery:my-updates")),
        "GET delivery:action-update": lambda: Ask(_url("delivery:action-update", w.update.pk)),
        "POST delivery:action-update [saving a draft]": lambda: Ask(
            _url("delivery:action-update", w.update.pk),
            {"do": "save", "rating": "green", "status": "in_progress", "narrative": "On track."},
        ),
        "GET delivery:commentary": lambda: Ask(_url("delivery:commentary", w.commentary.pk)),
        "POST delivery:commentary [saving a draft]": lambda: Ask(
            _url("delivery:commentary", w.commentary.pk),
            {"do": "save", "going_well": "Triage within a day.", "needs_to_improve": "Repeats."},
        ),
        "GET delivery:quarters": lambda: Ask(_url("delivery:quarters", SLUG)),
        "POST delivery:quarters [opening a quarter]": lambda: Ask(
            _url("delivery:quarters", SLUG),
            {"quarter": "2023-Q4", "due": "2024-04-19", "grace_days": "5"},
        ),
        "GET delivery:quarter": lambda: Ask(_url("delivery:quarter", SLUG, QUARTER)),
        "POST delivery:close": lambda: Ask(_url("delivery:close", SLUG, QUARTER), {}),
        "GET delivery:ownership": lambda: Ask(_url("delivery:ownership", SLUG)),
        "GET delivery:delivery-plan": lambda: Ask(_url("delivery:delivery-plan", *priority)),
        "GET delivery:action-new": lambda: Ask(_url("delivery:action-new", *priority)),
        "GET delivery:action-edit": lambda: Ask(
            _url("delivery:action-edit", *priority, w.action.pk)
        ),
        "GET delivery:risk-new": lambda: Ask(_url("delivery:risk-new", *priority)),
        "GET delivery:risk-edit": lambda: Ask(_url("delivery:risk-edit", *priority, w.risk.pk)),
        f"GET reports:pack [{matrix.LIVE}]": lambda: Ask(
            _url("reports:pack", SLUG, BOARD, QUARTER)
        ),
        f"GET reports:pack [{matrix.PUBLISHED}]": lambda: Ask(
            _url("reports:pack", SLUG, BOARD, PUBLISHED_QUARTER)
        ),
        f"GET reports:pack-file [{matrix.LIVE}]": lambda: Ask(
            _url("reports:pack-file", SLUG, BOARD, QUARTER, "xlsx")
        ),
        f"GET reports:pack-file [{matrix.PUBLISHED}]": lambda: Ask(
            _url("reports:pack-file", SLUG, BOARD, PUBLISHED_QUARTER, "xlsx")
        ),
        "POST reports:publish": lambda: Ask(_url("reports:publish", SLUG, BOARD, QUARTER), {}),
        "GET reports:scorecard": lambda: Ask(_url("reports:scorecard", SLUG)),
        "GET reports:scorecard-file": lambda: Ask(_url("reports:scorecard-file", SLUG, "xlsx")),
        "GET reports:annual": lambda: Ask(_url("reports:annual", SLUG, "2023-24")),
        "GET reports:annual-file": lambda: Ask(
            _url("reports:annual-file", SLUG, "2023-24", "docx")
        ),
        "GET reports:poap-pdf": lambda: Ask(_url("reports:poap-pdf", SLUG)),
        "GET selfassessment:rounds": lambda: Ask(_url("selfassessment:rounds", SLUG)),
        "POST selfassessment:rounds [opening a round]": lambda: Ask(
            _url("selfassessment:rounds", SLUG),
            {"framework": Framework.objects.get().pk, "title": "Self-assessment 2022"},
        ),
        "GET selfassessment:compare": lambda: Ask(
            _url("selfassessment:compare", SLUG)
            + f"?from={w.complete_round.pk}&to={w.open_round.pk}"
        ),
        f"GET selfassessment:round [{matrix.OPEN_ROUND}]": lambda: Ask(
            _url("selfassessment:round", *open_round)
        ),
        "GET selfassessment:round [a complete round]": lambda: Ask(
            _url("selfassessment:round", SLUG, w.complete_round.pk)
        ),
        "POST selfassessment:invite": lambda: Ask(
            _url("selfassessment:invite", *open_round),
            {
                "user": w.user(matrix.VIEWER).pk,
                "organisation": Organisation.objects.get(key="council").pk,
            },
        ),
        "POST selfassessment:close": lambda: Ask(_url("selfassessment:close", *open_round), {}),
        f"GET selfassessment:score [{matrix.OPEN_ROUND}]": lambda: Ask(
            _url("selfassessment:score", *open_round)
        ),
        "GET selfassessment:moderate": lambda: Ask(_url("selfassessment:moderate", *open_round)),
        "POST selfassessment:add-finding": lambda: Ask(
            _url("selfassessment:add-finding", *open_round),
            {"kind": "improvement", "text": "Share outcomes across services."},
        ),
        "POST selfassessment:remove-finding": lambda: Ask(
            _url("selfassessment:remove-finding", *open_round, w.finding.pk), {}
        ),
        "GET selfassessment:finding-action": lambda: Ask(
            _url("selfassessment:finding-action", *open_round, w.finding.pk)
        ),
        "POST selfassessment:complete": lambda: Ask(
            _url("selfassessment:complete", *open_round), {}
        ),
        "GET needs:list": lambda: Ask(_url("needs:list", SLUG)),
        "POST needs:list [generating a draft]": lambda: Ask(
            _url("needs:list", SLUG), {"title": "", "as_of": "2023-08-01", "grouping": "priorities"}
        ),
        f"GET needs:detail [{matrix.DRAFT_NEEDS}]": lambda: Ask(
            _url("needs:detail", SLUG, w.draft_needs.pk)
        ),
        f"GET needs:detail [{matrix.APPROVED_NEEDS}]": lambda: Ask(
            _url("needs:detail", SLUG, w.approved_needs.pk)
        ),
        f"GET needs:edit [{matrix.DRAFT_NEEDS}]": lambda: Ask(
            _url("needs:edit", SLUG, w.draft_needs.pk)
        ),
        "POST needs:approve": lambda: Ask(_url("needs:approve", SLUG, w.draft_needs.pk), {}),
        f"GET needs:file [{matrix.DRAFT_NEEDS}]": lambda: Ask(
            _url("needs:file", SLUG, w.draft_needs.pk, "docx")
        ),
        f"GET needs:file [{matrix.APPROVED_NEEDS}]": lambda: Ask(
            _url("needs:file", SLUG, w.approved_needs.pk, "docx")
        ),
        "GET hub:work-list": lambda: Ask(_url("hub:work-list")),
        "GET hub:locality": lambda: Ask(_url("hub:locality", w.north.pk)),
        "GET hub:family-purpose": lambda: Ask(_url("hub:family-purpose", FAMILY)),
        f"GET hub:family [{matrix.PURPOSE}]": lambda: Ask(
            _url("hub:family", FAMILY), purposes=((Kind.FAMILY, FAMILY),)
        ),
        f"POST hub:family [recording a decision, {matrix.PURPOSE}]": lambda: Ask(
            _url("hub:family", FAMILY),
            {"decision": "offer_assessment", "reason": REASON},
            purposes=((Kind.FAMILY, FAMILY),),
        ),
        "GET hub:person-purpose": lambda: Ask(_url("hub:person-purpose", PERSON)),
        f"GET hub:person [{matrix.PURPOSE}]": lambda: Ask(
            _url("hub:person", PERSON), purposes=((Kind.PERSON, PERSON),)
        ),
        "GET hub:review": lambda: Ask(_url("hub:review")),
        "GET hub:review-pair-purpose": lambda: Ask(_url("hub:review-pair-purpose", pair)),
        f"GET hub:review-pair [{matrix.PURPOSE}]": lambda: Ask(
            _url("hub:review-pair", pair), purposes=((Kind.RECORD_PAIR, str(pair)),)
        ),
        f"POST hub:review-pair [deciding a pair, {matrix.PURPOSE}]": lambda: Ask(
            _url("hub:review-pair", pair),
            {"decision": "match", "reason": "Same date of birth; a typing slip."},
            purposes=((Kind.RECORD_PAIR, str(pair)),),
        ),
        "GET hub_aggregates:hotspots": lambda: Ask(_url("hub_aggregates:hotspots")),
        "GET hub_aggregates:hotspots-download": lambda: Ask(
            _url("hub_aggregates:hotspots-download", "csv")
        ),
        "GET hub_aggregates:outcomes": lambda: Ask(_url("hub_aggregates:outcomes")),
        "GET governance:audit": lambda: Ask(_url("governance:audit") + "?object_id=F-NORTH-1"),
        "GET governance:audit-export": lambda: Ask(_url("governance:audit-export")),
    }


def _operations() -> dict[str, Callable[[], Ask]]:
    return {
        "GET /api/plans": lambda: Ask("/api/plans"),
        "GET /api/plans/{slug}": lambda: Ask(f"/api/plans/{SLUG}"),
        "GET /api/indicators": lambda: Ask("/api/indicators"),
        "GET /api/indicators/{key}": lambda: Ask("/api/indicators/fte"),
        "GET /api/indicators/{key}/observations": lambda: Ask("/api/indicators/fte/observations"),
        "GET /api/indicators/{key}/targets": lambda: Ask("/api/indicators/fte/targets"),
        "GET /api/indicators/{key}/assessment": lambda: Ask("/api/indicators/fte/assessment"),
        "POST /api/imports": lambda: Ask("/api/imports", {"file": _upload(), "dry_run": "true"}),
        "GET /api/areas": lambda: Ask("/api/areas"),
    }


def asks(world: World) -> dict[str, Callable[[], Ask]]:
    """Every rule's key to a function making its request afresh (an upload is read once)."""
    return {**_pages(world), **_operations()}
