"""Forms of the quarterly cycle. The workflow's rules are the models'; these only read input."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from trustplan.delivery.models import (
    Action,
    ActionStatus,
    ActionUpdate,
    Commentary,
    Risk,
    UpdateRating,
)
from trustplan.delivery.quarters import Quarter, QuarterCodeError
from trustplan.plans.models import Priority


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


DATE_HINT = "As YYYY-MM-DD."


class PriorityPartForm(forms.ModelForm):  # type: ignore[type-arg]
    """A form for something that belongs to one priority: its number must be unique there, and
    people are chosen from those who hold a role in the partnership."""

    def __init__(self, *args: object, priority: Priority, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.priority = priority
        self.fields["owner"].queryset = (  # type: ignore[attr-defined]
            get_user_model()
            .objects.filter(memberships__isnull=False)
            .distinct()
            .order_by("last_name", "first_name", "username")
        )
        self.fields["owner"].label_from_instance = (  # type: ignore[attr-defined]
            lambda user: user.get_full_name() or user.get_username()
        )
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.help_text = DATE_HINT
                field.input_formats = ["%Y-%m-%d"]


class ActionForm(PriorityPartForm):
    class Meta:
        model = Action
        fields = ["objective", "number", "title", "is_milestone", "owner", "organisation"]
        fields += ["start", "due"]
        widgets = {"title": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: object, priority: Priority, **kwargs: object) -> None:
        super().__init__(*args, priority=priority, **kwargs)
        self.fields["objective"].queryset = priority.objectives.all()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        start, due = cleaned.get("start"), cleaned.get("due")
        if start and due and due < start:
            self.add_error("due", "The due date must be on or after the start date.")
        objective, number = cleaned.get("objective"), cleaned.get("number")
        twins = Action.objects.filter(objective=objective, number=number).exclude(
            pk=self.instance.pk
        )
        if objective and number and twins.exists():
            self.add_error("number", f"The objective already has an action {number}.")
        return cleaned


class RiskForm(PriorityPartForm):
    likelihood = forms.TypedChoiceField(
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        help_text="1 rare to 5 almost certain.",
    )
    impact = forms.TypedChoiceField(
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        help_text="1 negligible to 5 severe.",
    )

    class Meta:
        model = Risk
        fields = ["number", "description", "likelihood", "impact", "mitigation", "owner"]
        fields += ["review_date", "trend", "is_closed"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "mitigation": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_number(self) -> str:
        number: str = self.cleaned_data["number"]
        twins = Risk.objects.filter(priority=self.priority, number=number).exclude(
            pk=self.instance.pk
        )
        if twins.exists():
            raise forms.ValidationError(f"This priority already has a risk {number}.")
        return number
