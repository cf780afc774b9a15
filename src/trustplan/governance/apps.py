from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "trustplan.governance"
    verbose_name = "Information governance"
