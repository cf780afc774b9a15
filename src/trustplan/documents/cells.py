"""Cell values that are safe to put in a spreadsheet anyone may open."""

from __future__ import annotations

# A cell starting with one of these is run as a formula by Excel, LibreOffice and Google Sheets.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: object) -> object:
    """Text that a spreadsheet would run as a formula is prefixed with ' (CSV/formula injection).

    See OWASP, "CSV Injection": https://owasp.org/www-community/attacks/CSV_Injection
    """
    if isinstance(cell, str) and cell.startswith(FORMULA_START):
        return "'" + cell
    return "" if cell is None else cell
