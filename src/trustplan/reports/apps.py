from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "trustplan.reports"
    verbose_name = "Board reports"
