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
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence, TextIO

from ..csvsafe import FORMULA_START, FORMULA_START_RE, inert_csv_frame, neutralise_csv_cell  # noqa: F401

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    import pyarrow as pa

FORMATS = ("csv", "json", "table")


#: Text cells longer than this are shortened in ``table`` output.
TABLE_CELL = 40


def _jsonable(v):
    if _missing(v):
        return None
    if hasattr(v, "item"):
        v = v.item()
    if hasattr(v, "isoformat"):  # dates and timestamps
        return v.isoformat()
    return v


def write_table(df: pd.DataFrame, fmt: str = "table", out: TextIO | None = None) -> None:
    """Write ``df`` to ``out`` (stdout) as csv, json or a readable table."""
    out = out or sys.stdout
    if fmt == "csv":
        inert_csv_frame(df).to_csv(out, index=False, lineterminator="\n")
    elif fmt == "json":
        records = [{str(k): _jsonable(v) for k, v in row.items()} for row in df.to_dict(orient="records")]
        json.dump(records, out, ensure_ascii=False, indent=1, default=str)
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
    import numpy as np

    columns = []
    for col in df.columns:
        s = df[col]
        if isinstance(s.dtype, np.dtype) and s.dtype.kind in "biu":  # integers and booleans (never missing): ASCII, in bulk
            columns.append((str(col), s.astype(str).tolist(), True))
        else:  # text, floats, dates, nullable columns: a missing value of any kind is NaN
            columns.append((str(col), ["NaN" if _missing(v) else str(_shorten(v)) for v in s.tolist()], False))
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
    """None, NaN (Python's or NumPy's), ``pd.NA`` and ``NaT``, without importing pandas."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return True
    kind = type(v).__name__
    return kind in ("NAType", "NaTType") or (kind in ("float16", "float32", "datetime64", "timedelta64") and v != v)


def _shorten(v):
    if isinstance(v, str):
        v = v.replace("\n", "⏎")
        if len(v) > TABLE_CELL:
            return v[: TABLE_CELL - 1] + "…"
    return v


#: Rows turned into csv text at a time (bounds the memory of a huge table's text).
CSV_ROWS = 200_000


def write_arrow(table: pa.Table, fmt: str = "table", out: TextIO | None = None) -> None:
    """Write an Arrow ``table`` as :func:`write_table` writes the same table in pandas: a plain
    table (see :func:`_plain`) is rendered column by column in Arrow compute, :data:`CSV_ROWS`
    rows at a time; any other goes through pandas."""
    out = out or sys.stdout
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if not _plain(table):
        write_table(table.to_pandas(), fmt, out)
    elif fmt == "csv":
        write_csv(table.column_names, iter_csv_chunks(table), out)
    elif fmt == "json":
        write_json(iter_json_chunks(table), out)
    else:
        _write_text_table(table, out)


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


def _slices(table: pa.Table) -> Iterator[pa.Table]:
    for start in range(0, table.num_rows, CSV_ROWS):
        yield table.slice(start, CSV_ROWS)


# --------------------------------------------------------------------------- csv


def iter_csv_chunks(table: pa.Table) -> Iterator[pa.Buffer]:
    """The csv lines of ``table`` without its header, as pandas writes them, in UTF-8:
    :data:`CSV_ROWS` lines per chunk, each line ending in a newline.  Python's csv quoting,
    minimal (a field with a comma, a quote or a newline is quoted, its quotes doubled), nulls
    empty; text, integer and boolean columns (see :func:`_plain`)."""
    for part in _slices(table):
        yield _csv_chunk(part)


def csv_chunks(table: pa.Table) -> list[pa.Buffer]:
    """:func:`iter_csv_chunks` as a list (what a worker process sends back)."""
    return list(iter_csv_chunks(table))


def write_csv(columns: Sequence[str], chunks: Iterable[pa.Buffer | bytes], out: TextIO | None = None) -> None:
    """A csv header of ``columns``, then the UTF-8 ``chunks`` of its lines."""
    out = out or sys.stdout
    out.write(",".join(columns) + "\n")
    for chunk in chunks:
        _write_utf8(chunk, out)


def _csv_chunk(table: pa.Table) -> pa.Buffer:
    from ..frames import arrow_call

    (empty,) = _scalars("")
    cells = [_column_text(col, "True", "False", lambda text: _csv_field(arrow_call("coalesce", text, empty))) for col in table.columns]
    return _rows(cells, ["", *[","] * (len(cells) - 1), "\n"])


def _csv_field(field: pa.Array) -> pa.Array:
    """A text column as csv fields: a cell a spreadsheet would take for a formula with a leading
    apostrophe (:func:`neutralise_csv_cell`), quoted (quotes doubled) where it holds a comma, a
    quote or a newline."""
    from ..frames import arrow_call

    formula = _matches(field, FORMULA_START_RE)
    if arrow_call("any", formula).as_py():
        (apostrophe, nothing) = _scalars("'", "", kind=field.type)
        field = arrow_call("if_else", formula, arrow_call("binary_join_element_wise", apostrophe, field, nothing), field)
    special = _matches(field, '[,"\n]')
    if not arrow_call("any", special).as_py():
        return field
    quote, nothing = _scalars('"', "", kind=field.type)
    quoted = arrow_call("binary_join_element_wise", quote, _replaced(field, '"', '""'), quote, nothing)
    return arrow_call("if_else", special, quoted, field)


# --------------------------------------------------------------------------- json


def iter_json_chunks(table: pa.Table) -> Iterator[pa.Buffer]:
    """The records of a plain ``table`` (see :func:`_plain`) as ``json.dump(records, indent=1,
    ensure_ascii=False)`` writes them inside its list, in UTF-8: :data:`CSV_ROWS` records per
    chunk, joined by a comma and a newline, a chunk neither starting nor ending in one."""
    for part in _slices(table):
        yield _json_chunk(part)


def json_chunks(table: pa.Table) -> list[pa.Buffer]:
    """:func:`iter_json_chunks` as a list (what a worker process sends back)."""
    return list(iter_json_chunks(table))


def write_json(chunks: Iterable[pa.Buffer | bytes], out: TextIO | None = None) -> None:
    """The json list of the records whose UTF-8 ``chunks`` :func:`iter_json_chunks` made."""
    out = out or sys.stdout
    out.write("[")
    wrote = False
    for chunk in chunks:
        if len(chunk):
            out.write(",\n" if wrote else "\n")
            _write_utf8(chunk, out)
            wrote = True
    out.write("\n]\n" if wrote else "]\n")


def _json_chunk(table: pa.Table) -> pa.Buffer:
    from ..frames import arrow_call

    (null,) = _scalars("null")
    cells = [_column_text(col, "true", "false", lambda text: arrow_call("coalesce", _json_text(text), null)) for col in table.columns]
    names = [json.dumps(name, ensure_ascii=False) for name in table.column_names]
    # a record: its opening and first key, a value, the next key, … its closing
    glue = [" {\n  " + names[0] + ": ", *(",\n  " + name + ": " for name in names[1:]), "\n }"]
    return _rows(cells, glue, ",\n")


def _json_text(field: pa.Array) -> pa.Array:
    """A text column as json strings, nulls kept: quoted, ``\\`` and ``"`` escaped; a column with
    a control character is left to Python's json (rare in speeches)."""
    from ..frames import arrow_call, arrow_strings

    if arrow_call("any", _matches(field, r"[\x00-\x1f]")).as_py():
        return arrow_strings([None if v is None else json.dumps(v, ensure_ascii=False) for v in field.to_pylist()])
    quote, nothing = _scalars('"', "")
    escaped = _replaced(_replaced(field, "\\", "\\\\"), '"', '\\"')
    return arrow_call("binary_join_element_wise", quote, escaped, quote, nothing)


