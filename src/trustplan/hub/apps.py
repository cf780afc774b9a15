from django.apps import AppConfig


class HubConfig(AppConfig):
    name = "trustplan.hub"
    verbose_name = "Family intelligence hub"
