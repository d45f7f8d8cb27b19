"""Formulations (提法), parallel constructions (排比), quotations and templates.

**Formulations** are numeral-led terms — ``四个意识``, ``三大职能``, ``六种意识``,
``五勤``, ``四心``, ``两本书`` — found inside or outside quotation marks.  Each
gets a ``kind``: a *formulation* names a set (it is quoted, known, or its
members are spelled out), a *count* just counts (``三点意见``, ``七个明显特点``).
Members are taken from wherever the speech spells them out: brackets after the
term, an apposition after ``即``/``：``/``就是``/``是``, the next sentence, or the
list or headings that follow (``“五勤”`` → 勤学, 勤修, …).

**Parallels** are runs of phrases or clauses sharing a frame: the same
opening (服务领导/服务机关/服务基层 → ``服务*``), the same ending
(领导满意/基层满意/群众满意 → ``*满意``) or a template with slots
(门难进/脸难看/话难听/事难办 → ``*难*``).

**Quotations** record who or what a speech cites; **templates** count the
fillers of slot patterns from ``data/lexicons/templates.txt`` plus the
frames that parallels reuse across the corpus.
"""
from __future__ import annotations

import bisect
import itertools

import re
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from ..config import LEXICONS
from ..errors import LexiconError
from ..frames import column_lists, rows_frame
from ..lexicon.lexicons import Known, dictionary, known_sense, load_known
from ..structure.outline import parse as parse_outline
from .parallels import PARALLEL_COLUMNS, find_parallels, parallels_table  # noqa: F401  (re-exported)
from ..text.patterns import CN_DIGITS, cn_to_int

FORMULA_COLUMNS = ["doc_id", "formula", "number", "head", "kind", "members", "members_source", "start", "end", "quoted", "known"]
QUOTE_COLUMNS = ["doc_id", "source", "source_type", "quote", "start", "end"]
TEMPLATE_COLUMNS = ["template", "filler", "count", "n_docs", "origin"]

_NUM = f"[{CN_DIGITS}两]"
#: Heads that only count things: a term with one of these is a *count*.
COUNT_HEADS = frozenset(
    "点 方面 个方面 问题 特点 涵义 含义 类型 类 原则 阶段 部分 环节 年 月 天 日 人 次 倍 同志 单位 部门 句话 句 件事 件 字 条 项 "
    "意见 要求 建议 看法 体会 感受 做法 措施 任务 目标 步 层 级 种类 家 所 位 名 份 篇 本 个 层次 手 下 项工作 大家 号 则 遍 "
    "话 主办单位 明显特点 省 市 县 区 乡 村 镇 届 期 周 小时 分钟 元 万 亿 千 百 百分点 成 页".split()
)
_CLASSIFIERS = "个|大|种|项|条|类|股|套|本|支"
_QUOTED_RE = re.compile(rf"[“\"](?P<f>(?P<n>{_NUM}{{1,2}}|双)(?P<rest>[\u4e00-\u9fff]{{1,8}}))[”\"]")
#: Province abbreviations: a numeral before one names a place (八闽, 三秦, 八桂, 三湘), not a set.
_PLACE_CHARS = set("沪渝冀晋辽皖闽赣鲁豫鄂湘粤琼蜀黔滇陕秦陇桂楚")
_OPEN_RE = re.compile(rf"(?<![第\d{CN_DIGITS}两零百千万亿几])(?P<f>(?P<n>{_NUM}{{1,2}})(?P<cls>{_CLASSIFIERS})(?P<rest>[\u4e00-\u9fff]{{1,6}}))")
_BRACKET_RE = re.compile(r"^\s*[（(](?P<m>[^（）()]{2,120})[)）]")
_APPOS_RE = re.compile(r"^[”\"]?(?:的[\u4e00-\u9fff]{0,6}[，,]?)?\s*(?:，|,)?\s*(?:即|就是|是指|是|指|包括|：|:)\s*[：:]?(?P<m>[^。；;！？\n]{2,200})")
_PREDICATE_RE = re.compile(r"是|作为|成为|仍然|已经|属于")
#: An apposition after the term's head noun, introduced by 即 or a colon (“五个一”工程，即…; “三不”原则：…).
_HEAD_APPOS_RE = re.compile(r"^[”\"]?[\u4e00-\u9fff]{1,4}[，,]?\s*(?:即|：|:)\s*(?P<m>[^。！？\n]{2,200})")
_STRIP = "“”\"'（）() "
_SPLIT_RE = re.compile(r"[、，,；;]|(?<=[\u4e00-\u9fff])(?:和|及|与|以及)(?=[\u4e00-\u9fff])")


