"""Reporting quarters: the partnership's financial-year quarters, as the CLI and pages name them.

``2021-Q1`` is the first quarter of the financial year 2021/22: April to June 2021, the way
council performance reports count (Q4 is January to March of the following calendar year).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from trustplan.periods import Period, financial_quarter, financial_year

QUARTER_CODE = re.compile(r"^(\d{4})-Q([1-4])$")
YEAR_CODE = re.compile(r"^(\d{4})/(\d{2})$")


class QuarterCodeError(ValueError):
    """Text that is not a quarter or financial year as trustplan writes them."""


@dataclass(frozen=True)
class Quarter:
    year: int  # the financial year's first calendar year: 2021 for 2021/22
    number: int

    @classmethod
    def parse(cls, code: str) -> Quarter:
        match = QUARTER_CODE.match(code.strip())
        if not match:
            raise QuarterCodeError(
                f"{code!r} is not a quarter: write the financial year's first year and the "
                "quarter, e.g. 2021-Q1 for April to June 2021."
            )
        return cls(int(match[1]), int(match[2]))

    @property
    def code(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def period(self) -> Period:
        return financial_quarter(self.year, self.number)

    @property
    def label(self) -> str:
        """e.g. 'Quarter 1 2021/22 (April to June 2021)'."""
        period = self.period
        return (
            f"Quarter {self.number} {self.year}/{(self.year + 1) % 100:02d} "
            f"({period.start:%B} to {period.end:%B %Y})"
        )


def parse_financial_year(code: str) -> Period:
    """'2021/22' → the financial year April 2021 to March 2022."""
    match = YEAR_CODE.match(code.strip())
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        raise QuarterCodeError(
            f"{code!r} is not a financial year: write it as 2021/22 (April 2021 to March 2022)."
        )
    return financial_year(int(match[1]))


def financial_year_slug(day: dt.date) -> str:
    """The financial year `day` falls in, as URLs name it: 2023-24 for 29 February 2024."""
    first = day.year if day.month >= 4 else day.year - 1
    return f"{first}-{(first + 1) % 100:02d}"
