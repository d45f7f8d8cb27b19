"""排比 across items and lines: heads of a numbered list, inline ordinals, and lines of verse.

Owns :func:`list_item_runs` — the short heads a numbered list's items open with (第一，通天气。…
第二，接地气。… 第三，聚人气。…) sharing a frame or a character position; :func:`ordinal_runs` —
ordinals run into the text without a comma (第一要学会夹尾巴，…第二个要学会摇尾巴，…); and
:func:`verse_runs` — the four or more lines of seven (or five) characters the genre closes with
(励精图治挑重担，撸起袖子加油干，…).  Each returns rows ``(doc_id, members, frame, kind, n, start,
end)`` that do not overlap the runs it is given.

It must not refine, dedupe or score rows (:mod:`.lists`, :mod:`.parallels`), nor parse the
outline itself (it asks :mod:`tifa.structure.outline`).  The verse finder tries only sentence
starts — a match holds no sentence break, so this finds what a scan of every position would —
which is what keeps one line of 8 million characters linear (``bench/RESULTS.md``, scale table).
"""
from __future__ import annotations

import itertools
import re

from ..structure.outline import parse as parse_outline
from ..text.patterns import cn_to_int
from .clause_runs import clause_frame
from .shapes import FIGURE_RE, position_frame, shared_frame, STRIP


_INLINE_ORDINAL_RE = re.compile(r"第([一二三四五六七八九十])个?(?=[\u4e00-\u9fff])")


def ordinal_runs(doc_id: str, text: str, found: list, *, min_n: int = 3) -> list[tuple]:
    """排比 along ordinals run into the text, without a comma (第一要学会夹尾巴，…第二个要学会摇尾巴，…
    第三要学会翘尾巴，…): within one paragraph, ordinals counting up from 第一, each followed by a short
    phrase; the phrases must share a frame."""
    seen = {r[1] for r in found}
    spans = [(r[5], r[6]) for r in found]
    rows = []
    for pm in re.finditer(r"[^\n]+", text):
        run: list[tuple[int, str]] = []
        for m in _INLINE_ORDINAL_RE.finditer(pm.group()):
            n = cn_to_int(m.group(1))
            if n == 1:
                run = []
            elif n != len(run) + 1:
                continue
            head = _ITEM_HEAD_RE.match(pm.group(), m.end())
            run.append((pm.start() + m.end(), head.group() if head else ""))
        members = [h for _, h in run]
        if len(run) < min_n or not _usable_heads(members, 8, seen):
            continue
        framed = shared_frame(members)
        if not framed:
            continue
        # the run spans whole paragraphs: only its phrases must be free
        if any(a < o + len(h) and o < b for o, h in run for a, b in spans):
            continue
        start, end = run[0][0], run[-1][0] + len(members[-1])
        rows.append((doc_id, "|".join(members), framed[0], framed[1], len(members), start, end))
    return rows


_VERSE_RE = re.compile(r"(?:[\u4e00-\u9fffA-Z]{7}[，,]){3,}[\u4e00-\u9fffA-Z]{7}(?=[。！？!?；;”\n]|$)|(?:[\u4e00-\u9fffA-Z]{5}[，,]){3,}[\u4e00-\u9fffA-Z]{5}(?=[。！？!?；;”\n]|$)")


_VERSE_OPEN_RE = re.compile(r"[。！？!?；;“\n：:]")


def verse_runs(doc_id: str, text: str, found: list) -> list[tuple]:
    """Lines of verse the genre closes with (励精图治挑重担，撸起袖子加油干，…): four or more clauses
    of exactly seven (or five) characters, the whole of a sentence."""
    spans = [(r[5], r[6]) for r in found]
    rows = []
    # the clauses must open the sentence, not end a longer one: only sentence starts are tried
    # (a match holds no sentence break, so this finds what a scan of every position would)
    opens = itertools.chain((0,), (m.end() for m in _VERSE_OPEN_RE.finditer(text)))
    for m in filter(None, (_VERSE_RE.match(text, p) for p in opens)):
        start, end = m.start(), m.end()
        if any(a < end and start < b for a, b in spans):
            continue
        members = re.split(r"[，,]", m.group())
        if len(set(members)) < len(members) or any(FIGURE_RE.search(x) for x in members):
            continue
        rows.append((doc_id, "|".join(members), f"{len(members[0])}言", "verse", len(members), start, end))
    return rows


#: Openings of heads that name a topic (关于“十五五”时期发展的总体要求): titles, not a 排比.
_TOPIC_OPENINGS = ("关于", "对于", "至于")
#: Heads that name the parts of an inventory (医疗卫生方面、养老帮困方面…), not a slogan.
_LIST_HEADS = {"方面", "问题", "领域", "部分", "情况"}
_ITEM_HEAD_RE = re.compile(r"[^。，,；;：:！？!?\n]+")


def _usable_heads(members: list[str], max_len: int, seen: set[str]) -> bool:
    """Short phrases opening list items that could make a 排比: 2 to ``max_len`` characters, all
    different, no figures, not already reported."""
    return (
        all(2 <= len(h) <= max_len for h in members)
        and len(set(members)) == len(members)
        and not any(FIGURE_RE.search(h) for h in members)
        and "|".join(members) not in seen
    )


def list_item_runs(doc_id: str, text: str, found: list, *, min_n: int = 3) -> list[tuple]:
    """排比 across a numbered list: the short heads its items open with
    (第一，通天气。… 第二，接地气。… 第三，聚人气。…) sharing a frame or a character position;
    heads of seven to 24 characters by a clause frame only ((一)在全方位扩大内需上持续加力，…
    (二)在推进科技创新和产业创新上开拓进取，…: 在*上*)."""
    seen = {r[1] for r in found}
    groups: dict[int, list] = {}
    for it in parse_outline(text):
        groups.setdefault(it.enum_key, []).append(it)
    rows = []
    for items in groups.values():
        if len(items) < min_n:
            continue
        heads = []
        for it in items:
            m = _ITEM_HEAD_RE.match(text, it.marker.end)
            raw = m.group() if m else ""
            head = raw.strip(STRIP)
            heads.append((it.marker.end + len(raw) - len(raw.lstrip(STRIP)), head))
        members = [h for _, h in heads]
        if not _usable_heads(members, 6, seen):
            framed = clause_frame(members) if _usable_heads(members, 24, seen) else None
            if framed and framed[1] in ("opening", "template") and not framed[0].startswith(_TOPIC_OPENINGS):
                # long heads: a clause frame (在…上…), not their shape; 关于…的时代背景、关于…的总体要求 name topics
                rows.append((doc_id, "|".join(members), *framed, len(members), heads[0][0], heads[-1][0] + len(members[-1])))
            continue
        framed = shared_frame(members)
        frame, kind = framed if framed else (position_frame(members), "structural")
        if frame is None or frame.strip("*") in _LIST_HEADS:
            continue
        rows.append((doc_id, "|".join(members), frame, kind, len(members), heads[0][0], heads[-1][0] + len(members[-1])))
    return rows
