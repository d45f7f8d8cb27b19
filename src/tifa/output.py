"""Printing tables for the CLI: csv, json (records) or an aligned text table."""
from __future__ import annotations

import json
import math
import sys
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
        shown = df.copy()
        for col in shown.columns:
            if shown[col].dtype == object or str(shown[col].dtype).startswith("str"):
                shown[col] = shown[col].map(_shorten)
        out.write(shown.to_string(index=False))
        out.write("\n")
    else:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


def _shorten(v):
    if isinstance(v, str):
        v = v.replace("\n", "⏎")
        if len(v) > TABLE_CELL:
            return v[: TABLE_CELL - 1] + "…"
    return v