_COMPOUND_NEXT = "一二三四五六七八九十两"  #: a numeral after a formulation makes it part of a longer one


def known_matches(text: str, name: str) -> list[int]:
    """Offsets where the known formulation ``name`` stands in ``text`` — not as the start of a
    longer numbered compound (``三保`` in ``三保三压``, ``两新`` in ``两新一重``)."""
    return all_known_matches(text, (name,))[name]


def all_known_matches(text: str, names: Iterable[str]) -> dict[str, list[int]]:
    """:func:`known_matches` of every name at once, in one scan of ``text`` for the names'
    first characters (a search per name would read the whole text once per name)."""
    out: dict[str, list[int]] = {name: [] for name in names}
    by_first: dict[str, list[str]] = {}
    for name in out:
        if name:
            by_first.setdefault(name[0], []).append(name)
    if not by_first:
        return out
    for m in re.finditer("[" + "".join(map(re.escape, by_first)) + "]", text):
        i = m.start()
        for name in by_first[text[i]]:
            if text.startswith(name, i):
                nxt = text[i + len(name) : i + len(name) + 1]
                if not nxt or nxt not in _COMPOUND_NEXT:
                    out[name].append(i)
    return out


# --------------------------------------------------------------------------- head words


def _head(rest: str) -> str:
    """The head noun of a formulation from the characters after numeral/classifier."""
    words = dictionary()
    # the longest dictionary word at the start, then one more if it makes a compound (明显特点)
    best = ""
    for k in range(min(len(rest), 6), 0, -1):
        if rest[:k] in words or k == 1:
            best = rest[:k]
            break
    nxt = ""
    for k in range(min(len(rest) - len(best), 4), 1, -1):
        cand = rest[len(best) : len(best) + k]
        if cand in words:
            nxt = cand
            break
    if best in COUNT_HEADS or best in _FUNCTION_HEADS:
        return best
    if nxt and len(best) == 2 and len(nxt) == 2 and (_is_adjectival(best) or not _VERBISH.match(nxt)):
        return best + nxt
    return best


_FUNCTION_HEADS = frozenset("的 了 是 和 在 之 与 及 或 也 都 就 要 会 能 把 被 对 为 以 于".split())
_VERBISH = re.compile(r"^(?:是|要|在|有|没|不|就|把|对|为|和|与|及|等|的|了|中|上|下|里|来|去|做|抓|讲|看|进行|加强|提高|发挥|实现|坚持|推进|确保|作为|成为|都|也|还|即|又)")


def _is_adjectival(w: str) -> bool:
    return w in {"明显", "重要", "主要", "基本", "突出", "显著", "根本", "鲜明", "核心", "关键", "具体", "新的", "大的"}


# --------------------------------------------------------------------------- formulations


def _split_members(s: str) -> list[str]:
    parts = [p.strip(" “”\"'（）()") for p in _SPLIT_RE.split(s)]
    return [p for p in parts if p]


def _abbreviate(item: str, head: str) -> str:
    """``勤学增才`` → ``勤学`` for 五勤; ``要有忠心`` → ``忠心`` for 四心; else the item."""
    item = item.strip()
    if len(head) != 1 or head not in item:
        return item
    words = dictionary()
    i = item.find(head)
    after = item[i : i + 2]
    before = item[max(0, i - 1) : i + 1]
    if i == 0 and len(after) == 2 and (len(item) == 4 or after in words):
        return after  # 勤学增才 → 勤学
    if i > 0 and (before in words or i == len(item) - 1):
        return before  # 要有忠心 → 忠心
    if i > 0 and len(after) == 2:
        return after  # 要提升能说的能力 → 能说
    return item


