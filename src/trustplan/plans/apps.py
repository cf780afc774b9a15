from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "trustplan.plans"
    verbose_name = "Plans"
