"""Printing tables for the CLI: csv, json (records) or an aligned text table."""
from __future__ import annotations

import json
import math
import sys
import unicodedata
from typing import TextIO

import pandas as pd

FORMATS = ("csv", "json", "table")
#: Text cells longer than this are shortened in ``table`` output.
TABLE_CELL = 40


def _jsonable(v):
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if hasattr(v, "item"):
        return v.item()
    return v


def write_table(df: pd.DataFrame, fmt: str = "table", out: TextIO | None = None) -> None:
    """Write ``df`` to ``out`` (stdout) as csv, json or a readable table."""
    out = out or sys.stdout
    if fmt == "csv":
        df.to_csv(out, index=False, lineterminator="\n")
    elif fmt == "json":
        records = [{k: _jsonable(v) for k, v in row.items()} for row in df.to_dict(orient="records")]
        json.dump(records, out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif fmt == "table":
        if df.empty:
            out.write("(no rows)\n")
            return
        out.write(_aligned(df))
    else:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


def _display_width(text: str) -> int:
    """Columns a terminal gives ``text``: two for wide (CJK, fullwidth) characters."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _aligned(df: pd.DataFrame) -> str:
    """``df`` as a right-aligned text table, padded by display width (a CJK character is two
    columns), built column by column (linear in the cells, fast on 100,000s of rows)."""
    columns: list[list[str]] = []
    for col in df.columns:
        s = df[col]
        if s.dtype.kind in "biuf":  # numbers and booleans: ASCII, converted in bulk
            cells = [str(col)] + s.astype(str).tolist()
            widths = [_display_width(cells[0])] + [len(c) for c in cells[1:]]
        else:
            cells = [str(col)] + ["NaN" if _missing(v) else str(_shorten(v)) for v in s]
            memo: dict[str, int] = {}
            widths = [memo[c] if c in memo else memo.setdefault(c, _display_width(c)) for c in cells]
        w = max(widths)
        columns.append([" " * (w - k) + c for c, k in zip(cells, widths)])
    return "\n".join(" ".join(row) for row in zip(*columns)) + "\n"


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA


def _shorten(v):
    if isinstance(v, str):
        v = v.replace("\n", "⏎")
        if len(v) > TABLE_CELL:
            return v[: TABLE_CELL - 1] + "…"
    return v
