"""Formulations (提法): numeral-led terms, their heads and kinds, and the corpus tables of them.

**Formulations** are numeral-led terms — ``四个意识``, ``三大职能``, ``六种意识``, ``五勤``,
``四心``, ``两本书`` — found inside or outside quotation marks, and the knowledge base's terms
wherever they stand (``和平共处五项原则``, ``新发展理念``: :func:`all_known_matches`).  Each gets
a ``kind``: a *formulation* names a set (it is quoted, known, or its members are spelled out), a
*count* just counts (``三点意见``, ``七个明显特点``).  This module owns :func:`find_formulas`,
:func:`formulas_table`, :func:`formula_matrix` (speech × formulation, with coinages),
:data:`FORMULA_COLUMNS` and :data:`COUNT_HEADS`; and what is no set (a streak 六连优, a place's
nickname 八闽, an ordinal inside a word 第三通道).

Where the members come from is :mod:`.formulation_members`' business, and the knowledge base
(its terms, senses and versions) is :mod:`tifa.lexicon.lexicons`': this module must not read
lists or appositions itself, nor edit the knowledge base.  :func:`all_known_matches` scans the
text once for the names' first characters instead of once per name (the knowledge base has
hundreds of names; a search per name read the text that many times).
"""
from __future__ import annotations

import re
from typing import Iterable

import pandas as pd

from ..frames import rows_frame
from ..lexicon.lexicons import Known, dictionary, load_known
from ..structure.outline import parse as parse_outline
from ..text.patterns import CN_DIGITS, cn_to_int
from ..text.places import PROVINCE_SHORT_NAMES
from .compound_terms import compound_count, compound_counts
from .formulation_members import find_compound_members, find_members, outline_lists
from .members_elsewhere import members_anywhere


FORMULA_COLUMNS = ["doc_id", "formula", "number", "head", "kind", "members", "members_source", "start", "end", "quoted", "known"]

_NUM = f"[{CN_DIGITS}两]"
#: Heads that only count things: a term with one of these is a *count*.
COUNT_HEADS = frozenset(
    "点 方面 个方面 问题 特点 涵义 含义 类型 类 原则 阶段 部分 环节 年 月 天 日 人 次 倍 同志 单位 部门 句话 句 件事 件 字 条 项 "
    "意见 要求 建议 看法 体会 感受 做法 措施 任务 目标 步 层 级 种类 家 所 位 名 份 篇 本 个 层次 手 下 项工作 大家 号 则 遍 "
    "话 主办单位 明显特点 省 市 县 区 乡 村 镇 届 期 周 小时 分钟 元 万 亿 千 百 百分点 成 页 事 实事 民生实事 好事".split()
)
_CLASSIFIERS = "个|大|种|项|条|类|股|套|本|支|句|件"
_QUOTED_RE = re.compile(
    rf"[“\"「『](?P<f>(?P<n>{_NUM}{{1,2}}|双)(?P<rest>[\u4e00-\u9fff]{{1,8}}(?:、{_NUM}(?:{_CLASSIFIERS})[\u4e00-\u9fff]{{1,5}}){{0,3}}))[”\"」』]"
)  # “三项政策、一项改革”: parts a 、 apart, each with its numeral and classifier
#: Province abbreviations: a numeral before one names a place (八闽, 三秦, 八桂, 三湘), not a set.
#: Provinces whose names open with a numeral (四川).
_NUMERAL_PROVINCES = tuple(p for p in PROVINCE_SHORT_NAMES if p[0] in CN_DIGITS)
_PLACE_CHARS = set("沪渝冀晋辽皖闽赣鲁豫鄂湘粤琼蜀黔滇陕秦陇桂楚")
_OPEN_RE = re.compile(rf"(?<![第\d{CN_DIGITS}两零百千万亿几])(?P<f>(?P<n>{_NUM}{{1,2}})(?P<cls>{_CLASSIFIERS})(?P<rest>[\u4e00-\u9fff]{{1,6}}))")