_LEAD_VERBS = re.compile(r"^(?:牢固树立|树立|增强|强化|坚持|做到|提高|加强|要有|具有|培养|提升|做好)")


def _trim_member(item: str, head: str) -> str:
    """``树立政治意识`` → ``政治意识`` when the formulation's head is ``意识``."""
    if len(head) >= 2 and item.endswith(head):
        trimmed = _LEAD_VERBS.sub("", item)
        if len(trimmed) > len(head):
            return trimmed
    return item


def _member_phrase(title: str) -> str:
    """A list item's title reduced to its first clause, without leading 要/要有/是."""
    t = re.split(r"[，,。；;：:]", title, maxsplit=1)[0]
    t = re.sub(r"^(?:要有|要做到|是|就是)", "", t)
    return t.strip("“”\" ")


def _not_a_set(text: str, start: int, raw: str, num: str, rest: str) -> bool:
    """A numeral that is part of a name, a streak or a longer word, not a formulation: 六连优, 三连冠
    (an achievement streak); 八闽大地, 三秦, 八桂 (a place's numeral nickname); 第三通道 (an ordinal
    inside a word)."""
    if rest.startswith("连") and num != "双":
        return True
    if len(rest) >= 1 and rest[0] in _PLACE_CHARS and (len(rest) == 1 or rest[1] not in "个大种项条类"):
        return True
    before = text[start - 1 : start]
    return before == "第" or (before and before in CN_DIGITS + "两几")


def find_formulas(doc_id: str, text: str, *, known: dict[str, Known] | None = None, year: int | None = None) -> pd.DataFrame:
    """Numeral-led formulations and counts of one document, with members (``year``: when the
    document was given, to pick the knowledge base's version of a term)."""
    known = load_known() if known is None else known
    items = parse_outline(text)
    lists = _lists(items)
    rows = []
    cands: list[tuple[int, int, str, str, str, bool]] = []
    for m in _QUOTED_RE.finditer(text):
        cands.append((m.start("f"), m.end("f"), m.group("f"), m.group("n"), m.group("rest"), True))
    for m in _OPEN_RE.finditer(text):
        cands.append((m.start("f"), m.end("f"), m.group("f"), m.group("n"), m.group("cls") + m.group("rest"), False))
    for word, offsets in all_known_matches(text, known).items():
        # known formulations wherever the numeral stands (和平共处五项原则) or with none (新发展理念)
        k = known[word]
        for at in offsets:
            quoted = at > 0 and text[at - 1] in "“\""
            cands.append((at, at + len(word), word, str(k.number), "", quoted))
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    covered = -1  # candidates come by start: one inside a taken span starts before the furthest end
    for start, end, raw, num, rest, quoted in cands:
        if start < covered:
            continue
        if raw not in known and _not_a_set(text, start, raw, num, rest):
            continue
        if raw in known and text[start - 1 : start] == "第":
            continue  # 第三通道 is no 三通
        number = 2 if num == "双" else cn_to_int(num)
        if not number or (number > 20 and raw not in known) or (number == 1 and raw not in known):
            continue
        if num.isdigit() and raw in known:  # a known formulation, as listed
            formula, head = raw, known[raw].head
        else:
            formula, head = _normalise(raw, num, rest, quoted, known)
        if not formula:
            continue
        end = start + len(formula)
        covered = max(covered, end)
        k = known.get(formula)
        members, source = _members(text, start, end, number, head, items, lists, k, year=year)
        kind = _kind(formula, head, quoted, bool(k), members, source)
        rows.append(
            (doc_id, formula, number, head, kind, "|".join(members), source or "", start, end, quoted, bool(k))
        )
    return rows_frame(_consistent(rows), FORMULA_COLUMNS, {"number": "int64", "start": "int64", "end": "int64", "quoted": bool, "known": bool})


