"""Indicators: the catalogue of measures that plans' KPIs point to (and, later, their data)."""
