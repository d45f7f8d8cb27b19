"""From the centre to the provinces: which terms spread, from where, how fast, how much is copied.

Works on any documents table with ``place``, ``level`` and ``year`` (the shared archive of
work reports gives all three; see :mod:`tifa.text.places`).  A term is counted by plain text search
of the cleaned text, as ``tifa timeline --term`` does: full- and half-width forms are one term
(``互联网+`` = ``互联网＋``), a longer known formulation is not counted again inside a shorter
one (``四个全面`` inside ``四个全面战略布局`` counts once), and ``*`` is a slot of 1–8
characters (``要有*意识``).  Tables:

* :func:`first_use` — per term and place: first and last year, years used, mentions;
* :func:`curve` — per term, year and level: places using it out of places reporting;
* :func:`origin` — per term: the centre's first year, the first local year and places, the
  lead in years and a direction (``bottom-up``, ``top-down``, ``same-year``);
* :func:`lags` — per term and place: years after the centre's first use (leaders first);
* :func:`echo` — per local report: the share of its characters in passages it shares with
  the centre's reports of the same or the previous year (and the congress report in force);
* :func:`panel` — place × year × term: count, per 10,000 characters, characters — for regression.

Owns counting and these views; reads documents only, writes nothing (:func:`save` writes the
views a caller asks for, atomically).
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

PER = 10_000
CENTRAL = "central"
FIRST_COLUMNS = ["term", "place", "level", "first_year", "last_year", "n_years", "mentions"]
CURVE_COLUMNS = ["term", "year", "level", "places_using", "places_reporting", "share"]
ORIGIN_COLUMNS = ["term", "centre_first_year", "first_local_year", "first_local_places", "lead_years", "direction"]
LAG_COLUMNS = ["term", "place", "level", "centre_first_year", "first_year", "lag_years", "rank"]
ECHO_COLUMNS = ["doc_id", "place", "level", "year", "n_chars", "echo_chars", "echo_share", "centre_docs", "longest", "longest_passage"]
PANEL_COLUMNS = ["place", "level", "year", "term", "count", "per_10k", "n_chars"]
VIEWS = ("first", "curve", "origin", "lags", "echo", "panel")
#: The year each CPC National Congress report was delivered (shipped in data/examples/congress-reports).
CONGRESS_YEARS = {"cpc09": 1969, "cpc10": 1973, "cpc11": 1977, "cpc12": 1982, "cpc13": 1987, "cpc14": 1992,
                  "cpc15": 1997, "cpc16": 2002, "cpc17": 2007, "cpc18": 2012, "cpc19": 2017, "cpc20": 2022}


def fold(text: str) -> str:
    """Full-width forms folded to their half-width ones (互联网＋ → 互联网+), nothing else changed:
    the text keeps its length, so counts and offsets agree."""
    return text.translate(_FOLD)


_FOLD = {c: unicodedata.normalize("NFKC", chr(c)) for c in range(0xFF01, 0xFF5F)}


def term_pattern(term: str) -> re.Pattern:
    """A term or KWIC pattern (``*`` = a slot of 1–8 characters, not crossing punctuation)."""
    parts = [re.escape(fold(p)) for p in term.split("*")]
    return re.compile(r"[^，。；！？、,.;!?\s]{1,8}?".join(parts))


def dated(docs: pd.DataFrame) -> pd.DataFrame:
    """Documents with a place and a year (``year`` from the column, else from ``date``)."""
    d = docs.copy()
    year = pd.to_numeric(d["year"], errors="coerce") if "year" in d else pd.Series(np.nan, index=d.index)
    from_date = pd.to_numeric(d["date"].astype("string").str[:4], errors="coerce") if "date" in d else year
    d["year"] = year.fillna(from_date)
    for col in ("place", "level"):
        if col not in d:
            d[col] = ""
        d[col] = d[col].fillna("").astype(str)
    d = d[d["year"].notna() & (d["place"] != "")].copy()
    d["year"] = d["year"].astype(int)
    if "n_chars" not in d:
        d["n_chars"] = d["text"].str.len()
    return d


def counts(docs: pd.DataFrame, terms: Sequence[str], *, known: Iterable[str] = ()) -> pd.DataFrame:
    """Per document and term: its count (the module doc says how terms are counted)."""
    d = dated(docs)
    terms = list(dict.fromkeys(terms))
    longer_pool = set(known) | set(terms)
    patterns = {t: term_pattern(t) for t in terms}
    longer = {t: [term_pattern(m) for m in longer_pool if "*" not in t and "*" not in m and len(m) > len(t) and t in m] for t in terms}
    rows = []
    for doc_id, place, level, year, text in zip(d["doc_id"], d["place"], d["level"], d["year"], d["text"]):
        t = fold(str(text))
        for term, rx in patterns.items():
            n = len(rx.findall(t))
            if n:
                n -= sum(len(r.findall(t)) for r in longer[term])
            rows.append((doc_id, place, level, int(year), term, max(n, 0)))
    out = pd.DataFrame(rows, columns=["doc_id", "place", "level", "year", "term", "count"])
    return out


def _place_years(d: pd.DataFrame) -> pd.DataFrame:
    """Place × year with the characters of that year's reports (several reports are summed)."""
    return d.groupby(["place", "level", "year"], as_index=False)["n_chars"].sum()


