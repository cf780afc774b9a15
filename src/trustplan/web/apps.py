from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "trustplan.web"
    verbose_name = "Web"
