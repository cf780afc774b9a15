from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "trustplan.audit"
    verbose_name = "Audit log"
