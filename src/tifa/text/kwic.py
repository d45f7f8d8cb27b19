"""Concordance (KWIC): find a word, a phrase or a pattern with slots, in context.

A query is literal text in which ``*`` marks a slot: ``要有*意识`` matches
``要有大局意识`` with the filler ``大局``.  A slot holds 1–``max_slot``
characters and never spans punctuation.  Matches never cross a sentence;
context is taken from the document text on both sides, within the paragraph.

A ``*`` query is matched as the regex it stands for would match it, but by a
memoised slot-by-slot search (:class:`SlotPattern`) whose time is linear in the
text whatever the number of slots; a ``regex=True`` query is Python's ``re``,
stopped after :data:`REGEX_SECONDS` (:class:`QueryTimeout`).
"""
from __future__ import annotations

import contextlib
import re
import signal
import threading
import time

import pandas as pd

from ..frames import column_lists

KWIC_COLUMNS = ["doc_id", "sent_id", "item_id", "section", "start", "end", "left", "match", "right", "slots"]


#: What a slot may not hold besides whitespace (``str.isspace``, as the regex's ``\s``).
_SLOT_STOPS = frozenset("，。、；：？！（）《》…,.;:?!()")
#: A query may have at most this many slots.
MAX_SLOTS = 100
#: Seconds a ``--regex`` query may take over the whole corpus before it is stopped.
REGEX_SECONDS = 10.0


class SlotMatch:
    """One match of a :class:`SlotPattern`: what ``re.Match`` gives that KWIC uses."""

    __slots__ = ("_start", "_end", "_groups", "_whole")

    def __init__(self, start: int, end: int, groups: tuple[str, ...], whole: str):
        self._start, self._end, self._groups, self._whole = start, end, groups, whole

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> tuple[int, int]:
        return self._start, self._end

    def group(self, k: int = 0) -> str:
        return self._groups[k - 1] if k else self._whole

    def groups(self) -> tuple[str, ...]:
        return self._groups


class SlotPattern:
    """A query with ``*`` slots, matched as the regex ``lit(slot{1,m}?)lit…`` would match it —
    leftmost, each slot as short as lets the rest match (a slot at the very end as long as it
    can) — but in time linear in the text whatever the number of slots: the search tries slot
    lengths in the regex's order and remembers, per (slot, position), whether the rest of the
    query can match from there, so no state is explored twice (a backtracking regex explores
    ``m ** slots`` of them on a line that almost matches)."""

    def __init__(self, query: str, max_slot: int = 8):
        self.query = query
        self.parts = query.split("*")
        self.max_slot = max_slot
        self.pattern = query  # what re.Pattern has, for messages
        self._greedy_last = len(self.parts) > 1 and not self.parts[-1]
        self._literals = [p for p in self.parts if p]

    def _match_at(self, text: str, pos: int, memo: dict) -> tuple[int, tuple[str, ...]] | None:
        """The match starting at ``pos`` (its end and slot fillers), or None: depth-first over the
        slots, in the regex's order, every (slot, position) tried once per text."""
        parts, n = self.parts, len(self.parts) - 1
        if not text.startswith(parts[0], pos):
            return None
        pos += len(parts[0])

        def rest(k: int, at: int):  # slot k (1-based) starting at ``at``, then parts[k] and the rest
            key = (k, at)
            if key in memo:
                return memo[key]
            run = 0  # how many slot characters follow ``at`` (at most max_slot)
            while run < self.max_slot and at + run < len(text):
                ch = text[at + run]
                if ch in _SLOT_STOPS or ch.isspace():
                    break
                run += 1
            lengths = range(run, 0, -1) if (k == n and self._greedy_last) else range(1, run + 1)
            found = None
            lit = parts[k]
            for length in lengths:
                after = at + length
                if not text.startswith(lit, after):
                    continue
                end = after + len(lit)
                if k == n:
                    found = (end, (text[at:after],))
                    break
                tail = rest(k + 1, end)
                if tail is not None:
                    found = (tail[0], (text[at:after],) + tail[1])
                    break
            memo[key] = found
            return found

        if n == 0:
            return pos, ()
        return rest(1, pos)

    def finditer(self, text: str):
        """Every non-overlapping match, left to right, as ``re.finditer`` gives them."""
        if any(lit not in text for lit in self._literals):
            return
        memo: dict = {}
        first = self.parts[0]
        pos = 0
        while pos <= len(text):
            if first:
                pos = text.find(first, pos)
                if pos < 0:
                    return
            found = self._match_at(text, pos, memo)
            if found is None:
                pos += 1
                continue
            end, groups = found
            yield SlotMatch(pos, end, groups, text[pos:end])
            pos = end if end > pos else pos + 1

    def search(self, text: str):
        return next(self.finditer(text), None)


def compile_query(query: str, *, max_slot: int = 8, regex: bool = False):
    """The matcher of a KWIC query: a :class:`SlotPattern` (``*`` = slot, bounded time), or with
    ``regex=True`` the query compiled as a Python regex (time-limited by :func:`kwic`)."""
    if regex:
        return re.compile(query)
    if not query.strip("* "):
        raise ValueError("empty query")
    if query.count("*") > MAX_SLOTS:
        raise ValueError(f"more than {MAX_SLOTS} slots")
    return SlotPattern(query, max_slot=max_slot)


class QueryTimeout(ValueError):
    """A ``--regex`` query that ran past its time limit."""


@contextlib.contextmanager
def _time_limit(seconds: float | None):
    """Stop the block with :class:`QueryTimeout` after ``seconds``: Python's regex engine checks for
    signals as it backtracks, so an alarm stops even one catastrophic match.  Where there is no
    alarm (not the main thread, or no ``setitimer``) the limit is checked between sentences."""
    start = time.monotonic()
    check = lambda: None  # noqa: E731
    if seconds is None:
        yield check
        return
    message = (f"the regular expression ran for more than {seconds:g} s and was stopped; "
               "nested repeats such as (a|aa)*c backtrack exponentially, simplify it")

    def check() -> None:
        if time.monotonic() - start > seconds:
            raise QueryTimeout(message)

    alarm = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not alarm:
        yield check
        return

    def ring(signum, frame):
        raise QueryTimeout(message)

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield check
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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
    regex_seconds: float | None = REGEX_SECONDS,
) -> pd.DataFrame:
    """Concordance lines for ``query``.

    With ``outline`` given, ``section`` names the outline item holding the
    sentence (its marker and title).

    With ``tokens`` given, only matches that start and end on token
    boundaries are kept (``服务`` then does not match inside ``服务员``).

    A ``*`` query takes time linear in the text (:class:`SlotPattern`); a ``regex`` query is
    stopped with :class:`QueryTimeout` (a ``ValueError``) after ``regex_seconds``.
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
    doc_ids, sent_ids, starts, sent_texts = column_lists(sents, "doc_id", "sent_id", "start", "text")
    with _time_limit(regex_seconds if regex else None) as check:
        rows = _hits(rx, texts, bounds, sections, width, zip(doc_ids, sent_ids, item_ids, starts, sent_texts), check)
    out = pd.DataFrame(rows, columns=KWIC_COLUMNS)
    out["item_id"] = out["item_id"].astype("Int64")  # a sentence outside any outline item has none
    return out


def _hits(rx, texts, bounds, sections, width, sentences, check) -> list[tuple]:
    rows = []
    for d, sid, item, s0, stext in sentences:
        check()
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
    return rows
