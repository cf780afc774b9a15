from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "trustplan.accounts"
    verbose_name = "Sign-in security"

    def ready(self) -> None:
        # Registers the deployment checks and the sign-in signal receivers.
        from trustplan.accounts import checks, sessions  # noqa: F401
