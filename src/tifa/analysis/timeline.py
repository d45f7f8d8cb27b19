"""Formulations across time: when a 提法 appears, spreads and fades.

Every function works on any dated corpus (``documents.date`` starts with the year; a
document without one is left out) and returns a tidy table:

* :func:`mentions` — one row per (document, formulation) with its count: the
  formulations tifa detected (``formulas`` table, kind ``formulation``) together with
  every known formulation of ``formulations.tsv`` found by plain text search, so the
  first year of a known formulation is exactly what a text search of the files says;
* :func:`by_year` — per year: count, documents using it, characters, rate per 10,000
  characters — for formulations, or for any term or KWIC pattern (:func:`term_by_year`);
* :func:`first_last` — first and last year, peak year, years used;
* :func:`emerging_fading` — the change in rate between an earlier and a recent period;
* :func:`period_keyness` — log-likelihood keyness of one period (a decade, a premier's
  years) against the rest, with the log ratio as effect size;
* :func:`co_occurrence` — formulations used in the same document.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from typing import Iterable

import pandas as pd

from ..lexicon.lexicons import load_known
from ..rhetoric.formulations import all_known_matches

PER = 10_000
MENTION_COLUMNS = ["doc_id", "year", "formula", "count", "known"]
YEAR_COLUMNS = ["year", "formula", "count", "n_docs", "n_chars", "per_10k"]


def doc_years(docs: pd.DataFrame) -> pd.Series:
    """Year of each document (index ``doc_id``); documents without a date are dropped."""
    years = pd.to_numeric(docs["date"].astype("string").str[:4], errors="coerce")
    out = pd.Series(years.to_numpy(), index=docs["doc_id"].to_numpy(), name="year").dropna().astype(int)
    return out


def mentions(docs: pd.DataFrame, formulas: pd.DataFrame | None = None, *, known: dict | None = None) -> pd.DataFrame:
    """Formulation mentions per dated document (see the module doc)."""
    known = load_known() if known is None else known
    years = doc_years(docs)
    dated = docs[docs["doc_id"].isin(years.index)]
    rows: dict[tuple[str, str], list] = {}
    names = sorted(known, key=len, reverse=True)
    longer = {n: [m for m in names if len(m) > len(n) and n in m] for n in names}
    for d, text in zip(dated["doc_id"], dated["text"]):
        found = all_known_matches(str(text), names)
        for name in names:  # plain text search; a longer name is not counted again inside a shorter one
            n = len(found[name])
            if n:
                n -= sum(len(found[m]) for m in longer[name])
                if n > 0:
                    rows[(d, name)] = [d, int(years[d]), name, n, True]
    if formulas is not None and len(formulas):
        f = formulas[(formulas["kind"] == "formulation") & formulas["doc_id"].isin(years.index)]
        for (d, name), n in f.groupby(["doc_id", "formula"]).size().items():
            if (d, name) not in rows and name not in known:  # known ones: by the text search above
                rows[(d, name)] = [d, int(years[d]), name, int(n), False]
    out = pd.DataFrame(list(rows.values()), columns=MENTION_COLUMNS)
    return out.sort_values(["year", "doc_id", "formula"], kind="stable").reset_index(drop=True)


def year_sizes(docs: pd.DataFrame) -> pd.DataFrame:
    """Documents and characters per year."""
    years = doc_years(docs)
    d = docs[docs["doc_id"].isin(years.index)].assign(year=lambda x: x["doc_id"].map(years))
    return d.groupby("year").agg(docs=("doc_id", "size"), n_chars=("n_chars", "sum")).reset_index()


def by_year(ments: pd.DataFrame, docs: pd.DataFrame, *, formulas: Iterable[str] | None = None) -> pd.DataFrame:
    """Per year and formulation: count, documents, the year's characters and the rate per 10,000."""
    m = ments if formulas is None else ments[ments["formula"].isin(list(formulas))]
    sizes = year_sizes(docs).set_index("year")["n_chars"]
    g = m.groupby(["year", "formula"]).agg(count=("count", "sum"), n_docs=("doc_id", "nunique")).reset_index()
    g["n_chars"] = g["year"].map(sizes).astype(int)
    g["per_10k"] = (g["count"] / g["n_chars"] * PER).round(3)
    return g[YEAR_COLUMNS]


def _pattern(query: str) -> re.Pattern:
    """A term or KWIC pattern (``*`` = slot of 1–8 characters) as a regular expression."""
    parts = [re.escape(p) for p in query.split("*")]
    return re.compile(r"[^，。；！？、\s]{1,8}?".join(parts))


def term_by_year(docs: pd.DataFrame, query: str) -> pd.DataFrame:
    """Per year: occurrences of a term or KWIC pattern (``要有*意识``), documents, rate per 10,000."""
    rx = _pattern(query)
    years = doc_years(docs)
    rows = []
    for d, text in zip(docs["doc_id"], docs["text"]):
        if d in years.index:
            n = sum(1 for _ in rx.finditer(str(text)))
            rows.append((int(years[d]), d, n))
    hits = pd.DataFrame(rows, columns=["year", "doc_id", "count"])
    sizes = year_sizes(docs).set_index("year")["n_chars"]
    g = hits.groupby("year").agg(count=("count", "sum"), n_docs=("count", lambda s: int((s > 0).sum()))).reset_index()
    g.insert(1, "formula", query)
    g["n_chars"] = g["year"].map(sizes).astype(int)
    g["per_10k"] = (g["count"] / g["n_chars"] * PER).round(3)
    return g[YEAR_COLUMNS]


