"""The access matrix: for every page, download, form and API operation, who may use it.

This is the declared intent, row by row and role by role, beside the code that decides it
(``trustplan.access.policy``). ``tests/security/test_access_matrix.py`` requests every row as
every persona below, with real objects, and checks that the answer is the one declared here; the
same test fails, naming it, when a URL pattern or API operation has no row. ``trustplan
access_matrix`` writes the matrix out as ``docs/access-matrix.md``.

A persona is a role as it stands to the object asked for: a board member of *the* board whose
pack it is, or of another board. Each row's objects are chosen so that "own" holds: the plan's
Safeguarding priority (priority 2) and its board, and the hub's Northmoor locality.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from django.urls import URLPattern, URLResolver, get_resolver

from trustplan.access.models import Role


class Outcome(StrEnum):
    ALLOWED = "allowed"  # the page, file or answer (or a redirect on to it)
    REFUSED = "refused"  # 403, or 404 where existence itself is not for this user
    SIGN_IN = "sign-in"  # sent to sign in


@dataclass(frozen=True)
class Persona:
    key: str
    title: str  # the column's heading
    who: str  # who this is, for the documentation


ANONYMOUS = Persona("anonymous", "Anonymous", "Not signed in.")
NO_ROLE = Persona("no_role", "No role", "Signed in, holding no role.")
VIEWER = Persona("viewer", "Viewer", "A viewer (partnership-wide).")
BOARD_MEMBER = Persona(
    "board_member", "Board member (own)", "A member of the board the object belongs to."
)
OTHER_BOARD_MEMBER = Persona(
    "other_board_member", "Board member (other)", "A member of another board of the same plan."
)
LEAD = Persona(
    "lead", "Strategic lead (own)", "The strategic lead of the priority the object belongs to."
)
OTHER_LEAD = Persona(
    "other_lead", "Strategic lead (other)", "The strategic lead of another priority."
)
ACTION_OWNER = Persona(
    "action_owner",
    "Action owner",
    "An action owner of the objective the object belongs to, who owns its action.",
)
ANALYST = Persona("analyst", "Analyst", "A performance analyst (partnership-wide).")
ADMINISTRATOR = Persona(
    "administrator",
    "Administrator",
    "An administrator, with Django admin access (staff), as `trustplan demo` makes them.",
)
HUB_ANALYST = Persona("hub_analyst", "Hub analyst", "A hub analyst (every locality).")
PRACTITIONER = Persona(
    "practitioner",
    "Hub practitioner (own)",
    "A hub practitioner of the locality the family or person belongs to.",
)
OTHER_PRACTITIONER = Persona(
    "other_practitioner", "Hub practitioner (other)", "A hub practitioner of another locality."
)
DATA_PROTECTION_OFFICER = Persona(
    "data_protection_officer",
    "Data protection officer",
    "The data protection officer (partnership-wide; no person-level hub access).",
)


def _personas() -> tuple[Persona, ...]:
    listed = [
        ANONYMOUS,
        NO_ROLE,
        VIEWER,
        BOARD_MEMBER,
        OTHER_BOARD_MEMBER,
        LEAD,
        OTHER_LEAD,
        ACTION_OWNER,
        ANALYST,
        ADMINISTRATOR,
        HUB_ANALYST,
        PRACTITIONER,
        OTHER_PRACTITIONER,
    ]
    if "DATA_PROTECTION_OFFICER" in Role.__members__:
        listed.append(DATA_PROTECTION_OFFICER)
    return tuple(listed)


PERSONAS = _personas()

# The groups the rules are written in.
SIGNED_IN = frozenset(PERSONAS) - {ANONYMOUS}
ROLE_HOLDERS = SIGNED_IN - {NO_ROLE}  # any role: what a non-draft plan is read by
EVERYONE = frozenset(PERSONAS)
MANAGERS = frozenset({ANALYST, ADMINISTRATOR})  # drafts, plan files, indicator data
LEADERS = frozenset({LEAD, ADMINISTRATOR})  # a priority's narrative and delivery plan
LIVE_PACK = frozenset({BOARD_MEMBER, LEAD, ANALYST, ADMINISTRATOR})  # unpublished figures
HUB_ROLES = frozenset({HUB_ANALYST, PRACTITIONER, OTHER_PRACTITIONER})
OWN_LOCALITY = frozenset({HUB_ANALYST, PRACTITIONER})
HUB_AGGREGATES = frozenset({ANALYST, ADMINISTRATOR, *HUB_ROLES})
CONTRIBUTORS = frozenset({LEAD, BOARD_MEMBER})  # invited to the open self-assessment round


class Kind(StrEnum):
    PAGE = "page"
    API = "API"


@dataclass(frozen=True)
class Rule:
    """Who may make one kind of request, and what everyone else gets."""

    target: str  # a URL pattern's name ("plans:plan") or an API operation ("GET /api/plans")
    method: str
    allowed: frozenset[Persona]
    kind: Kind = Kind.PAGE
    case: str = ""  # the object or state asked for, where the answer depends on it
    decided_by: str = ""  # where the decision is made
    refused_as: Outcome = Outcome.REFUSED  # what a signed-in persona not allowed gets
    anonymous_as: Outcome = Outcome.SIGN_IN  # what an anonymous visitor not allowed gets

    @property
    def key(self) -> str:
        name = self.target if self.kind is Kind.API else f"{self.method} {self.target}"
        return f"{name} [{self.case}]" if self.case else name

    def outcome(self, persona: Persona) -> Outcome:
        if persona in self.allowed:
            return Outcome.ALLOWED
        return self.anonymous_as if persona is ANONYMOUS else self.refused_as

    def outcomes(self) -> dict[Persona, Outcome]:
        return {persona: self.outcome(persona) for persona in PERSONAS}


def page(
    name: str,
    allowed: Iterable[Persona],
    decided_by: str,
    *,
    method: str = "GET",
    case: str = "",
    refused_as: Outcome = Outcome.REFUSED,
    anonymous_as: Outcome = Outcome.SIGN_IN,
) -> Rule:
    return Rule(
        name,
        method,
        frozenset(allowed),
        case=case,
        decided_by=decided_by,
        refused_as=refused_as,
        anonymous_as=anonymous_as,
    )


def operation(method: str, path: str, allowed: Iterable[Persona], decided_by: str) -> Rule:
    """An API operation: refused (403) rather than sent to sign in."""
    return Rule(
        f"{method} {path}",
        method,
        frozenset(allowed),
        kind=Kind.API,
        decided_by=decided_by,
        anonymous_as=Outcome.REFUSED,
    )


PLAN = "a plan under consultation, not public"
LIVE = "the Safeguarding board's pack, not yet published"
PUBLISHED = "the Safeguarding board's published pack (a closed quarter)"
OPEN_ROUND = "an open round; the own-priority lead and own-board member are its contributors"
DRAFT_NEEDS = "a draft needs assessment"
APPROVED_NEEDS = "an approved needs assessment"
PURPOSE = "with a purpose stated"

RULES: tuple[Rule, ...] = (
    # Pages that are not about one plan.
    page("home", EVERYONE, "lists only the plans `policy.can_view_plan` allows"),
    page("search", EVERYONE, "searches only the plans `policy.can_view_plan` allows"),
    page("my-roles", SIGNED_IN, "signed in (`login_required`)"),
    page("login", EVERYONE, "the sign-in page"),
    page("login", EVERYONE, "the sign-in form", method="POST"),
    page("logout", EVERYONE, "signing out", method="POST"),
    page("two-factor-enrol", SIGNED_IN, "signed in; only the user's own authenticator app"),
    page("two-factor-verify", SIGNED_IN, "signed in; only the user's own second factor"),
    page("two-factor-recovery-codes", SIGNED_IN, "signed in; only the user's own codes"),
    page(
        "two-factor-recovery-codes",
        SIGNED_IN,
        "signed in; only the user's own codes",
        method="POST",
        case="replacing the codes",
    ),
    page(
        "admin:index",
        {ADMINISTRATOR},
        "Django admin (every admin page: one row): staff users only",
        refused_as=Outcome.SIGN_IN,
    ),
    page("api:openapi-json", EVERYONE, "the API's schema, public"),
    page(
        "api:api-root",
        (),
        "django-ninja's root: not found for everyone (no documentation page is served)",
        anonymous_as=Outcome.REFUSED,
    ),
    # The plan.
    page("plans:plan", ROLE_HOLDERS, "`policy.can_view_plan`", case=PLAN),
    page("plans:plan", MANAGERS, "`policy.can_view_plan`", case="a draft plan"),
    page("plans:plan", EVERYONE, "`policy.can_view_plan`", case="a public plan"),
    page("plans:plan-on-a-page", ROLE_HOLDERS, "`policy.can_view_plan`", case=PLAN),
    page("plans:spine", ROLE_HOLDERS, "`policy.can_view_plan`", case=PLAN),
    page("plans:export", MANAGERS, "`policy.can_manage_plans`"),
    page("plans:visibility", {ADMINISTRATOR}, "`policy.can_publish_plan`", method="POST"),
    page("plans:priority", ROLE_HOLDERS, "`policy.can_view_plan`"),
    page("plans:priority-edit", LEADERS, "`policy.can_edit_priority`"),
    page("plans:priority-edit", LEADERS, "`policy.can_edit_priority`", method="POST"),
    page(
        "plans:board",
        ROLE_HOLDERS,
        "`policy.can_view_plan`; members listed by `policy.can_see_board_membership`",
    ),
    # Indicator data.
    page("measures:indicator", ROLE_HOLDERS, "`policy.can_view_indicator`"),
    page(
        "measures:indicator",
        EVERYONE,
        "`policy.can_view_indicator`",
        case="an indicator a public plan lists",
    ),
    page("measures:rebase-new", MANAGERS, "`policy.can_manage_indicator_data`", method="POST"),
    page("measures:imports", MANAGERS, "`policy.can_manage_indicator_data`"),
    page("measures:import-new", MANAGERS, "`policy.can_manage_indicator_data`"),
    page("measures:import-new", MANAGERS, "`policy.can_manage_indicator_data`", method="POST"),
    page("measures:import", MANAGERS, "`policy.can_manage_indicator_data`"),
    page("measures:import-rejected", MANAGERS, "`policy.can_manage_indicator_data`"),
    page("measures:template", MANAGERS, "`policy.can_manage_indicator_data`"),
    # The quarterly cycle.
    page("delivery:my-updates", SIGNED_IN, "signed in; lists only the user's own"),
    page(
        "delivery:action-update",
        {ACTION_OWNER, ADMINISTRATOR} | LIVE_PACK,
        "`lookups.action_update_for`: its writers, its lead, and `policy.can_view_live_pack`",
    ),
    page(
        "delivery:action-update",
        {ACTION_OWNER, ADMINISTRATOR},
        "`policy.can_update_action`",
        method="POST",
        case="saving a draft",
    ),
    page(
        "delivery:commentary",
        LIVE_PACK,
        "`lookups.commentary_for`: its lead, and `policy.can_view_live_pack`",
    ),
    page(
        "delivery:commentary",
        LEADERS,
        "`policy.can_lead_priority`",
        method="POST",
        case="saving a draft",
    ),
    page("delivery:quarters", ROLE_HOLDERS, "any role"),
    page(
        "delivery:quarters",
        {ADMINISTRATOR},
        "`policy.can_run_cycle`",
        method="POST",
        case="opening a quarter",
    ),
    page("delivery:quarter", ROLE_HOLDERS, "any role"),
    page("delivery:close", {ADMINISTRATOR}, "`policy.can_run_cycle`", method="POST"),
    page("delivery:ownership", MANAGERS, "`policy.can_see_ownership`"),
    page("delivery:delivery-plan", ROLE_HOLDERS, "any role"),
    page("delivery:action-new", LEADERS, "`policy.can_lead_priority`"),
    page("delivery:action-edit", LEADERS, "`policy.can_lead_priority`"),
    page("delivery:risk-new", LEADERS, "`policy.can_lead_priority`"),
    page("delivery:risk-edit", LEADERS, "`policy.can_lead_priority`"),
    # Reports.
    page("reports:pack", LIVE_PACK, "`policy.can_view_live_pack`", case=LIVE),
    page("reports:pack", ROLE_HOLDERS, "`policy.can_view_published_pack`", case=PUBLISHED),
    page("reports:pack-file", LIVE_PACK, "`policy.can_view_live_pack`", case=LIVE),
    page("reports:pack-file", ROLE_HOLDERS, "`policy.can_view_published_pack`", case=PUBLISHED),
    page("reports:publish", LEADERS, "`policy.can_publish_pack`", method="POST"),
    page("reports:scorecard", ROLE_HOLDERS, "`policy.can_view_plan`"),
    page("reports:scorecard-file", ROLE_HOLDERS, "`policy.can_view_plan`"),
    page("reports:annual", ROLE_HOLDERS, "any role"),
    page("reports:annual-file", ROLE_HOLDERS, "any role"),
    page("reports:poap-pdf", ROLE_HOLDERS, "`policy.can_view_plan`"),
    # Self-assessments.
    page("selfassessment:rounds", ROLE_HOLDERS, "`permissions.can_see_rounds`"),
    page(
        "selfassessment:rounds",
        MANAGERS,
        "`permissions.can_run_rounds`",
        method="POST",
        case="opening a round",
    ),
    page("selfassessment:compare", ROLE_HOLDERS, "`permissions.can_see_rounds`"),
    page(
        "selfassessment:round",
        MANAGERS | CONTRIBUTORS,
        "`permissions.can_read_round`",
        case=OPEN_ROUND,
    ),
    page(
        "selfassessment:round",
        ROLE_HOLDERS,
        "`permissions.can_read_round`",
        case="a complete round",
    ),
    page("selfassessment:invite", MANAGERS, "`permissions.can_run_rounds`", method="POST"),
    page("selfassessment:close", MANAGERS, "`permissions.can_run_rounds`", method="POST"),
    page("selfassessment:score", CONTRIBUTORS, "`permissions.contributor_in`", case=OPEN_ROUND),
    page("selfassessment:moderate", MANAGERS, "`permissions.can_moderate`"),
    page("selfassessment:add-finding", MANAGERS, "`permissions.can_moderate`", method="POST"),
    page("selfassessment:remove-finding", MANAGERS, "`permissions.can_moderate`", method="POST"),
    page("selfassessment:finding-action", MANAGERS, "`permissions.can_moderate`"),
    page("selfassessment:complete", MANAGERS, "`permissions.can_moderate`", method="POST"),
    # Needs assessments.
    page("needs:list", ROLE_HOLDERS, "`needs.permissions.can_list`"),
    page(
        "needs:list",
        MANAGERS,
        "`needs.permissions.can_make`",
        method="POST",
        case="generating a draft",
    ),
    page("needs:detail", MANAGERS, "`needs.permissions.can_read`", case=DRAFT_NEEDS),
    page("needs:detail", ROLE_HOLDERS, "`needs.permissions.can_read`", case=APPROVED_NEEDS),
    page("needs:edit", MANAGERS, "`needs.permissions.can_edit`", case=DRAFT_NEEDS),
    page("needs:approve", MANAGERS, "`needs.permissions.can_edit`", method="POST"),
    page("needs:file", MANAGERS, "`needs.permissions.can_read`", case=DRAFT_NEEDS),
    page("needs:file", ROLE_HOLDERS, "`needs.permissions.can_read`", case=APPROVED_NEEDS),
    # The family intelligence hub: person-level pages.
    page("hub:work-list", HUB_ROLES, "`policy.can_use_hub`"),
    page("hub:locality", OWN_LOCALITY, "`policy.can_see_locality`"),
    page("hub:family-purpose", OWN_LOCALITY, "`policy.can_open_family`"),
    page("hub:family", OWN_LOCALITY, "`policy.can_open_family`", case=PURPOSE),
    page(
        "hub:family",
        {PRACTITIONER},
        "`policy.can_decide_on_family`",
        method="POST",
        case="recording a decision, " + PURPOSE,
    ),
    page("hub:person-purpose", OWN_LOCALITY, "`policy.can_open_person`"),
    page("hub:person", OWN_LOCALITY, "`policy.can_open_person`", case=PURPOSE),
    page("hub:review", {HUB_ANALYST}, "`policy.can_review_links`"),
    page("hub:review-pair-purpose", {HUB_ANALYST}, "`policy.can_review_links`"),
    page("hub:review-pair", {HUB_ANALYST}, "`policy.can_review_links`", case=PURPOSE),
    page(
        "hub:review-pair",
        {HUB_ANALYST},
        "`policy.can_review_links`",
        method="POST",
        case="deciding a pair, " + PURPOSE,
    ),
    # The hub's aggregates: suppressed counts and rates, no person-level data.
    page("hub_aggregates:hotspots", HUB_AGGREGATES, "`policy.can_view_hub_aggregates`"),
    page("hub_aggregates:hotspots-download", HUB_AGGREGATES, "`policy.can_view_hub_aggregates`"),
    page("hub_aggregates:outcomes", HUB_AGGREGATES, "`policy.can_view_hub_aggregates`"),
    # Information governance: the audit log says who opened which family or person, and why.
    page("governance:audit", {DATA_PROTECTION_OFFICER}, "`policy.can_search_audit_log`"),
    page("governance:audit-export", {DATA_PROTECTION_OFFICER}, "`policy.can_search_audit_log`"),
    # The JSON API.
    operation("GET", "/api/plans", EVERYONE, "lists only what `policy.can_view_plan` allows"),
    operation("GET", "/api/plans/{slug}", ROLE_HOLDERS, "`policy.can_view_plan`"),
    operation(
        "GET", "/api/indicators", EVERYONE, "lists only what `policy.can_view_indicator` allows"
    ),
    operation("GET", "/api/indicators/{key}", ROLE_HOLDERS, "`policy.can_view_indicator`"),
    operation(
        "GET", "/api/indicators/{key}/observations", ROLE_HOLDERS, "`policy.can_view_indicator`"
    ),
    operation("GET", "/api/indicators/{key}/targets", ROLE_HOLDERS, "`policy.can_view_indicator`"),
    operation(
        "GET", "/api/indicators/{key}/assessment", ROLE_HOLDERS, "`policy.can_view_indicator`"
    ),
    operation("POST", "/api/imports", MANAGERS, "`policy.can_manage_indicator_data`"),
    operation("GET", "/api/areas", EVERYONE, "areas and comparator groups: public geography"),
)


# What the application serves, to check that every target has a rule.

ADMIN_NAMESPACE = "admin"
API_NAMESPACE = "api"
_CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")


@dataclass(frozen=True)
class Served:
    """Every URL pattern name and API operation the application serves."""

    pages: frozenset[str]
    operations: frozenset[str]
    unnamed: tuple[str, ...] = field(default=())  # routes no rule can name


def _walk(resolver: URLResolver, namespace: str, route: str) -> Iterator[tuple[str, str, bool]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, inner, route + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name or ''}", route + str(entry.pattern), bool(entry.name)


def served() -> Served:
    """Walk the URL configuration and the API's OpenAPI schema.

    The Django admin is one target (``admin:index``): every admin page is for staff only, decided
    by the admin site itself. The API's URL patterns are its operations, taken from the schema;
    an API route the schema does not describe is reported as a page with no rule.
    """
    from trustplan.api.urls import api

    schema = api.get_openapi_schema()
    operations = {
        f"{method.upper()} {path}"
        for path, methods in schema["paths"].items()
        for method in methods
    }
    schema_paths = set(schema["paths"])
    pages: set[str] = set()
    unnamed: list[str] = []
    for name, route, has_name in _walk(get_resolver(), "", "/"):
        if name.startswith(f"{ADMIN_NAMESPACE}:"):
            pages.add("admin:index")
            continue
        if name.startswith(f"{API_NAMESPACE}:"):
            as_schema = _CONVERTER.sub(r"{\1}", route)
            if as_schema.rstrip("/") in schema_paths or as_schema in schema_paths:
                continue  # its operations are listed from the schema
        if not has_name:
            unnamed.append(route)
            continue
        pages.add(name)
    return Served(frozenset(pages), frozenset(operations), tuple(sorted(unnamed)))


def missing_rules(rules: Iterable[Rule] = RULES) -> list[str]:
    """Every URL pattern name and API operation with no rule: each must be given one."""
    found = served()
    ruled = {rule.target for rule in rules}
    missing = sorted((found.pages | found.operations) - ruled)
    return missing + [f"an unnamed URL pattern {route!r}" for route in found.unnamed]


def stale_rules(rules: Iterable[Rule] = RULES) -> list[str]:
    """Rules for what the application no longer serves."""
    found = served()
    return sorted({rule.target for rule in rules} - (found.pages | found.operations))


# The matrix as documentation.

SYMBOL = {Outcome.ALLOWED: "yes", Outcome.REFUSED: "no", Outcome.SIGN_IN: "sign in"}
SECTIONS = (
    ("", "Pages not about one plan"),
    ("admin", "Django admin"),
    ("plans", "The plan"),
    ("measures", "Indicator data"),
    ("delivery", "The quarterly cycle"),
    ("reports", "Reports"),
    ("selfassessment", "Self-assessments"),
    ("needs", "Needs assessments"),
    ("hub", "The family intelligence hub: person-level pages"),
    ("hub_aggregates", "The family intelligence hub: aggregates"),
    ("governance", "Information governance"),
    ("API", "The JSON API"),
)
INTRODUCTION = """\
# The access matrix

