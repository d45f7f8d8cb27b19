"""Themes: keywords, keyness, theme dictionaries, similarity and reused passages.

* ``term_counts`` — terms per document: content tokens (not stopwords, not
  punctuation, not bare numerals) plus every formulation (``五勤``, ``四心``…)
  counted as one term, so multi-word units and formulations stay whole;
* ``tfidf_keywords`` and ``textrank_keywords`` — keywords per speech;
* ``keyness`` — each speech against the rest of the corpus: log-likelihood
  (G²) with the log ratio as effect size, above a minimum count;
* ``theme_scores`` — a theme dictionary (``data/lexicons/themes.yml``) scored
  per speech and per outline section, per 1,000 characters;
* ``similarity`` — speech × speech TF-IDF cosine;
* ``reused_passages`` — spans of text shared between speeches (or repeated
  within one), found from character shingles, with both locations.
"""
from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
import yaml

from ..config import LEXICONS
from ..errors import LexiconError
from ..frames import column_lists
from .ngrams import log_likelihood

_NUMERIC = re.compile(r"^[\d.%％]+$|^[零一二三四五六七八九十百千万亿两几]+$")
REUSE_COLUMNS = ["doc_a", "start_a", "end_a", "doc_b", "start_b", "end_b", "length", "text"]


def content_terms(tokens: pd.DataFrame) -> pd.DataFrame:
    """Tokens that carry content: not stopwords, not punctuation or numbers, ≥ 2 characters or tagged."""
    t = tokens[~tokens["is_stop"]]
    word = t["word"].astype(str)
    keep = ~word.str.match(_NUMERIC) & ((word.str.len() >= 2) | t["tag"].notna())
    return t[keep]


def term_counts(tokens: pd.DataFrame, formulas: pd.DataFrame | None = None) -> pd.DataFrame:
    """``doc_id, term, count``: content tokens plus formulations as single terms."""
    t = content_terms(tokens)
    counts = t.groupby(["doc_id", "word"]).size().rename("count").reset_index().rename(columns={"word": "term"})
    if formulas is not None and len(formulas):
        f = formulas[formulas["kind"] == "formulation"]
        fc = f.groupby(["doc_id", "formula"]).size().rename("count").reset_index().rename(columns={"formula": "term"})
        counts = pd.concat([counts, fc]).groupby(["doc_id", "term"], as_index=False)["count"].max()
    return counts.sort_values(["doc_id", "count", "term"], ascending=[True, False, True], kind="stable").reset_index(drop=True)


def _matrix(counts: pd.DataFrame) -> tuple[np.ndarray, list[str], list[str]]:
    m = counts.pivot_table(index="doc_id", columns="term", values="count", aggfunc="sum", fill_value=0)
    return m.to_numpy(dtype=float), list(m.index), list(m.columns)


def tfidf(counts: pd.DataFrame) -> pd.DataFrame:
    """Documents × terms TF-IDF (sublinear tf, smoothed idf, rows L2-normalised)."""
    x, docs, terms = _matrix(counts)
    n = x.shape[0]
    df = (x > 0).sum(axis=0)
    idf = np.log((1 + n) / (1 + df)) + 1
    w = np.where(x > 0, 1 + np.log(np.maximum(x, 1)), 0) * idf
    norms = np.linalg.norm(w, axis=1, keepdims=True)
    w = w / np.where(norms == 0, 1, norms)
    return pd.DataFrame(w, index=docs, columns=terms)


def tfidf_keywords(counts: pd.DataFrame, *, top: int = 15) -> pd.DataFrame:
    """``doc_id, rank, term, score, count`` by TF-IDF."""
    w = tfidf(counts)
    c = counts.set_index(["doc_id", "term"])["count"]
    rows = []
    for d in w.index:
        s = w.loc[d].sort_values(ascending=False, kind="stable").head(top)
        for rank, (term, score) in enumerate(s.items(), start=1):
            if score > 0:
                rows.append((d, rank, term, round(float(score), 4), int(c.get((d, term), 0))))
    return pd.DataFrame(rows, columns=["doc_id", "rank", "term", "score", "count"])


