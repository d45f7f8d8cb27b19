"""Which groups of documents differ: keyness of any documents column's groups, with effect sizes.

Groups come from any column of the documents table (``level``, ``place``, ``speaker``, ``year``
…): one group against the rest of the corpus, or two groups against each other.  For words and
formulations (:func:`keyness`): the 2 × 2 log-likelihood G² (Rayson & Garside), its p-value, the
log ratio (Hardie: log₂ of the ratio of relative frequencies, an effect size: +1 = twice as
frequent) and dispersion across the group's documents — the share of them using the term
(``range_a``) and Gries' DP (0 = spread evenly over the documents by their size, 1 = all in one)
— so a term of one report is not its group's keyword.  Negative keywords (less frequent in the
group) are listed too.  For theme scores and outline shapes (:func:`profiles`): the groups' means,
their difference and Cohen's d.

Owns these statistics; reads tables given to it and writes nothing.
"""
from __future__ import annotations

import math
from typing import Sequence

import numpy as np
import pandas as pd

KEY_COLUMNS = [
    "group", "reference", "term", "kind", "count_a", "count_b", "per_10k_a", "per_10k_b", "docs_a", "docs_b",
    "range_a", "dp_a", "g2", "p", "log_ratio", "direction",
]
PROFILE_COLUMNS = ["group", "reference", "measure", "mean_a", "mean_b", "difference", "cohens_d", "n_a", "n_b"]
#: G² above which a difference is significant at p < 0.001 (one degree of freedom).
G2_CRITICAL = 10.83
PER = 10_000


def g2(a: float, b: float, n1: float, n2: float) -> float:
    """Log-likelihood G² of a term seen ``a`` times in ``n1`` tokens and ``b`` times in ``n2``."""
    e1, e2 = n1 * (a + b) / (n1 + n2), n2 * (a + b) / (n1 + n2)
    return 2 * sum(o * math.log(o / e) for o, e in ((a, e1), (b, e2)) if o > 0)


def log_ratio(a: float, b: float, n1: float, n2: float) -> float:
    """log₂ of the ratio of relative frequencies; a zero count counts as 0.5 (Hardie 2014)."""
    return math.log2((max(a, 0.5) / n1) / (max(b, 0.5) / n2))


def p_value(g: float) -> float:
    """The chi-squared (1 df) tail probability of ``g``."""
    return math.erfc(math.sqrt(max(g, 0.0) / 2))


def dp(counts: np.ndarray, sizes: np.ndarray) -> float:
    """Gries' deviation of proportions: how unevenly a term's ``counts`` fall over documents of ``sizes``."""
    total = counts.sum()
    if total == 0 or sizes.sum() == 0:
        return float("nan")
    return float(0.5 * np.abs(counts / total - sizes / sizes.sum()).sum())


def group_labels(docs: pd.DataFrame, by: str, values: Sequence[str] = ()) -> list[tuple[str, str, pd.Series]]:
    """The comparisons asked for: ``(group, reference, membership)`` where membership maps
    ``doc_id`` to ``"a"``, ``"b"`` or nothing (left out).

    No value: each value of the column against the rest (a column of two values: the one
    against the other).  One value: it against the rest.  Two values: the first against the second."""
    if by not in docs.columns:
        raise KeyError(f"no column {by!r} in the documents table; columns: {', '.join(map(str, docs.columns))}")
    col = docs.set_index("doc_id")[by].astype("string").fillna("")
    present = [v for v in col.unique() if v != ""]
    values = [str(v) for v in values]
    missing = [v for v in values if v not in present]
    if missing:
        raise KeyError(f"{by} has no value {', '.join(missing)}; it has: {', '.join(sorted(present)[:30])}")
    if len(values) >= 2:
        a, b = values[:2]
        return [(a, b, col.map({a: "a", b: "b"}).dropna())]
    if len(values) == 1:
        return [(values[0], "rest", pd.Series(np.where(col == values[0], "a", "b"), index=col.index))]
    if len(present) == 2:
        a, b = sorted(present)
        return [(a, b, col.map({a: "a", b: "b"}).dropna())]
    return [(v, "rest", pd.Series(np.where(col == v, "a", "b"), index=col.index)) for v in sorted(present)]


