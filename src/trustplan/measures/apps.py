from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "trustplan.measures"
    verbose_name = "Indicators"
