"""The data upload form; the file is checked (``trustplan.uploads``) before it is read."""

from __future__ import annotations

from django import forms
from django.conf import settings

from trustplan.periods import Period, PeriodError, parse_period
from trustplan.uploads import CSV, XLSX, UploadError, check_upload


class DataUploadForm(forms.Form):
    file = forms.FileField(
        label="Data file",
        help_text="A CSV or Excel (.xlsx) file in the trustplan template or a Fingertips download.",
    )
    dry_run = forms.BooleanField(
        label="Check only: show what would change, and change nothing",
        required=False,
        initial=True,
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        try:
            check_upload(upload, kinds=(CSV, XLSX), limit=settings.TRUSTPLAN_MAX_UPLOAD_BYTES)
        except UploadError as refused:
            raise forms.ValidationError(str(refused)) from None
        return upload


class RebaseForm(forms.Form):
    """Recalculate an indicator's SPC limits from a period: only with a recorded reason."""

    period = forms.CharField(
        label="First period of the new baseline",
        help_text="As you would write it: for example Apr 2019, 2019/20 Q1 or 2019/20.",
        max_length=60,
    )
    reason = forms.CharField(
        label="Why the limits should be recalculated",
        help_text="For example: the definition changed in April 2019; a new service started.",
        max_length=300,
        min_length=10,
        error_messages={"min_length": "Say why in at least 10 characters"},
    )

    def clean_period(self) -> Period:
        try:
            return parse_period(self.cleaned_data["period"])
        except PeriodError as exc:
            raise forms.ValidationError(str(exc)) from None
