"""The sign-in forms: password (throttled) and the second factor."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from trustplan.accounts import throttling


class SignInForm(AuthenticationForm):
    """Django's sign-in form, refusing a locked username or a throttled address before the
    password is checked, with messages in the GOV.UK style."""

    error_messages = {
        "invalid_login": "Enter a correct username and password",
        "inactive": "Enter a correct username and password",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        if username and self.cleaned_data.get("password"):
            address = throttling.client_address(self.request)
            refusal = throttling.check(username, address, throttling.Stage.PASSWORD)
            if refusal is not None:
                raise forms.ValidationError(refusal.message, code="locked")
        return super().clean()


class SecondFactorForm(forms.Form):
    code = forms.CharField(
        label="Code",
        help_text="The 6-digit code your authenticator app shows now, or one of your recovery "
        "codes.",
        max_length=40,
        error_messages={"required": "Enter the code from your authenticator app"},
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label="Code from the app",
        help_text="The 6-digit code the app shows for trustplan once the key is added.",
        max_length=20,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
    )