def textrank_keywords(tokens: pd.DataFrame, *, top: int = 15, window: int = 5, iterations: int = 50, damping: float = 0.85) -> pd.DataFrame:
    """``doc_id, rank, term, score`` by TextRank over co-occurrence within ``window`` content words."""
    rows = []
    t = content_terms(tokens)
    for d, g in t.groupby("doc_id", sort=True):
        words = list(g["word"])
        vocab = {w: i for i, w in enumerate(dict.fromkeys(words))}
        n = len(vocab)
        if n == 0:
            continue
        edges: Counter = Counter()
        sents = list(g["sent_id"])
        for i, w in enumerate(words):
            for j in range(i + 1, min(i + window, len(words))):
                if sents[j] != sents[i] or words[j] == w:
                    continue
                a, b = vocab[w], vocab[words[j]]
                edges[(a, b)] += 1
                edges[(b, a)] += 1
        m = np.zeros((n, n))
        for (a, b), c in edges.items():
            m[b, a] = c
        out = m.sum(axis=0)
        m = m / np.where(out == 0, 1, out)
        score = np.full(n, 1.0 / n)
        for _ in range(iterations):
            score = (1 - damping) / n + damping * m @ score
        inv = list(vocab)
        order = np.argsort(-score, kind="stable")[:top]
        for rank, k in enumerate(order, start=1):
            rows.append((d, rank, inv[k], round(float(score[k]), 5)))
    return pd.DataFrame(rows, columns=["doc_id", "rank", "term", "score"])


def keyness(counts: pd.DataFrame, *, min_count: int = 3, top: int = 20) -> pd.DataFrame:
    """Each speech against the rest: ``doc_id, term, count, rest, ll, log_ratio`` (overused terms)."""
    totals = counts.groupby("doc_id")["count"].sum()
    corpus_term = counts.groupby("term")["count"].sum()
    corpus_total = totals.sum()
    rows = []
    for d, g in counts.groupby("doc_id", sort=True):
        n1 = totals[d]
        n2 = corpus_total - n1
        if n2 <= 0:
            continue
        for term, a in zip(g["term"], g["count"]):
            if a < min_count:
                continue
            b = corpus_term[term] - a
            ll = log_likelihood(int(a), int(a + b), int(n1), int(n1 + n2))
            lr = math.log2(((a + 0.5) / n1) / ((b + 0.5) / n2))
            if lr > 0:
                rows.append((d, term, int(a), int(b), round(ll, 3), round(lr, 3)))
    df = pd.DataFrame(rows, columns=["doc_id", "term", "count", "rest", "ll", "log_ratio"])
    df = df.sort_values(["doc_id", "ll", "term"], ascending=[True, False, True], kind="stable")
    return df.groupby("doc_id").head(top).reset_index(drop=True)


# --------------------------------------------------------------------------- theme dictionary


def load_themes(path: Path | None = None) -> dict[str, list[str]]:
    """Read ``themes.yml``: a mapping theme → list of terms."""
    path = Path(path or LEXICONS / "themes.yml")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise LexiconError(f"{path}: not valid YAML: {e}") from None
    if not isinstance(data, dict) or not data:
        raise LexiconError(f"{path}: expected a mapping of theme → list of terms")
    out = {}
    for theme, terms in data.items():
        if not isinstance(terms, list) or not all(isinstance(t, str) and t.strip() for t in terms):
            raise LexiconError(f"{path}: theme {theme!r} must be a list of non-empty strings")
        out[str(theme)] = [t.strip() for t in terms]
    return out


def _count_terms(text: str, rx: re.Pattern) -> int:
    return sum(1 for _ in rx.finditer(text))


def _theme_regexes(themes: dict[str, list[str]]) -> dict[str, re.Pattern]:
    return {th: re.compile("|".join(map(re.escape, sorted(set(terms), key=len, reverse=True)))) for th, terms in themes.items()}


def theme_scores(docs: pd.DataFrame, themes: dict[str, list[str]] | None = None) -> pd.DataFrame:
    """Speech × theme: term occurrences per 1,000 characters."""
    themes = themes or load_themes()
    rxs = _theme_regexes(themes)
    rows = {}
    for d, text in zip(docs["doc_id"], docs["text"]):
        n = max(len(text), 1)
        rows[d] = {th: round(1000 * _count_terms(text, rx) / n, 3) for th, rx in rxs.items()}
    return pd.DataFrame.from_dict(rows, orient="index")[list(themes)]


