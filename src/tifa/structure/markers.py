"""Markers of numbered lists: candidates in a text, and the runs that make them count.

Owns the genre's markers and their traps, passes 1 and 2 of the outline (see
:mod:`tifa.structure.outline`), and where a speech's parts and its appended matter begin:

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

Also unnumbered part headings above a numbered outline (:func:`part_headings`) and the start of
material appended after the speech (:func:`appendix_start`).  Must not touch: nesting, items'
spans and titles (:mod:`tifa.structure.outline`), announced counts
(:mod:`tifa.structure.enumerations`), tables.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..text.lines import is_title_like
from ..text.patterns import CLOSING_RE, CN_DAXIE, CN_DIGITS, cn_to_int

#: Largest gap (characters) between consecutive items of an inline run.
MAX_GAP = 1500
#: Largest gap between consecutive items of a run whose markers all open a paragraph
#: (``第一，全国动员…`` … ``第二，…`` with a whole sub-outline between them).
MAX_GAP_LINE = 20000

_N = f"[{CN_DIGITS}]{{1,3}}"
#: Characters a marker of a ``bounded`` family must follow (or open the line).
_BOUNDARY_CHARS = frozenset("\n。！？；：，、“”）")

#: Line-start markers: family, regex (group "n" = numeral), style.
_LINE_MARKERS = [
    # ``一、2020年工作回顾`` opens with a digit; only ``一.5`` (a decimal) is no marker
    ("cn_dun", re.compile(rf"^(?P<m>(?P<n>{_N})\s*(?:、|[.．](?!\d)))"), "cn_dun"),
    ("cn_daxie", re.compile(rf"^(?P<m>(?P<n>[{CN_DAXIE}]{{1,2}})\s*、)"), "cn_daxie"),  # 壹、貳、參、 (Taiwan's top parts)
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
    # …and 第一个关键词是…, 第一方面，…: a short noun between the ordinal and its 是
    ("ordinal_ge", re.compile(rf"(?P<m>第(?P<n>{_N})(?:个|句话|点|件事|方面|道|步|关))(?=[\u4e00-\u9fff]{{0,4}}?(?:就是|是)|[，,：:])"), "di_ge"),
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
RUN_FAMILIES = {"num_paren", "circled", "cn_shi", "cn_yao", "cn_kao", "cn_wei", "ordinal_word", "ordinal_ge", "fangmian"}

#: A dateline (2006年2月22日…), not a heading; 2006年的工作安排 is one.
_DATE_RE = re.compile(r"^\s*(?:\d{4}\s*年\s*\d{1,2}\s*月|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月)")


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
    after_closing: bool = False  #: ``最后`` after the speech's closing address (``同志们，…！`` ⏎ ``最后强调一点，…``): a postscript
    closing_here: bool = False  #: the closing formula in the marker's own paragraph
    opening: str = ""  #: the first words after an ordinal word (``首先，在“细”字上…`` → ``在“细”``), to tell an item from the closing


# --------------------------------------------------------------------------- candidates


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line of ``text`` (the newline excluded)."""
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


#: A speech's closing address to its audience (``同志们，作风整顿时间紧、任务重，…！``).
_CLOSING_ADDRESS_RE = re.compile(r"^\s*同志们[，,！!]")
#: How far around a ``最后`` the closing formula is looked for.
_CLOSING_SCAN = 1000


def candidates(text: str) -> list[Marker]:
    """Every marker-like token of ``text`` (before run validation)."""
    paras = paragraphs(text)
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
                    if family == "cn_paren":
                        out.extend(_run_on_parens(line, head, ps))
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
                out.append(Marker(s, s + len(marker_text), fam, st, n, marker_text, pi, not line[: m.start("m")].strip().strip("—")))  # ——第一， opens its paragraph
                out[-1].is_last = is_last
                if word:
                    out[-1].opening = line[m.end("m") :].lstrip("，,、：: ")[:3]
                if is_last:
                    # the closing formula near this 最后 (its paragraph, bounded: a text may have no breaks)
                    near = line[max(0, m.start() - _CLOSING_SCAN) : m.end() + _CLOSING_SCAN]
                    nxt = text[paras[pi + 1][0] : min(paras[pi + 1][1], paras[pi + 1][0] + _CLOSING_SCAN)] if pi + 1 < len(paras) else ""
                    out[-1].closing_here = bool(CLOSING_RE.search(near) or "谢谢" in near)
                    out[-1].closing = out[-1].closing_here or bool(CLOSING_RE.search(nxt))
                    prev = text[paras[pi - 1][0] : paras[pi - 1][1]] if pi and not line[: m.start("m")].strip() else ""
                    out[-1].after_closing = bool(_CLOSING_ADDRESS_RE.match(prev))
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


#: A bracketed numeral right after a sentence's end, inside a paragraph (…错字漏字。（二）抓好会议服务。).
_RUN_ON_PAREN_RE = re.compile(rf"(?<=[。；;！？])\s*(?P<m>[（(](?P<n>{_N})[)）])")


