from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "trustplan.access"
    verbose_name = "Access and roles"