#: A numeral and classifier right before a quoted term (三个|“十条”).
_COUNTED_QUOTE_RE = re.compile(rf"(?<![第\d{CN_DIGITS}两])({_NUM}{{1,2}})(个|项|种)$")
#: A count of a quoted word (三个“到位”, 两个“毫不动摇”, 四个“一批”… not 三个“十条”, which counts a numbered term).
_COUNT_OF_QUOTED_RE = re.compile(rf"(?<![第\d{CN_DIGITS}两])(?P<n>{_NUM}{{1,2}})(?P<cls>个|种|项|条|道)[“\"](?P<h>[^{CN_DIGITS}两\d“”\"\W][\u4e00-\u9fff]{{0,5}})[”\"]")
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
    tail = rest[len(best) : len(best) + 1]
    if len(best) >= 2 and tail and tail in _PLACE_SUFFIXES and rest[len(best) : len(best) + 2] not in words:
        return best + tail  # 三条文化|带, 两大科学|城 (not 中心|城市): a belt, zone or corridor the words name
    if nxt and len(best) == 2 and len(nxt) == 2 and (_is_adjectival(best) or not _VERBISH.match(nxt)):
        return best + nxt
    if nxt and len(best) == 3 and len(nxt) == 2 and _ATTRIBUTIVE_HEAD_RE.search(best) and not _VERBISH.match(nxt):
        return best + nxt  # 三大标志性|战役, 八大高耗能|行业: an attribute is no head of its own
    return best


#: Three-character words that qualify a head rather than name one (标志性, 高耗能, 外向型).
_ATTRIBUTIVE_HEAD_RE = re.compile(r"[性型式]$|^[高低]")
_FUNCTION_HEADS = frozenset("的 了 是 和 在 之 与 及 或 也 都 就 要 会 能 把 被 对 为 以 于".split())
#: One-character nouns of a place or line that end a term's head (文化带, 科学城, 经济圈, 创新走廊's 廊).
_PLACE_SUFFIXES = frozenset("带 圈 廊 城 湾 谷 港 轴 极")
_VERBISH = re.compile(r"^(?:是|要|在|有|没|不|就|把|对|为|和|与|及|等|的|了|中|上|下|里|内|外|间|来|去|做|抓|讲|看|进行|加强|提高|发挥|实现|坚持|推进|确保|作为|成为|都|也|还|即|又)")


def _is_adjectival(w: str) -> bool:
    return w in {"明显", "重要", "主要", "基本", "突出", "显著", "根本", "鲜明", "核心", "关键", "具体", "新的", "大的"}


def _not_a_set(text: str, start: int, raw: str, num: str, rest: str) -> bool:
    """A numeral that is part of a name, a streak or a longer word, not a formulation: 六连优, 三连冠
    (an achievement streak); 八闽大地, 三秦, 八桂 (a place's numeral nickname); 第三通道 (an ordinal
    inside a word)."""
    if rest.startswith("连") and num != "双":
        return True
    if raw.startswith(_NUMERAL_PROVINCES):
        return True  # “四川省科创通”: a province's name, not a numeral
    if len(rest) >= 1 and rest[0] in _PLACE_CHARS and (len(rest) == 1 or rest[1] not in "个大种项条类"):
        return True
    before = text[start - 1 : start]
    return before == "第" or (before and before in CN_DIGITS + "两几")