def _normalise(raw: str, num: str, rest: str, quoted: bool, known: dict[str, Known]) -> tuple[str, str]:
    if raw in known:
        return raw, known[raw].head
    for k in sorted(known, key=len, reverse=True):
        if raw.startswith(k) and not (quoted and raw[len(k) : len(k) + 1] in _COMPOUND_NEXT):
            return k, known[k].head  # “三通一码” is a term of its own, not 三通
    if quoted:
        cls = re.match(_CLASSIFIERS, rest)
        head = rest[cls.end():] if cls else rest
        return raw, head or rest
    cls = re.match(_CLASSIFIERS, rest)
    after = rest[cls.end() :] if cls else rest
    head = _head(after)
    if not head or not re.match(r"[\u4e00-\u9fff]", head) or head in _FUNCTION_HEADS:
        return "", ""
    if cls and cls.group() == "大" and (cn_to_int(num) or 0) >= 10:
        return "", ""  # 十九大, 二十大: a party congress, not a formulation
    return num + (cls.group() if cls else "") + head, head


def _kind(formula: str, head: str, quoted: bool, known: bool, members: list[str], source: str | None) -> str:
    if known or quoted:
        return "formulation"  # a quoted term is a term, whatever its head
    if head == "字" and members and source == "list_before":
        return "formulation"  # “巩固、增强、提升、畅通”八个字: the characters name a set
    if head in COUNT_HEADS or any(head.endswith(h) and len(h) > 1 for h in ("方面", "特点", "问题", "意见", "要求", "原则")):
        return "count"
    if quoted or (members and source in ("brackets", "apposition", "next_sentence", "list", "list_before", "named", "headings", "heads", "elsewhere")):
        return "formulation"
    return "count"


_MARKER_START = re.compile(rf"^[{CN_DIGITS}][是要为靠]|^第[{CN_DIGITS}]")


def _appos_parts(body: str, number: int) -> list[str] | None:
    """Members in an apposition: a 、-list up to the first comma, else the clause."""
    first = re.split(r"[，,。；;]", body, maxsplit=1)[0]
    parts = _split_members(first)
    if len(parts) == number:
        return parts
    parts = _split_members(re.split(r"[。；;]", body, maxsplit=1)[0])
    if len(parts) == number:
        return parts
    # 即A，B，这是…: the members, then a demonstrative resumes the sentence
    if len(parts) > number and re.match(r"^(?:这|此|它|其|以上)", parts[number]):
        return parts[:number]
    return None


def _lists(items) -> tuple:
    """The outline's lists (runs of sibling items) in text order and their first offsets; every
    item's offset; the lists' last-item offsets, sorted, with the list each belongs to — what
    :func:`_members` bisects instead of scanning."""
    groups: dict[int, list] = {}
    for it in items:
        groups.setdefault(it.enum_key, []).append(it)
    ordered = sorted(groups.values(), key=lambda g: g[0].start)
    lasts = sorted((g[-1].start, i) for i, g in enumerate(ordered))
    return ordered, [g[0].start for g in ordered], [it.start for it in items], [a for a, _ in lasts], [i for _, i in lasts]


def _members(
    text: str, start: int, end: int, number: int, head: str, items, lists: tuple, known: Known | None = None, *, year: int | None = None
) -> tuple[list[str], str | None]:
    """Members spelled out beside the term first; for a known term, the knowledge base's members
    of the sense the context agrees with when the text gives none (or what it gives shares nothing
    with any sense and comes from further away)."""
    members, source = _members_in_text(text, start, end, number, head, items, lists)
    if known is None:
        return members, source
    senses = [s for s in (known, *known.senses) if s.members]
    near = source in ("brackets", "apposition", "list_before", "named", "heads") or (
        bool(members) and members[0][:4] in text[end : end + 60]  # 两个结合。一是集中听讲与个人自学相结合…
    )
    shares = any(any(_same_member(m, x) for m in members for x in s.members) for s in senses)
    if members and (near or shares or not senses):
        return members, source
    sense = known_sense(known, text[max(0, start - 12) : end + 24], year)
    if sense is not None and sense.members:
        return list(sense.members), "lexicon"
    return [], None


