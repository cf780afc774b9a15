from django.apps import AppConfig


class NeedsConfig(AppConfig):
    name = "trustplan.needs"
    verbose_name = "Needs assessments"
