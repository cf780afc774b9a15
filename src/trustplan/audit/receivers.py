"""Writing governed events to the audit log as they happen, whichever code path makes them.

Connected in :class:`trustplan.audit.apps.AuditConfig` ``ready()``:

* sign-ins, failed sign-ins and sign-outs (``django.contrib.auth``'s signals). A failed sign-in
  keeps the username that was tried and nothing else: never the password;
* role changes: a membership given, changed or removed, and a user made or unmade a superuser
  (who is an administrator) or deactivated;
* data-sharing agreements added, changed (by field name; the values are in the agreement's
  history) or removed, and their parties;
* feed loads (every attempt, refused ones too), indicator data imports, plan revisions and
  published board packs;
* the rule sets in use: a family run that evaluates a rule set, or a version of one, that the
  run before it did not.

Each entry names its object by type and id. The acting user is the record's own (``loaded_by``,
``created_by``…) or the request's (:mod:`trustplan.audit.actors`).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest

from trustplan.access.models import Membership, Role
from trustplan.audit import actors
from trustplan.audit.chain import record
from trustplan.audit.models import AuditEntry
from trustplan.hub.models import DataSharingAgreement, FamilyRun, FeedLoad
from trustplan.measures.models import DataImport
from trustplan.plans.models import PlanRevision
from trustplan.reports.models import PackSnapshot

Action = AuditEntry.Action
_BEFORE = "_audit_before"  # an instance's stored values, read just before it is saved

# A user's flags that change what they may do, as the audit log words a change to each.
USER_FLAGS = {
    "is_superuser": ("made a superuser (administrator)", "no longer a superuser"),
    "is_active": ("reactivated", "deactivated"),
}


def _by(user: AbstractBaseUser | None) -> AbstractBaseUser | None:
    """The user a record names as acting, else the signed-in user of the request."""
    return user if user is not None else actors.current_user()


# Signing in and out ----------------------------------------------------------------------------


def signed_in(sender: Any, request: HttpRequest, user: AbstractBaseUser, **kwargs: Any) -> None:
    record(user, Action.SIGN_IN, object_type="user", object_id=str(user.pk))


def sign_in_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    """Only the username tried is kept (it may be a mistyped real one: it is what a data
    protection officer looks for); the password never is."""
    field = get_user_model().USERNAME_FIELD
    tried = credentials.get(field, credentials.get("username", ""))
    record(None, Action.SIGN_IN_FAILED, username=str(tried or ""))


def signed_out(
    sender: Any, request: HttpRequest, user: AbstractBaseUser | None, **kwargs: Any
) -> None:
    if user is not None:
        record(user, Action.SIGN_OUT, object_type="user", object_id=str(user.pk))


# Roles ---------------------------------------------------------------------------------------


def _role(membership: Membership) -> str:
    """ "Hub practitioner for locality 3": the role and its scope, by id."""
    label = Role(membership.role).label
    for name in ("board", "priority", "objective", "locality"):
        scope_id = getattr(membership, f"{name}_id")
        if scope_id is not None:
            return f"{label} for {name} {scope_id}"
    return label


def membership_saved(sender: Any, instance: Membership, created: bool, **kwargs: Any) -> None:
    said = "gave" if created else "changed the role to"
    record(
        actors.current_user(),
        Action.ROLE_CHANGE,
        object_type="user",
        object_id=str(instance.user_id),
        detail=f"{said} {_role(instance)}",
    )


def membership_deleted(sender: Any, instance: Membership, **kwargs: Any) -> None:
    record(
        actors.current_user(),
        Action.ROLE_CHANGE,
        object_type="user",
        object_id=str(instance.user_id),
        detail=f"removed {_role(instance)}",
    )


def user_saving(sender: Any, instance: AbstractBaseUser, **kwargs: Any) -> None:
    fields = kwargs.get("update_fields")
    if instance.pk is None or (fields is not None and not set(fields) & set(USER_FLAGS)):
        return
    before = sender.objects.filter(pk=instance.pk).values(*USER_FLAGS).first()
    setattr(instance, _BEFORE, before)


def user_saved(sender: Any, instance: AbstractBaseUser, created: bool, **kwargs: Any) -> None:
    before = getattr(instance, _BEFORE, None)
    if created:
        before = {"is_superuser": False, "is_active": True}
    if before is None:
        return
    for flag, (on, off) in USER_FLAGS.items():
        now = getattr(instance, flag)
        if now != before[flag]:
            record(
                actors.current_user(),
                Action.ROLE_CHANGE,
                object_type="user",
                object_id=str(instance.pk),
                detail=on if now else off,
            )
    setattr(instance, _BEFORE, None)


# Data-sharing agreements ---------------------------------------------------------------------


def _agreement_fields() -> list[str]:
    return [
        field.attname
        for field in DataSharingAgreement._meta.concrete_fields
        if not field.primary_key
    ]


def agreement_saving(sender: Any, instance: DataSharingAgreement, **kwargs: Any) -> None:
    if instance.pk is not None:
        before = DataSharingAgreement.objects.filter(pk=instance.pk).values(*_agreement_fields())
        setattr(instance, _BEFORE, before.first())


def agreement_saved(
    sender: Any, instance: DataSharingAgreement, created: bool, **kwargs: Any
) -> None:
    if created:
        detail = f"added, covering {', '.join(instance.feeds) or 'no feeds'}"
    else:
        before = getattr(instance, _BEFORE, None) or {}
        changed = [
            name
            for name in _agreement_fields()
            if name in before and before[name] != getattr(instance, name)
        ]
        if before and not changed:
            return
        detail = f"changed: {', '.join(changed)}" if changed else "changed"
    record(
        actors.current_user(),
        Action.AGREEMENT_CHANGE,
        object_type="agreement",
        object_id=str(instance.pk),
        detail=detail,
    )


def agreement_deleted(sender: Any, instance: DataSharingAgreement, **kwargs: Any) -> None:
    record(
        actors.current_user(),
        Action.AGREEMENT_CHANGE,
        object_type="agreement",
        object_id=str(instance.pk),
        detail="removed",
    )


def agreement_parties_changed(
    sender: Any,
    instance: Any,
    action: str,
    pk_set: set[int] | None,
    model: Any,
    reverse: bool,
    **kwargs: Any,
) -> None:
    """Parties or processors added or removed (from either side of the relation)."""
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    which = "processors" if sender is DataSharingAgreement.processors.through else "parties"
    if reverse:  # an organisation's agreements changed: one entry per agreement
        agreements = sorted(pk_set or ())
        organisations = f"organisation {instance.pk}"
    else:
        agreements = [instance.pk]
        organisations = ", ".join(f"organisation {pk}" for pk in sorted(pk_set or ())) or "all"
    said = {"post_add": "added", "post_remove": "removed", "post_clear": "cleared"}[action]
    for pk in agreements:
        record(
            actors.current_user(),
            Action.AGREEMENT_CHANGE,
            object_type="agreement",
            object_id=str(pk),
            detail=f"{which} {said}: {organisations}",
        )


# Loads, imports, plans and packs -------------------------------------------------------------


def feed_loaded(sender: Any, instance: FeedLoad, created: bool, **kwargs: Any) -> None:
    if not created:
        return
    counts = "; ".join(f"{value:,} {name}" for name, value in instance.counts.items())
    under = f" under agreement {instance.agreement_id}" if instance.agreement_id else ""
    record(
        _by(instance.loaded_by),
        Action.LOAD,
        object_type="feed_load",
        object_id=str(instance.pk),
        detail=f"{instance.feed_type}: {instance.outcome}{under}"
        + (f"; {counts}" if counts else ""),
    )


def data_imported(sender: Any, instance: DataImport, created: bool, **kwargs: Any) -> None:
    if created:
        record(
            _by(instance.created_by),
            Action.IMPORT,
            object_type="data_import",
            object_id=str(instance.pk),
            detail=f"{instance.outcome} ({instance.how})",
        )


def plan_revised(sender: Any, instance: PlanRevision, created: bool, **kwargs: Any) -> None:
    if created:
        record(
            _by(instance.created_by),
            Action.PLAN_CHANGE,
            object_type="plan",
            object_id=instance.plan.slug,
            detail=f"revision {instance.number}: {instance.how}",
        )


def pack_published(sender: Any, instance: PackSnapshot, created: bool, **kwargs: Any) -> None:
    if created:
        record(
            _by(instance.frozen_by),
            Action.PUBLISH,
            object_type="board_pack",
            object_id=str(instance.pk),
            detail=(
                f"board {instance.board_id}, quarter {instance.quarter.code}, "
                f"version {instance.version}"
            ),
        )


# Rule sets -----------------------------------------------------------------------------------


def _versions(run: FamilyRun | None) -> dict[str, str]:
    if run is None:
        return {}
    return {str(r["key"]): str(r["version"]) for r in run.rule_sets if isinstance(r, dict)}


def family_run_made(sender: Any, instance: FamilyRun, created: bool, **kwargs: Any) -> None:
    """A rule set first used, used at another version, or no longer used, compared with the
    family run before this one."""
    if not created:
        return
    previous = FamilyRun.objects.exclude(pk=instance.pk).order_by("-started_at", "-pk").first()
    before, now = _versions(previous), _versions(instance)
    changes = {}
    for key in sorted(before.keys() | now.keys()):
        if key not in before:
            changes[key] = f"now evaluated, version {now[key]}"
        elif key not in now:
            changes[key] = f"no longer evaluated (was version {before[key]})"
        elif before[key] != now[key]:
            changes[key] = f"version {before[key]} replaced by version {now[key]}"
    for key, detail in changes.items():
        record(
            _by(instance.started_by),
            Action.RULE_CHANGE,
            object_type="rule_set",
            object_id=key,
            detail=f"{detail}, from family run {instance.pk}",
        )
