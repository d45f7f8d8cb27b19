"""Enumerations: a document's outline items grouped into lists, with the counts they announce.

Owns the ``enumerations`` table (:data:`ENUM_COLUMNS`, :func:`enumerations_frame`): each list of
items, its style, its number of items, and the count its introduction announces
(:func:`announced_count`: ``讲三点意见``, ``从以下三个方面``, ``强化六种意识``).  It is given the items
:func:`tifa.structure.outline.parse` made; must not touch: markers, nesting, the outline table.
"""
from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Sequence

from ..frames import rows_frame
from ..text.patterns import CN_DIGITS, cn_to_int

if TYPE_CHECKING:  # the items are made by the outline, which builds this table
    import pandas as pd

    from .outline import Item

ENUM_COLUMNS = ["doc_id", "enum_id", "parent_id", "style", "n_items", "first_item", "announced", "announced_text", "start", "end"]

#: Characters before a list searched for its announced count.
ANNOUNCE_WINDOW = 300

_COUNT_RE = re.compile(
    rf"(?:以下|如下|下面|下列|这|这么)?(?P<n>[{CN_DIGITS}两几]{{1,3}}|\d{{1,2}}(?!\d))"
    r"(?P<cls>个方面|方面|点|条|种|项|句话|个问题|大|个)"
    r"(?P<noun>意见|要求|体会|建议|原则|看法|意识|特点|类型|职能|站位|问题|措施|任务|内容|方面|工作|做法|关系|心得|感受|能力|本领)?"
)


def announced_count(text: str, first_item_start: int, floor: int = 0) -> tuple[int | None, str]:
    """The count the text announces just before a list (``讲两点意见`` → 2)."""
    lo = max(floor, first_item_start - ANNOUNCE_WINDOW)
    window = text[lo:first_item_start]
    # the introduction: the last two sentences before the list
    cuts = [m.end() for m in re.finditer(r"[。！？!?]", window.rstrip().rstrip("。！？!?"))]
    intro_from = cuts[-1] if cuts else 0
    intro = window[intro_from:]
    best = None
    for m in _COUNT_RE.finditer(intro):
        if m.group("cls") in ("个", "大") and not m.group("noun"):
            continue
        best = m
    if best is None:
        return None, ""
    n = best.group("n")
    return (None if n == "几" else cn_to_int(n)), best.group(0)


def enumerations_frame(doc_id: str, text: str, items: Sequence[Item]) -> pd.DataFrame:
    """The ``enumerations`` rows of one document, from its outline ``items`` (in text order)."""
    enums = []
    starts = [it.start for it in items]
    groups: dict[int, list[Item]] = {}
    for it in items:
        groups.setdefault(it.enum_key, []).append(it)
    for enum_id, (_, members) in enumerate(sorted(groups.items(), key=lambda kv: kv[1][0].start), start=1):
        first, last = members[0], members[-1]
        parent = first.parent
        floor = parent.marker.end if parent else 0
        before = bisect.bisect_left(starts, first.start)  # items are in text order
        if before:
            floor = max(floor, items[before - 1].marker.end)
        announced, announced_text = announced_count(text, first.start, floor)
        styles = {m.marker.style for m in members}
        enums.append(
            (
                doc_id,
                enum_id,
                parent.item_id if parent else None,
                styles.pop() if len(styles) == 1 else "mixed",
                len(members),
                first.item_id,
                announced,
                announced_text,
                first.start,
                last.end,
            )
        )
    return rows_frame(enums, ENUM_COLUMNS, dict.fromkeys(("enum_id", "parent_id", "n_items", "first_item", "announced", "start", "end"), "Int64"))
