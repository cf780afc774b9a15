"""The hub's forms: a stated purpose, a work-list decision and a clerical review decision. They
only read input; what a decision does is ``trustplan.hub.worklist``'s. No error message repeats
what was typed."""

from __future__ import annotations

from typing import Any

from django import forms

from trustplan.hub.models import ReviewDecision, WorkDecision
from trustplan.hub.purpose import Purpose

REASON_MAX = 500


class Radios(forms.RadioSelect):
    """Radios whose field's id is its first radio's, so an error summary links to it."""

    def id_for_label(self, id_: str, index: str | None = None) -> str:
        return super().id_for_label(id_, "0" if index is None else index)


def _reason(label: str, help_text: str, required: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": required,
            "max_length": f"Keep the reason to {REASON_MAX} characters or fewer",
        },
    )


class PurposeForm(forms.Form):
    purpose = forms.ChoiceField(
        label="Why do you need to open this?",
        choices=Purpose.choices,
        widget=Radios,
        error_messages={"required": "Select why you need to open this"},
    )
    reason = _reason(
        "Your reason",
        "A few words, for the audit log, e.g. the referral or enquiry this is for.",
        "Enter your reason",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["purpose"].error_messages["invalid_choice"] = "Select one of the purposes"


class WorkDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=WorkDecision.Decision.choices,
        widget=Radios,
        error_messages={
            "required": "Select your decision",
            "invalid_choice": "Select one of the decisions",
        },
    )
    reason = _reason(
        "Reason for your decision",
        "Kept with the decision and shown to the practitioners who see this family.",
        "Enter the reason for your decision",
    )


class ReviewDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Are these records of the same person?",
        choices=ReviewDecision.Decision.choices,
        widget=Radios,
        error_messages={
            "required": "Select whether these are the same person",
            "invalid_choice": "Select one of the answers",
        },
    )
    reason = _reason(
        "Reason for your decision",
        "What settled it, e.g. a different date of birth on the school's record.",
        "Enter the reason for your decision",
    )
