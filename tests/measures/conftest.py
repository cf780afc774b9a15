"""Indicator data for the test plan: definitions, a few years of values and targets, imported
through the same path analysts use."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from trustplan.measures.importing import import_file
from trustplan.plans.models import Plan

AS_OF = dt.date(2023, 8, 1)
DEFINITIONS = """key,name,polarity,unit,frequency,value_type,multiplier,decimals,source,definition
fte,First time entrants,low_is_good,per 100000 aged 10-17,annual,rate,100000,1,Test source,Entrants
domestic-abuse,Domestic abuse cases,no_judgement,cases,annual,count,1,0,Test source,Cases
"""
AREAS = """area_code,area_name,area_kind,parent_code
E92000001,England,country,
E12000008,South East,region,
E06000044,Portsmouth,local_authority,E12000008
"""


def observations_csv(values: dict[str, list[float | None]], *, counts: bool = True) -> str:
    """FTE for 2013/14 to 2022/23: one column of values per area code."""
    lines = ["indicator,area_code,period,value,numerator,denominator,source,note"]
    for code, series in values.items():
        for offset, value in enumerate(series):
            period = f"{2013 + offset}/{(14 + offset) % 100:02d}"
            if value is None:
                lines.append(f"fte,{code},{period},,,,Test source,Not published")
            elif counts:
                numerator = round(value * 170)  # a population of 17,000,000 / 100,000
                lines.append(f"fte,{code},{period},,{numerator},17000000,Test source,")
            else:
                lines.append(f"fte,{code},{period},{value},,,Test source,")
    return "\n".join(lines) + "\n"


PORTSMOUTH = [410.0, 395.0, 380.0, 372.0, 350.0, 341.0, 330.0, 322.0, 300.0, 290.0]
ENGLAND = [380.0, 360.0, 340.0, 330.0, 300.0, 280.0, 270.0, 250.0, 240.0, 230.0]
TARGETS = """indicator,area_code,due,target,tolerance,label,source
fte,E06000044,2024-03-31,280,5%,March 2024 target,Test plan
"""


def load(text: str, name: str = "data.csv", **kwargs: object) -> object:
    return import_file(text.encode(), name, how="test", **kwargs)


@pytest.fixture
def kpi_data(people: dict) -> dict:
    """The test plan's indicators defined and FTE data for Portsmouth and England."""
    Plan.objects.update(area_code="E06000044")
    for text in (
        DEFINITIONS,
        AREAS,
        observations_csv({"E06000044": PORTSMOUTH, "E92000001": ENGLAND}),
        TARGETS,
    ):
        outcome = load(text)
        assert outcome.record.outcome == "applied", outcome.record.rejected_rows
    with override_settings(TRUSTPLAN_AS_OF=AS_OF):
        yield people