def find_formulas(doc_id: str, text: str, *, known: dict[str, Known] | None = None, year: int | None = None) -> pd.DataFrame:
    """Numeral-led formulations and counts of one document, with members (``year``: when the
    document was given, to pick the knowledge base's version of a term)."""
    known = load_known() if known is None else known
    items = parse_outline(text)
    lists = outline_lists(items)
    rows = []
    cands: list[tuple[int, int, str, str, str, bool]] = []
    for m in _QUOTED_RE.finditer(text):
        cands.append((m.start("f"), m.end("f"), m.group("f"), m.group("n"), m.group("rest"), True))
        counted = _COUNTED_QUOTE_RE.search(text, max(0, m.start() - 3), m.start())
        if counted:  # 大气、水、土壤污染防治三个“十条”: a count of the quoted term is the term
            cands.append((counted.start(), m.end(), text[counted.start() : m.end()], counted.group(1), counted.group(2) + m.group("f"), True))
    for m in _COUNT_OF_QUOTED_RE.finditer(text):  # 叫做三个“到位”：想到位、做到位、跟到位
        cands.append((m.start(), m.end(), m.group(), m.group("n"), m.group("cls") + m.group("h"), True))
    for m in _OPEN_RE.finditer(text):
        cands.append((m.start("f"), m.end("f"), m.group("f"), m.group("n"), m.group("cls") + m.group("rest"), False))
    for word, offsets in all_known_matches(text, known).items():
        # known formulations wherever the numeral stands (和平共处五项原则) or with none (新发展理念)
        k = known[word]
        for at in offsets:
            quoted = at > 0 and text[at - 1] in "“\"「『"
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
        if quoted and raw not in known and number:
            if "、" in raw and not re.match(rf"{_NUM}{{1,2}}(?:{_CLASSIFIERS})", raw):
                continue  # “一区域一策、一类群体一策…”: slogans in a row, no counted set
            number = compound_count(raw) or number  # “四不两直” six, “三会一课” four, “三项政策、一项改革” four
        if not number or (number > 20 and raw not in known) or (number == 1 and raw not in known):
            continue
        if num.isdigit() and raw in known:  # a known formulation, as listed
            formula, head = raw, known[raw].head
        else:
            formula, head = _normalise(raw, num, rest, quoted, known, ahead=text[start + len(num) : start + len(num) + 14])
        if not formula:
            continue
        end = start + len(formula)
        covered = max(covered, end)
        k = known.get(formula) or known.get(re.sub(r"[“”\"]", "", formula))  # 两个“毫不动摇” is 两个毫不动摇
        if k is None and quoted and len(counts := compound_counts(formula)) > 1:  # 一稿三审: three, not four
            number, members, source = find_compound_members(text, start, end, counts, head, items, lists)
        else:
            members, source = find_members(text, start, end, number, head, items, lists, k, year=year)
        kind = _kind(formula, head, quoted, bool(k), members, source)
        rows.append(
            (doc_id, formula, number, head, kind, "|".join(members), source or "", start, end, quoted, bool(k))
        )
    rows = _members_from_elsewhere(rows, text, lists)
    return rows_frame(_consistent(rows), FORMULA_COLUMNS, {"number": "int64", "start": "int64", "end": "int64", "quoted": bool, "known": bool})


def _normalise(raw: str, num: str, rest: str, quoted: bool, known: dict[str, Known], *, ahead: str = "") -> tuple[str, str]:
    """The term and its head from the numeral, what follows it (``rest``) and, for a plan's set
    named by 大 whose kind comes later (三大|产业转型攻坚战), the text ``ahead`` of the numeral."""
    if raw in known:
        return raw, known[raw].head
    for k in sorted(known, key=len, reverse=True):
        if raw.startswith(k) and not quoted:
            return k, known[k].head  # a quoted term is the whole quotation: “三保障” is no 三保, “三通一码” no 三通
    if quoted:
        cls = re.match(_CLASSIFIERS, rest)
        head = rest[cls.end():] if cls else rest
        return raw, head or rest
    cls = re.match(_CLASSIFIERS, rest)
    after = rest[cls.end() :] if cls else rest
    if cls and cls.group() == "句" and not after.startswith("话"):
        return "", ""  # 三句话 is a set of sayings; 两句改编的诗句 is no term
    head = _head(after)
    if not head or not re.match(r"[\u4e00-\u9fff]", head) or head in _FUNCTION_HEADS:
        return "", ""
    if cls and cls.group() == "大" and (ext := _SET_HEAD_RE.match(ahead[len(cls.group()):] or after)) and ext.end() > len(head) and _about(ext.group()):
        head = ext.group()  # 三大|产业转型攻坚战, 五大|清洁能源基地, 十大|提质增效行动: the plan's set names its kind at the end
    if cls and cls.group() == "大" and (cn_to_int(num) or 0) >= 10 and not _NAMED_SET_RE.match(num + "大" + head):
        return "", ""  # 十九大, 二十大: a party congress, not a formulation (十大工程 is a plan's set)
    return num + (cls.group() if cls else "") + head, head


