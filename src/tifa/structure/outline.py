"""Numbered-list structure: the outline of every speech, and its tables.

The outline is found in three passes over a document's text: **candidates** and **runs**
(:mod:`tifa.structure.markers`: every marker-like token, and the inline ones that form runs
1, 2, …), then **nesting**, owned here — a stack of open lists: a marker of a family already
open is a sibling (next ordinal) or starts a new list there (ordinal 1, e.g. a list that
restarts under the same parent); a new family opens a deeper level under the current item —
whatever order of styles a speech uses.  A run that lies inside one paragraph closes with that
paragraph.

Items span from their marker to the next item at the same or a higher level (or their parent's
end).  Each list (*enumeration*) records the count its introduction announces
(:mod:`tifa.structure.enumerations`: ``讲三点意见``, ``从以下三个方面``, ``强化六种意识``).

Owns: :class:`Item`, :func:`parse` (kept for the last few texts), items' spans and titles, the
``outline`` table (:func:`outline_frames`, :func:`outline_tables`, with the enumerations beside
it), sentences' sections and matter (:func:`assign_sections`, :func:`mark_matter`) and the
indented :func:`tree`.  Must not touch: what counts as a marker or a run
(:mod:`tifa.structure.markers`), announced counts (:mod:`tifa.structure.enumerations`).
``candidates`` and ``appendix_start`` stay importable from here, as the checks and tests use them.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import pandas as pd

from ..frames import column_lists, rows_frame
from .enumerations import ENUM_COLUMNS, announced_count, enumerations_frame
from .markers import RUN_FAMILIES, Marker, appendix_start, candidates, paragraphs, part_headings, previous_paragraph, validate_runs

__all__ = [
    "ENUM_COLUMNS", "OUTLINE_COLUMNS", "TITLE_MAX", "Item", "announced_count", "appendix_start", "assign_sections",
    "candidates", "forget_parses", "mark_matter", "outline_frames", "outline_tables", "parse", "tree",
]

OUTLINE_COLUMNS = ["doc_id", "item_id", "parent_id", "depth", "marker", "style", "ordinal", "title", "start", "end", "matter"]
#: Longest title kept (longer first sentences are cut at a comma).
TITLE_MAX = 40


@dataclass
class Item:
    marker: Marker
    item_id: int
    parent: "Item | None"
    depth: int
    enum_key: int
    start: int
    end: int = -1
    title: str = ""
    matter: str = "body"  #: ``body`` (the speech) or ``appendix`` (material appended after it)
    children: list["Item"] = field(default_factory=list)


# --------------------------------------------------------------------------- nesting


@dataclass
class _Level:
    family: str
    last: int
    item: Item
    enum_key: int
    closes_at: float


def _run_paragraph_close(markers: list[Marker], paras: list[tuple[int, int]]) -> dict[int, float]:
    """For inline runs lying inside one paragraph: marker start → paragraph end."""
    closes: dict[int, float] = {}
    i = 0
    while i < len(markers):
        c = markers[i]
        if c.family not in RUN_FAMILIES or c.line_start:
            i += 1
            continue
        j = i
        while (
            j + 1 < len(markers)
            and markers[j + 1].family == c.family
            and markers[j + 1].ordinal == (markers[j].ordinal or 0) + 1
        ):
            j += 1
        run = markers[i : j + 1]
        if len({m.para for m in run}) == 1:
            for m in run:
                closes[m.start] = paras[c.para][1]
        i = j + 1
    return closes


def parse(text: str) -> list[Item]:
    """Outline items of one document text, in text order.

    Material appended after the speech (see :func:`appendix_start`) is parsed on its
    own and its items are marked ``matter = "appendix"``: it never nests under the
    speech's headings.  The outline and formulations stages both ask for the
    items of a document, so the last few parses are kept: treat the list as
    read-only.
    """
    return _parse_cached(text)


def forget_parses() -> None:
    """Drop the kept parses (a huge document's items are many): once every stage that asks for a
    document's items has had them."""
    _parse_cached.cache_clear()


@functools.lru_cache(maxsize=4)
def _parse_cached(text: str) -> list[Item]:
    paras = paragraphs(text)
    markers = validate_runs(candidates(text))
    if not any(m.family == "heading" for m in markers):
        markers = sorted(markers + part_headings(text, paras, markers), key=lambda c: c.start)
    cut = appendix_start(text, paras)
    closes = _run_paragraph_close(list(markers), paras)
    body = [m for m in markers if m.start < cut]
    appendix = [m for m in markers if m.start >= cut]
    items: list[Item] = []
    counter = [0]
    sums = {m.start for m in body if m.ordinal == 1 and _sums_up_part(text, paras, m)}
    _nest(body, items, closes, counter, "body", sums)
    _nest(appendix, items, closes, counter, "appendix")
    _set_ends(items, text, closes, cut)
    for it in items:
        it.title = _title(text, it)
    return items


#: A paragraph that sums up the whole period a part reviews, and introduces a list of its lessons or
#: its remaining problems: it opens with the period (回顾, 总结, 过去五年, 一年来, “十一五”时期) and
#: names lessons (体会, 经验, 认识, 启示) or problems (问题, 困难, 不足) before it ends.
_SUMS_UP_RE = re.compile(
    r"^(?:各位代表[！!，,]\s*)?(?:回顾|总结|过去|(?:[一二三四五六七八九十几多]+|近[一二三四五六七八九十几]+)年(?:来|以来)|“[^”]{1,12}”(?:时期|期间|以来))"
    r"[^。：:]{0,150}(?:体会|经验|认识|启示|问题|困难|不足)[^。：:]{0,20}[。：:]\s*$"
)


_SUMS_UP_MAX = 400


def _sums_up_part(text: str, paras: list[tuple[int, int]], mk: Marker) -> bool:
    """Is the list that ``mk`` opens introduced as the summing-up of a whole part?"""
    if mk.line_start:
        intro = previous_paragraph(text, paras, mk.para)
    else:
        a = paras[mk.para][0]
        # the pattern spans a few hundred characters at most: a longer paragraph is no such introduction
        intro = text[a : mk.start].strip() if mk.start - a <= _SUMS_UP_MAX else ""
    return len(intro) <= _SUMS_UP_MAX and _SUMS_UP_RE.match(intro) is not None


def _continues_later(markers: list[Marker], k: int, level_idx: int, stack: list[_Level]) -> bool:
    """Does the list at ``stack[level_idx]`` go on after ``markers[k]`` (its next ordinal
    comes before a part heading or a marker of a shallower open level)?"""
    lv = stack[level_idx]
    shallower = {x.family for x in stack[:level_idx]} - {lv.family}
    for m in markers[k + 1 :]:
        if m.family == "heading" or m.family in shallower:
            return False
        if m.family == lv.family and m.ordinal == lv.last + 1:
            return True
    return False


def _nest(
    markers: list[Marker],
    items: list[Item],
    closes: dict[int, float],
    counter: list[int],
    matter: str,
    sums: set[int] = frozenset(),
) -> None:
    """Nest ``markers`` into ``items`` with a stack of open lists (see the module doc).

    ``sums`` are the starts of first items whose list sums up the whole part: the
    lists open inside the part (its sub-sections) close before them.
    """
    stack: list[_Level] = []
    for k, mk in enumerate(markers):
        # a list that has closed (with its paragraph) closes the lists opened inside it too
        closed = next((i for i, lv in enumerate(stack) if lv.closes_at <= mk.start), None)
        if closed is not None:
            del stack[closed:]
        if mk.family == "heading":  # unnumbered section headings sit at the top
            del stack[1 if stack and stack[0].family == "heading" else 0 :]
        if mk.start in sums and len(stack) >= 2 and stack[0].item.marker.line_start and mk.family not in {lv.family for lv in stack}:
            del stack[1:]
        same = [i for i, lv in enumerate(stack) if lv.family == mk.family]
        level = next((i for i in reversed(same) if stack[i].last + 1 == mk.ordinal), None)
        if level is None and same:
            level = same[-1]
            # 一、 again inside a list whose next ordinal is still to come: a sub-list
            if mk.ordinal == 1 and stack[level].last >= 1 and _continues_later(markers, k, level, stack):
                level = None
        if level is not None:
            lv = stack[level]
            del stack[level + 1 :]
            parent = lv.item.parent
            if mk.ordinal == 1 and lv.last >= 1:
                counter[0] += 1
                enum_key = counter[0]
            else:
                enum_key = lv.enum_key
        else:
            parent = stack[-1].item if stack else None
            counter[0] += 1
            enum_key = counter[0]
        item = Item(
            marker=mk,
            item_id=len(items) + 1,
            parent=parent,
            depth=(parent.depth + 1) if parent else 1,
            enum_key=enum_key,
            start=mk.start,
            matter=matter,
        )
        if parent:
            parent.children.append(item)
        items.append(item)
        new_level = _Level(mk.family, mk.ordinal or 0, item, enum_key, closes.get(mk.start, float("inf")))
        if level is not None:
            stack[level] = new_level
        else:
            stack.append(new_level)


def _set_ends(items: list[Item], text: str, closes: dict[int, float], cut: int | None = None) -> None:
    n = len(text)
    cut = n if cut is None else cut
    # each item's next item at the same or a higher level (same matter): one backward sweep
    # with a stack per matter (the "next smaller or equal" sweep), linear in the items
    nxt: list[int | None] = [None] * len(items)
    stacks: dict[str, list[Item]] = {}
    for k in range(len(items) - 1, -1, -1):
        it = items[k]
        stack = stacks.setdefault(it.matter, [])
        while stack and stack[-1].depth > it.depth:
            stack.pop()
        nxt[k] = stack[-1].start if stack else None
        stack.append(it)
    for k, it in enumerate(items):
        end = cut if it.matter == "body" else n
        if nxt[k] is not None:
            end = nxt[k]
        if it.parent is not None and it.parent.end >= 0:
            end = min(end, it.parent.end)
        close = closes.get(it.marker.start)
        if close is not None:
            end = min(end, int(close))
        it.end = max(end, it.marker.end)
    # parents are processed before their children (text order), so a second
    # pass clamps children into parents whose end was set after them.
    for it in items:
        if it.parent is not None:
            it.end = min(it.end, it.parent.end)
    # trim trailing newlines
    for it in items:
        while it.end > it.start and text[it.end - 1] == "\n":
            it.end -= 1


#: How far past its marker an item's title is looked for (a title is far shorter; bounds the work
#: on a text without line breaks).
_TITLE_SCAN = 2000


def _title(text: str, it: Item) -> str:
    s = it.marker.end
    line_end = text.find("\n", s, s + _TITLE_SCAN)
    line_end = min(len(text), s + _TITLE_SCAN) if line_end < 0 else line_end
    rest = text[s:min(line_end, it.end if it.end > s else line_end)]
    if not rest.strip() and line_end < it.end:  # ``一、`` alone, its heading on the next line
        nxt_end = text.find("\n", line_end + 1, line_end + 1 + _TITLE_SCAN)
        rest = text[line_end + 1 : min(it.end, line_end + 1 + _TITLE_SCAN if nxt_end < 0 else nxt_end)]
    m = re.search(r"[。！？；!?;]", rest)
    title = (rest[: m.start()] if m else rest).strip(" ，,：:、").strip()
    if len(title) > TITLE_MAX:
        cut = title.rfind("，", 0, TITLE_MAX)
        title = title[:cut] if cut >= 4 else title[:TITLE_MAX]
    return title


# --------------------------------------------------------------------------- tables


def outline_frames(doc_id: str, text: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``outline`` and ``enumerations`` rows of one document."""
    items = parse(text)
    rows = [
        (
            doc_id,
            it.item_id,
            it.parent.item_id if it.parent else None,
            it.depth,
            it.marker.text,
            it.marker.style,
            it.marker.ordinal,
            it.title,
            it.start,
            it.end,
            it.matter,
        )
        for it in items
    ]
    return (
        rows_frame(rows, OUTLINE_COLUMNS, dict.fromkeys(("item_id", "parent_id", "depth", "ordinal", "start", "end"), "Int64")),
        enumerations_frame(doc_id, text, items),
    )


def outline_tables(docs: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Outline and enumerations for every document of ``docs``."""
    outs, enums = [], []
    for d, t in zip(docs["doc_id"], docs["text"]):
        o, e = outline_frames(d, t)
        outs.append(o)
        enums.append(e)
    o = pd.concat(outs, ignore_index=True) if outs else pd.DataFrame(columns=OUTLINE_COLUMNS)
    e = pd.concat(enums, ignore_index=True) if enums else pd.DataFrame(columns=ENUM_COLUMNS)
    return o, e


def assign_sections(sents: pd.DataFrame, outline: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``sents`` with ``item_id`` = the deepest outline item holding each sentence.

    One sweep per document over sentences and items in text order (items nest and
    siblings do not overlap), so the cost grows with sentences + items, not their product.
    """
    out = sents.copy()
    by_doc: dict[str, list[tuple[int, int, int, int]]] = {}
    for d, i, depth, s, e in zip(*column_lists(outline, "doc_id", "item_id", "depth", "start", "end")):
        by_doc.setdefault(d, []).append((int(s), -int(depth), int(e), int(i)))
    for items in by_doc.values():
        items.sort()
    ids: list[int | None] = [None] * len(out)
    doc_ids, starts = out["doc_id"].tolist(), out["start"].tolist()
    order = sorted(range(len(out)), key=lambda k: (doc_ids[k], starts[k]))
    doc, items, nxt, stack = None, [], 0, []
    for k in order:
        d, s = doc_ids[k], starts[k]
        if d != doc:
            doc, items, nxt, stack = d, by_doc.get(d, []), 0, []
        while nxt < len(items) and items[nxt][0] <= s:
            stack.append(items[nxt])
            nxt += 1
        while stack and stack[-1][2] <= s:  # closed items (and, below them, their closed parents)
            stack.pop()
        live = [it for it in stack if it[0] <= s < it[2]]
        if len(live) != len(stack):
            stack = live
        if stack:
            ids[k] = max(stack, key=lambda it: -it[1])[3]
    out["item_id"] = pd.array(ids, dtype="Int64")
    return out


def mark_matter(sents: pd.DataFrame, docs: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``sents`` with ``matter``: ``appendix`` for sentences after the speech's end."""
    out = sents.copy()
    cuts = {d: appendix_start(t) for d, t in zip(docs["doc_id"], docs["text"])}
    out["matter"] = ["appendix" if s >= cuts.get(d, s + 1) else "body" for d, s in zip(*column_lists(out, "doc_id", "start"))]
    return out


def tree(outline: pd.DataFrame, docs: pd.DataFrame | None = None) -> str:
    """The indented outline for reading."""
    lines = []
    titles = dict(zip(docs["doc_id"], docs["title"])) if docs is not None else {}
    for d, g in outline.groupby("doc_id", sort=False):
        lines.append(f"{d}  {titles.get(d) or ''}".rstrip())
        for r in g.itertuples():
            marker = r.marker or "▪"
            lines.append(f"{'  ' * int(r.depth)}{marker} {r.title}")
        lines.append("")
    return "\n".join(lines)
