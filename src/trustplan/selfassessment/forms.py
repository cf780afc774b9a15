"""Forms of a self-assessment round. They read input; the rules are ``rounds``/``moderation``'s.

The score and moderation sheets are built from the round's framework: one group of fields per
descriptor, named by its code, laid out area by area as the framework lists them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from trustplan.frameworks import schema
from trustplan.partners.models import Organisation, Person
from trustplan.plans.models import Objective, Plan
from trustplan.selfassessment.models import FindingKind, Framework, Round
from trustplan.selfassessment.rounds import Entry

DATE_HINT = "As YYYY-MM-DD. Optional."


class Radios(forms.RadioSelect):
    """Radios labelled by their first option, so the error summary's link lands on it (the GOV.UK
    Design System's pattern); Django's radios give the summary nothing to link to."""

    def id_for_label(self, id_: str, index: str | None = None) -> str:
        return super().id_for_label(id_, "0" if index is None else index)


def _people() -> Any:
    """Everyone who holds a role in the partnership, by name."""
    return (
        get_user_model()
        .objects.filter(memberships__isnull=False)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def _name(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())


class OpenRoundForm(forms.Form):
    framework = forms.ModelChoiceField(
        queryset=Framework.objects.all(), label="Framework", empty_label="Choose a framework"
    )
    title = forms.CharField(
        max_length=200, label="Title", help_text="e.g. Early help self-assessment 2021."
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan

    def clean_title(self) -> str:
        title: str = self.cleaned_data["title"].strip()
        if Round.objects.filter(plan=self.plan, title=title).exists():
            raise forms.ValidationError("This plan already has a self-assessment with this title.")
        return title


class InviteForm(forms.Form):
    user = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(), label="Contributor", empty_label="Choose someone"
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        required=False,
        label="Scoring for",
        empty_label="Their own organisation",
        help_text="Leave as their own organisation unless they score for another partner.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user_field: Any = self.fields["user"]
        user_field.queryset = _people()
        user_field.label_from_instance = _name

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        user = cleaned.get("user")
        if user is not None and cleaned.get("organisation") is None:
            person = Person.objects.filter(user=user).select_related("organisation").first()
            if person is None or person.organisation is None:
                self.add_error("organisation", "Choose the organisation they score for.")
            else:
                cleaned["organisation"] = person.organisation
        return cleaned


@dataclass(frozen=True)
class SheetRow:
    descriptor: schema.Descriptor
    fields: tuple[forms.BoundField, ...]  # the scale point first
    chosen: str  # the chosen scale point's label, for showing the sheet read-only


class _Sheet(forms.Form):
    """A form with the same fields for every descriptor of a framework, named ``CODE__name``."""

    names: tuple[str, ...] = ()

    def __init__(self, framework: schema.Framework, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.framework = framework
        scale = [(point.key, point.label) for point in framework.scale]
        for descriptor in framework.descriptors():
            for name, field in self.descriptor_fields(scale).items():
                self.fields[f"{descriptor.code}__{name}"] = field

    # Each sheet's own fields for one descriptor, given the scale's (key, label) choices.
    descriptor_fields: Callable[[list[tuple[str, str]]], dict[str, forms.Field]]

    def areas(self) -> Iterator[tuple[schema.Area, list[SheetRow]]]:
        labels = {point.key: point.label for point in self.framework.scale}
        for area in self.framework.areas:
            rows = []
            for d in area.descriptors:
                fields = tuple(self[f"{d.code}__{name}"] for name in self.names)
                rows.append(SheetRow(d, fields, labels.get(str(fields[0].value() or ""), "")))
            yield area, rows

    def value(self, code: str, name: str) -> str:
        return str(self.cleaned_data.get(f"{code}__{name}") or "")


class ScoreSheet(_Sheet):
    names = ("scale", "evidence", "comment")

    def descriptor_fields(self, scale: list[tuple[str, str]]) -> dict[str, forms.Field]:
        return {
            "scale": forms.ChoiceField(
                choices=[*scale, ("", "Not scored yet")],
                widget=Radios,
                required=False,
                label="Your score",
            ),
            "evidence": forms.CharField(
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                label="Evidence",
                help_text="What shows this: audits, data, case examples, feedback.",
            ),
            "comment": forms.CharField(
                widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Comment"
            ),
        }

    @classmethod
    def initial_from(cls, scores: Any) -> dict[str, str]:
        initial = {}
        for score in scores:
            initial[f"{score.descriptor_code}__scale"] = score.scale_key
            initial[f"{score.descriptor_code}__evidence"] = score.evidence
            initial[f"{score.descriptor_code}__comment"] = score.comment
        return initial

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for descriptor in self.framework.descriptors():
            code = descriptor.code
            if not self.value(code, "scale") and (
                self.value(code, "evidence") or self.value(code, "comment")
            ):
                self.add_error(f"{code}__scale", f"Choose a score for {code} to go with its text.")
        return cleaned

    def entries(self) -> dict[str, Entry]:
        return {
            d.code: Entry(
                self.value(d.code, "scale"),
                self.value(d.code, "evidence"),
                self.value(d.code, "comment"),
            )
            for d in self.framework.descriptors()
        }


class ModerationSheet(_Sheet):
    names = ("scale", "rationale")

    def descriptor_fields(self, scale: list[tuple[str, str]]) -> dict[str, forms.Field]:
        return {
            "scale": forms.ChoiceField(
                choices=scale, widget=Radios, required=False, label="Final score"
            ),
            "rationale": forms.CharField(
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                label="Rationale",
                help_text="Needed when the contributors did not all give this score.",
            ),
        }

    @classmethod
    def initial_from(cls, finals: Any) -> dict[str, str]:
        initial = {}
        for final in finals:
            initial[f"{final.descriptor_code}__scale"] = final.scale_key
            initial[f"{final.descriptor_code}__rationale"] = final.rationale
        return initial

    def chosen(self) -> dict[str, tuple[str, str]]:
        """``{code: (scale key, rationale)}`` for each descriptor given a final score."""
        return {
            d.code: (self.value(d.code, "scale"), self.value(d.code, "rationale"))
            for d in self.framework.descriptors()
            if self.value(d.code, "scale")
        }


class FindingForm(forms.Form):
    kind = forms.ChoiceField(choices=FindingKind.choices, widget=Radios, label="Which list")
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Finding")


class FindingActionForm(forms.Form):
    objective = forms.ModelChoiceField(
        queryset=Objective.objects.none(), label="Objective", empty_label="Choose an objective"
    )
    title = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Action")
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        required=False,
        label="Lead organisation",
        empty_label="Not decided yet",
    )
    due = forms.DateField(
        required=False, label="Due", help_text=DATE_HINT, input_formats=["%Y-%m-%d"]
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        objective: Any = self.fields["objective"]
        objective.queryset = (
            Objective.objects.filter(priority__plan=plan)
            .select_related("priority__plan")
            .order_by("priority__order", "order")
        )
        objective.label_from_instance = _objective_label


def _objective_label(objective: Objective) -> str:
    priority = objective.priority
    return f"{priority.plan.label('priority')} {priority.number}, objective {objective}"