# --------------------------------------------------------------------------- aligned text


#: The cells of a slice of a table, column by column, and their display widths.
Cells = list[tuple["pa.Array", int]]


def aligned_cells(table: pa.Table) -> list[Cells]:
    """The cells of a plain ``table`` as :func:`_aligned` prints them, :data:`CSV_ROWS` rows at a
    time: per column, its cells padded on the left to the widest of the slice, and that width
    (what a worker process sends back for an aligned table)."""
    return [[_aligned_column(col) for col in part.columns] for part in _slices(table)]


def _aligned_column(col: pa.ChunkedArray) -> tuple[pa.Array, int]:
    """A column's cells as :func:`_aligned` prints them (numbers and booleans as Python writes
    them, text shortened by :func:`_shorten`, nulls ``NaN``), padded on the left to the widest
    by display width, and that width.  Text is shortened, measured and padded once per distinct
    value (a column of words repeats a few thousand of them), then spread to the rows."""
    import pyarrow as pa

    from ..frames import arrow_call, arrow_cast, arrow_options, arrow_strings

    col = col.combine_chunks()
    if pa.types.is_boolean(col.type):
        width = 4 if arrow_call("all", col).as_py() else 5  # "True", "False"
        return arrow_call("if_else", col, *_scalars("True".rjust(width), "False")), width
    if pa.types.is_integer(col.type):
        low, high = arrow_call("min_max", col).values()
        width = max(len(str(low.as_py())), len(str(high.as_py())))
        return arrow_call("utf8_lpad", arrow_cast(col, pa.string()), options=arrow_options("PadOptions", width)), width
    distinct = arrow_call("dictionary_encode", col)
    shown = [_shorten(v) for v in distinct.dictionary.to_pylist()]
    widths = _display_widths(shown).tolist()
    width = max(widths, default=0)
    if distinct.null_count:
        width = max(width, len("NaN"))
    padded = arrow_strings([" " * (width - w) + v for v, w in zip(shown, widths)])
    cells = arrow_call("take", padded, distinct.indices)
    if distinct.null_count:
        cells = arrow_call("coalesce", cells, *_scalars("NaN".rjust(width)))
    return cells, width


