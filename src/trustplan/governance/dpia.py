"""Drafting the "description of the processing" of the hub's data protection impact assessment
from trustplan's own configuration.

The headings are Step 2 of the Information Commissioner's Office sample DPIA template ("Describe
the processing": its nature, scope, context and purposes), whose questions each paragraph
answers; see the ICO's "How do we do a DPIA?", which links to the template (``ICO_GUIDANCE``).

What trustplan knows is filled in: the data-sharing agreements (parties, lawful bases, purposes,
feeds, dates, retention, review), the feed contracts (which identity, special category and
criminal offence columns each feed holds, ``trustplan.governance.categories``), the roles and
what each may see, the rule sets in use, the purposes a user must state, and the audit
controls. Counts are of what is held as the draft is made. What only the partnership can say
(people's expectations, their views, the benefits it expects) is marked for it to complete.
Agreements past their review date, or with a lawful basis missing, are listed first.

The draft names organisations and roles, never a person: no record's value appears in it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Max
from django.utils import timezone

from trustplan.access.models import Membership, Role
from trustplan.governance import categories
from trustplan.hub.models import (
    DataSharingAgreement,
    Family,
    FamilyMember,
    FeedLoad,
    HubRecord,
    Locality,
    PersonLink,
)
from trustplan.hub.purpose import LASTS, Purpose
from trustplan.hub.worklist import current_run, latest_link_run
from trustplan.hubcore.feeds import FEEDS
from trustplan.hubcore.rules import shipped_rule_sets

ICO_GUIDANCE = (
    "https://ico.org.uk/for-organisations/guide-to-data-protection/"
    "guide-to-the-general-data-protection-regulation-gdpr/"
    "data-protection-impact-assessments-dpias/how-do-we-do-a-dpia/"
)
TO_COMPLETE = "For the partnership to complete: "

# What each role may see of the hub. A role added to ``Role`` must be described here (a test
# checks), so the DPIA never leaves one out.
ROLE_HUB_ACCESS: dict[Role, str] = {
    Role.VIEWER: "No hub data.",
    Role.BOARD_MEMBER: "No hub data.",
    Role.STRATEGIC_LEAD: "No hub data.",
    Role.ACTION_OWNER: "No hub data.",
    Role.ANALYST: (
        "Hub counts and rates only (hotspots, outcomes), with small numbers withheld; no "
        "family, person or record."
    ),
    Role.ADMINISTRATOR: (
        "Hub counts and rates only; no family, person or record unless also given a hub role. "
        "Runs the hub's commands on the server (loads, linking, retention, subject access)."
    ),
    Role.HUB_ANALYST: (
        "Every locality's work list; opens any family, person or pair of records after stating "
        "a purpose, every opening audited; works the clerical review queue; counts and rates."
    ),
    Role.HUB_PRACTITIONER: (
        "Their localities' work lists; opens those families and their people after stating a "
        "purpose, every opening audited; records work-list decisions; counts and rates."
    ),
    Role.DATA_PROTECTION_OFFICER: (
        "Searches and exports the audit log (ids, actions and purposes); no family, person or "
        "record."
    ),
}


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]


Block = str | list[str] | Table
"""A paragraph, a bulleted list, or a table."""


@dataclass
class Section:
    heading: str
    level: int
    blocks: list[Block] = field(default_factory=list)


@dataclass(frozen=True)
class Draft:
    title: str
    made_on: dt.date
    sections: list[Section]


def _day(when: dt.date | None) -> str:
    return f"{when.day} {when:%B %Y}" if when else "not recorded"


def _list(items: list[str], empty: str = "none") -> str:
    return ", ".join(items) if items else empty


# Gathering -------------------------------------------------------------------------------------


def _agreements() -> list[DataSharingAgreement]:
    return list(DataSharingAgreement.objects.prefetch_related("parties", "processors"))


def _controllers(agreement: DataSharingAgreement) -> list[str]:
    processors = {p.pk for p in agreement.processors.all()}
    return [p.name for p in agreement.parties.all() if p.pk not in processors]


def attention(agreements: list[DataSharingAgreement], on: dt.date) -> list[str]:
    """What needs seeing to before the DPIA is signed off: reviews due, bases missing."""
    said = []
    for agreement in agreements:
        review = agreement.review_problem(on)
        if review is not None:
            said.append(f"Agreement {agreement.pk} ({agreement.title}): {review}.")
        said.extend(
            f"Agreement {agreement.pk} ({agreement.title}): {problem}."
            for _, problem in agreement.basis_problems()
        )
        if agreement.ends_on < on:
            said.append(
                f"Agreement {agreement.pk} ({agreement.title}) ended on "
                f"{_day(agreement.ends_on)}: its records are removed by `trustplan hub retention` "
                f"{agreement.grace_days} days later."
            )
    return said


def _feed_table() -> Table:
    rows = []
    for feed in sorted(FEEDS):
        categorised = categories.categorised_columns(feed)
        kinds: dict[str, list[str]] = {}
        for column, category in categorised.items():
            kinds.setdefault(str(category), []).append(column)
        rows.append(
            (
                feed,
                _list(categories.event_columns(feed)),
                "; ".join(f"{kind}: {', '.join(columns)}" for kind, columns in kinds.items()),
            )
        )
    return Table(("feed", "event columns", "special category and criminal offence data"), rows)


def _agreement_table(agreements: list[DataSharingAgreement]) -> Table:
    return Table(
        ("agreement", "controllers", "processors", "feeds", "in force", "review"),
        [
            (
                f"{a.pk}: {a.title}",
                _list(_controllers(a)),
                _list([p.name for p in a.processors.all()]),
                _list(list(a.feeds)),
                f"{_day(a.starts_on)} to {_day(a.ends_on)}",
                _day(a.review_on),
            )
            for a in agreements
        ],
    )


def _bases_table(agreements: list[DataSharingAgreement]) -> Table:
    return Table(
        ("agreement", "Article 6", "Article 9", "DPA 2018 Schedule 1", "explanation"),
        [
            (
                str(a.pk),
                a.get_article_6_basis_display() if a.article_6_basis else "not recorded",
                a.get_article_9_condition_display() if a.article_9_condition else "not recorded",
                a.dpa_schedule_1_condition or "none recorded",
                a.lawful_basis,
            )
            for a in agreements
        ],
    )


def _retention_table(agreements: list[DataSharingAgreement]) -> Table:
    return Table(
        ("agreement", "kept for", "after it ends"),
        [
            (
                f"{a.pk}: {a.title}",
                f"{a.retention_days:,} days from the load that last stored a record",
                f"{a.grace_days:,} days' grace, then removed" if a.grace_days else "removed",
            )
            for a in agreements
        ],
    )


def _volume_table() -> Table:
    held = dict(HubRecord.objects.order_by().values_list("feed_type").annotate(n=Count("pk")))
    loads = {
        row["feed_type"]: row
        for row in FeedLoad.objects.filter(outcome=FeedLoad.Outcome.LOADED)
        .order_by()
        .values("feed_type")
        .annotate(n=Count("pk"), last=Max("loaded_at"))
    }
    rows = []
    for feed in sorted(FEEDS):
        load = loads.get(feed)
        rows.append(
            (
                feed,
                f"{held.get(feed, 0):,}",
                f"{load['n']:,}" if load else "0",
                _day(timezone.localdate(load["last"])) if load else "never",
            )
        )
    return Table(("feed", "records held", "files loaded", "latest load"), rows)


def _roles_table() -> Table:
    holders = Counter(
        role for role, _ in Membership.objects.values_list("role", "user_id").distinct()
    )
    return Table(
        ("role", "holders", "what it may see of the hub"),
        [(role.label, f"{holders.get(role.value, 0):,}", ROLE_HUB_ACCESS[role]) for role in Role],
    )


def _rule_sets() -> list[str]:
    run = current_run()
    shipped = shipped_rule_sets()
    in_use = (
        [(str(r["key"]), str(r["version"])) for r in run.rule_sets]
        if run is not None
        else [(key, str(rule_set.version)) for key, rule_set in sorted(shipped.items())]
    )
    return [
        f"{shipped[key].title if key in shipped else key} (version {version})"
        for key, version in in_use
    ]


def _control(agreements: list[DataSharingAgreement]) -> str:
    """How much control people have, from the Article 6 bases the agreements rely on."""
    codes = {a.article_6_basis for a in agreements if a.article_6_basis}
    labels = [DataSharingAgreement.Article6(code).label for code in sorted(codes)]
    said = [
        f"How much control will they have? The lawful bases are {_list(labels, 'not recorded')}."
    ]
    if codes and "a" not in codes:
        said.append("Consent is not relied on, so people cannot withdraw it.")
    if codes & {"e", "f"}:
        said.append(
            "They may object to processing on a public task or legitimate interests basis "
            "(UK GDPR Article 21)."
        )
    said.append("Anyone may ask for everything held on them (`trustplan hub subject-access`).")
    return " ".join(said)


def _criminal_feeds(feeds: list[str]) -> list[str]:
    return [feed for feed in feeds if categories.holds_criminal_offence_data([feed])]


# The draft -------------------------------------------------------------------------------------


def draft(on: dt.date) -> Draft:
    """The draft description of the processing, as at ``on``."""
    agreements = _agreements()
    feeds_shared = sorted({feed for a in agreements for feed in a.feeds})
    special = categories.special_categories(feeds_shared)
    criminal = _criminal_feeds(feeds_shared)
    link_run = latest_link_run()
    family_run = current_run()
    people = PersonLink.objects.values("person_id").distinct().count()
    families = Family.objects.filter(run=family_run).count() if family_run else 0
    children = (
        FamilyMember.objects.filter(family__run=family_run, is_child=True)
        .values("person_id")
        .distinct()
        .count()
        if family_run
        else 0
    )
    localities = list(Locality.objects.values_list("name", flat=True))
    minutes = int(LASTS.total_seconds() // 60)

    needs = attention(agreements, on)
    sections = [
        Section(
            "Data protection impact assessment: the family intelligence hub",
            1,
            [
                f"Step 2 of the DPIA, describing the processing: a draft made by trustplan on "
                f"{_day(on)} from its configuration. The headings and questions are those of the "
                "Information Commissioner's Office sample DPIA template (Step 2: Describe the "
                f"processing); see ICO, How do we do a DPIA?, {ICO_GUIDANCE}. Where a paragraph "
                f'begins "{TO_COMPLETE.strip()}", only the partnership can answer.',
            ],
        ),
        Section(
            "Needs attention before sign-off",
            2,
            [needs if needs else "Nothing: every agreement is in review and states its bases."],
        ),
        Section(
            "Describe the nature of the processing",
            2,
            [
                "How will you collect, use, store and delete data?",
                [
                    "Collect: each partner sends a file of one feed (CSV, checked against the "
                    "feed's published contract), loaded with `trustplan hub load` only while an "
                    "agreement covering that feed is in force; any other file is refused "
                    "unread. Each load is recorded (who, when, the file's SHA-256, counts) and "
                    "audited. Rejected rows are quarantined for the sender to correct.",
                    "Use: records are linked into people (exact NHS number or UPN, then a "
                    "probabilistic Fellegi-Sunter model with Splink), with uncertain pairs "
                    "decided by a hub analyst; people are grouped into households and "
                    "families; the rule sets in use are evaluated on each family: "
                    f"{_list(_rule_sets())}. Families meeting one are listed for a "
                    "practitioner, who looks at the family and records a decision: no decision "
                    "about a family is made automatically.",
                    "Store: in trustplan's database (PostgreSQL in production), identity "
                    "columns as columns and each feed's event columns as JSON; agreements and "
                    "decisions keep their history.",
                    "Delete: `trustplan hub retention` removes records past their agreement's "
                    "retention, with their links, review decisions and quarantined rows, and "
                    "audits each removal.",
                ],
                "What is the source of the data? The parties to the data-sharing agreements:",
                _agreement_table(agreements),
                "Will you be sharing data with anyone? Within the partnership, by role. "
                "Person-level pages open only to hub roles, only after the user states a "
                f"purpose (which lapses after {minutes} minutes), and every opening is audited. "
                "Exports leave trustplan only by command on the server, and are audited.",
                _roles_table(),
                "What types of processing identified as likely high risk are involved?",
                [
                    "Matching and combining data sets from different sources (record linkage).",
                    "Data about vulnerable people: children and families.",
                    *([f"Special category data: {', '.join(special)}."] if special else []),
                    *([f"Criminal offence data: {', '.join(criminal)}."] if criminal else []),
                    "Profiling: rule sets flag families for a practitioner to review.",
                    "Innovative technology: probabilistic record linkage, whose errors can fall "
                    "unevenly; `trustplan hub evaluate` reports missed and false links by "
                    "ethnicity and sex on synthetic data.",
                ],
            ],
        ),
        Section(
            "Describe the scope of the processing",
            2,
            [
                "What is the nature of the data, and does it include special category or "
                "criminal offence data? Every feed holds the identity columns "
                f"({', '.join(categories.identity_columns())}) and its own event columns:",
                _feed_table(),
                "How much data will you be collecting and using? How often?",
                _volume_table(),
                "How long will you keep it?",
                _retention_table(agreements),
                "How many individuals are affected? "
                + (
                    f"{people:,} people linked by link run {link_run.pk}"
                    if link_run is not None
                    else "No records have been linked yet"
                )
                + (
                    f"; {families:,} families, with {children:,} children, in family run "
                    f"{family_run.pk}."
                    if family_run is not None
                    else "; no families have been grouped yet."
                ),
                "What geographical area does it cover? "
                + (
                    f"{len(localities):,} localities: {', '.join(localities)}."
                    if localities
                    else "No localities are loaded yet."
                ),
            ],
        ),
        Section(
            "Describe the context of the processing",
            2,
            [
                "What is the nature of your relationship with the individuals? They are "
                "children and adults known to the partners' services: schools, the police, "
                "health, children's social care, early help, housing and benefits.",
                _control(agreements),
                TO_COMPLETE + "would they expect you to use their data in this way (the "
                "partners' privacy notices)? Are there prior concerns over this type of "
                "processing, or current issues of public concern? Are you signed up to any "
                "approved code of conduct or certification scheme?",
                "What controls are in place?",
                [
                    "An append-only audit log of sign-ins, failed sign-ins, openings of "
                    "families, people and pairs of records (with the purpose stated), exports, "
                    "loads, imports, agreement, rule and role changes, retention and subject "
                    "access. Each entry is chained to the one before by a SHA-256 hash, and "
                    "`trustplan audit verify` finds any entry changed, removed or inserted.",
                    "A data protection officer searches the log (who looked at this family, "
                    "and why) and exports it; the role opens no record.",
                    "Least privilege: administrators see no family, person or record unless "
                    "also given a hub role; practitioners see only their localities.",
                    "No message, log or audit entry repeats a value from a record; audit "
                    "entries name objects by id.",
                    "Every aggregate output withholds small numbers (disclosure control).",
                ],
            ],
        ),
        Section(
            "Describe the purposes of the processing",
            2,
            [
                "What do you want to achieve? The purposes the agreements state:",
                [f"Agreement {a.pk}: {a.purposes}" for a in agreements]
                or "No agreement is recorded yet.",
                "A user opening a family, person or pair of records must state one of these "
                "purposes, and give a reason, both kept in the audit log:",
                [str(label) for _, label in Purpose.choices],
                "The lawful bases, as each agreement records them:",
                _bases_table(agreements),
                "What is the intended effect on individuals? Families with several small "
                "warning signs are seen by a practitioner and may be offered early help "
                "sooner; families already open to early help or social care are not listed.",
                TO_COMPLETE + "what are the benefits of the processing, for the partnership "
                "and more broadly?",
            ],
        ),
    ]
    return Draft(
        "Data protection impact assessment: the family intelligence hub (draft)", on, sections
    )