def _lead_off(first: str, width: int) -> str:
    """``first`` without the leading verbs that govern a list (建强用好|产业, 开展|高新区)."""
    from ..tokens.segment import shared_segmenter

    words = shared_segmenter().tag(first)
    while len(words) > 1 and (words[0][1].startswith(("v", "d", "p")) or (words[0][1] == "a" and len(words[0][0]) == 1)) and sum(len(w) for w, _ in words[1:]) >= 2:
        words = words[1:]
    return "".join(w for w, _ in words)


def _same_member(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 2 and (a in b or b in a))


def _members_in_text(text: str, start: int, end: int, number: int, head: str, items, lists: tuple) -> tuple[list[str], str | None]:
    after = text[end : end + 400]
    clean = lambda parts: [_trim_member(_abbreviate(p, head), head) for p in parts]  # noqa: E731
    m = _BRACKET_RE.match(after.lstrip("”\""))
    if m:
        parts = _split_members(m.group("m"))
        if len(parts) == number:
            return clean(parts), "brackets"
    # a list right before, joined to the term by 的: 改革开放大突破、…、区域发展大跨越的四大奋斗目标
    before = text[max(0, start - 240) : start].rstrip("“\"")
    if before.endswith("的"):
        clause = re.split(r"[，,。；;：:！？!?\n]", before[:-1])[-1]
        parts = [p.strip(_STRIP).removesuffix("的") for p in _split_members(clause)]  # 敌我之间的和人民内部的
        if parts:
            lead = re.split(r"了|的|把|将|关于|按照|对于", parts[0])[-1].strip(_STRIP)  # 我们先后进行了|土地改革
            parts[0] = lead if len(lead) >= 2 else parts[0]
            hi = max(map(len, parts[1:]), default=0)
            if hi and len(parts[0]) > hi + 2:  # 要善于分辨敌我之间|人民内部: the lead-in runs on
                parts[0] = parts[0][-hi:]
        # the list must be all the clause holds: 工业和农业是国民经济的两个主要部门 is a sentence
        if len(parts) == number and all(2 <= len(p) <= 24 for p in parts) and not _PREDICATE_RE.search(parts[-1]):
            return clean(parts), "list_before"
    elif head == "字" and before.endswith("”") and "“" in before[-80:]:
        # “巩固、增强、提升、畅通”八个字: the quoted words, as many characters as the numeral says
        parts = before[before.rindex("“") + 1 : -1].split("、")
        if len(parts) >= 2 and sum(map(len, parts)) == number:
            return parts, "list_before"
    elif re.search(r"[\u4e00-\u9fff]$", before):
        # a 、-list right before the term (优土、优种、优产、优储、优销“五优联动”; 产业、科技、服务业三支招商队伍)
        clause = re.split(r"[，,。；;：:！？!?\n（(]", before)[-1]
        parts = _split_members(clause)
        if len(parts) == number and len(parts) >= 2 and all(parts):
            hi = max(map(len, parts[1:]))
            if len(parts[0]) > hi:  # 强化|优土, 建强用好|产业, 开展|高新区: the governing verb goes
                parts[0] = _lead_off(parts[0], hi)
            if all(1 <= len(p) <= 12 for p in parts) and not any(_PREDICATE_RE.search(p) for p in parts):
                return parts, "list_before"
    # the list or headings that follow closely, inside the same section
    ordered, firsts, item_starts, last_starts, by_last = lists
    # the deepest item around ``start``: the last item opened before it, or the nearest of its
    # ancestors that is still open (items nest, in text order)
    container = None
    at = bisect.bisect_right(item_starts, start)
    node = items[at - 1] if at else None
    while node is not None:
        if start < node.end:
            container = node
            break
        node = node.parent
    k = bisect.bisect_left(firsts, end)
    # a list just before: 一要靠…二要靠… 围绕这“两靠” — its last item opened at most 150 characters
    # before and is still open; of several, the one that began last
    lo, hi = bisect.bisect_left(last_starts, start - 150), bisect.bisect_left(last_starts, start)
    for li in sorted((by_last[j] for j in range(lo, hi) if by_last[j] < k), reverse=True):
        members = ordered[li]
        last = members[-1]
        if last.start < start < last.end and start <= last.start + 150 and len(members) == number:
            if not any(it.marker.line_start for it in members):
                return clean([_member_phrase(it.title) for it in members]), "list_before"
    for members in ordered[k:]:
        first = members[0]
        same_section = first.parent is container or (container is None and first.depth == 1)
        if same_section and first.start - end <= 300 and len(members) == number:
            phrases = [_member_phrase(it.title) for it in members]
            if len(set(phrases)) < len(phrases):
                phrases = [it.title for it in members]
            source = "headings" if first.marker.line_start and first.depth == 1 else "list"
            return clean(phrases), source
        break
    if len(head) == 1 and number >= 2:
        units = [u for u in re.split(r"[；;。]", after.lstrip("”\"，,：:"))][:number]
        got = []
        for u in units:
            first = re.split(r"[，,]", u, maxsplit=1)[0]
            k = first.find(head, 1)
            if k < 0 or k + 3 > len(first):
                break
            got.append(first[k : k + 3])
        if len(got) == number and len(set(got)) == number:
            return got, "heads"
    m = _APPOS_RE.match(after)
    if m:
        parts = _appos_parts(m.group("m"), number)
        if parts and not any(_MARKER_START.match(p) for p in parts):
            return clean(parts), "apposition"
    m = _HEAD_APPOS_RE.match(after)  # “五个一”工程，即建立一套制度、…; “三不”原则：不该说的不说，…
    if m:
        parts = _appos_parts(m.group("m"), number)
        if parts and not any(_MARKER_START.match(p) for p in parts):
            return [p.strip(_STRIP) for p in parts], "apposition"  # whole phrases: nothing to abbreviate
    # names given one by one: 一本书叫“有字之书”…另一本书叫“无字之书”
    para_end = text.find("\n", end, end + 400)
    para = text[end : para_end if para_end >= 0 else end + 400]
    named = re.findall(r"(?:叫做|叫|称为|称作|就是)“([^”]{1,10})”", para)
    if len(named) == number:
        return named, "named"
    # the next sentence, when it is a list of exactly `number` short phrases
    stop = re.search(r"[。！？；]", after)
    if stop:
        nxt = re.match(r"[^。！？\n]{2,200}", after[stop.end() :])
        if nxt:
            parts = _split_members(nxt.group())
            if len(parts) == number and all(len(p) <= 8 for p in parts) and not any(_MARKER_START.match(p) for p in parts):
                return clean([re.sub(r"^(?:要|要求)", "", p) for p in parts]), "next_sentence"
    return [], None


