from collections.abc import Callable
from typing import Any

from django.apps import AppConfig
from django.db.models.signals import ModelSignal


class AuditConfig(AppConfig):
    name = "trustplan.audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        """Connect the receivers that write governed events to the audit log."""
        from django.conf import settings
        from django.contrib.auth import signals as auth
        from django.db.models import signals

        from trustplan.access.models import Membership
        from trustplan.audit import receivers as on
        from trustplan.hub.models import DataSharingAgreement, FamilyRun, FeedLoad
        from trustplan.measures.models import DataImport
        from trustplan.plans.models import PlanRevision
        from trustplan.reports.models import PackSnapshot

        user = settings.AUTH_USER_MODEL
        auth.user_logged_in.connect(on.signed_in, dispatch_uid="audit-sign-in")
        auth.user_login_failed.connect(on.sign_in_failed, dispatch_uid="audit-sign-in-failed")
        auth.user_logged_out.connect(on.signed_out, dispatch_uid="audit-sign-out")

        def connect(signal: ModelSignal, receiver: Callable[..., None], sender: Any) -> None:
            signal.connect(receiver, sender=sender, dispatch_uid=f"audit-{receiver.__name__}")

        connect(signals.post_save, on.membership_saved, Membership)
        connect(signals.post_delete, on.membership_deleted, Membership)
        connect(signals.pre_save, on.user_saving, user)
        connect(signals.post_save, on.user_saved, user)
        connect(signals.pre_save, on.agreement_saving, DataSharingAgreement)
        connect(signals.post_save, on.agreement_saved, DataSharingAgreement)
        connect(signals.post_delete, on.agreement_deleted, DataSharingAgreement)
        for through in (
            DataSharingAgreement.parties.through,
            DataSharingAgreement.processors.through,
        ):
            signals.m2m_changed.connect(
                on.agreement_parties_changed,
                sender=through,
                dispatch_uid=f"audit-agreement-{through.__name__}",
            )
        connect(signals.post_save, on.feed_loaded, FeedLoad)
        connect(signals.post_save, on.data_imported, DataImport)
        connect(signals.post_save, on.plan_revised, PlanRevision)
        connect(signals.post_save, on.pack_published, PackSnapshot)
        connect(signals.post_save, on.family_run_made, FamilyRun)
