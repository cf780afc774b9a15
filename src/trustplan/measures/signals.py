"""Signals other apps listen for, so that indicator data need not know who cares about them."""

from django.dispatch import Signal

# Sent once an import has been applied and committed, with `record` (the DataImport) and
# `indicator_keys` (the set of indicators whose observations or targets it touched).
data_applied = Signal()