def _consistent(rows: list[tuple]) -> list[list]:
    """Within a document, a formulation is one: same kind, members shared by all its mentions."""
    out = [list(r) for r in rows]
    by_formula: dict[str, list[list]] = {}
    for r in out:
        by_formula.setdefault(r[1], []).append(r)
    for group in by_formula.values():
        if any(r[4] == "formulation" for r in group):
            for r in group:
                r[4] = "formulation"
        spelled = next((r for r in group if r[5] != ""), None)
        if spelled is not None:
            for r in group:
                if r[5] == "":
                    r[5], r[6] = spelled[5], "elsewhere"
    return out


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


# --------------------------------------------------------------------------- corpus tables


def formulas_table(docs: pd.DataFrame) -> pd.DataFrame:
    known = load_known()
    dates = docs["date"] if "date" in docs else [None] * len(docs)
    years = [int(str(x)[:4]) if x is not None and str(x)[:4].isdigit() else None for x in dates]
    frames = [find_formulas(d, t, known=known, year=y) for d, t, y in zip(docs["doc_id"], docs["text"], years)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=FORMULA_COLUMNS)


def quotes_table(docs: pd.DataFrame) -> pd.DataFrame:
    frames = [find_quotes(d, t) for d, t in zip(docs["doc_id"], docs["text"])]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=QUOTE_COLUMNS)


