from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "trustplan.partners"
    verbose_name = "Partners and people"