def _about(head: str) -> bool:
    """What a plan's set is about, before its kind: a noun phrase or a slogan of two, no clause
    (产业转型|攻坚战, 提质增效|行动, 为民办实事|工程; not 十二大|提出计划)."""
    what = _SET_KIND_END_RE.sub("", head)
    return not re.search(r"[的和与及等、]|提出|召开|以来|通过|确定|作出|部署|报告|精神", what)


def _kind(formula: str, head: str, quoted: bool, known: bool, members: list[str], source: str | None) -> str:
    if known or quoted:
        return "formulation"  # a quoted term is a term, whatever its head
    if head == "字" and members and source in ("list_before", "apposition"):
        return "formulation"  # “巩固、增强、提升、畅通”八个字: the characters name a set
    if head in ("话", "句话") and members and source in ("apposition", "list", "headings", "list_before"):
        return "formulation"  # 记着三句话：细节决定成败、…; 讲三句话 over 第一句话是…: the sayings are a set
    if head in COUNT_HEADS or any(head.endswith(h) and len(h) > 1 for h in ("方面", "特点", "问题", "意见", "要求", "原则")):
        return "count"
    if quoted or (members and source in ("brackets", "apposition", "next_sentence", "list", "list_before", "named", "headings", "heads", "elsewhere")):
        return "formulation"
    if _NAMED_SET_RE.match(formula):
        return "formulation"  # 碳达峰十大工程, 农村基础设施网八大行动: a plan's named set of programmes, whether or not spelled out
    return "count"


#: The kinds of programme a plan's set is named for.
_SET_KINDS = r"(?:工程|行动|战略|攻坚战|专项行动|专项|计划|产业集群|基地|片区)"
#: A programme's set named by 大 (十大工程, 八大行动, 三大攻坚战, 五大清洁能源基地): the plan's own term, not a count.
_NAMED_SET_RE = re.compile(rf"^[一二三四五六七八九十两\d]{{1,3}}大[\u4e00-\u9fff]{{0,6}}?(?:{_SET_KINDS}|优势产业|特色产业)$")
#: The head of such a set, what it is about before its kind (产业转型|攻坚战, 清洁能源|基地).
_SET_HEAD_RE = re.compile(rf"[\u4e00-\u9fff]{{0,6}}?{_SET_KINDS}")
_SET_KIND_END_RE = re.compile(rf"{_SET_KINDS}$")


#: Where members stand right beside the term, and where they are looked for further on.
_BESIDE_SOURCES = frozenset({"brackets", "apposition"})
_FURTHER_SOURCES = frozenset({"list", "headings", "heads", "next_sentence"})


def _members_from_elsewhere(rows: list[tuple], text: str, lists: tuple) -> list[tuple]:
    """A quoted term no mention spells out gets the members the document gives elsewhere, on its first
    mention (:func:`.members_elsewhere.members_anywhere`; :func:`_consistent` shares them)."""
    spelled = {r[1] for r in rows if r[5]}
    done: set[str] = set()
    out = []
    for r in rows:
        if r[1] not in spelled and r[1] not in done and r[9] and not r[10]:
            done.add(r[1])
            found = members_anywhere(text, r[1], r[2], r[3], lists)
            if found:
                r = (*r[:4], "formulation", "|".join(found), "elsewhere", *r[7:])
        out.append(r)
    return out


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
        beside = next((r for r in group if r[6] in _BESIDE_SOURCES), None)
        if spelled is not None:
            for r in group:
                if r[5] == "":
                    r[5], r[6] = spelled[5], "elsewhere"
                elif beside is not None and r[6] in _FURTHER_SOURCES and not set(r[5].split("|")) & set(beside[5].split("|")):
                    # 记着三句话：A、B、C … 结合这三句话，我提几点要求 + headings: the term is the one spelled out beside it
                    r[5], r[6] = beside[5], "elsewhere"
    return out


# --------------------------------------------------------------------------- corpus tables


def formulas_table(docs: pd.DataFrame) -> pd.DataFrame:
    known = load_known()
    dates = docs["date"] if "date" in docs else [None] * len(docs)
    years = [int(str(x)[:4]) if x is not None and str(x)[:4].isdigit() else None for x in dates]
    frames = [find_formulas(d, t, known=known, year=y) for d, t, y in zip(docs["doc_id"], docs["text"], years)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=FORMULA_COLUMNS)


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
