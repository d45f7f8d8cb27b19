"""Printing tables for the CLI: csv, json (records) or an aligned text table.

:func:`write_table` prints a DataFrame; :func:`write_arrow` an Arrow table (the tokens
straight from files), its csv made column by column in Arrow, byte for byte what
pandas' ``to_csv`` writes, without importing pandas.
"""
from __future__ import annotations

import json
import math
import sys
import unicodedata
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence, TextIO

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

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
    """``df`` as a right-aligned text table (see :func:`_layout`)."""
    import pandas as pd

    columns = []
    for col in df.columns:
        s = df[col]
        if s.dtype.kind in "biuf":  # numbers and booleans: ASCII, converted in bulk
            columns.append((str(col), s.astype(str).tolist(), True))
        else:
            columns.append((str(col), ["NaN" if _missing(v) or v is pd.NA else str(_shorten(v)) for v in s], False))
    return _layout(columns)


def _layout(columns: list[tuple[str, list[str], bool]]) -> str:
    """``(name, cells, ascii)`` columns as a right-aligned text table, padded by display width
    (a CJK character is two columns), built column by column (linear in the cells, fast on
    100,000s of rows)."""
    out: list[list[str]] = []
    for name, cells, ascii_only in columns:
        cells = [name] + cells
        if ascii_only:
            widths = [_display_width(name)] + [len(c) for c in cells[1:]]
        else:
            memo: dict[str, int] = {}
            widths = [memo[c] if c in memo else memo.setdefault(c, _display_width(c)) for c in cells]
        w = max(widths)
        out.append([" " * (w - k) + c for c, k in zip(cells, widths)])
    return "\n".join(" ".join(row) for row in zip(*out)) + "\n"


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _shorten(v):
    if isinstance(v, str):
        v = v.replace("\n", "⏎")
        if len(v) > TABLE_CELL:
            return v[: TABLE_CELL - 1] + "…"
    return v


#: Rows turned into csv text at a time (bounds the memory of a huge table's text).
CSV_ROWS = 200_000


def write_arrow(table: pa.Table, fmt: str = "table", out: TextIO | None = None) -> None:
    """Write an Arrow ``table`` as :func:`write_table` writes the same table in pandas."""
    out = out or sys.stdout
    if fmt == "csv" and _plain(table):
        write_csv(table.column_names, iter_csv_chunks(table), out)  # a slice's text at a time
    elif fmt == "json":
        json.dump(table.to_pylist(), out, ensure_ascii=False, indent=1)  # None for nulls, as pandas gives
        out.write("\n")
    elif fmt == "table" and _plain(table):
        if not table.num_rows:
            out.write("(no rows)\n")
            return
        out.write(_layout([_table_column(name, col) for name, col in zip(table.column_names, table.columns)]))
    else:
        write_table(table.to_pandas(), fmt, out)


def _table_column(name: str, col: pa.ChunkedArray) -> tuple[str, list[str], bool]:
    """An Arrow column's cells as :func:`_aligned` prints the same column in pandas."""
    import pyarrow as pa

    values = col.to_pylist()
    if pa.types.is_integer(col.type) or pa.types.is_boolean(col.type):
        return name, [str(v) for v in values], True
    return name, ["NaN" if v is None else str(_shorten(v)) for v in values], False


def _plain(table: pa.Table) -> bool:
    """Whether every column is text, or integers or booleans without nulls: columns printed
    here as pandas prints them; anything else goes through pandas."""
    import pyarrow as pa

    for col in table.columns:
        t = col.type
        if not (pa.types.is_string(t) or pa.types.is_large_string(t)) and (
            col.null_count or not (pa.types.is_integer(t) or pa.types.is_boolean(t))
        ):
            return False
    return True


def iter_csv_chunks(table: pa.Table) -> Iterator[pa.Buffer]:
    """The csv lines of ``table`` without its header, as pandas writes them, in UTF-8:
    :data:`CSV_ROWS` lines per chunk, each line ending in a newline.  Python's csv quoting,
    minimal (a field with a comma, a quote or a newline is quoted, its quotes doubled), nulls
    empty; text, integer and boolean columns (see :func:`_plain`)."""
    for start in range(0, table.num_rows, CSV_ROWS):
        yield _csv_chunk(table.slice(start, CSV_ROWS))


def csv_chunks(table: pa.Table) -> list[pa.Buffer]:
    """:func:`iter_csv_chunks` as a list (what a worker process sends back)."""
    return list(iter_csv_chunks(table))


def write_csv(columns: Sequence[str], chunks: Iterable[pa.Buffer | bytes], out: TextIO | None = None) -> None:
    """A csv header of ``columns``, then the UTF-8 ``chunks`` of its lines."""
    out = out or sys.stdout
    out.write(",".join(columns) + "\n")
    for chunk in chunks:
        _write_utf8(chunk, out)


def _write_utf8(data: pa.Buffer | bytes, out: TextIO) -> None:
    """Write UTF-8 bytes to a text stream: straight to its binary buffer where it is UTF-8
    (no decoding and encoding again), else as text."""
    raw = getattr(out, "buffer", None)
    if raw is not None and (getattr(out, "encoding", "") or "").lower().replace("-", "") == "utf8":
        out.flush()
        raw.write(data)
    else:
        out.write(memoryview(data).tobytes().decode("utf-8"))


def _csv_chunk(table: pa.Table) -> pa.Buffer:
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from .frames import arrow_numbers, arrow_strings

    if not table.num_rows:
        return pa.py_buffer(b"")
    true, false, empty = _scalars("True", "False", "")
    cells = []
    for col in table.columns:
        col = col.combine_chunks()
        if pa.types.is_boolean(col.type):
            cells.append(pc.if_else(col, true, false))
        elif pa.types.is_integer(col.type):
            cells.append(pc.cast(col, pa.string()))
        else:
            cells.append(_csv_field(pc.fill_null(col.cast(pa.string()), empty)))
    # 32-bit offsets while the text fits them
    text = pa.string() if sum(c.nbytes for c in cells) + 2 * table.num_rows < 2**31 - 1 else pa.large_string()
    comma, newline = _scalars(",", "\n", kind=text)
    lines = pc.binary_join_element_wise(*[c.cast(text) for c in cells], comma)
    lines = pa.concat_arrays([lines, arrow_strings([""]).cast(text)])  # the last line ends in a newline too
    whole = pa.LargeListArray.from_arrays(arrow_numbers(np.array([0, len(lines)])), lines)
    return pc.binary_join(whole, newline)[0].as_buffer()


def _csv_field(field: pa.Array) -> pa.Array:
    """A text column as csv fields: quoted (quotes doubled) where it holds a comma, a quote or a newline."""
    import pyarrow.compute as pc

    special = pc.match_substring_regex(field, '[,"\n]')
    if not pc.any(special).as_py():
        return field
    quote, nothing = _scalars('"', "", kind=field.type)
    quoted = pc.binary_join_element_wise(quote, pc.replace_substring(field, '"', '""'), quote, nothing)
    return pc.if_else(special, quoted, field)


def _scalars(*texts: str, kind: pa.DataType | None = None) -> list[pa.Scalar]:
    """Arrow text scalars, made without ``pyarrow.scalar`` (which imports pandas)."""
    from .frames import arrow_strings

    arr = arrow_strings(list(texts))
    return list(arr.cast(kind) if kind is not None else arr)