def first_last(yearly: pd.DataFrame) -> pd.DataFrame:
    """Per formulation: first and last year, years used, peak year and rate, total count."""
    used = yearly[yearly["count"] > 0]
    if used.empty:
        return pd.DataFrame(columns=["formula", "first_year", "last_year", "n_years", "peak_year", "peak_per_10k", "count"])
    peak = used.loc[used.groupby("formula")["per_10k"].idxmax(), ["formula", "year", "per_10k"]]
    out = used.groupby("formula").agg(
        first_year=("year", "min"), last_year=("year", "max"), n_years=("year", "nunique"), count=("count", "sum")
    )
    out = out.join(peak.set_index("formula").rename(columns={"year": "peak_year", "per_10k": "peak_per_10k"}))
    out = out.reset_index()[["formula", "first_year", "last_year", "n_years", "peak_year", "peak_per_10k", "count"]]
    return out.sort_values(["first_year", "formula"], kind="stable").reset_index(drop=True)


def _rate(yearly: pd.DataFrame, sizes: pd.DataFrame, years: set[int]) -> pd.Series:
    chars = sizes[sizes["year"].isin(years)]["n_chars"].sum()
    counts = yearly[yearly["year"].isin(years)].groupby("formula")["count"].sum()
    return counts / chars * PER if chars else counts * 0.0


def emerging_fading(yearly: pd.DataFrame, docs: pd.DataFrame, *, recent: int = 10, min_count: int = 3) -> pd.DataFrame:
    """Rate per 10,000 in the last ``recent`` years of the corpus against all earlier years;
    ``trend`` is ``emerging`` (new or ≥ 2× as frequent), ``fading`` (≤ ½, or gone) or ``steady``."""
    sizes = year_sizes(docs)
    if sizes.empty:
        return pd.DataFrame(columns=["formula", "earlier_per_10k", "recent_per_10k", "ratio", "trend", "count"])
    last = int(sizes["year"].max())
    late = {int(y) for y in sizes["year"] if y > last - recent}
    early = {int(y) for y in sizes["year"]} - late
    e, r = _rate(yearly, sizes, early), _rate(yearly, sizes, late)
    total = yearly.groupby("formula")["count"].sum()
    out = pd.DataFrame({"earlier_per_10k": e, "recent_per_10k": r}).fillna(0.0)
    out["count"] = total
    out = out[out["count"] >= min_count]
    out["ratio"] = ((out["recent_per_10k"] + 0.01) / (out["earlier_per_10k"] + 0.01)).round(2)
    out["trend"] = ["emerging" if x >= 2 else "fading" if x <= 0.5 else "steady" for x in out["ratio"]]
    out = out.round({"earlier_per_10k": 3, "recent_per_10k": 3}).reset_index(names="formula")
    return out.sort_values("ratio", ascending=False).reset_index(drop=True)[
        ["formula", "earlier_per_10k", "recent_per_10k", "ratio", "trend", "count"]
    ]


def _ll(a: float, b: float, c: float, d: float) -> float:
    """Log-likelihood (G²) of a count ``a`` in ``c`` units against ``b`` in ``d``."""
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    return 2 * ((a * math.log(a / e1) if a else 0) + (b * math.log(b / e2) if b else 0))


def period_keyness(yearly: pd.DataFrame, docs: pd.DataFrame, years: Iterable[int], *, min_count: int = 2) -> pd.DataFrame:
    """Formulations typical of a period (``range(1990, 2000)``, a premier's years) against the
    rest of the corpus: G², log ratio (base 2, +0.5 smoothing), counts and rates."""
    period = {int(y) for y in years}
    sizes = year_sizes(docs)
    c = float(sizes[sizes["year"].isin(period)]["n_chars"].sum())
    d = float(sizes[~sizes["year"].isin(period)]["n_chars"].sum())
    inside = yearly[yearly["year"].isin(period)].groupby("formula")["count"].sum()
    outside = yearly[~yearly["year"].isin(period)].groupby("formula")["count"].sum()
    t = pd.DataFrame({"count": inside, "rest": outside}).fillna(0)
    t = t[t["count"] + t["rest"] >= min_count]
    if not c or not d or t.empty:
        return pd.DataFrame(columns=["formula", "count", "rest", "per_10k", "rest_per_10k", "ll", "log_ratio"])
    t["per_10k"] = (t["count"] / c * PER).round(3)
    t["rest_per_10k"] = (t["rest"] / d * PER).round(3)
    t["ll"] = [round(_ll(a, b, c, d), 2) for a, b in zip(t["count"], t["rest"])]
    t["log_ratio"] = [round(math.log2(((a + 0.5) / c) / ((b + 0.5) / d)), 2) for a, b in zip(t["count"], t["rest"])]
    t = t[t["log_ratio"] > 0].sort_values("ll", ascending=False)
    return t.reset_index(names="formula").astype({"count": int, "rest": int})


def co_occurrence(ments: pd.DataFrame, *, min_docs: int = 2) -> pd.DataFrame:
    """Pairs of formulations used in the same document: documents together, years spanned."""
    pairs: Counter = Counter()
    years: dict[tuple[str, str], list[int]] = {}
    for (d, y), g in ments.groupby(["doc_id", "year"]):
        names = sorted(set(g["formula"]))
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                pairs[(a, b)] += 1
                years.setdefault((a, b), []).append(int(y))
    rows = [(a, b, n, min(years[(a, b)]), max(years[(a, b)])) for (a, b), n in pairs.items() if n >= min_docs]
    out = pd.DataFrame(rows, columns=["formula_a", "formula_b", "n_docs", "first_year", "last_year"])
    return out.sort_values(["n_docs", "formula_a", "formula_b"], ascending=[False, True, True]).reset_index(drop=True)