def _run_on_parens(line: str, head: Marker, ps: int) -> list[Marker]:
    """The items of a paragraph that opens with ``（一）`` and runs on with ``。（二）…。（三）…``:
    the next numbers in turn, each after a sentence's end (a page that lost its line breaks)."""
    out, want = [], (head.ordinal or 0) + 1
    for m in _RUN_ON_PAREN_RE.finditer(line, head.end - ps):
        if cn_to_int(m.group("n")) != want:
            break
        out.append(Marker(ps + m.start("m"), ps + m.end("m"), head.family, head.style, want, m.group("m"), head.para, False))
        want += 1
    return out


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
        and not line.startswith(("——", "—", "《"))
        and not (line.startswith("“") and line.rstrip("。！？!?").endswith("”"))  # a quotation alone, not “十五”时期的工作回顾
        and not (line.startswith(("（", "(")) and line.endswith(("）", ")")))  # a bracketed dateline or note
        and not line.endswith(("《", "“", "（"))
        and line.count("《") == line.count("》")
        and not _SALUTATION_RE.match(line)
        and not CLOSING_RE.search(line)
        and len(nxt) > len(line)
        and not nxt.startswith(tuple("，。、；：”）,.;:)的"))  # a fragment of a broken line
        and _ends_paragraph(text, paras, pi)
    )


def previous_paragraph(text: str, paras: list[tuple[int, int]], pi: int) -> str:
    """The last non-blank paragraph before line ``pi``, stripped ("" if there is none)."""
    for k in range(pi - 1, -1, -1):
        prev = text[paras[k][0] : paras[k][1]].strip()
        if prev:
            return prev
    return ""


def _ends_paragraph(text: str, paras: list[tuple[int, int]], pi: int) -> bool:
    """Does the paragraph before line ``pi`` end (sentence punctuation, or a heading)?"""
    prev = previous_paragraph(text, paras, pi)
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


#: Line-start list styles that may open a part's list (:func:`part_headings`).
_PART_LIST_FAMILIES = frozenset({"cn_dun", "cn_paren", "num_dot", "ordinal_word"})


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
    restarts, closing, any_restarts = [], [], []
    tops = sorted(tops, key=lambda m: m.para)
    # lists of any line-start style (第一， / （一） / 一、 / 1、) under parts of their own
    opens = sorted((m for m in markers if m.line_start and (m.family in _PART_LIST_FAMILIES)), key=lambda m: m.para)
    top_paras, open_paras = [m.para for m in tops], [m.para for m in opens]
    for k, pi in enumerate(lines):
        line = text[paras[pi][0] : paras[pi][1]].strip()
        if _CLOSING_HEADING_RE.match(line):
            closing.append(pi)
            continue
        next_line = lines[k + 1] if k + 1 < len(lines) else None
        if _opens_list_under(pi, next_line, tops, top_paras):
            restarts.append(pi)
        if _opens_list_under(pi, next_line, opens, open_paras):
            any_restarts.append(pi)
    found = restarts if len(restarts) >= 2 else []
    # a speech that opens with a part heading before any numbered heading is split into parts:
    # each heading line over a list opening at 1, whatever its style (广东 2006: 第一，… under the
    # first part, （一）… under the second, 一、… under the third; 甘肃 1993's last part over 1、…)
    if len(any_restarts) >= 2 and any_restarts[0] < heads[0].para and len(any_restarts) > len(found):
        found = any_restarts
    if found:  # trailing parts without a list of their own (``关于外交工作``)
        last_top = tops[-1].para
        found += [pi for pi in lines if pi > last_top and pi not in found and pi not in closing
                  and text[paras[pi][0] : paras[pi][1]].strip().startswith("关于")]
    found = sorted(set(found + closing))
    return [
        Marker(_text_start(text, paras, pi), _text_start(text, paras, pi), "heading", "heading", k + 1, "", pi, True)
        for k, pi in enumerate(found)
    ]


def _opens_list_under(pi: int, next_line: int | None, seq: list[Marker], seq_paras: list[int]) -> bool:
    """Is the first marker of ``seq`` (sorted by paragraph; ``seq_paras`` their paragraphs) after
    heading line ``pi`` a list's first item, with no other heading line (``next_line``, the next
    one) between them?"""
    j = bisect.bisect_right(seq_paras, pi)
    if j == len(seq):
        return False
    first = seq[j]
    return first.ordinal == 1 and (next_line is None or next_line >= first.para)


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
    paras = paragraphs(text) if paras is None else paras
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
    keep: list[Marker] = [c for c in cands if c.family not in RUN_FAMILIES]
    by_family: dict[str, list[Marker]] = {}
    for c in cands:
        if c.family in RUN_FAMILIES:
            by_family.setdefault(c.family, []).append(c)
    for fam, cs in by_family.items():
        run: list[Marker] = []
        for c in cs:
            ordinal = c.ordinal
            if c.is_last and c.after_closing:
                continue  # 同志们，…！ ⏎ 最后强调一点，…: a postscript after the closing, not the list's last item
            if c.is_last and run and run[-1].line_start and not c.line_start and not c.closing:
                continue  # an inline 最后 (…，最后坐在走廊里…) closes no run of paragraph-opening items
            alike = c.is_last and c.line_start and not c.closing_here and len(run) >= 2 and all(r.line_start for r in run) and all(
                r.opening and r.opening[:1] == c.opening[:1] for r in run
            )  # 首先，在“细”字上… 最后，在“暖”字上…: an item like the others, though the thanks follow it
            if c.is_last and run and c.start - run[-1].start <= _gap(run[-1], c) and (not c.closing or alike):
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

