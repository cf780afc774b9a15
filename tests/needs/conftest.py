"""Indicator data for the test plan's needs assessments, imported as analysts import it.

On 1 August 2023, for Portsmouth in 2022/23:

- ``attendance`` (education) is 95.0% against England's 93.0%: encouraging;
- ``fte`` (safeguarding) is 290.0 per 100,000 against England's 230.0 and the neighbours' 250.0,
  though falling for years: concerning, with the fall in its favour;
- ``domestic-abuse`` has no data: not classified.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.measures.conftest import kpi_data, load, observations_csv

__all__ = ["kpi_data", "needs_data"]

ATTENDANCE = """key,name,polarity,unit,frequency,value_type,multiplier,decimals,source,definition
attendance,School attendance,high_is_good,%,annual,proportion,100,1,Test source,Sessions
"""
NEIGHBOURS = """area_code,area_name,area_kind,parent_code
SN-TEST,Test neighbours,comparator_group,
"""
PORTSMOUTH_ATTENDANCE = [94.8, 95.1, 94.9, 95.2, 94.9, 95.0, 95.1, 94.8, 95.2, 95.0]


def attendance_csv() -> str:
    lines = ["indicator,area_code,period,value,numerator,denominator,source,note"]
    for offset, value in enumerate(PORTSMOUTH_ATTENDANCE):
        period = f"{2013 + offset}/{(14 + offset) % 100:02d}"
        lines.append(f"attendance,E06000044,{period},,{round(value * 100)},10000,Test source,")
        lines.append(f"attendance,E92000001,{period},93.0,,,Test source,")
    return "\n".join(lines) + "\n"


@pytest.fixture
def needs_data(kpi_data: dict[str, Any]) -> dict[str, Any]:
    """The people and plan of ``kpi_data``, with attendance and neighbours' data besides."""
    neighbours = observations_csv({"SN-TEST": [250.0] * 10}, counts=False)
    for text in (ATTENDANCE, NEIGHBOURS, neighbours, attendance_csv()):
        outcome = load(text)
        assert outcome.record.outcome == "applied", outcome.record.rejected_rows
    kpi_data["plan"].refresh_from_db()  # kpi_data set its area code in the database
    return kpi_data