def load_templates(path: Path | None = None) -> list[str]:
    path = Path(path or LEXICONS / "templates.txt")
    out = []
    for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        q = line.split("#", 1)[0].strip()
        if not q:
            continue
        if "*" not in q:
            raise LexiconError(f"{path}:{i}: a template needs at least one '*' slot: {q!r}")
        out.append(q)
    return out


def templates_table(
    docs: pd.DataFrame, sents: pd.DataFrame, *, parallels: pd.DataFrame | None = None, templates: Iterable[str] | None = None, min_count: int = 1
) -> pd.DataFrame:
    """Fillers of slot templates across the corpus, with counts and document counts."""
    from ..text.kwic import kwic

    if "duplicate_of" in docs:  # a repeated article would count its phrases twice
        docs = docs[docs["duplicate_of"].isna()]
        sents = sents[sents["doc_id"].isin(set(docs["doc_id"]))]
        if parallels is not None:
            parallels = parallels[parallels["doc_id"].isin(set(docs["doc_id"]))]
    rows = []
    for q in templates if templates is not None else load_templates():
        hits = kwic(docs, sents, q)
        if hits.empty:
            continue
        g = hits.groupby("slots").agg(count=("doc_id", "size"), n_docs=("doc_id", "nunique")).reset_index()
        for filler, c, nd in zip(g["slots"], g["count"], g["n_docs"]):
            rows.append((q, filler, int(c), int(nd), "lexicon"))
    if parallels is not None and len(parallels):
        for frame, g in parallels.groupby("frame"):
            fillers: dict[str, set] = {}
            counts: dict[str, int] = {}
            rx = re.compile("^" + "(.+?)".join(re.escape(p) for p in frame.split("*")) + "$")
            for d, members in zip(g["doc_id"], g["members"]):
                for mem in members.split("|"):
                    m = rx.match(mem)
                    if m:
                        f = "|".join(x for x in m.groups())
                        counts[f] = counts.get(f, 0) + 1
                        fillers.setdefault(f, set()).add(d)
            for f, c in counts.items():
                rows.append((frame, f, c, len(fillers[f]), "parallels"))
    df = pd.DataFrame(rows, columns=TEMPLATE_COLUMNS)
    df = df[df["count"] >= min_count]
    return df.sort_values(["template", "count", "filler"], ascending=[True, False, True], kind="stable").reset_index(drop=True)


def formula_matrix(formulas: pd.DataFrame, docs: pd.DataFrame) -> pd.DataFrame:
    """Speech × formulation counts, with which formulations are one source's coinage."""
    f = formulas[formulas["kind"] == "formulation"]
    if f.empty:
        return pd.DataFrame()
    src = dict(zip(docs["doc_id"], docs["source"]))
    m = f.pivot_table(index="formula", columns="doc_id", values="start", aggfunc="count", fill_value=0)
    known = f.groupby("formula")["known"].any()
    n_sources = f.assign(source=f["doc_id"].map(src)).groupby("formula")["source"].nunique()
    m.insert(0, "n_docs", (m > 0).sum(axis=1))
    m.insert(1, "n_sources", n_sources)
    m.insert(2, "known", known)
    m.insert(3, "coinage", (~known) & (n_sources == 1))
    return m.sort_values(["n_docs", "formula"], ascending=[False, True])


# --------------------------------------------------------------------------- mined templates

MINED_COLUMNS = ["template", "filler", "count", "n_docs", "example", "doc_id", "start", "end",
                 "template_docs", "template_speakers", "template_fillers"]
_CLAUSE_RE = re.compile(r"[^，,；;：:。！？!?\n“”‘’（）()《》—]+")
_FIGURE_RE = re.compile(r"[0-9０-９%％.．]|[亿万千百]元|[亿万]吨|[亿万]人|公里|美元")
#: Frame ends too common to make a template alone (a clause starting with 的 or ending in 了 is no frame).
_WEAK_FRAME = set("的了是和与及或在对把被而且并也都就又还要我这个一不有")


