"""Parallel constructions (排比): the table, its score and what a speechwriter accepts.

Runs sharing a frame — the same opening (服务领导/服务机关/服务基层 → ``服务*``), the same
ending (领导满意/基层满意/群众满意 → ``*满意``) or a template with slots (门难进/脸难看/话难听/
事难办 → ``*难*``) — and runs of matching grammatical shape (verb + object: 强基础、转作风、
树形象).  This module owns the public API — :func:`find_parallels`, :func:`parallels_table`,
:data:`PARALLEL_COLUMNS`, :func:`accepted` and :data:`ACCEPT` — and the last steps of a
document's runs: one run per stretch of text (:func:`_dedupe`) and the score (:func:`_score`).

It only orders the finders: runs of phrases and structural runs come from :mod:`.phrase_runs`,
triads without separators from :mod:`.compact_runs`, heads of list items, ordinals and verse from
:mod:`.item_runs`, clause frames and paragraph heads from :mod:`.clause_runs`, the openers of
aspects (高铁方面，…) from :mod:`.aspect_runs`, noun phrases shaped alike (足够的韧性、巨大的潜力) from
:mod:`.attributive_runs`, phrases sharing an adverb or a count inside (…一批…，…一批…) from
:mod:`.opener_groups`' ``inner_word_runs``; lists are told from 排比 by :mod:`.lists`, and the reading of a phrase
(words, frames, shapes) is :mod:`.shapes`'.  The
order of the finders matters (each sees the runs found before it): change it only with the
snapshot (``bench/snapshot.py``) saying ``same``, or on purpose.
"""
from __future__ import annotations

import pandas as pd

from ..frames import rows_frame
from .attributive_runs import attributive_runs
from .aspect_runs import aspect_runs
from .clause_runs import clause_runs
from .item_runs import list_item_runs, ordinal_runs, verse_runs
from .lists import refine
from .opener_groups import inner_word_runs
from .compact_runs import compact_runs
from .phrase_runs import phrase_runs, structural_runs
from .shapes import inside, member_spans, nominal


PARALLEL_COLUMNS = ["doc_id", "members", "frame", "kind", "n", "score", "start", "end"]
#: Rows at or above this score (and not ``kind = list``) are what a speechwriter accepts: the default output.
ACCEPT = 0.5


def find_parallels(doc_id: str, text: str, *, min_n: int = 3, max_len: int = 30) -> pd.DataFrame:
    """Runs of ≥ ``min_n`` phrases or clauses sharing a frame."""
    rows = phrase_runs(doc_id, text, min_n=min_n, max_len=max_len)
    rows += structural_runs(doc_id, text, rows, min_n=min_n)
    heads = list_item_runs(doc_id, text, rows, min_n=min_n)
    heads += verse_runs(doc_id, text, rows + heads)
    heads += ordinal_runs(doc_id, text, rows + heads, min_n=min_n)
    rows = [r for r in (refine(r, text, min_n) for r in rows) if r is not None]
    rows += [r for r in (refine(r, text, min_n, headings=True) for r in heads) if r is not None]
    clauses = clause_runs(doc_id, text, rows, min_n=min_n)
    rows += [r for r in (refine(r, text, min_n, headings=True) for r in clauses) if r is not None]
    rows += aspect_runs(doc_id, text, rows, min_n=min_n)
    rows += compact_runs(doc_id, text, rows)
    rows += [r for r in (refine(r, text, min_n) for r in attributive_runs(doc_id, text, rows, min_n=min_n)) if r is not None]
    rows += [r for r in (refine(r, text, min_n) for r in inner_word_runs(doc_id, text, rows, min_n=min_n)) if r is not None]
    rows = _dedupe(rows, text)
    rows.sort(key=lambda r: r[5])
    rows = [(*r[:5], _score(r), *r[5:]) for r in rows]
    return rows_frame(rows, PARALLEL_COLUMNS, {"n": "int64", "score": "float64", "start": "int64", "end": "int64"})


def accepted(df: pd.DataFrame) -> pd.DataFrame:
    """The 排比 a speechwriter accepts: not a list of nouns, score at least :data:`ACCEPT`."""
    if not len(df) or "score" not in df:
        return df
    return df[(df["kind"] != "list") & (df["score"] >= ACCEPT)]


def _dedupe(rows: list[tuple], text: str) -> list[tuple]:
    """One run per stretch of text: of two overlapping runs the one with more members (then the
    earlier found) stays, unless the other lies inside one of its members (是…支持稳增长、保就业、
    调结构的重大抉择 keeps both)."""
    order = sorted(range(len(rows)), key=lambda k: (rows[k][3] == "list", -rows[k][4], k))
    kept: list[int] = []
    spans = {k: member_spans(text, rows[k]) for k in order}
    for k in order:
        a, b = rows[k][5], rows[k][6]
        clash = False
        for j in kept:
            x, y = rows[j][5], rows[j][6]
            if not (a < y and x < b):
                continue
            if inside(spans[j], a, b) or inside(spans[k], x, y):
                continue  # nested in a member
            if not any(p < v and u < q for p, q in spans[k] for u, v in spans[j]):
                continue  # the heads of paragraphs span the text between them: only members clash
            if rows[j][3] == "list" or rows[k][3] == "list":
                continue  # a list and a 排比 may share text
            clash = True
            break
        if not clash:
            kept.append(k)
    return [rows[k] for k in sorted(kept)]


def _score(row: tuple) -> float:
    """How surely a run is a rhetorical 排比, 0–1 (see README): lists score low; a frame of two or
    more shared characters, more members and even lengths score higher; members of very uneven
    length or plain noun phrases lower.  Clauses of a subject and a four-character predicate (frame
    ``S+P``: 全省人民勠力同心，人民子弟兵闻令而动，…) are read by their shape, not their length: the
    penalties of long or uneven verb phrases (policy prose) do not apply to them."""
    _, joined, frame, kind, n = row[:5]
    members = joined.split("|")
    if kind == "list":
        return 0.1
    fixed = len(frame.replace("*", "")) if frame not in ("V+O", "S+P") and not frame.endswith("字") else 0
    score = {"verse": 0.8, "headings": 0.65, "compact": 0.6, "verb_object": 0.6, "structural": 0.55}.get(kind, 0.6 if fixed >= 2 else 0.55)
    score += min(0.15, 0.05 * (n - 3))
    lo, hi = min(map(len, members)), max(map(len, members))
    if hi <= lo * 1.5:
        score += 0.1
    elif hi > lo * 3 and kind in ("structural", "verb_object", "compact"):
        score -= 0.2  # slogans are even; clauses with a shared opening (向全省人民，向各民主党派、…) need not be
    if fixed >= 2:
        score += 0.05
    if kind == "verb_object" and frame != "S+P":  # slogans are short and even; long or uneven verb phrases are policy prose
        if hi != lo:
            score -= 0.25
        if hi >= 9 or (hi >= 8 and "“" not in joined):
            score -= 0.3
    if "的*" not in frame and lo >= 4 and kind in ("opening", "ending") and all(nominal(m) for m in members):
        score -= 0.2  # noun phrases that escaped the list test
    return round(max(0.0, min(1.0, score)), 2)


def parallels_table(docs: pd.DataFrame, *, min_n: int = 3) -> pd.DataFrame:
    frames = [find_parallels(d, t, min_n=min_n) for d, t in zip(docs["doc_id"], docs["text"])]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=PARALLEL_COLUMNS)
