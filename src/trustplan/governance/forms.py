"""The audit log search form. It only reads the search; what it matches is
``trustplan.governance.search``'s."""

from __future__ import annotations

from typing import Any

from django import forms

from trustplan.audit.models import AuditEntry
from trustplan.governance.search import AuditQuery, object_type_choices


def _date(label: str, name: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%Y-%m-%d"],
        help_text="For example, 2024-03-31",
        error_messages={"invalid": f"{name} must be a real date written as YYYY-MM-DD"},
    )


class AuditSearchForm(forms.Form):
    object_type = forms.ChoiceField(label="Object", required=False)
    object_id = forms.CharField(
        label="Object id",
        required=False,
        max_length=120,
        help_text="For example, a family id such as F-NORTH-1, or a user account's number",
        error_messages={"max_length": "Object id must be 120 characters or fewer"},
    )
    user = forms.CharField(
        label="User",
        required=False,
        max_length=150,
        help_text="The username: who did it, or who tried to sign in",
        error_messages={"max_length": "User must be 150 characters or fewer"},
    )
    action = forms.ChoiceField(
        label="Action",
        required=False,
        choices=[("", "Any action"), *AuditEntry.Action.choices],
        error_messages={"invalid_choice": "Select one of the actions"},
    )
    date_from = _date("From", "From")
    date_to = _date("To", "To")

    def __init__(self, *args: Any, present_types: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["object_type"] = forms.ChoiceField(
            label="Object",
            required=False,
            choices=[("", "Any object"), *object_type_choices(present_types)],
            error_messages={"invalid_choice": "Select one of the objects"},
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "To must be the same as or after From")
        return cleaned

    def query(self) -> AuditQuery:
        """The search, once the form is valid."""
        data = self.cleaned_data
        return AuditQuery(
            object_type=data["object_type"],
            object_id=data["object_id"].strip(),
            username=data["user"].strip(),
            action=data["action"],
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