def panel(docs: pd.DataFrame, terms: Sequence[str], *, known: Iterable[str] = (), hits: pd.DataFrame | None = None) -> pd.DataFrame:
    """Place × year × term, zeros included for every place with a report that year."""
    d = dated(docs)
    hits = counts(d, terms, known=known) if hits is None else hits
    g = hits.groupby(["place", "level", "year", "term"], as_index=False)["count"].sum()
    py = _place_years(d)
    full = py.merge(pd.DataFrame({"term": list(dict.fromkeys(terms))}), how="cross")
    out = full.merge(g, on=["place", "level", "year", "term"], how="left")
    out["count"] = out["count"].fillna(0).astype(int)
    out["per_10k"] = (out["count"] / out["n_chars"].where(out["n_chars"] > 0) * PER).round(3).fillna(0.0)
    return out[PANEL_COLUMNS].sort_values(["term", "place", "year"], kind="stable").reset_index(drop=True)


def first_use(pan: pd.DataFrame) -> pd.DataFrame:
    """Per term and place that uses it: first and last year, years used, mentions."""
    used = pan[pan["count"] > 0]
    g = used.groupby(["term", "place", "level"]).agg(
        first_year=("year", "min"), last_year=("year", "max"), n_years=("year", "nunique"), mentions=("count", "sum")
    ).reset_index()
    return g[FIRST_COLUMNS].sort_values(["term", "first_year", "place"], kind="stable").reset_index(drop=True)


def curve(pan: pd.DataFrame) -> pd.DataFrame:
    """Per term, year and level: how many places use the term, of how many with a report that year."""
    rep = pan.groupby(["term", "year", "level"])["place"].nunique().rename("places_reporting")
    use = pan[pan["count"] > 0].groupby(["term", "year", "level"])["place"].nunique().rename("places_using")
    out = pd.concat([use, rep], axis=1).fillna(0).astype(int).reset_index()
    out["share"] = (out["places_using"] / out["places_reporting"]).round(4)
    return out[CURVE_COLUMNS].sort_values(["term", "year", "level"], kind="stable").reset_index(drop=True)


def _direction(centre: float | None, local: float | None) -> str:
    if centre is None and local is None:
        return "unused"
    if centre is None:
        return "local-only"
    if local is None:
        return "central-only"
    return "bottom-up" if local < centre else "top-down" if centre < local else "same-year"


def origin(pan: pd.DataFrame, *, level: str | None = None) -> pd.DataFrame:
    """Per term: the centre's first year, the first local year and places, the lead and a direction.

    ``lead_years`` is the centre's first year minus the first local year: positive when a
    place used the term before the centre did.  ``level`` restricts the local places (province …)."""
    rows = []
    for term, g in pan.groupby("term", sort=False):
        used = g[g["count"] > 0]
        c = used[used["level"] == CENTRAL]
        loc = used[(used["level"] != CENTRAL) & ((used["level"] == level) if level else True)]
        cf = int(c["year"].min()) if len(c) else None
        lf = int(loc["year"].min()) if len(loc) else None
        places = "|".join(sorted(loc.loc[loc["year"] == lf, "place"].unique())) if lf is not None else ""
        lead = (cf - lf) if cf is not None and lf is not None else None
        rows.append((term, cf, lf, places, lead, _direction(cf, lf)))
    out = pd.DataFrame(rows, columns=ORIGIN_COLUMNS)
    for col in ("centre_first_year", "first_local_year", "lead_years"):
        out[col] = out[col].astype("Int64")
    return out


