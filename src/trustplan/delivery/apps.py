from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "trustplan.delivery"
    verbose_name = "Delivery plans and the quarterly cycle"

    def ready(self) -> None:
        from trustplan.delivery import alerts  # noqa: F401 - connects the data-import receiver
