"""One rule for every CSV tifa writes, on stdout or to a file: a text cell that opens with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe (OWASP's advice against
CSV injection); numbers are never touched.  Plumbing: imports nothing of tifa.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

#: A text cell opening with one of these is read as a formula by spreadsheets (OWASP: CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


#: The same rule as a regular expression, for Arrow columns.
FORMULA_START_RE = "^[" + "".join("\\" + c if c in "-\\^]" else c for c in FORMULA_START) + "]"


def neutralise_csv_cell(value: object) -> object:
    """OWASP's defence for CSV: a text cell that a spreadsheet would run as a formula gets a
    leading apostrophe (``=SUM(1)`` → ``'=SUM(1)``); other values (numbers too) are returned
    unchanged.  Every csv tifa writes — exports, report tables, ``--format csv`` on stdout —
    goes through this rule (:func:`inert_csv_frame`, and :func:`_csv_field` for Arrow tables)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def inert_csv_frame(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with :func:`neutralise_csv_cell` applied to its text cells (a copy where one changes)."""
    changed = {}
    for col in df.columns:
        s = df[col]
        if s.dtype == object or str(s.dtype).startswith(("str", "string")):
            t = s.map(neutralise_csv_cell)
            if not t.equals(s):
                changed[col] = t
    if not changed:
        return df
    df = df.copy()
    for col, t in changed.items():
        df[col] = t
    return df