def lags(pan: pd.DataFrame, *, level: str | None = None) -> pd.DataFrame:
    """Per term and local place: years between the centre's first use and its own (negative:
    before the centre); ``rank`` 1 is the first adopter."""
    f = first_use(pan)
    centre = f[f["level"] == CENTRAL].groupby("term")["first_year"].min()
    loc = f[(f["level"] != CENTRAL) & ((f["level"] == level) if level else True)].copy()
    loc["centre_first_year"] = loc["term"].map(centre).astype("Int64")
    loc["lag_years"] = (loc["first_year"] - loc["centre_first_year"]).astype("Int64")
    loc["rank"] = loc.groupby("term")["first_year"].rank(method="min").astype(int)
    return loc[LAG_COLUMNS].sort_values(["term", "rank", "place"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- echo

#: Length of the character windows two reports must share for a passage to count as echoed.
ECHO_K = 13
_SKIP_RE = re.compile(r"[\s\u3000]")
_B = np.uint64(1_000_003)


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(_SKIP_RE.sub("", text).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)


def _hashes(codes: np.ndarray, k: int = ECHO_K) -> np.ndarray:
    """A polynomial hash of every window of ``k`` characters (uint64 arithmetic wraps)."""
    n = len(codes) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            h = h * _B + codes[j : j + n]
    return h


def shared_mask(local: str, centre_hashes: np.ndarray, k: int = ECHO_K) -> tuple[np.ndarray, str]:
    """Which characters of ``local`` (spaces removed) lie in a window the centre also has."""
    codes = _codes(local)
    h = _hashes(codes, k)
    if not len(h) or not len(centre_hashes):
        return np.zeros(len(codes), dtype=bool), _SKIP_RE.sub("", local)
    at = np.minimum(np.searchsorted(centre_hashes, h), len(centre_hashes) - 1)  # centre_hashes is sorted
    hit = (centre_hashes[at] == h).astype(np.int32)
    # a character is shared when any window holding it is: a running sum of the window hits
    return np.convolve(hit, np.ones(k, dtype=np.int32))[: len(codes)] > 0, _SKIP_RE.sub("", local)


def _longest_run(mask: np.ndarray) -> tuple[int, int]:
    if not mask.any():
        return 0, 0
    m = np.concatenate([[0], mask.astype(np.int8), [0]])
    d = np.diff(m)
    starts, ends = np.flatnonzero(d == 1), np.flatnonzero(d == -1)
    i = int(np.argmax(ends - starts))
    return int(starts[i]), int(ends[i])


def echo(docs: pd.DataFrame, *, congress: dict[int, str] | None = None, level: str | None = None) -> pd.DataFrame:
    """Per local report: the share of its characters in windows of :data:`ECHO_K` characters that
    the centre's reports of the same or the previous year (and the congress report in force,
    ``congress``: year → text) also contain; with the longest shared passage."""
    d = dated(docs)
    centre = d[d["level"] == CENTRAL]
    by_year = {y: list(zip(g["doc_id"], g["text"])) for y, g in centre.groupby("year")}
    cache: dict[int, tuple[np.ndarray, str]] = {}
    congress = congress or {}

    def centre_for(year: int) -> tuple[np.ndarray, str]:
        if year not in cache:
            texts = by_year.get(year, []) + by_year.get(year - 1, [])
            names = [doc for doc, _ in texts]
            in_force = max((y for y in congress if y <= year), default=None)
            hs = [_hashes(_codes(t)) for _, t in texts]
            if in_force is not None:
                hs.append(_hashes(_codes(congress[in_force])))
                names.append(f"congress {in_force}")
            cache[year] = (np.unique(np.concatenate(hs)) if hs else np.zeros(0, dtype=np.uint64), "|".join(names))
        return cache[year]

    rows = []
    local = d[(d["level"] != CENTRAL) & ((d["level"] == level) if level else True)]
    for r in local.itertuples():
        hs, names = centre_for(int(r.year))
        mask, squeezed = shared_mask(str(r.text), hs)
        a, b = _longest_run(mask)
        n = len(squeezed)
        shared = int(mask.sum())
        rows.append((r.doc_id, r.place, r.level, int(r.year), n, shared, round(shared / n, 4) if n else 0.0, names, b - a, squeezed[a:b][:200]))
    return pd.DataFrame(rows, columns=ECHO_COLUMNS).sort_values(["year", "place"], kind="stable").reset_index(drop=True)


def congress_texts(folder: Path | None = None) -> dict[int, str]:
    """The shipped CPC congress reports, by the year they were delivered."""
    from ..config import shipped

    folder = folder or shipped("examples", "congress-reports")
    out = {}
    for stem, year in CONGRESS_YEARS.items():
        p = folder / f"{stem}.txt"
        if p.is_file():
            out[year] = p.read_text(encoding="utf-8")
    return out


def load_terms(path: Path | None = None) -> list[str]:
    """The terms of ``diffusion_terms.txt`` (format in its header)."""
    from ..config import LEXICONS

    path = Path(path or LEXICONS / "diffusion_terms.txt")
    if not path.is_file():
        return []
    lines = (ln.strip() for ln in path.read_text(encoding="utf-8").split("\n"))
    return [ln for ln in lines if ln and not ln.startswith("#")]


def default_terms(docs: pd.DataFrame, formulas: pd.DataFrame | None = None, *, min_docs: int = 3) -> list[str]:
    """The terms of ``diffusion_terms.txt``, the known formulations, and the formulations tifa
    detected in at least ``min_docs`` documents."""
    from ..lexicon.lexicons import load_known

    terms = list(dict.fromkeys(load_terms() + list(load_known())))
    if formulas is not None and len(formulas):
        f = formulas[formulas["kind"] == "formulation"]
        common = f.groupby("formula")["doc_id"].nunique()
        terms += [t for t in common[common >= min_docs].index if t not in terms]
    return terms


def view(docs: pd.DataFrame, name: str, terms: Sequence[str], *, level: str | None = None) -> pd.DataFrame:
    """One of :data:`VIEWS` for ``terms`` (echo ignores them)."""
    from ..lexicon.lexicons import load_known

    if name == "echo":
        return echo(docs, congress=congress_texts(), level=level)
    pan = panel(docs, terms, known=load_known())
    if name == "panel":
        return pan if not level else pan[pan["level"].isin([CENTRAL, level])].reset_index(drop=True)
    if name == "first":
        return first_use(pan if not level else pan[pan["level"].isin([CENTRAL, level])])
    if name == "curve":
        return curve(pan if not level else pan[pan["level"].isin([CENTRAL, level])])
    if name == "origin":
        return origin(pan, level=level)
    if name == "lags":
        return lags(pan, level=level)
    raise ValueError(f"unknown view {name!r}; choose from {', '.join(VIEWS)}")


#: Columns of the documents table kept beside the views (no text): what a reader needs to trace a row.
DOC_META = ["doc_id", "source", "title", "date", "year", "place", "level", "n_chars", "source_url"]


def save(docs: pd.DataFrame, terms: Sequence[str], folder: Path, *, level: str | None = None) -> list[Path]:
    """Every view into ``folder``: ``panel`` as CSV, parquet and Stata ``.dta``; the others and the
    documents' metadata (``documents.parquet``, no text) as parquet and CSV."""
    from ..atomic import atomic_path

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tables = views(docs, terms, level=level)
    out = save_panel(tables.pop("panel"), folder / "panel")
    for name, df in tables.items():
        for suffix in (".parquet", ".csv"):
            target = folder / f"{name}{suffix}"
            with atomic_path(target) as tmp:
                df.to_parquet(tmp, index=False) if suffix == ".parquet" else df.to_csv(tmp, index=False, encoding="utf-8-sig")
            out.append(target)
    return out


def save_panel(pan: pd.DataFrame, prefix: Path) -> list[Path]:
    """The panel as ``PREFIX.csv`` (UTF-8 with BOM), ``PREFIX.parquet`` and Stata ``PREFIX.dta``."""
    from ..atomic import atomic_path

    prefix = Path(prefix)
    prefix.parent.mkdir(parents=True, exist_ok=True)
    out = []
    for suffix in (".csv", ".parquet", ".dta"):
        target = prefix.with_suffix(suffix)
        with atomic_path(target) as tmp:
            if suffix == ".csv":
                pan.to_csv(tmp, index=False, encoding="utf-8-sig")
            elif suffix == ".parquet":
                pan.to_parquet(tmp, index=False)
            else:
                pan.to_stata(tmp, write_index=False, version=118,
                             variable_labels={"per_10k": "mentions per 10,000 characters", "n_chars": "characters of the place's reports that year"})
        out.append(target)
    return out



VIEW_FILES = ("panel", "first", "curve", "origin", "lags", "echo", "documents")


def is_saved(folder: Path) -> bool:
    """Whether ``folder`` holds views written by :func:`save` (rather than a built corpus)."""
    return (Path(folder) / "panel.parquet").exists()


def read_views(folder: Path) -> dict[str, pd.DataFrame]:
    """The views a folder written by :func:`save` holds."""
    folder = Path(folder)
    return {n: pd.read_parquet(folder / f"{n}.parquet") for n in VIEW_FILES if (folder / f"{n}.parquet").exists()}


def views(docs: pd.DataFrame, terms: Sequence[str] | None = None, formulas: pd.DataFrame | None = None,
          *, level: str | None = None) -> dict[str, pd.DataFrame]:
    """Every view of a documents table, for ``terms`` (default: :func:`default_terms`)."""
    from ..lexicon.lexicons import load_known

    terms = list(terms or default_terms(docs, formulas))
    pan = panel(docs, terms, known=load_known())
    return {"panel": pan, "first": first_use(pan), "curve": curve(pan), "origin": origin(pan, level=level),
            "lags": lags(pan, level=level), "echo": echo(docs, congress=congress_texts(), level=level),
            "documents": dated(docs)[[c for c in DOC_META if c in docs.columns or c == "year"]]}
