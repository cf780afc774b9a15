"""Forms of the needs assessment pages. The rules are the models' and the generator's."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone

from trustplan.needs.generating import BY_PRIORITY, groups_by_priority
from trustplan.needs.grouping import GroupingError, GroupSpec, load_grouping
from trustplan.plans.models import Finding, Plan
from trustplan.uploads import YAML, UploadError, check_upload

SAVED, BY_PRIORITIES, UPLOAD = "saved", "priorities", "upload"
MAX_GROUPING_BYTES = 1_000_000


class GenerateForm(forms.Form):
    """What a draft needs: a title, the date to judge as at, and how to group the indicators.

    A valid form holds the groups in ``cleaned_data["groups"]``, where they came from in
    ``cleaned_data["source"]``, and an uploaded file's checked content in ``["upload"]``.
    """

    title = forms.CharField(
        required=False,
        max_length=300,
        label="Title",
        help_text="Leave blank for “Needs assessment as at” the date.",
    )
    as_of = forms.DateField(
        label="Judge the data as at",
        help_text="As YYYY-MM-DD. The latest data due by this date are expected.",
        input_formats=["%Y-%m-%d"],
    )
    grouping = forms.ChoiceField(label="Group the indicators")
    groups_file = forms.FileField(
        required=False,
        label="Grouping file",
        help_text="A YAML file: each group's title and the keys of its indicators, in order.",
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.saved = getattr(plan, "needs_grouping", None)
        choices = [(BY_PRIORITIES, BY_PRIORITY), (UPLOAD, "Upload a grouping file")]
        if self.saved is not None:
            count = len(self.saved.groups["groups"])
            choices.insert(0, (SAVED, f"The saved grouping, {self.saved.source} ({count} groups)"))
        grouping = cast(forms.ChoiceField, self.fields["grouping"])
        grouping.choices, grouping.initial = choices, choices[0][0]

    def clean_as_of(self) -> Any:
        day = self.cleaned_data["as_of"]
        if day > timezone.localdate():
            raise forms.ValidationError("The date cannot be in the future.")
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        choice = data.get("grouping")
        if choice == UPLOAD:
            self._uploaded(data)
        elif choice == SAVED and self.saved is not None:
            data["groups"] = [GroupSpec.model_validate(g) for g in self.saved.groups["groups"]]
            data["source"] = self.saved.source
        elif choice == BY_PRIORITIES:
            data["groups"], data["source"] = groups_by_priority(self.plan), BY_PRIORITY
        return data

    def _uploaded(self, data: dict[str, Any]) -> None:
        upload = data.get("groups_file")
        if upload is None:
            self.add_error("groups_file", "Choose a grouping file to upload.")
            return
        try:
            content = check_upload(upload, kinds=(YAML,), limit=MAX_GROUPING_BYTES)
        except UploadError as refused:
            self.add_error("groups_file", f"{refused}.")
            return
        try:
            grouping = load_grouping(content, source=upload.name, plan=self.plan.slug)
        except GroupingError as error:
            for problem in error.problems:
                self.add_error("groups_file", problem)
            return
        data["groups"], data["source"] = list(grouping.groups), upload.name
        data["upload"] = grouping


TOO_LONG = "A statement must be 2,000 characters or fewer."


class LineForm(forms.Form):
    text = forms.CharField(
        max_length=2000,
        error_messages={"required": "Write the statement, or remove it.", "max_length": TOO_LONG},
    )


class AddLineForm(forms.Form):
    finding = forms.ChoiceField(choices=Finding.choices)
    text = forms.CharField(
        max_length=2000,
        error_messages={"required": "Write the statement to add.", "max_length": TOO_LONG},
    )