def _write_text_table(table: pa.Table, out: TextIO) -> None:
    """:func:`_aligned` of a plain Arrow table, a slice at a time (the cells of a table of more
    than one slice are made again for the second pass, not all kept)."""
    if table.num_rows <= CSV_ROWS:
        cells = aligned_cells(table)
        write_aligned(table.column_names, lambda: cells, out)
    else:
        write_aligned(table.column_names, lambda: (aligned_cells(part)[0] for part in _slices(table)), out)


def write_aligned(names: Sequence[str], parts: Callable[[], Iterable[Cells]], out: TextIO | None = None) -> None:
    """The aligned text table whose cells ``parts()`` gives (:func:`aligned_cells` of one table
    or of several, in order; called twice): the column widths over every part first, then
    each part's lines, a column's cells moved right by what its part's width lacks."""
    out = out or sys.stdout
    widths = [_display_width(name) for name in names]
    empty = True
    for cells in parts():
        widths = [max(w, part_width) for w, (_, part_width) in zip(widths, cells)]
        empty = False
    if empty:
        out.write("(no rows)\n")
        return
    out.write(" ".join(" " * (w - _display_width(n)) + n for n, w in zip(names, widths)) + "\n")

    def lines(cells: Cells) -> pa.Buffer:
        # a line: the spaces its part lacks, the first padded cell, a space and the spaces the next
        # column lacks, the next cell, … a newline
        lacks = [" " * (w - part_width) for w, (_, part_width) in zip(widths, cells)]
        return _rows([c for c, _ in cells], [lacks[0], *(" " + lack for lack in lacks[1:]), "\n"])

    for text in _in_order(lines, parts()):
        _write_utf8(text, out)


def _in_order(fn: Callable, items: Iterable, threads: int = 2, ahead: int = 4) -> Iterator:
    """``fn`` of each item, in order, made by ``threads`` threads (Arrow compute lets go of the
    GIL), at most ``ahead`` made before they are taken."""
    from collections import deque
    from concurrent.futures import ThreadPoolExecutor

    items = iter(items)
    first = next(items, None)
    second = next(items, None)
    if second is None:  # one item (one document, or a table of one slice): no thread
        if first is not None:
            yield fn(first)
        return
    with ThreadPoolExecutor(threads) as ex:
        queue = deque([ex.submit(fn, first), ex.submit(fn, second)])
        for item in items:
            if len(queue) >= ahead:
                yield queue.popleft().result()
            queue.append(ex.submit(fn, item))
        while queue:
            yield queue.popleft().result()


def _display_widths(texts: list[str]) -> np.ndarray:
    """:func:`_display_width` of each text, in bulk: each distinct character's width looked up once."""
    import numpy as np

    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    joined = "".join(texts)
    if joined.isascii():
        return lengths
    points, index = np.unique(np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32), return_inverse=True)
    wide = np.array([2 if unicodedata.east_asian_width(chr(p)) in "WF" else 1 for p in points.tolist()], dtype=np.int64)
    total = np.zeros(len(index) + 1, dtype=np.int64)
    np.cumsum(wide[index], out=total[1:])  # columns up to each character
    ends = np.cumsum(lengths)
    return total[ends] - total[ends - lengths]