Who may open every page, download and form, and call every API operation. It is generated from
the rules declared in `src/trustplan/access/matrix.py` by `trustplan access_matrix --out
docs/access-matrix.md`; do not edit it by hand.

Every decision is made by `trustplan.access.policy` (and, for self-assessments and needs
assessments, their `permissions` modules built on it). `tests/security/test_access_matrix.py`
checks this matrix against the running application: it builds a plan, its cycle, reports,
self-assessments, needs assessments and a hub, requests every row as every persona, and fails if
any answer differs from the one below. It also fails when a URL pattern or API operation has no
row, naming it, and when this file is not what the generator writes.

- **yes**: the page, file or answer (or a redirect on to it: a form that saved, or the purpose
  gate of a person-level page).
- **no**: refused, with 403 (or 404 where even an object's existence is not for this user).
- **sign in**: sent to sign in. Only anonymous visitors are, except in Django admin, which sends
  anyone who is not staff to its own sign-in.

The objects each row asks for are chosen so that "own" holds: the plan's Safeguarding priority
(priority 2) and the Safeguarding board, the action owner's own action, and the hub's Northmoor
locality. Unless a row says otherwise, the plan is under consultation and not public. Person-level
hub pages also need a stated purpose (`trustplan.hub.purpose`); the matrix checks them with one
stated, and without one they redirect to the purpose gate.

Commands (`trustplan …`) are not in the matrix: they are run by whoever runs the server, with its
database credentials, and are for operators only.
"""


def _section(rule: Rule) -> str:
    if rule.kind is Kind.API or rule.target.startswith(f"{API_NAMESPACE}:"):
        return "API"
    return rule.target.split(":", 1)[0] if ":" in rule.target else ""


def markdown(rules: Iterable[Rule] = RULES) -> str:
    """The matrix as Markdown: the personas, then one table per part of the application."""
    rules = list(rules)
    lines = [INTRODUCTION, "## Personas", ""]
    lines += [f"- **{p.title}**: {p.who}" for p in PERSONAS]
    titled = dict(SECTIONS)
    others = sorted({_section(rule) for rule in rules} - set(titled))
    for section, title in [*SECTIONS, *((name, name) for name in others)]:
        rows = [rule for rule in rules if _section(rule) == section]
        if not rows:
            continue
        lines += ["", f"## {title}", ""]
        lines.append(
            "| "
            + " | ".join(["Target", "Method", "Case", "Decided by"])
            + " | "
            + " | ".join(p.title for p in PERSONAS)
            + " |"
        )
        lines.append("|" + " --- |" * (4 + len(PERSONAS)))
        for rule in rows:
            cells = [
                f"`{rule.target}`",
                rule.method,
                rule.case,
                rule.decided_by,
                *(SYMBOL[rule.outcome(p)] for p in PERSONAS),
            ]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
