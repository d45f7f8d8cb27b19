"""Numbered-list structure: the outline of every speech, its lists, their announced counts.

Three passes over a document's text:

1. **candidates** — every marker the genre uses, with its *family* (the
   numbering scheme) and ordinal: line-start ``一、`` ``（一）`` ``1.``; anywhere
   ``(1)`` ``①`` ``一是`` ``一要`` ``一靠`` ``一为`` ``第一，`` ``第一个`` ``首先``
   ``其次`` ``再次`` ``最后`` ``一方面`` ``另一方面``; and, in a speech that lost its
   numbering, short stand-alone heading lines (family ``heading``).
   Traps are excluded by context: numerals inside words (``统一要求``,
   ``之一是``), ordinal words (``第一次``, ``全国第一，``), decimals (``3.5万``).
2. **runs** — inline markers count only as part of a run ``1, 2, …`` of the
   same family (a lone ``一是`` with no ``二是`` nearby is not a list);
   ``最后`` closes a run of ordinal words.
3. **nesting** — a stack of open lists: a marker of a family already open is
   a sibling (next ordinal) or starts a new list there (ordinal 1, e.g. a list
   that restarts under the same parent); a new family opens a deeper level
   under the current item — whatever order of styles a speech uses.  A run
   that lies inside one paragraph closes with that paragraph.

Items span from their marker to the next item at the same or a higher
level (or their parent's end).  Each list (*enumeration*) records the count
its introduction announces (``讲三点意见``, ``从以下三个方面``, ``强化六种意识``).
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

import pandas as pd

from ..text.clean import is_title_like
from ..frames import column_lists, rows_frame
from ..text.patterns import CLOSING_RE, CN_DIGITS, cn_to_int

OUTLINE_COLUMNS = ["doc_id", "item_id", "parent_id", "depth", "marker", "style", "ordinal", "title", "start", "end", "matter"]
ENUM_COLUMNS = ["doc_id", "enum_id", "parent_id", "style", "n_items", "first_item", "announced", "announced_text", "start", "end"]

#: Largest gap (characters) between consecutive items of an inline run.
MAX_GAP = 1500
#: Largest gap between consecutive items of a run whose markers all open a paragraph
#: (``第一，全国动员…`` … ``第二，…`` with a whole sub-outline between them).
MAX_GAP_LINE = 20000
#: Characters before a list searched for its announced count.
ANNOUNCE_WINDOW = 300

_N = f"[{CN_DIGITS}]{{1,3}}"
#: Characters a marker of a ``bounded`` family must follow (or open the line).
_BOUNDARY_CHARS = frozenset("\n。！？；：，、“”）")

#: Line-start markers: family, regex (group "n" = numeral), style.
_LINE_MARKERS = [
    # ``一、2020年工作回顾`` opens with a digit; only ``一.5`` (a decimal) is no marker
    ("cn_dun", re.compile(rf"^(?P<m>(?P<n>{_N})\s*(?:、|[.．](?!\d)))"), "cn_dun"),
    ("cn_paren", re.compile(rf"^(?P<m>[（(]\s*(?P<n>{_N})\s*[)）])"), "cn_paren"),
    ("num_dot", re.compile(r"^(?P<m>(?P<n>\d{1,2})\s*[.．、])(?!\d)"), "num_dot"),
]
#: Markers allowed anywhere (subject to run validation).
_INLINE_MARKERS = [
    ("num_paren", re.compile(r"(?P<m>[（(](?P<n>\d{1,2})[)）])"), "num_paren"),
    ("circled", re.compile(r"(?P<m>(?P<n>[①-⑳]))"), "circled"),
    (
        "cn_shi",
        re.compile(rf"(?<![统唯同单专万逐划不之合归纯这那某每第{CN_DIGITS}])(?P<m>(?P<n>{_N})(?P<k>[是要靠为]))(?![一二三四五六七八九十])"),
        "cn_shi",
    ),
    (
        "ordinal_word",
        re.compile(
            rf"(?P<m>第(?P<n>{_N})(?:[，,、：:]|是|条[，,：:])|(?P<w>首先|其次|再次|最后)(?:是)?)"
        ),
        "ordinal_word",
    ),
    # 第一个是…; this genre's 第一句话，… 第一点，… 第一件事，…
    ("ordinal_ge", re.compile(rf"(?P<m>第(?P<n>{_N})(?:个|句话|点|件事)(?=就是|是|[，,：:]))"), "di_ge"),
    ("fangmian", re.compile(r"(?P<m>(?P<w>另一方面|一方面))"), "fangmian"),
]
#: Families whose markers only count at a boundary (line start, after punctuation or a space).
_BOUNDED = {"num_paren", "ordinal_word", "fangmian"}


def _at_boundary(line: str, i: int) -> bool:
    # a dash may lead an ordinal (——第一，…): the dash is the boundary
    return i == 0 or line[i - 1] in _BOUNDARY_CHARS or line[i - 1].isspace() or line[i - 2 : i] == "——"


def _bounded_matches(rx: re.Pattern, line: str):
    """``finditer`` of ``rx`` preceded by a boundary: a match elsewhere is passed over one
    character at a time, so the result is that of a look-behind in the pattern, without
    the look-behind running at every character of the text."""
    pos = 0
    while (m := rx.search(line, pos)) is not None:
        if _at_boundary(line, m.start()):
            yield m
            pos = m.end()
        else:
            pos = m.start() + 1
_WORD_ORDINALS = {"首先": 1, "其次": 2, "再次": 3, "一方面": 1, "另一方面": 2}
_INLINE_STYLE = {"是": "cn_shi", "要": "cn_yao", "靠": "cn_kao", "为": "cn_wei"}
#: Families whose markers need a run of ≥ 2 to count.
_RUN_FAMILIES = {"num_paren", "circled", "cn_shi", "cn_yao", "cn_kao", "cn_wei", "ordinal_word", "ordinal_ge", "fangmian"}
#: Longest title kept (longer first sentences are cut at a comma).
TITLE_MAX = 40

_COUNT_RE = re.compile(
    rf"(?:以下|如下|下面|下列|这|这么)?(?P<n>[{CN_DIGITS}两几]{{1,3}}|\d{{1,2}}(?!\d))"
    r"(?P<cls>个方面|方面|点|条|种|项|句话|个问题|大|个)"
    r"(?P<noun>意见|要求|体会|建议|原则|看法|意识|特点|类型|职能|站位|问题|措施|任务|内容|方面|工作|做法|关系|心得|感受|能力|本领)?"
)
_DATE_RE = re.compile(r"^\s*\d{4}\s*年")


@dataclass
class Marker:
    start: int  #: offset of the marker
    end: int  #: end of the marker as written
    family: str
    style: str
    ordinal: int | None
    text: str
    para: int
    line_start: bool
    is_last: bool = False  #: ``最后``
    closing: bool = False  #: in the speech's closing (``最后…谢谢！``): not a list item


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


# --------------------------------------------------------------------------- candidates


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


#: How far around a ``最后`` the closing formula is looked for.
_CLOSING_SCAN = 1000


def candidates(text: str) -> list[Marker]:
    """Every marker-like token of ``text`` (before run validation)."""
    paras = _paragraphs(text)
    out: list[Marker] = []
    has_line_heads = False
    for pi, (ps, pe) in enumerate(paras):
        line = text[ps:pe]
        stripped_off = len(line) - len(line.lstrip())
        body = line.lstrip()
        head: Marker | None = None  # this paragraph's line-start marker, if any
        for family, rx, style in _LINE_MARKERS:
            m = rx.match(body)
            if m:
                n = cn_to_int(m.group("n"))
                if n:
                    s = ps + stripped_off
                    head = Marker(s, s + len(m.group("m")), family, style, n, m.group("m").strip(), pi, True)
                    out.append(head)
                    has_line_heads = True
                break
        for family, rx, style in _INLINE_MARKERS:
            for m in _bounded_matches(rx, line) if family in _BOUNDED else rx.finditer(line):
                s = ps + m.start("m")
                if head is not None and head.start <= s < head.end:
                    continue
                word = m.groupdict().get("w")
                is_last = word == "最后"
                if word:
                    n = _WORD_ORDINALS.get(word)
                    st = "shouci" if word in ("首先", "其次", "再次", "最后") else style
                else:
                    raw = m.group("n")
                    n = ord(raw) - ord("①") + 1 if family == "circled" else cn_to_int(raw)
                    st = style
                fam = family
                if family == "cn_shi":
                    st = fam = _INLINE_STYLE[m.group("k")]
                elif family == "ordinal_word" and not word:
                    st = "di"
                marker_text = m.group("m")
                out.append(Marker(s, s + len(marker_text), fam, st, n, marker_text, pi, m.start("m") == len(line) - len(body)))
                out[-1].is_last = is_last
                if is_last:
                    # the closing formula near this 最后 (its paragraph, bounded: a text may have no breaks)
                    near = line[max(0, m.start() - _CLOSING_SCAN) : m.end() + _CLOSING_SCAN]
                    nxt = text[paras[pi + 1][0] : min(paras[pi + 1][1], paras[pi + 1][0] + _CLOSING_SCAN)] if pi + 1 < len(paras) else ""
                    out[-1].closing = bool(CLOSING_RE.search(near) or CLOSING_RE.search(nxt) or "谢谢" in near)
    if not has_line_heads:
        out.extend(_unnumbered_headings(text, paras))
    out.sort(key=lambda c: (c.start, -c.end))
    # one marker per position
    dedup: list[Marker] = []
    for c in out:
        if dedup and dedup[-1].start == c.start:
            continue
        dedup.append(c)
    return dedup


_SALUTATION_RE = re.compile(r"^(?:各位|同志们|尊敬的|女士们|朋友们)")
#: Closing part headings of the genre (``结束语``), headings wherever they stand.
_CLOSING_HEADING_RE = re.compile(r"^(?:结束语|结语|结束话|最后的话)$")
#: Headings of material appended after a speech.
_APPENDIX_HEAD_RE = re.compile(
    r"^(?:附件|附录|附表|附：|名词解释|名词注释|注释|注解|注|释义|相关名词解释|本报告.{0,6}(?:名词|用语)解释)\s*[:：]?\s*\d*$"
)
#: The last paragraph of a speech: thanks, or the rallying call of a report.
_PERORATION_RE = re.compile(r"(?:让我们|我们要更加紧密|奋斗|努力|谢谢|前进)[^。]*[！!][”」]?\s*$")


def _is_heading_line(text: str, paras: list[tuple[int, int]], pi: int) -> bool:
    """A short stand-alone line followed by a longer paragraph: a heading candidate."""
    ps, pe = paras[pi]
    line = text[ps:pe].strip()
    if not is_title_like(line):  # the cheap test first: most paragraphs are long
        return False
    nxt = text[paras[pi + 1][0] : paras[pi + 1][1]].strip() if pi + 1 < len(paras) else ""
    return (
        sum(1 for ch in line if "\u4e00" <= ch <= "\u9fff") >= 3
        and not _DATE_RE.match(line)
        and not line.startswith(("——", "—", "“", "《"))
        and not line.endswith(("《", "“", "（"))
        and line.count("《") == line.count("》")
        and not _SALUTATION_RE.match(line)
        and not CLOSING_RE.search(line)
        and len(nxt) > len(line)
        and not nxt.startswith(tuple("，。、；：”）,.;:)的"))  # a fragment of a broken line
        and _ends_paragraph(text, paras, pi)
    )


def _previous_paragraph(text: str, paras: list[tuple[int, int]], pi: int) -> str:
    """The last non-blank paragraph before line ``pi``, stripped ("" if there is none)."""
    for k in range(pi - 1, -1, -1):
        prev = text[paras[k][0] : paras[k][1]].strip()
        if prev:
            return prev
    return ""


def _ends_paragraph(text: str, paras: list[tuple[int, int]], pi: int) -> bool:
    """Does the paragraph before line ``pi`` end (sentence punctuation, or a heading)?"""
    prev = _previous_paragraph(text, paras, pi)
    return not prev or prev[-1] in "。！？!?：:；;”」）)…" or is_title_like(prev)


def _unnumbered_headings(text: str, paras: list[tuple[int, int]]) -> list[Marker]:
    """Short stand-alone heading lines in a speech without numbered headings."""
    out = []
    k = 0
    for pi, (ps, pe) in enumerate(paras):
        if _is_heading_line(text, paras, pi):
            k += 1
            out.append(Marker(ps, ps, "heading", "heading", k, "", pi, True))
    return out if len(out) >= 2 else []


def part_headings(text: str, paras: list[tuple[int, int]], markers: list[Marker]) -> list[Marker]:
    """Unnumbered part headings above a numbered outline (``关于国内建设`` / ``一、…``).

    A speech is split into unnumbered parts when its top numbered list starts again
    at 一 after a stand-alone heading line: each heading line that is followed (before
    any other numbered marker of that family) by a list opening at 1 is a part heading,
    provided there are at least two of them.  ``结束语`` is a part heading wherever it
    stands; so, in a speech split into parts, is a heading line after the last part's list.
    """
    heads = [m for m in markers if m.line_start and m.family in ("cn_dun", "cn_paren", "num_dot")]
    if not heads:
        return []
    top = heads[0].family
    tops = [m for m in heads if m.family == top]
    marker_paras = {m.para for m in markers}
    lines = [
        pi
        for pi in range(len(paras))
        if pi not in marker_paras
        and _is_heading_line(text, paras, pi)
        and len(text[paras[pi][0] : paras[pi][1]].strip()) <= 20  # part headings are short phrases
        and "，" not in text[paras[pi][0] : paras[pi][1]]
    ]
    restarts, closing = [], []
    for pi in lines:
        line = text[paras[pi][0] : paras[pi][1]].strip()
        if _CLOSING_HEADING_RE.match(line):
            closing.append(pi)
            continue
        nxt = next((m for m in tops if m.para > pi), None)
        between = [q for q in lines if nxt is not None and pi < q < nxt.para]
        if nxt is not None and nxt.ordinal == 1 and not between:
            restarts.append(pi)
    found = restarts if len(restarts) >= 2 else []
    if found:  # trailing parts without a list of their own (``关于外交工作``)
        last_top = tops[-1].para
        found += [pi for pi in lines if pi > last_top and pi not in found and pi not in closing
                  and text[paras[pi][0] : paras[pi][1]].strip().startswith("关于")]
    found = sorted(set(found + closing))
    return [
        Marker(_text_start(text, paras, pi), _text_start(text, paras, pi), "heading", "heading", k + 1, "", pi, True)
        for k, pi in enumerate(found)
    ]


def _text_start(text: str, paras: list[tuple[int, int]], pi: int) -> int:
    """Offset of the first non-blank character of line ``pi``."""
    ps, pe = paras[pi]
    return ps + len(text[ps:pe]) - len(text[ps:pe].lstrip())


_FIRST_ITEM_RE = re.compile(r"^\s*(?:一\s*[、.．]|[（(]\s*一\s*[)）]|1\s*[.．、](?!\d)|[（(]1[)）]|①)")


def _opens_first_item(line: str) -> bool:
    """Does ``line`` open with the first item of a numbered list (``一、`` ``1.`` ``（一）``)?"""
    return bool(_FIRST_ITEM_RE.match(line))


def appendix_start(text: str, paras: list[tuple[int, int]] | None = None) -> int:
    """Offset where material appended after the speech begins (``len(text)`` if none).

    Appended material — a ``名词解释`` glossary, an ``附件``, a list after the closing —
    starts at a known appendix heading in the second half of the text, or at a heading
    line right after the speech's last paragraph (thanks, or the closing rallying call).
    """
    paras = _paragraphs(text) if paras is None else paras
    n = len(text)
    half = n // 2
    for pi, (ps, pe) in enumerate(paras):
        line = text[ps:pe].strip()
        if ps >= half and line and _APPENDIX_HEAD_RE.match(line):
            return _text_start(text, paras, pi)
    for pi in range(len(paras) - 2, -1, -1):
        ps, pe = paras[pi]
        if ps < half:
            break
        line = text[ps:pe].strip()
        if line and (_PERORATION_RE.search(line) or CLOSING_RE.search(line)):
            k = pi + 1
            while k < len(paras) and not text[paras[k][0] : paras[k][1]].strip():
                k += 1
            # a new list from 1 after the closing, or a heading over one
            if k < len(paras) and _opens_first_item(text[paras[k][0] : paras[k][1]]):
                return _text_start(text, paras, k)
            if k < len(paras) and _is_heading_line(text, paras, k) and not _CLOSING_HEADING_RE.match(text[paras[k][0] : paras[k][1]].strip()):
                if k + 1 < len(paras) and _opens_first_item(text[paras[k + 1][0] : paras[k + 1][1]]):
                    return _text_start(text, paras, k)
            break
    return n


# --------------------------------------------------------------------------- runs


def _gap(a: Marker, b: Marker) -> int:
    """Largest distance allowed between consecutive items ``a`` and ``b`` of a run."""
    return MAX_GAP_LINE if a.line_start and b.line_start else MAX_GAP


def validate_runs(cands: list[Marker]) -> list[Marker]:
    """Keep line-level markers, and inline markers that form runs 1, 2, … of ≥ 2."""
    keep: list[Marker] = [c for c in cands if c.family not in _RUN_FAMILIES]
    by_family: dict[str, list[Marker]] = {}
    for c in cands:
        if c.family in _RUN_FAMILIES:
            by_family.setdefault(c.family, []).append(c)
    for fam, cs in by_family.items():
        run: list[Marker] = []
        for c in cs:
            ordinal = c.ordinal
            if c.is_last and run and c.start - run[-1].start <= _gap(run[-1], c) and not c.closing:
                c.ordinal = run[-1].ordinal + 1
                run.append(c)
                keep.extend(run) if len(run) >= 2 else None
                run = []
                continue
            if run and ordinal == run[-1].ordinal + 1 and c.start - run[-1].start <= _gap(run[-1], c):
                run.append(c)
                continue
            if len(run) >= 2:
                keep.extend(run)
            if ordinal == 1 and len(run) == 1 and run[0].line_start and not c.line_start:
                continue  # ``第一、`` opening a paragraph outranks an inline ``首先`` after it
            run = [c] if ordinal == 1 else []
        if len(run) >= 2:
            keep.extend(run)
    keep.sort(key=lambda c: c.start)
    return keep


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
        if c.family not in _RUN_FAMILIES or c.line_start:
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
    paras = _paragraphs(text)
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
        intro = _previous_paragraph(text, paras, mk.para)
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
    return (
        rows_frame(rows, OUTLINE_COLUMNS, dict.fromkeys(("item_id", "parent_id", "depth", "ordinal", "start", "end"), "Int64")),
        rows_frame(enums, ENUM_COLUMNS, dict.fromkeys(("enum_id", "parent_id", "n_items", "first_item", "announced", "start", "end"), "Int64")),
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
