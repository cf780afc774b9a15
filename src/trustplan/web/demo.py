"""The demo: both example plans and one made-up account per role.

Accounts are fictional people in real partner organisations' roles; their passwords are
generated on the first run and kept (readable only by you) in the data folder, so running the
demo again keeps them. The demo keeps production's sign-in rules: the administrator and hub
accounts sign in with a second factor too. Each has an authenticator key, kept the same way and
printed with its password, to add to an authenticator app (docs/security.md).
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyotp
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.db import transaction
from django.utils import timezone

from trustplan.access import policy
from trustplan.access.models import Membership, Role
from trustplan.access.policy import Roles
from trustplan.accounts import twofactor
from trustplan.demodata import DEFAULT_SEED, generate, plan_indicator_keys
from trustplan.demodata.files import IMPORT_ORDER, write_files
from trustplan.hub.demo import busiest_locality
from trustplan.measures.importing import ImportOutcome, Progress, import_file
from trustplan.measures.models import DataImport
from trustplan.partners.models import Organisation, OrganisationKind, Person
from trustplan.plancode import validate_file
from trustplan.plans.models import Plan

DEMO_PLAN = "portsmouth-2020-23"
EMAIL_DOMAIN = "example.org"  # reserved for examples (RFC 2606): no real mailbox
PUBLIC_DEMO_PLAN = "portsmouth-2011-14"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    name: str
    role: Role
    scope: str  # which board, priority or objective, in words
    password: str = ""
    two_factor_key: str = ""  # for the accounts that sign in with a second factor


def _accounts(plan: Plan) -> list[tuple[DemoAccount, dict[str, Any]]]:
    """Each demo account with the scope of its membership in the demo plan."""
    safeguarding = plan.priorities.get(number="2")
    domestic_abuse = safeguarding.objectives.get(number="7")
    board = safeguarding.board
    assert board is not None, "the demo plan's safeguarding priority names its board"  # noqa: S101
    return [
        (DemoAccount("viewer", "Val Viewer", Role.VIEWER, "the whole partnership"), {}),
        (
            DemoAccount("board.member", "Bo Member", Role.BOARD_MEMBER, f"board: {board.name}"),
            {"board": board},
        ),
        (
            DemoAccount(
                "strategic.lead", "Sam Lead", Role.STRATEGIC_LEAD, f"priority: {safeguarding}"
            ),
            {"priority": safeguarding},
        ),
        (
            DemoAccount(
                "action.owner", "Ash Owner", Role.ACTION_OWNER, f"objective: {domestic_abuse}"
            ),
            {"objective": domestic_abuse},
        ),
        (DemoAccount("analyst", "Ana Lyst", Role.ANALYST, "the whole partnership"), {}),
        (DemoAccount("admin", "Adi Min", Role.ADMINISTRATOR, "the whole partnership"), {}),
        (DemoAccount("dpo", "Dee Pio", Role.DATA_PROTECTION_OFFICER, "the whole partnership"), {}),
        *_hub_accounts(),
    ]


def _hub_accounts() -> list[tuple[DemoAccount, dict[str, Any]]]:
    """A hub analyst, and a practitioner of the locality with most families on the work list,
    once the demo's synthetic city is in the hub (``trustplan.hub.demo``)."""
    locality = busiest_locality()
    if locality is None:
        return []
    return [
        (DemoAccount("hub.analyst", "Hana Lyst", Role.HUB_ANALYST, "the whole partnership"), {}),
        (
            DemoAccount(
                "hub.practitioner",
                "Pat Practitioner",
                Role.HUB_PRACTITIONER,
                f"locality: {locality}",
            ),
            {"locality": locality},
        ),
    ]