def section_theme_scores(docs: pd.DataFrame, outline: pd.DataFrame, themes: dict[str, list[str]] | None = None, *, depth: int = 1) -> pd.DataFrame:
    """Outline section × theme (sections at ``depth``), per 1,000 characters."""
    themes = themes or load_themes()
    rxs = _theme_regexes(themes)
    texts = dict(zip(docs["doc_id"], docs["text"]))
    rows = []
    sec = outline[(outline["depth"] == depth) & outline["doc_id"].isin(texts)]
    for d, i, m, t, s, e in zip(*column_lists(sec, "doc_id", "item_id", "marker", "title", "start", "end")):
        body = texts[d][int(s) : int(e)]
        n = max(len(body), 1)
        row = {"doc_id": d, "item_id": int(i), "section": f"{m}{t}", "n_chars": len(body)}
        row.update({th: round(1000 * _count_terms(body, rx) / n, 3) for th, rx in rxs.items()})
        rows.append(row)
    return pd.DataFrame(rows, columns=["doc_id", "item_id", "section", "n_chars", *themes])


# --------------------------------------------------------------------------- comparison


def similarity(counts: pd.DataFrame) -> pd.DataFrame:
    """Speech × speech cosine similarity of TF-IDF vectors."""
    w = tfidf(counts)
    s = w.to_numpy() @ w.to_numpy().T
    return pd.DataFrame(np.round(s, 4), index=w.index, columns=w.index)


