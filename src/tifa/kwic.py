"""Concordance (KWIC): find a word, a phrase or a pattern with slots, in context.

A query is literal text in which ``*`` marks a slot: ``要有*意识`` matches
``要有大局意识`` with the filler ``大局``.  A slot holds 1–``max_slot``
characters and never spans punctuation.  Matches never cross a sentence;
context is taken from the document text on both sides, within the paragraph.
"""
from __future__ import annotations

import re

import pandas as pd

from .frames import column_lists

KWIC_COLUMNS = ["doc_id", "sent_id", "item_id", "section", "start", "end", "left", "match", "right", "slots"]
_SLOT_CHARS = r"[^\s，。、；：？！（）《》…,.;:?!()]"


def compile_query(query: str, *, max_slot: int = 8, regex: bool = False) -> re.Pattern:
    """Regex for a KWIC query (``*`` = slot); with ``regex=True`` the query is a regex."""
    if regex:
        return re.compile(query)
    if not query.strip("* "):
        raise ValueError("empty query")
    parts = query.split("*")
    lazy = f"({_SLOT_CHARS}{{1,{max_slot}}}?)"
    greedy = f"({_SLOT_CHARS}{{1,{max_slot}}})"
    pattern = ""
    for k, p in enumerate(parts):
        pattern += re.escape(p)
        if k < len(parts) - 1:
            # a slot at the end has nothing to stop it: it takes the whole phrase
            pattern += greedy if k == len(parts) - 2 and not parts[-1] else lazy
    return re.compile(pattern)


def kwic(
    docs: pd.DataFrame,
    sents: pd.DataFrame,
    query: str,
    *,
    width: int = 20,
    max_slot: int = 8,
    regex: bool = False,
    tokens: pd.DataFrame | None = None,
    outline: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Concordance lines for ``query``.

    With ``outline`` given, ``section`` names the outline item holding the
    sentence (its marker and title).

    With ``tokens`` given, only matches that start and end on token
    boundaries are kept (``服务`` then does not match inside ``服务员``).
    """
    rx = compile_query(query, max_slot=max_slot, regex=regex)
    texts = dict(zip(docs["doc_id"], docs["text"]))
    bounds: dict[str, set[int]] | None = None
    if tokens is not None:
        bounds = {}
        for d, s, e in zip(*column_lists(tokens, "doc_id", "start", "end")):
            b = bounds.setdefault(d, set())
            b.add(int(s))
            b.add(int(e))
    item_ids = sents["item_id"].tolist() if "item_id" in sents else [None] * len(sents)
    sections: dict[tuple[str, int], str] = {}
    if outline is not None:
        for d, i, m, t in zip(*column_lists(outline, "doc_id", "item_id", "marker", "title")):
            sections[(d, int(i))] = f"{m}{t}"
    rows = []
    doc_ids, sent_ids, starts, sent_texts = column_lists(sents, "doc_id", "sent_id", "start", "text")
    for d, sid, item, s0, stext in zip(doc_ids, sent_ids, item_ids, starts, sent_texts):
        if not rx.search(stext):
            continue
        text = texts[d]
        for m in rx.finditer(stext):
            s, e = int(s0) + m.start(), int(s0) + m.end()
            if s == e:
                continue
            if bounds is not None and not (s in bounds.get(d, ()) and e in bounds.get(d, ())):
                continue
            para_start = text.rfind("\n", 0, s) + 1
            para_end = text.find("\n", e)
            para_end = len(text) if para_end < 0 else para_end
            left = text[max(para_start, s - width) : s]
            right = text[e : min(para_end, e + width)]
            slots = "|".join(g for g in m.groups() if g is not None) if m.groups() else ""
            item = None if pd.isna(item) else int(item)
            section = sections.get((d, item)) if item is not None else None
            rows.append((d, int(sid), item, section, s, e, left, text[s:e], right, slots))
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)