def create_demo_accounts(data_dir: Path) -> list[DemoAccount]:
    """Create (or refresh) one account per role in the demo plan; return them with passwords."""
    plan = Plan.objects.get(slug=DEMO_PLAN)
    passwords = _stored_passwords(data_dir / "demo-passwords")
    keys = _stored_passwords(data_dir / "demo-two-factor-keys")
    organisation, _ = Organisation.objects.get_or_create(
        key="portsmouth-city-council",
        defaults={"name": "Portsmouth City Council", "kind": OrganisationKind.LOCAL_AUTHORITY},
    )
    users = get_user_model()
    created = []
    with transaction.atomic():
        for account, scope in _accounts(plan):
            user: AbstractUser = users.objects.filter(username=account.username).first() or users(
                username=account.username
            )
            password = passwords.setdefault(account.username, secrets.token_urlsafe(9))
            first, last = account.name.split(" ", 1)
            user.first_name, user.last_name = first, last
            user.is_staff = user.is_superuser = account.role is Role.ADMINISTRATOR
            user.set_password(password)
            user.save()
            Person.objects.update_or_create(
                key=f"demo-{account.username.replace('.', '-')}",
                defaults={"name": account.name, "organisation": organisation, "user": user},
            )
            Membership.objects.get_or_create(user=user, role=account.role, **scope)
            key = ""
            if policy.requires_second_factor(Roles.of(user), is_staff=user.is_staff):
                key = keys.setdefault(account.username, pyotp.random_base32())
                twofactor.enrol_with_key(user, key)
            created.append(
                DemoAccount(
                    account.username, account.name, account.role, account.scope, password, key
                )
            )
        Plan.objects.filter(slug=PUBLIC_DEMO_PLAN).update(is_public=True)
    _store_passwords(data_dir / "demo-passwords", passwords)
    _store_passwords(data_dir / "demo-two-factor-keys", keys)
    return created


def _stored_passwords(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    passwords = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        username, _, password = line.partition("\t")
        if username and password:
            passwords[username] = password
    return passwords


def _store_passwords(path: Path, passwords: dict[str, str]) -> None:
    path.write_text("".join(f"{u}\t{p}\n" for u, p in sorted(passwords.items())), encoding="utf-8")
    path.chmod(0o600)


def load_demo_indicator_data(
    plan_file: Path, data_dir: Path, *, progress: Progress | None = None
) -> list[ImportOutcome]:
    """Generate the synthetic indicator data for the plan's KPIs and import it.

    The files go through the same import as an analyst's (``trustplan data import``), into
    ``data_dir/demo-data`` where they can be opened; they are the same on every run, so a second
    run imports nothing new.
    """
    document = validate_file(plan_file).document
    if document is None:
        raise ValueError(f"{plan_file} is not a valid plan file")
    data = generate(DEFAULT_SEED, plan_indicator_keys(document))
    directory = data_dir / "demo-data"
    write_files(data, directory)
    outcomes = []
    for name in IMPORT_ORDER:
        outcome = import_file(
            (directory / name).read_bytes(), name, how="demo set-up", progress=progress
        )
        if outcome.record.outcome == DataImport.Outcome.REJECTED:
            raise ValueError(
                f"the demo file {name} was rejected: {outcome.record.rejected_rows[:3]}"
            )
        outcomes.append(outcome)
    return outcomes


def demo_account(username: str, needed_by: str) -> AbstractUser:
    """One of the demo accounts, which the other parts of the demo act as."""
    user: AbstractUser | None = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise LookupError(
            f"The demo account {username!r} does not exist: create the demo accounts "
            f"(trustplan.web.demo.create_demo_accounts) before {needed_by}."
        )
    return user


def demo_moment(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    """A time on `day` in the demo's story, which runs before its `TRUSTPLAN_AS_OF`."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def fictional_person(
    username: str, name: tuple[str, str], organisation: Organisation, job_title: str, key: str
) -> AbstractUser:
    """A made-up person the demo acts as, who cannot sign in: a user and their Person record."""
    first, last = name
    user: AbstractUser = get_user_model().objects.filter(
        username=username
    ).first() or get_user_model()(username=username)
    user.first_name, user.last_name = first, last
    user.email = f"{first}.{last}@{EMAIL_DOMAIN}".lower()
    user.set_unusable_password()
    user.save()
    Person.objects.update_or_create(
        key=key,
        defaults={
            "name": f"{first} {last}",
            "job_title": job_title,
            "organisation": organisation,
            "user": user,
        },
    )
    return user
