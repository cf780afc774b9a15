"""Forms for changing a plan in the app."""

from __future__ import annotations

from django import forms

from trustplan.plans.models import Priority


class PriorityNarrativeForm(forms.ModelForm[Priority]):
    """What a strategic lead may change about their own priority."""

    class Meta:
        model = Priority
        fields = ["outcome", "strategy", "vision"]
        labels = {"outcome": "Outcome", "strategy": "Strategy name", "vision": "Vision"}
        help_texts = {
            "vision": "Separate paragraphs with a blank line. Start a line with “- ” for a bullet "
            "or “1. ” for a numbered item.",
        }
        widgets = {"vision": forms.Textarea(attrs={"rows": 10})}