def _window_hashes(text: str, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of every ``k``-character window not crossing a paragraph, and their positions."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(codes) - k + 1
    if n <= 0:
        return np.zeros(0, np.uint64), np.zeros(0, np.int64)
    h = np.zeros(n, dtype=np.uint64)
    for j in range(k):
        h = h * np.uint64(1_000_003) + codes[j : j + n]
    h ^= h >> np.uint64(31)
    nl = np.concatenate([[0], np.cumsum(codes == 10)])
    ok = (nl[k : k + n] - nl[:n]) == 0
    pos = np.nonzero(ok)[0]
    return h[ok], pos


def _extend(a: str, pa: int, b: str, pb: int, length: int) -> tuple[int, int, int]:
    """Grow an equal span ``a[pa:pa+length] == b[pb:pb+length]`` as far as both texts agree."""
    while pa > 0 and pb > 0 and a[pa - 1] == b[pb - 1] and a[pa - 1] != "\n":
        pa, pb, length = pa - 1, pb - 1, length + 1
    step = 64
    while step:
        ea, eb = pa + length, pb + length
        if a[ea : ea + step] == b[eb : eb + step] and len(a[ea : ea + step]) == step and "\n" not in a[ea : ea + step]:
            length += step
        else:
            step //= 2
    return pa, pb, length


def reused_passages(
    docs: pd.DataFrame, *, k: int = 12, min_len: int = 20, max_occurrences: int = 1000, sample_mod: int | None = None
) -> pd.DataFrame:
    """Spans of ≥ ``min_len`` characters shared by two places (two speeches, or one speech twice).

    Every ``k``-character window is hashed (vectorised); on large corpora
    only a content-defined sample of windows is kept (the same text is
    sampled alike everywhere).  Each repeated window links each later
    occurrence to the first one (not all pairs), anchors on the same
    diagonal are merged, and each span is grown to its full extent by
    comparing the texts.  Windows seen more than ``max_occurrences`` times are
    boilerplate and skipped.  Cost grows with the corpus, not its square.
    """
    ids = list(docs["doc_id"])
    texts = list(docs["text"])
    total = sum(map(len, texts))
    mod = sample_mod or (1 if total < 20_000_000 else 2)
    hs, ds, ps = [], [], []
    for di, text in enumerate(texts):
        h, pos = _window_hashes(text, k)
        if mod > 1:
            keep = ((h >> np.uint64(11)) % np.uint64(mod)) == 0
            h, pos = h[keep], pos[keep]
        hs.append(h)
        ds.append(np.full(len(h), di, dtype=np.int64))
        ps.append(pos)
    if not hs or not sum(map(len, hs)):
        return pd.DataFrame(columns=REUSE_COLUMNS)
    H, D, P = np.concatenate(hs), np.concatenate(ds), np.concatenate(ps)
    order = np.lexsort((P, D, H))
    H, D, P = H[order], D[order], P[order]
    starts = np.concatenate([[True], H[1:] != H[:-1]])
    group = np.cumsum(starts) - 1
    first_idx = np.nonzero(starts)[0]
    sizes = np.diff(np.concatenate([first_idx, [len(H)]]))
    size_of = sizes[group]
    later = (~starts) & (size_of <= max_occurrences)
    f = first_idx[group[later]]
    d1, p1, d2, p2 = D[f], P[f], D[later], P[later]
    same = d1 == d2
    close = same & (np.abs(p2 - p1) < k)
    d1, p1, d2, p2 = d1[~close], p1[~close], d2[~close], p2[~close]
    off = p2 - p1
    o = np.lexsort((p1, off, d2, d1))
    d1, p1, d2, off = d1[o], p1[o], d2[o], off[o]
    rows = []
    covered_until = -1
    prev_key = None
    for a, pa, b, of in zip(d1.tolist(), p1.tolist(), d2.tolist(), off.tolist()):
        key = (a, b, of)
        if key != prev_key:
            prev_key, covered_until = key, -1
        if pa < covered_until:
            continue
        s, t, length = _extend(texts[a], pa, texts[b], pa + of, k)
        covered_until = s + length
        if length >= min_len:
            rows.append((ids[a], s, s + length, ids[b], t, t + length, length, texts[a][s : s + length]))
    df = pd.DataFrame(rows, columns=REUSE_COLUMNS).drop_duplicates(["doc_a", "start_a", "doc_b", "start_b"])
    return df.sort_values(["length", "doc_a", "start_a", "doc_b"], ascending=[False, True, True, True], kind="stable").reset_index(drop=True)


def cooccurrence(tokens: pd.DataFrame, terms: list[str], *, unit: str = "sent_id") -> pd.DataFrame:
    """Term × term counts of sentences (``unit``) holding both."""
    t = content_terms(tokens)
    t = t[t["word"].isin(terms)]
    sets = t.groupby(["doc_id", unit])["word"].apply(lambda s: sorted(set(s)))
    m = pd.DataFrame(0, index=terms, columns=terms)
    for ws in sets:
        for i, a in enumerate(ws):
            for b in ws[i + 1 :]:
                m.loc[a, b] += 1
                m.loc[b, a] += 1
    return m


ALIGN_COLUMNS = [
    "doc_a", "start_a", "end_a", "doc_b", "start_b", "end_b", "length_a", "length_b",
    "identical", "n_edits", "edits", "text",
]


def aligned_passages(
    docs: pd.DataFrame,
    spans: pd.DataFrame | None = None,
    *,
    max_gap: int = 300,
    min_len: int = 20,
    min_identical: float = 0.8,
    k: int = 12,
) -> pd.DataFrame:
    """Reused passages aligned across small edits, as text-reuse tools (passim, TextPAIR) report them.

    The exact shared spans of :func:`reused_passages` are anchors.  For each
    pair of places, anchors that follow one another in both texts, with gaps
    of at most ``max_gap`` characters on each side, are chained into one
    passage; the gaps between them are the edits, refined character by
    character (``difflib``, on the short gaps only).  Returns both locations,
    both lengths, ``identical`` (the share of the two passages' characters that
    are identical: 2 × matched / (length_a + length_b)), the edits
    (``a→b`` replacements, ``-x`` deletions, ``+y`` insertions) and the
    passage's text in ``doc_a``.  A chain below ``min_identical`` is not one
    passage but places that share phrases: its anchors are reported singly.  Cost: linear in the anchors (sorted once);
    no pair of documents is compared unless they share an anchor.
    """
    if spans is None:
        spans = reused_passages(docs, k=k, min_len=k)
    if spans.empty:
        return pd.DataFrame(columns=ALIGN_COLUMNS)
    texts = dict(zip(docs["doc_id"], docs["text"]))
    s = spans.sort_values(["doc_a", "doc_b", "start_a", "start_b"], kind="stable")
    rows = []
    for (da, db), g in s.groupby(["doc_a", "doc_b"], sort=False):
        anchors = list(zip(g["start_a"].tolist(), g["end_a"].tolist(), g["start_b"].tolist(), g["end_b"].tolist()))
        for chain in _chains(anchors, max_gap):
            passage = _passage(da, texts[da], db, texts[db], chain)
            # a chain that is mostly edits joined passages that merely share phrases: keep its anchors
            pieces = [passage] if passage.identical >= min_identical else [
                _passage(da, texts[da], db, texts[db], [a]) for a in chain
            ]
            rows.extend(p for p in pieces if max(p.length_a, p.length_b) >= min_len)
    df = pd.DataFrame(rows, columns=ALIGN_COLUMNS)
    return df.sort_values(["length_a", "doc_a", "start_a"], ascending=[False, True, True], kind="stable").reset_index(drop=True)


def _chains(anchors: list[tuple[int, int, int, int]], max_gap: int) -> list[list[tuple[int, int, int, int]]]:
    """Anchors ``(sa, ea, sb, eb)`` sorted by ``sa`` → chains in order on both sides with small gaps.

    An anchor that fits no open chain starts a new one; open chains that fell
    more than ``max_gap`` behind are closed (so the work stays linear).
    """
    done: list[list] = []
    open_: list[list] = []
    for a in anchors:
        sa, ea, sb, eb = a
        still = []
        for c in open_:
            (done if sa - c[-1][1] > max_gap else still).append(c)
        open_ = still
        best = None
        for c in open_:
            _, pea, _, peb = c[-1]
            if sa >= pea - 2 and sb >= peb - 2 and sb - peb <= max_gap and (sa - pea) - (sb - peb) <= max_gap:
                if best is None or c[-1][1] > best[-1][1]:
                    best = c
        if best is not None and ea > best[-1][1] and eb > best[-1][3]:
            best.append(a)
        elif best is None:
            open_.append([a])
    return done + open_


class _Passage(NamedTuple):  # one row of aligned_passages (ALIGN_COLUMNS)
    doc_a: str
    start_a: int
    end_a: int
    doc_b: str
    start_b: int
    end_b: int
    length_a: int
    length_b: int
    identical: float
    n_edits: int
    edits: str
    text: str


def _passage(doc_a: str, a: str, doc_b: str, b: str, chain: list[tuple[int, int, int, int]]) -> _Passage:
    """Both locations, lengths, identical share, edits and text of one chained passage."""
    matched = 0
    edits: list[str] = []
    prev = None
    for sa, ea, sb, eb in chain:
        if prev is not None:
            pea, peb = prev
            sa2, sb2 = max(sa, pea), max(sb, peb)  # anchors may overlap by a character or two
            ga, gb = a[pea:sa2], b[peb:sb2]
            if ga == gb:
                matched += len(ga)
            else:
                for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ga, gb, autojunk=False).get_opcodes():
                    if op == "equal":
                        matched += i2 - i1
                    elif op == "replace":
                        edits.append(f"{ga[i1:i2]}→{gb[j1:j2]}")
                    elif op == "delete":
                        edits.append(f"-{ga[i1:i2]}")
                    else:
                        edits.append(f"+{gb[j1:j2]}")
            matched += min(ea - sa2, eb - sb2)
        else:
            matched += ea - sa
        prev = (ea, eb)
    start_a, end_a, start_b, end_b = chain[0][0], chain[-1][1], chain[0][2], chain[-1][3]
    len_a, len_b = end_a - start_a, end_b - start_b
    share = round(2 * matched / (len_a + len_b), 4) if len_a + len_b else 1.0
    shown = [e.replace("\n", "⏎").replace(" ", "␣") for e in edits]  # edits of white space stay visible
    return _Passage(doc_a, start_a, end_a, doc_b, start_b, end_b, len_a, len_b, share, len(edits), "; ".join(shown), a[start_a:end_a])
