"""Forms of the quarterly cycle. The workflow's rules are the models'; these only read input."""

from __future__ import annotations

from django import forms

from trustplan.delivery.models import ActionStatus, ActionUpdate, Commentary, Risk, UpdateRating
from trustplan.delivery.quarters import Quarter, QuarterCodeError


class ActionUpdateForm(forms.ModelForm[ActionUpdate]):
    rating = forms.ChoiceField(
        choices=UpdateRating.choices,
        widget=forms.RadioSelect,
        required=False,
        label="How is this action going?",
    )
    status = forms.ChoiceField(
        choices=[("", "Choose a status"), *ActionStatus.choices],
        required=False,
        label="Status at the end of the quarter",
    )

    class Meta:
        model = ActionUpdate
        fields = ["rating", "status", "narrative"]
        labels = {"narrative": "Update"}
        help_texts = {
            "narrative": "What has been done this quarter, what is next, and, if it is off track, "
            "what is being done about it. Needed for a red rating."
        }
        widgets = {"narrative": forms.Textarea(attrs={"rows": 6})}


class CommentaryForm(forms.ModelForm[Commentary]):
    class Meta:
        model = Commentary
        fields = ["going_well", "needs_to_improve"]
        labels = {
            "going_well": "What's going well",
            "needs_to_improve": "What needs to improve",
        }
        widgets = {
            "going_well": forms.Textarea(attrs={"rows": 6}),
            "needs_to_improve": forms.Textarea(attrs={"rows": 6}),
        }


class ReviewForm(forms.Form):
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label="Comments for the owner",
        help_text="Needed when you return the update.",
    )


class OpenQuarterForm(forms.Form):
    quarter = forms.CharField(
        label="Quarter", help_text="The financial year's first year and the quarter, e.g. 2023-Q3."
    )
    due = forms.DateField(
        label="Updates due on",
        help_text="As YYYY-MM-DD, e.g. 2024-01-19.",
        input_formats=["%Y-%m-%d"],
    )
    grace_days = forms.IntegerField(
        label="Grace period (days)", min_value=0, max_value=60, initial=5
    )

    def clean_quarter(self) -> str:
        try:
            return Quarter.parse(self.cleaned_data["quarter"]).code
        except QuarterCodeError as exc:
            raise forms.ValidationError(str(exc)) from exc


class RiskForm(forms.ModelForm[Risk]):
    class Meta:
        model = Risk
        fields = [
            "number",
            "description",
            "likelihood",
            "impact",
            "mitigation",
            "review_date",
            "trend",
            "is_closed",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "mitigation": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        for name in ("likelihood", "impact"):
            value = cleaned.get(name)
            if isinstance(value, int) and not 1 <= value <= 5:
                self.add_error(name, "Score it from 1 to 5.")
        return cleaned
