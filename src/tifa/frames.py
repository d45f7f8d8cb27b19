"""Tidy tables from rows: the one way every stage turns its findings into a DataFrame,
and Arrow columns from Python values for the stages that build Arrow tables.

:func:`rows_frame` builds a DataFrame column by column with each column's dtype
given up front, so a stage's small per-document table costs no separate
``astype`` pass (about four times faster than ``DataFrame(rows).astype(...)`` on
the tables of one speech), and an empty table has the same columns and dtypes
as a full one.

:func:`arrow_strings` and :func:`arrow_numbers` build Arrow arrays straight
from their buffers.  ``pyarrow.array`` asks pandas whether its input is a pandas
object, which imports pandas (a quarter of a second) into a process that
otherwise never needs it, such as ``tifa tokens``.

:func:`arrow_call` runs an Arrow compute function without importing
``pyarrow.compute``: that module wraps all of Arrow's ~290 functions in Python,
docstrings and signatures included, when it is imported (40 ms, in every process
that touches it, including through ``Array.cast``, ``take`` and
``dictionary_encode``, which import it).
"""
from __future__ import annotations

import functools
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

if TYPE_CHECKING:
    import pandas as pd


def rows_frame(rows: Sequence[Sequence], columns: Sequence[str], types: Mapping[str, object] | None = None) -> pd.DataFrame:
    """``rows`` (tuples in ``columns`` order) as a DataFrame; ``types`` maps a column to its dtype
    (``"int64"``, ``"Int64"`` with missing values, ``bool``, ``object`` …); other columns are inferred."""
    import pandas as pd

    types = types or {}
    values = list(zip(*rows)) if len(rows) else [()] * len(columns)
    data = {}
    for name, col in zip(columns, values):
        dtype = types.get(name, None if len(rows) else object)  # what DataFrame(columns=…) gives
        if dtype in _NUMPY_INTS:  # straight to numpy (pandas' own array costs 30 times as much)
            data[name] = np.array(col, dtype=dtype)
        else:
            data[name] = pd.array(list(col), dtype=dtype) if dtype is not None else list(col)
    if len(data) != len(columns):  # a column named twice
        return pd.DataFrame(data, columns=list(columns))
    return pd.DataFrame(data)  # the columns in their order already (``columns=`` would reindex)


_NUMPY_INTS = ("int64", "int32")


def column_lists(df: pd.DataFrame, *names: str) -> list[list]:
    """Columns of ``df`` as Python lists, to zip over: iterating a pandas column goes value by
    value through pandas (slowest on its Arrow-backed text), ``tolist`` converts in one pass."""
    return [df[n].tolist() for n in names]


def arrow_numbers(values: np.ndarray) -> pa.Array:
    """A numpy array of numbers or booleans as an Arrow array (no nulls)."""
    values = np.ascontiguousarray(values)
    if values.dtype == np.bool_:
        bits = np.packbits(values, bitorder="little")
        return pa.Array.from_buffers(pa.bool_(), len(values), [None, pa.py_buffer(bits)])
    return pa.Array.from_buffers(pa.from_numpy_dtype(values.dtype), len(values), [None, pa.py_buffer(values)])


#: UTF-8 length of a code point ``p``, looked up by ``p >> 7``.
_UTF8_WIDTH = np.repeat(np.array([1, 2, 3, 4], dtype=np.uint8), [1, 15, 496, (0x110000 >> 7) - 512])


def arrow_strings(values: Sequence[str | None], *, lengths: np.ndarray | None = None) -> pa.Array:
    """Python strings (``None`` for null) as an Arrow ``string`` array, ``large_string`` past 2 GB;
    ``lengths``: their lengths in characters, if known.  Where pandas is loaded anyway,
    ``pyarrow.array`` does it (faster)."""
    n = len(values)
    if "pandas" in sys.modules:
        return pa.array(values, type=pa.string())
    validity, nulls = None, 0
    if None in values:
        valid = np.fromiter((v is not None for v in values), dtype=bool, count=n)
        nulls = n - int(valid.sum())
        validity = pa.py_buffer(np.packbits(valid, bitorder="little"))
        values = [v if v is not None else "" for v in values]
    joined = "".join(values)
    data = joined.encode("utf-8")
    if lengths is None:
        lengths = np.fromiter(map(len, values), dtype=np.int64, count=n)
    ends = np.cumsum(lengths)  # in characters
    if len(data) != len(joined):  # not ASCII: each character's UTF-8 length, from its code point
        points = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
        byte_ends = np.empty(len(points) + 1, dtype=np.int64)
        byte_ends[0] = 0
        np.cumsum(_UTF8_WIDTH[points >> 7], out=byte_ends[1:])
        del points
        ends = byte_ends[ends]
        del byte_ends
    offsets = np.empty(n + 1, dtype=np.int64)
    offsets[0] = 0
    offsets[1:] = ends
    large = len(data) >= 2**31 - 1
    offsets = offsets.astype(np.int64 if large else np.int32)
    kind = pa.large_string() if large else pa.string()
    return pa.Array.from_buffers(kind, n, [validity, pa.py_buffer(offsets), pa.py_buffer(data)], null_count=nulls)


# --------------------------------------------------------------------------- Arrow compute


def arrow_call(name: str, *args, options: object = None):
    """Arrow's compute function ``name`` on ``args`` (arrays and scalars), as ``pyarrow.compute``
    calls it, with ``options`` from :func:`arrow_options`."""
    return _compute().call_function(name, list(args), options)


def arrow_options(kind: str, *args, **kwargs) -> object:
    """An options object of Arrow compute (``"CastOptions"``, ``"ReplaceSubstringOptions"`` …)."""
    return getattr(_compute(), kind)(*args, **kwargs)


def arrow_cast(values, kind: pa.DataType):
    """``values.cast(kind)``, safe, without importing ``pyarrow.compute``."""
    return values if values.type == kind else arrow_call("cast", values, options=_compute().CastOptions.safe(kind))


@functools.lru_cache(maxsize=1)
def _compute():
    """The compiled module behind ``pyarrow.compute`` (its import costs 7 ms, not 45); the public
    one where a pyarrow lays its modules out otherwise."""
    try:
        import pyarrow._compute as compiled
    except ImportError:  # pragma: no cover - another pyarrow layout
        import pyarrow.compute as compiled
    return compiled