# --------------------------------------------------------------------------- shared


def _column_text(col: pa.ChunkedArray, true: str, false: str, text: Callable[[pa.Array], pa.Array]) -> pa.Array:
    """A column of a plain table (see :func:`_plain`) as text cells: booleans as ``true`` and
    ``false``, integers in decimal, text through ``text`` (quoting, escaping, shortening)."""
    import pyarrow as pa

    from ..frames import arrow_call, arrow_cast

    col = col.combine_chunks()
    if pa.types.is_boolean(col.type):
        return arrow_call("if_else", col, *_scalars(true, false))
    if pa.types.is_integer(col.type):
        return arrow_cast(col, pa.string())
    return text(arrow_cast(col, pa.string()))


def _rows(cells: Sequence[pa.Array], glue: Sequence[str], between: str = "") -> pa.Buffer:
    """Each row as ``glue[0] cells[0] glue[1] cells[1] … glue[-1]`` (one more glue than cells),
    made in one element-wise pass, the rows joined by ``between``: one UTF-8 buffer."""
    from ..frames import arrow_call, arrow_cast

    kind = _text_type(cells, len("".join([*glue, between]).encode("utf-8")) * len(cells[0]))
    *glue_text, between_text, nothing = _scalars(*glue, between, "", kind=kind)
    rows = arrow_call("binary_join_element_wise", *_interleave(glue_text, [arrow_cast(c, kind) for c in cells]), nothing)
    return _joined(rows, between_text)


def _interleave(a: list, b: list) -> list:
    """``a[0], b[0], a[1], b[1], …``, then what is left of the longer list."""
    return [x for pair in zip(a, b) for x in pair] + a[len(b) :] + b[len(a) :]


def _text_type(cells: Sequence[pa.Array], extra: int) -> pa.DataType:
    """``string`` while ``cells`` and ``extra`` bytes of separators fit its 32-bit offsets, else
    ``large_string``."""
    import pyarrow as pa

    return pa.string() if sum(c.nbytes for c in cells) + extra < 2**31 - 1 else pa.large_string()


def _joined(texts: pa.Array, separator: pa.Scalar) -> pa.Buffer:
    """``separator.join(texts)`` as one UTF-8 buffer."""
    import numpy as np
    import pyarrow as pa

    from ..frames import arrow_call, arrow_numbers

    if not separator.as_py() and not texts.null_count:  # the texts back to back: their data as it is
        offsets = np.frombuffer(texts.buffers()[1], dtype=np.int64 if pa.types.is_large_string(texts.type) else np.int32)
        first, last = offsets[texts.offset], offsets[texts.offset + len(texts)]
        return texts.buffers()[2][first:last] if len(texts) else pa.py_buffer(b"")

    whole = pa.LargeListArray.from_arrays(arrow_numbers(np.array([0, len(texts)])), texts)
    return arrow_call("binary_join", whole, separator)[0].as_buffer()


def _write_utf8(data: pa.Buffer | bytes, out: TextIO) -> None:
    """Write UTF-8 bytes to a text stream: straight to its binary buffer where it is UTF-8
    (no decoding and encoding again), else as text."""
    raw = getattr(out, "buffer", None)
    if raw is not None and (getattr(out, "encoding", "") or "").lower().replace("-", "") == "utf8":
        out.flush()
        raw.write(data)
    else:
        out.write(memoryview(data).tobytes().decode("utf-8"))


def _scalars(*texts: str, kind: pa.DataType | None = None) -> list[pa.Scalar]:
    """Arrow text scalars, made without ``pyarrow.scalar`` (which imports pandas)."""
    from ..frames import arrow_cast, arrow_strings

    arr = arrow_strings(list(texts))
    return list(arrow_cast(arr, kind) if kind is not None else arr)


def _matches(text: pa.Array, pattern: str) -> pa.Array:
    """Whether each text holds a match of the regular expression ``pattern``."""
    from ..frames import arrow_call, arrow_options

    return arrow_call("match_substring_regex", text, options=arrow_options("MatchSubstringOptions", pattern))


def _replaced(text: pa.Array, old: str, new: str) -> pa.Array:
    """Each text with every ``old`` replaced by ``new``."""
    from ..frames import arrow_call, arrow_options

    return arrow_call("replace_substring", text, options=arrow_options("ReplaceSubstringOptions", old, new))
