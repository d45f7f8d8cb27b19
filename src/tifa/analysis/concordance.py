"""A concordance researchers recognise: KWIC lines sorted by the words around the hit, grouped by
any documents column, and where in each text a term occurs (dispersion, AntConc's "plot").

Works on the table :func:`tifa.text.kwic.kwic` gives.  The words left and right of a hit come from
segmenting its context with tifa's dictionary; punctuation is not a word.  Owns sorting, grouping
and dispersion; it finds no hits itself.
"""
from __future__ import annotations

import re
from typing import Sequence

import numpy as np
import pandas as pd

_SORT_RE = re.compile(r"^([1-9])([LR])$")
_PUNCT_RE = re.compile(r"^[\s\W_]+$")
DISPERSION_COLUMNS = ["unit", "n_chars", "hits", "per_10k", "first", "last"]


def parse_sort(spec: str | Sequence[str]) -> list[tuple[int, str]]:
    """``"1L,2R"`` (or ``["1L", "2R"]``) → ``[(1, "L"), (2, "R")]``; a bad level raises ValueError."""
    parts = [p.strip().upper() for p in (spec.split(",") if isinstance(spec, str) else spec) if p.strip()]
    out = []
    for p in parts:
        m = _SORT_RE.match(p)
        if not m:
            raise ValueError(f"sort level {p!r}: use 1L…9L (words left of the hit, nearest first) or 1R…9R")
        out.append((int(m.group(1)), m.group(2)))
    return out


def _words(text: str, cut) -> list[str]:
    return [w for w in cut(str(text), False) if w.strip() and not _PUNCT_RE.match(w)]


def context_words(hits: pd.DataFrame, levels: Sequence[tuple[int, str]], cut=None) -> pd.DataFrame:
    """``hits`` with a column per sort level (``1L``: the word just left of the hit, ``2R``: the
    second word right of it; empty where the context has no such word)."""
    if cut is None:
        from ..lexicon.lexicons import dictionary

        cut = dictionary().compiled.cut
    out = hits.copy()
    left = [_words(t, cut) for t in out["left"]] if any(s == "L" for _, s in levels) else []
    right = [_words(t, cut) for t in out["right"]] if any(s == "R" for _, s in levels) else []
    for n, side in levels:
        col = f"{n}{side}"
        if side == "L":
            out[col] = [w[-n] if len(w) >= n else "" for w in left]
        else:
            out[col] = [w[n - 1] if len(w) >= n else "" for w in right]
    return out


def sort_hits(hits: pd.DataFrame, spec: str | Sequence[str], *, cut=None) -> pd.DataFrame:
    """KWIC lines sorted by the words around the hit, level after level; ties keep text order (stable)."""
    levels = parse_sort(spec)
    if not levels or hits.empty:
        return hits
    out = context_words(hits, levels, cut)
    return out.sort_values([f"{n}{s}" for n, s in levels], kind="stable").reset_index(drop=True)


def with_group(hits: pd.DataFrame, docs: pd.DataFrame, by: str) -> pd.DataFrame:
    """``hits`` with a leading ``group`` column (documents column ``by``), grouped in order of the
    group, text order kept inside each."""
    if by not in docs.columns:
        raise KeyError(f"no column {by!r} in the documents table")
    groups = docs.set_index("doc_id")[by].astype("string").fillna("")
    out = hits.copy()
    out.insert(0, "group", out["doc_id"].map(groups).fillna(""))
    return out.sort_values("group", kind="stable").reset_index(drop=True)


def group_counts(hits: pd.DataFrame, docs: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per group: hits, documents, documents with a hit, hits per 10,000 characters."""
    groups = docs.assign(group=docs[by].astype("string").fillna(""))
    size = groups.groupby("group").agg(docs=("doc_id", "size"), n_chars=("n_chars", "sum"))
    g = with_group(hits, docs, by).groupby("group").agg(hits=("doc_id", "size"), docs_with_hits=("doc_id", "nunique"))
    out = size.join(g, how="left").fillna({"hits": 0, "docs_with_hits": 0}).astype({"hits": int, "docs_with_hits": int})
    out["per_10k"] = (out["hits"] / out["n_chars"].where(out["n_chars"] > 0) * 10_000).round(3)
    return out.reset_index()[["group", "hits", "docs", "docs_with_hits", "n_chars", "per_10k"]]


def positions(hits: pd.DataFrame, docs: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Each hit's place in its text as a share of the text (0 = its start, 1 = its end), with
    ``unit`` the document (or its group, when ``by`` is given: the group's texts end to end in
    document order)."""
    n = docs.set_index("doc_id")["n_chars"]
    out = hits[["doc_id", "start"]].copy()
    if by is None:
        out["unit"] = out["doc_id"]
        out["position"] = out["start"] / out["doc_id"].map(n).clip(lower=1)
        return out[["unit", "doc_id", "start", "position"]]
    d = docs.assign(group=docs[by].astype("string").fillna("")).sort_values(["group", "doc_id"], kind="stable")
    offset = d.groupby("group")["n_chars"].cumsum() - d["n_chars"]
    total = d.groupby("group")["n_chars"].transform("sum")
    off, tot, grp = (dict(zip(d["doc_id"], x)) for x in (offset, total, d["group"]))
    out["unit"] = out["doc_id"].map(grp)
    out["position"] = (out["doc_id"].map(off) + out["start"]) / out["doc_id"].map(tot).clip(lower=1)
    return out[["unit", "doc_id", "start", "position"]]


def dispersion(hits: pd.DataFrame, docs: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Per document (or group): its length, hits, hits per 10,000 characters, first and last position."""
    pos = positions(hits, docs, by)
    units = docs.assign(unit=docs["doc_id"] if by is None else docs[by].astype("string").fillna(""))
    size = units.groupby("unit")["n_chars"].sum()
    g = pos.groupby("unit")["position"].agg(hits="size", first="min", last="max")
    out = pd.DataFrame({"n_chars": size}).join(g, how="left").fillna({"hits": 0}).astype({"hits": int})
    out["per_10k"] = (out["hits"] / out["n_chars"].clip(lower=1) * 10_000).round(3)
    out[["first", "last"]] = out[["first", "last"]].round(4)
    return out.reset_index().rename(columns={"index": "unit"})[DISPERSION_COLUMNS]


def dispersion_plot(hits: pd.DataFrame, docs: pd.DataFrame, *, by: str | None = None, labels: dict | None = None,
                    ax=None, title: str = "", max_units: int = 60):
    """The x-ray plot: one row per document (or group), a tick where each hit falls in it."""
    import matplotlib.pyplot as plt

    pos = positions(hits, docs, by)
    disp = dispersion(hits, docs, by)
    units = list(disp.sort_values(["hits", "unit"], ascending=[False, True])["unit"][:max_units])
    units = sorted(units)
    ax = ax or plt.subplots(figsize=(10, 0.28 * len(units) + 1.2))[1]
    for i, u in enumerate(units):
        x = pos.loc[pos["unit"] == u, "position"].to_numpy()
        ax.vlines(x, i - 0.4, i + 0.4, color="#b22222", linewidth=0.8)
    ax.set_yticks(range(len(units)), [str((labels or {}).get(u, u)) or "(none)" for u in units], fontsize=8)
    ax.set_ylim(-0.6, len(units) - 0.4)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("position in the text (0 = start, 1 = end)")
    ax.set_title(title)
    return ax