def keyness(counts: pd.DataFrame, docs: pd.DataFrame, by: str, values: Sequence[str] = (), *,
            formulas: set[str] | None = None, min_count: int = 5, min_docs: int = 2, top: int | None = 50,
            negative: bool = True) -> pd.DataFrame:
    """Keywords of each comparison (``counts``: ``doc_id, term, count``, e.g. from
    :func:`tifa.analysis.themes.term_counts`).  A keyword is significant (G² ≥ :data:`G2_CRITICAL`), seen at
    least ``min_count`` times in its group, in at least ``min_docs`` of its documents."""
    formulas = formulas or set()
    out = []
    for group, reference, member in group_labels(docs, by, values):
        c = counts[counts["doc_id"].isin(member.index) & (counts["count"] > 0)]
        side = c["doc_id"].map(member).to_numpy()
        n1, n2 = float(c["count"][side == "a"].sum()), float(c["count"][side == "b"].sum())
        if not n1 or not n2:
            continue
        terms, t_idx = np.unique(c["term"].astype(str).to_numpy(), return_inverse=True)
        cnt = c["count"].to_numpy(dtype=float)
        is_a = side == "a"
        a = np.bincount(t_idx, weights=cnt * is_a, minlength=len(terms))
        b = np.bincount(t_idx, weights=cnt * ~is_a, minlength=len(terms))
        da = np.bincount(t_idx, weights=is_a.astype(float), minlength=len(terms)).astype(int)  # one row per (doc, term)
        db = np.bincount(t_idx, weights=(~is_a).astype(float), minlength=len(terms)).astype(int)
        e1, e2 = n1 * (a + b) / (n1 + n2), n2 * (a + b) / (n1 + n2)
        with np.errstate(divide="ignore", invalid="ignore"):
            g = 2 * (np.where(a > 0, a * np.log(a / e1), 0.0) + np.where(b > 0, b * np.log(b / e2), 0.0))
        lr = np.log2((np.maximum(a, 0.5) / n1) / (np.maximum(b, 0.5) / n2))
        positive = lr > 0
        keep = (g >= G2_CRITICAL) & np.where(positive, (a >= min_count) & (da >= min_docs),
                                             negative & (b >= min_count) & (db >= min_docs))
        a_docs = pd.Index(sorted(set(member.index[member == "a"]) & set(c["doc_id"])))
        sizes = c[is_a].groupby("doc_id")["count"].sum().reindex(a_docs).to_numpy(dtype=float)
        ca = c[is_a & np.isin(t_idx, np.flatnonzero(keep))]
        matrix = ca.pivot_table(index="term", columns="doc_id", values="count", aggfunc="sum", fill_value=0).reindex(columns=a_docs, fill_value=0)
        n_a_docs = max(len(a_docs), 1)
        for i in np.flatnonzero(keep):
            term = terms[i]
            d = dp(matrix.loc[term].to_numpy(dtype=float), sizes) if term in matrix.index else float("nan")
            out.append((group, reference, term, "formulation" if term in formulas else "word", int(a[i]), int(b[i]),
                        round(a[i] / n1 * PER, 3), round(b[i] / n2 * PER, 3), int(da[i]), int(db[i]), round(da[i] / n_a_docs, 3),
                        round(d, 3), round(float(g[i]), 3), float(f"{p_value(float(g[i])):.3g}"), round(float(lr[i]), 3),
                        "positive" if positive[i] else "negative"))
    df = pd.DataFrame(out, columns=KEY_COLUMNS)
    df = df.sort_values(["group", "direction", "g2"], ascending=[True, False, False], kind="stable")
    if top:
        df = df.groupby(["group", "direction"], sort=False).head(top)
    return df.reset_index(drop=True)


def cohens_d(x: np.ndarray, y: np.ndarray) -> float:
    """Standardised mean difference with the pooled standard deviation."""
    nx, ny = len(x), len(y)
    if nx < 2 or ny < 2:
        return float("nan")
    pooled = math.sqrt(((nx - 1) * x.var(ddof=1) + (ny - 1) * y.var(ddof=1)) / (nx + ny - 2))
    return float((x.mean() - y.mean()) / pooled) if pooled else float("nan")


def profiles(measures: pd.DataFrame, docs: pd.DataFrame, by: str, values: Sequence[str] = ()) -> pd.DataFrame:
    """Groups compared on per-document numbers (``measures``: index ``doc_id``, one column each —
    theme scores, outline shapes): means, difference and Cohen's d."""
    rows = []
    for group, reference, member in group_labels(docs, by, values):
        m = measures[measures.index.isin(member.index)]
        side = member.reindex(m.index)
        for col in m.columns:
            x = m.loc[side == "a", col].dropna().to_numpy(dtype=float)
            y = m.loc[side == "b", col].dropna().to_numpy(dtype=float)
            if not len(x) or not len(y):
                continue
            rows.append((group, reference, col, round(x.mean(), 4), round(y.mean(), 4), round(x.mean() - y.mean(), 4),
                         round(cohens_d(x, y), 3), len(x), len(y)))
    df = pd.DataFrame(rows, columns=PROFILE_COLUMNS)
    return df.sort_values(["group", "cohens_d"], key=lambda s: s.abs() if s.name == "cohens_d" else s,
                          ascending=[True, False], kind="stable").reset_index(drop=True)


def outline_shapes(outline: pd.DataFrame, enumerations: pd.DataFrame, docs: pd.DataFrame) -> pd.DataFrame:
    """Per document: deepest level, items, headings (depth 1), mean list length and the share of
    items in each marker style."""
    ids = pd.Index(docs["doc_id"], name="doc_id")
    body = outline[outline["matter"] == "body"] if "matter" in outline else outline
    shape = pd.DataFrame(index=ids)
    shape["depth_max"] = body.groupby("doc_id")["depth"].max().reindex(ids).fillna(0)
    shape["items"] = body.groupby("doc_id").size().reindex(ids).fillna(0)
    shape["headings"] = body[body["depth"] == 1].groupby("doc_id").size().reindex(ids).fillna(0)
    shape["list_length"] = enumerations.groupby("doc_id")["n_items"].mean().reindex(ids)
    styles = body.groupby(["doc_id", "style"]).size().unstack(fill_value=0)
    share = styles.div(styles.sum(axis=1), axis=0).reindex(ids).fillna(0)
    return shape.join(share.add_prefix("style_"))
