from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "trustplan.api"
    verbose_name = "API"