def mine_templates(
    docs: pd.DataFrame,
    sents: pd.DataFrame,
    *,
    min_fillers: int = 3,
    min_docs: int = 2,
    max_filler: int = 8,
) -> pd.DataFrame:
    """Recurring clause frames mined from the corpus (``在*上下功夫``, ``坚持*不动摇``, ``要有*意识``).

    Every clause (text between punctuation) of 3–20 characters is read as
    *opening* + *filler* + *ending*, with an opening of 1–3 and an ending of
    1–4 characters.  A frame is kept when at least ``min_fillers`` different
    fillers fill it in at least ``min_docs`` speeches; figures never fill or
    frame it, and a frame is dropped when a more specific one (a longer
    opening or ending) covers nearly all of its uses.  Templates are ranked by
    how many speeches and speakers use them (``speaker`` from metadata, else the
    source file); each filler comes with its count and its first sentence,
    traceable by ``doc_id``/``start``/``end``.  Duplicated articles count once.
    """
    if "duplicate_of" in docs:
        docs = docs[docs["duplicate_of"].isna()]
    keep_docs = set(docs["doc_id"])
    speaker_of = dict(zip(docs["doc_id"], docs["speaker"] if "speaker" in docs else docs["source"]))
    uses: dict[tuple[str, str], dict[str, list]] = {}
    cut = dictionary().compiled.cut  # frames end at word boundaries (no 提*质量 out of 提高质量)
    for d, s0, text in zip(*column_lists(sents, "doc_id", "start", "text")):
        if d not in keep_docs:
            continue
        for m in _CLAUSE_RE.finditer(text):
            c = m.group().strip(_STRIP)
            n = len(c)
            if not 3 <= n <= 20 or _FIGURE_RE.search(c):
                continue
            lead = m.start() + (len(m.group()) - len(m.group().lstrip(_STRIP)))
            bounds = set(itertools.accumulate(map(len, cut(c, False))))
            for p in (1, 2, 3):
                if p not in bounds:
                    continue
                for q in (1, 2, 3, 4):
                    f = n - p - q
                    if f >= 1 and (n - q) not in bounds:
                        continue
                    if f < 1:
                        break
                    if f > max_filler:
                        continue
                    # a one-character end that is a function word frames only with a long other end
                    if (p == 1 and c[0] in _WEAK_FRAME and q < 3) or (q == 1 and c[-1] in _WEAK_FRAME and p < 3):
                        continue
                    fillers = uses.setdefault((c[:p], c[n - q :]), {})
                    fillers.setdefault(c[p : n - q], []).append((d, int(s0) + lead, int(s0) + lead + n, text))
    frames = {}
    for key, fillers in uses.items():
        if len(fillers) < min_fillers:
            continue
        occ = [o for os_ in fillers.values() for o in os_]
        ndocs = len({o[0] for o in occ})
        if ndocs >= min_docs:
            frames[key] = (fillers, len(occ), ndocs)
    # drop a frame when a more specific one accounts for ≥ 90 % of its uses
    general = set()
    for (a, b), (_, count, _) in frames.items():
        for (a2, b2) in ((a[:-1], b), (a, b[1:])):
            if (a2, b2) in frames and a2 and b2 and count >= 0.9 * frames[(a2, b2)][1]:
                general.add((a2, b2))
    rows = []
    for (a, b), (fillers, count, ndocs) in frames.items():
        if (a, b) in general:
            continue
        speakers = len({speaker_of.get(o[0]) for os_ in fillers.values() for o in os_})
        for filler, os_ in fillers.items():
            d, s, e, sentence = os_[0]
            rows.append((f"{a}*{b}", filler, len(os_), len({o[0] for o in os_}), sentence, d, s, e, ndocs, speakers, len(fillers)))
    df = pd.DataFrame(rows, columns=MINED_COLUMNS)
    return df.sort_values(
        ["template_docs", "template_speakers", "template_fillers", "template", "count", "filler"],
        ascending=[False, False, False, True, False, True], kind="stable",
    ).reset_index(drop=True)
