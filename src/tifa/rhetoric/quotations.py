"""Quotations: who or what a speech cites, and the quoted words.

Owns :func:`find_quotes`, :func:`quotes_table` and :data:`QUOTE_COLUMNS`: a speaker and a verb of
saying before a quotation mark (习近平总书记指出：“…”), sayings (俗话说：…, 古人云：…) and books
(《…》), each with a ``source_type`` (leader, classic, saying, book, person).

It must not touch formulations or 排比.  Its fast path pays: :func:`_quote_matches` tries only the
25 positions before each ``“`` (with the pattern's look-ahead ruling a position out in one short
scan): the same matches as ``finditer`` over every character, 0.04 s against 0.38 s on the 65
central and congress reports (1.4 M characters), and near-linear on one line of 8 million
characters (``bench/RESULTS.md``, scale table: ``quotes``).
"""
from __future__ import annotations

import bisect
import re
from typing import Iterator

import pandas as pd

from ..frames import rows_frame


QUOTE_COLUMNS = ["doc_id", "source", "source_type", "quote", "start", "end"]


# --------------------------------------------------------------------------- quotations

_LEADERS = ("习近平", "习总书记", "总书记", "毛泽东", "毛主席", "邓小平", "江泽民", "江总书记", "胡锦涛", "周恩来", "刘少奇", "朱德", "陈云", "李克强")
_CLASSICS = ("孔子", "孟子", "老子", "庄子", "荀子", "韩非子", "古人", "古语", "先贤", "前人", "诸葛亮", "司马光", "王安石", "苏轼")
_SAYINGS = ("俗话", "俗语", "常言", "谚语", "民谚", "老话", "古话")
_SAY = r"(?:曾经|曾|也|反复|多次|深刻地|深刻|明确|所|一再)?(?:说过|说|指出|强调|讲过|讲|告诫|要求|提出|言|云|有云|道)(?:过|得好)?(?:一段话)?"
# A quotation's opening mark is at most 25 characters (who ≤ 14, the verb ≤ 10, a colon) after
# its start, with only white space between: the lookahead rules a position out in one short scan
# before the costly part runs (the same matches, several times faster).
_QUOTE_RE = re.compile(
    rf"(?=[^“\s]{{1,25}}+\s*“)(?P<who>[\u4e00-\u9fffA-Za-z《》]{{1,14}}?){_SAY}[：:，,]?\s*“(?P<q>[^”]{{2,300}})”"
)
_SAYING_RE = re.compile(rf"(?P<who>{'|'.join(_SAYINGS + ('古人', '古语', '先贤'))})(?:有云|说得好|说|讲|云|道|曰)?[：:，,]\s*“?(?P<q>[^”。！？\n]{{2,120}}[。！？]?)”?")
_BOOK_RE = re.compile(r"《(?P<b>[^》\n]{1,30})》")


def _quote_matches(text: str) -> Iterator[re.Match]:
    """``_QUOTE_RE.finditer(text)``, trying only the positions that can start a match.

    A match starts at most 25 characters (plus the spaces just before it) ahead of
    the first ``“`` after it, so each ``“`` is reached from a short window instead of
    the pattern's look-ahead running at every character of the text.
    """
    pos = 0
    q = text.find("“")
    while q >= 0:
        if q >= pos:
            lo = q
            while lo > pos and text[lo - 1].isspace():  # each run of spaces is walked once
                lo -= 1
            for start in range(max(pos, lo - 25), q):
                m = _QUOTE_RE.match(text, start)
                if m:
                    yield m
                    pos = m.end()
                    break
        q = text.find("“", q + 1)


def _source_type(who: str) -> str:
    if any(w in who for w in _LEADERS) or who.endswith("同志"):
        return "leader"
    if any(w in who for w in _SAYINGS):
        return "saying"
    if any(w in who for w in _CLASSICS):
        return "classic"
    if who.startswith("《"):
        return "book"
    return "person"


def _trim_who(who: str) -> str:
    for name in _LEADERS + _CLASSICS + _SAYINGS:
        k = who.rfind(name)
        if k >= 0:
            return who[k:] if not who[k:].startswith(("总书记",)) or k == 0 else who[k - 1 :] if who[k - 1] == "习" else who[k:]
    # keep the last short name-like chunk (e.g. 李嘉诚曾说过 → 李嘉诚)
    return re.split(r"[，。、；：的在和与就也]", who)[-1][-6:]


def find_quotes(doc_id: str, text: str) -> pd.DataFrame:
    """Citations: who or what a speech quotes, and the quoted words."""
    rows = []
    taken: list[tuple[int, int]] = []
    for m in _quote_matches(text):
        who = _trim_who(m.group("who"))
        if re.match(r"^(?:我们|人们|大家|我)?常$", who):
            who = "常言"
        if len(who) < 2 or who in ("他", "她", "我", "我们", "有人", "大家", "就是", "这就是"):
            continue
        rows.append((doc_id, who, _source_type(who), m.group("q"), m.start("q"), m.end("q")))
        taken.append((m.start(), m.end()))
    taken_starts = [a for a, _ in taken]  # finditer's matches: in order, never overlapping
    for m in _SAYING_RE.finditer(text):
        i = bisect.bisect_right(taken_starts, m.start())
        if i and m.start() < taken[i - 1][1]:
            continue
        rows.append((doc_id, m.group("who"), "saying" if m.group("who") in _SAYINGS else "classic", m.group("q").strip("“”"), m.start("q"), m.end("q")))
    for m in _BOOK_RE.finditer(text):
        rows.append((doc_id, f"《{m.group('b')}》", "book", "", m.start(), m.end()))
    rows.sort(key=lambda r: r[4])  # stable: by start
    return rows_frame(rows, QUOTE_COLUMNS, {"start": "int64", "end": "int64"})


def quotes_table(docs: pd.DataFrame) -> pd.DataFrame:
    frames = [find_quotes(d, t) for d, t in zip(docs["doc_id"], docs["text"])]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=QUOTE_COLUMNS)
