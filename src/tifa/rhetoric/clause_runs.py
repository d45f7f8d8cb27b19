"""排比 of whole clauses, of sentence openings and of the heads of paragraphs.

Owns :func:`clause_runs` (and :func:`clause_frame`, the frame of long list heads): clauses
sharing a frame (坚持…，坚持…，坚持…; 在…上…，在…上…; 以…为…;
是…的重大举措), the openings of sentences (必须…；必须…；; 我们面对的是…。…我们面对的是…), short
topic sentences of one paragraph sharing an opening word or a character from the end
(着力提高政治能力。…着力厚植为民情怀。; 取得新成绩、实现新进展), the heads of an inline list
(一是…，二是…，三是…) and of consecutive paragraphs (——经济运行保持在合理区间。 / 一是经济增长好于
预期。); with the clause frame (:func:`_clause_frame`) and the marks that open a head.  Sentences
that open with their aspect (高铁方面，…) are :mod:`.aspect_runs`' (round 4); the groups of a paragraph's
sentence openings by what they share are :mod:`.opener_groups`' (round 5).

It must not find runs of short phrases (:mod:`.phrase_runs`) nor refine, dedupe or score rows
(:mod:`.lists`, :mod:`.parallels`); a new run it adds must be free of the runs it is given
(:func:`tifa.rhetoric.shapes.is_free`).  Memory: for one huge document this is the stage's peak
(~75 bytes a character, ``bench/RESULTS.md``, round 7).
"""
from __future__ import annotations

import os
import re

from ..text.patterns import CN_DIGITS
from .lists import ATTRIBUTIVE
from .opener_groups import opening_groups, subject_predicate_openers, topic_groups, verb_object_points
from .shapes import (
    CONNECTIVE_RE, FIGURE_RE, is_free, nominal, NOT_FRAME, NUM, pos_tags, subject_predicate, verb_object, WEAK_PREFIXES,
    word_bounds,
)


# --------------------------------------------------------------------------- clauses and headings
# 排比 of whole clauses (坚持…，坚持…，坚持…; 在…上…，在…上…; 以…为…; 向…，向…; 是…的结果), of the
# openings of sentences (必须…；必须…；; 我们面对的是…。…我们面对的是…), of the short heads of
# paragraphs or topic sentences (——经济运行保持在合理区间。 / 着力提高政治能力。…着力厚植为民情怀。).

#: One-character openings that make a clause frame with a second word inside the clause.
_OPENERS = {"在": "上中下", "以": "为", "是": "的", "向": "", "同": "", "用": "", "让": "", "对": "", "把": "", "从": "", "为": "", "靠": ""}
_CLAUSE_SEP = re.compile(r"[，,；;：:。！？!?]")
_SHORT_SEP = re.compile(r"[、，,；;：:。！？!?]")
_HEAD_MARK = re.compile(
    rf"^(?:\*\*|——|[-－—]{{1,2}}|第[{CN_DIGITS}]+[，,、]?|[{CN_DIGITS}][是要]|（[{CN_DIGITS}]+）|[{CN_DIGITS}]+、|首先[，,]|其次[，,]|再次[，,]|最后[，,]|此外[，,])+"
)
_QUOTES = "“”\"'‘’*（）() "


def _unquote(piece: str) -> str:
    """``piece`` without the quotation marks around it, keeping a closing mark whose opening
    one is inside (是政治上的“红人”)."""
    core = piece.strip(_QUOTES)
    if "“" in core and "”" not in core and piece.rstrip(" ").endswith("”"):
        core += "”"
    return core


def _pieces(text: str, a: int, b: int, sep: re.Pattern) -> list[tuple[int, str, str]]:
    """The pieces of text[a:b] between separators: (offset, piece stripped of quotes, separator after)."""
    out, pos = [], a
    for m in sep.finditer(text, a, b):
        out.append((pos, text[pos : m.start()], m.group()))
        pos = m.end()
    if pos < b:
        out.append((pos, text[pos:b], ""))
    res = []
    for off, piece, after in out:
        lead = len(piece) - len(piece.lstrip(_QUOTES))
        res.append((off + lead, _unquote(piece), after))
    return res


def _opening(members: list[str]) -> str:
    """The opening the members share, ending at a word boundary of every member."""
    prefix = os.path.commonprefix(members)
    while prefix:
        k = len(prefix)
        if all(len(m) > k and (k in word_bounds(m) or k == len(m)) for m in members):
            return prefix
        prefix = prefix[:-1]
    return ""


_INNER = set("要有是在很更")  #: heads of paragraphs (积极的财政政策要…)
_INNER_SHORT = set("有是在很")  #: short phrases (习近平总书记有指示、党中央有部署、省委有要求)


def _clause_frame(members: list[str], *, loose: bool = False, inner: bool | str = False) -> tuple[str, str] | None:
    """The frame of whole clauses: a shared opening word of two or more characters, or a
    one-character opening with its second word (在…上, 以…为, 是…的)."""
    if len(set(members)) < len(members) or any(FIGURE_RE.search(m) for m in members):
        return None
    if any(CONNECTIVE_RE.match(m) for m in members):
        return None
    bare = [re.sub(r"^(?:也就|就|也|还|又|更|才|都)(?=[\u4e00-\u9fff]{3})", "", m) for m in members]  # 就无法…，无法…，也就无法…
    lead = _opening(bare)
    if len(lead) >= 2 and lead not in WEAK_PREFIXES and not re.fullmatch(rf"{NUM}+.?", lead):
        return lead + "*", "opening"
    c = members[0][:1]
    if c in _OPENERS and all(m.startswith(c) for m in members):
        second = _OPENERS[c]
        if not second or loose:
            return c + "*", "opening"
        for ch in second:
            if all(ch in m[2:] for m in members):
                tail = os.path.commonprefix([m[::-1] for m in members])[::-1]
                if ch == "的" and len(tail) >= 2 and tail.startswith("的"):
                    return f"{c}*{tail}", "template"
                if ch != "的":
                    return f"{c}*{ch}*", "template"
                if ch == "的" and all(len(m) >= 6 for m in members):
                    return f"{c}*的*", "template"  # 是…的重大举措，是…的重要改革，是…的重大抉择
    # a shared ending word (…的关系; …型服务业), a character at one place from the end (取得新成绩、
    # 实现新进展、得到新提升) or a degree word inside (的基础更加巩固、的成果更加丰硕)
    tail = os.path.commonprefix([m[::-1] for m in members])[::-1]
    while tail and not all(len(m) - len(tail) in word_bounds(m) for m in members):
        tail = tail[1:]
    if (len(tail) >= 3 or (len(tail) == 2 and tail[0] == "的")) and all(len(m) >= len(tail) + 3 for m in members) and not FIGURE_RE.search(tail):
        return "*" + tail, "ending"
    if all(len(m) >= 6 and m[-3] == members[0][-3] and len(m) - 3 in word_bounds(m) for m in members) and members[0][-3] == "新":
        return "*新**", "template"
    if all(m.find("更加", 2) > 0 for m in members):
        return "*更加*", "template"
    # a word inside every clause, after its subject (积极的财政政策要…、稳健的货币政策要…; X有Y)
    word = _inner(members, _INNER if loose else _INNER_SHORT, single=inner is not None and inner != "multi") if inner else ""
    if word:
        return f"*{word}*", "template"
    three = _three(members, heads=loose) if len(members) >= 3 else None
    if three:
        return three
    if inner is True and len(members) >= 2 and verb_object(members) and not (len({m[0] for m in members}) == 1 and members[0][0] in ATTRIBUTIVE):
        return "V+O", "verb_object"  # 增强“四个意识”、坚定“四个自信”、做到“两个维护”; 新技术、新业态、新模式 are nouns
    return None


def _aligned(members: list[str]) -> str:
    """An adverb, pronoun or preposition inside every member of up to 16 characters, a word of its own
    in each, after what each member alone says and before two or more characters more: at one place from the start (吸取|他们|清晰的思路、领会|他们|
    准确的论点、体味|他们|个性化的语言; 待人接物中|要以|和气为准则、人际关系中|要以|和睦为前提), or anywhere
    when it is three characters or more (分工|越来越|细、社会化程度|越来越|高)."""
    first = members[0]
    if max(map(len, members)) > 16:
        return ""
    bounds = [set(word_bounds(m)) for m in members]
    for k in sorted(bounds[0]):
        for size in (4, 3, 2):
            sub = first[k : k + size]
            if len(sub) < size or k + size not in bounds[0] or set(sub) <= NOT_FRAME or FIGURE_RE.search(sub):
                continue
            tags = pos_tags(sub)
            if len(tags) != 1 or tags[0][1] not in ("d", "r", "p"):
                continue  # an adverb, pronoun or preposition shapes the clauses; a shared noun is a topic
            at = [k if m[k : k + size] == sub else (m.find(sub, 1) if size >= 3 else -1) for m in members]
            if all(a > 0 and a in b and a + size in b and len(m) - a - size >= (1 if size >= 3 else 2) for a, b, m in zip(at, bounds, members)):
                if len({m[:a] for a, m in zip(at, members)}) == len(members):
                    return sub
    return ""


def clause_frame(members: list[str]) -> tuple[str, str] | None:
    """The frame of long heads of list items (在…上…, an opening word): :func:`_clause_frame`, loose."""
    return _clause_frame(members, loose=True)


def _three(members: list[str], *, heads: bool = False) -> tuple[str, str] | None:
    """The frames that need three members to be seen: a word at one place (:func:`_aligned`), a
    topic and its 要 (:func:`_topic_modal`), a verb after an adverb (:func:`_adverb_verb`)."""
    if all(len(m) >= 5 and m[2] == "了" and pos_tags(m[:2])[0][1] == "v" for m in members):
        return "**了*", "template"  # 避免了“硬着陆”，保持了经济中高速增长，促进了结构优化: verbs of two and 了
    if all(2 <= m.find("不够") < len(m) - 2 for m in members):
        return "*不够*", "template"  # 内生动力还不够足，创新能力还不够强，发展质量和效益不够高: the shortfalls of a topic each
    word = _aligned(members)
    if not word and all(any(members[0][k : k + 2] in m[:4] for k in range(3)) for m in members[1:]):
        word = _adverb_verb(members, heads=heads)  # (only when the first four characters of each share two: cheap)
    if word:
        return f"*{word}*", "template"
    return ("*要*", "template") if all("要" in m[2:13] for m in members) and _topic_modal(members) else None


def _topic_modal(members: list[str]) -> bool:
    """Clauses of a topic and its 要 (宏观政策要稳健有效，微观政策要…，结构政策要…; 精准脱贫要坚持…。
    污染防治要聚焦…; 政治上要有操守): 要 a word of its own after two to twelve characters that do not
    end in a pronoun, adverb, conjunction, 是 or 的 (我们要…, 同时要…, 特别是要…, 该立的要…), every
    topic different, two characters or more after it."""
    topics = []
    for m in members:
        k = m.find("要", 2)
        if not 2 <= k <= 12 or len(m) - k - 1 < 2:
            return False
        bounds = word_bounds(m)
        if k + 1 not in bounds or not (k in bounds or m[k - 1] in "上中里"):
            return False  # 要 inside a word (重要, 主要, 要求); 政治上要 may be read as one
        tags = pos_tags(m[:k])
        if not re.fullmatch(r"[\u4e00-\u9fff“”]+", m[:k]) or tags[0][1] == "t" and len(tags) == 1:
            return False  # 首先,要…; 今年要…: no topic
        if tags[-1][1].startswith(("r", "c", "d", "p", "u")) or m[k - 1] in "是的" or all(t.startswith(("r", "c", "d", "p")) for _, t in tags):
            return False  # 我们要…, 同时要…; 各地区各部门制定政策要… stays
        topics.append(m[:k])
    return len(set(topics)) == len(topics)


def _adverb_verb(members: list[str], *, heads: bool = False) -> str:
    """One verb of two characters or more opening every member, after a word of one or two
    characters in some (依法|接受同级人大…的监督，自觉|接受人民政协的民主监督，主动|接受社会和舆论监督):
    the shared verb frames the clauses.  Three characters or more must follow it in each."""
    verb = ""
    for m in members:
        tags = pos_tags(m)
        if len(tags) < 2:
            return ""
        k = 0 if len(tags[0][0]) >= 2 and tags[0][1] == "v" and (not verb or tags[0][0] == verb) else 1
        if heads and not verb and k == 0 and all(m[2:].startswith(tags[1][0]) for m in members[1:]) and tags[1][1] == "v":
            k = 1  # 深入|推进…，加快|推进…，扎实|推进…: the verb after the manner words, verbs themselves by the tagger
        if k and (len(tags[0][0]) > 2 or tags[0][1].startswith(("p", "c", "r", "u")) or tags[0][1] == "v" and not verb and not members[1][2:].startswith(tags[1][0])):
            return ""  # a manner word (依法, 自觉, 主动), not a verb of its own (开展|推进…)
        w, p = tags[k]
        if p != "v" or len(w) < 2 or (verb and w != verb) or len(m) - len(tags[0][0]) * k - len(w) < 3:
            return ""
        verb = w
    leads = [m[: m.index(verb)] for m in members]
    if any(pos_tags(x)[0][1] == "v" for x in leads if x) and not (heads and all(leads)):
        return ""  # verbs as manner words (深入|推进, 加快|推进) only in headings, before every member (not 开展推进…、推进…)
    return verb if sum(1 for x in leads if x) >= 2 and len(set(leads)) == len(leads) - max(0, leads.count("") - 1) else ""


def _inner(members: list[str], chars: set[str], *, single: bool = True) -> str:
    """The longest string of two or more characters inside every member (not at its start), or
    one of 要有是在很更 two to ten characters in."""
    first = members[0]
    for size in range(min(6, len(first) - 2), 1, -1):
        for i in range(1, len(first) - size):
            sub = first[i : i + size]
            if sub[-1] in chars and all(sub in m[1:-1] for m in members[1:]) and not set(sub) <= NOT_FRAME and not FIGURE_RE.search(sub):
                if all(m.find(sub, 1) + size < len(m) for m in members):
                    return sub
    for ch in sorted(chars) if single else ():
        if all(2 <= m.find(ch) <= 8 and m.find(ch) < len(m) - 1 for m in members):
            return ch
    return ""


def clause_runs(doc_id: str, text: str, found: list, *, min_n: int = 3) -> list[tuple]:
    rows: list[tuple] = []

    def add(run: list[tuple[int, str]], frame: str, kind: str) -> bool:
        members = [m for _, m in run]
        spans = [(o, o + len(m)) for o, m in run]
        start, end = spans[0][0], spans[-1][1]
        if not is_free(found + rows, start, end, spans, text):
            return False
        rows.append((doc_id, "|".join(members), frame, kind, len(members), start, end))
        return True

    def scan(units: list[tuple[int, str]], max_len: int, inner: bool | str = False) -> None:
        units = list(units)
        i = 0
        while i + min_n <= len(units):
            # a lead-in before the first member (就需要|在谋篇布局上下功夫、在语言运用上多揣摩…)
            nxt = [m for _, m in units[i + 1 : i + 3]]
            if len(nxt) == 2 and nxt[0][:1] == nxt[1][:1] and not units[i][1].startswith(nxt[0][:1]):
                o, m = units[i]
                k = m.find(nxt[0][:1], 1)
                if 0 < k <= 6 and k in word_bounds(m):
                    units[i] = (o + k, m[k:])
            elif len(nxt) == 2 and all(x[2:3] == "了" for x in nxt) and units[i][1][2:3] != "了":
                o, m = units[i]  # 我们|顶住了经济下行压力、避免了“硬着陆”，保持了…
                k = m.find("了", 3) - 2
                if 0 < k <= 6 and k in word_bounds(m):
                    units[i] = (o + k, m[k:])
            best = None
            j = i + 2
            while j <= len(units) and all(3 <= len(m) <= max_len for _, m in units[i:j]):
                f = _clause_frame([m for _, m in units[i:j]], inner=inner)
                if f is None and j == i + 2 and j < len(units) and 3 <= len(units[j][1]) <= max_len:
                    three = _three([m for _, m in units[i : j + 1]])  # a word at one place needs three members
                    if three:
                        best, j = (j + 1, three), j + 2
                        continue
                if f is None:
                    break
                best, j = (j, f), j + 1
            if best and best[0] - i >= min_n and add(units[i : best[0]], *best[1]):
                i = best[0]
            else:
                i += 1

    paras = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    for a, b in paras:
        # adjacent clauses of a paragraph, and its 、-phrases
        pieces = [x for x in _pieces(text, a, b, _CLAUSE_SEP) if x[1]]
        clauses = [(o, p) for o, p, _ in pieces]
        scan(clauses, 50)
        _preposition_groups(pieces, add, min_n)
        _copula_groups(pieces, add, min_n)
        scan([(o, p) for o, p, _ in _pieces(text, a, b, _SHORT_SEP) if p], 14, inner=True)
        # the first clause of each sentence (必须…；必须…；), and short topic sentences
        sents = [(o, p) for o, p, _ in _pieces(text, a, b, re.compile(r"[。！？!?；;]")) if p]
        firsts = []
        nth: list[list[tuple[int, str]]] = [[], []]
        sents = [(o + c + 1, sent[c + 1 :]) if c > 0 and _HEAD_MARK.match(sent, c + 1) else (o, sent) for o, sent in sents for c in [max(sent.rfind("："), sent.rfind(":"))]]
        # (应该注意以下三点：一是政治上要有操守。: the list's first item opens after the colon)
        for o, sent in sents:
            mk = _HEAD_MARK.match(sent)
            k = mk.end() if mk else 0
            body = [(o + k + x, c) for x, c, _ in _pieces(sent[k:], 0, len(sent) - k, re.compile(r"[，,：:]"))]
            head = body[0][1] if body else ""
            firsts.append((body[0][0] if body else o, head, len(body) == 1))
            for n_ in (0, 1):
                nth[n_].append(body[n_ + 1] if len(body) > n_ + 1 else (o, ""))
        scan([(o, h) for o, h, _ in firsts], 40, inner="multi")
        for col in nth:
            if sum(1 for _, h in col if h) >= min_n:
                scan(col, 40)
        opening_groups([(o, h) for o, h, _ in firsts if 4 <= len(h) <= 12], add, min_n, pieces)
        subject_predicate_openers(firsts, add, min_n)
        verb_object_points(firsts, add, min_n)
        # the heads of an inline list (一是坚守基本遵循，…二是紧扣时代要求，…三是突出江西特色，…) of one length
        marked = [(o, h) for (o, h, _), (so, sent) in zip(firsts, sents) if _HEAD_MARK.match(sent) and 4 <= len(h) <= 12]
        if len(marked) >= min_n and len({len(h) for _, h in marked}) == 1 and len({h for _, h in marked}) == len(marked):
            add(marked, f"{len(marked[0][1])}字", "headings")
        topics = [(o, h) for o, h, whole in firsts if whole and 4 <= len(h) <= 24]
        if len(topics) >= min_n and len(topics) < len(firsts):
            topic_groups(topics, add, min_n)  # before the scan: a whole group beats the run of its last members
            scan(topics, 24)
    # the heads of consecutive paragraphs (——经济运行保持在合理区间。 / 一是经济增长好于预期。)
    heads = []
    for a, b in paras:
        line = text[a:b]
        mk = _HEAD_MARK.match(line)
        k = mk.end() if mk else 0
        m = re.match(r"[^。！？!?；;\n]+", line[k:])
        head = _unquote(m.group()) if m else ""
        dash = bool(mk) and mk.group().lstrip("*").startswith(("—", "-", "－"))
        heads.append((a + k + (len(m.group()) - len(m.group().lstrip(_QUOTES)) if m else 0), head, dash, bool(mk), len(head) < len(line[k:].strip(_QUOTES + "。"))))
    heads = _shared_lead_ins(heads)
    i = 0
    while i < len(heads):
        j = i
        while j < len(heads) and heads[j][3] and heads[j][4] and 4 <= len(heads[j][1]) <= 20 and "，" not in heads[j][1]:
            j += 1
        if j == i:  # unmarked paragraphs: their first sentences must share a frame
            while j < len(heads) and heads[j][4] and 4 <= len(heads[j][1]) <= 20 and "，" not in heads[j][1]:
                j += 1
            _subject_predicate_heads([(o, h) for o, h, *_ in heads[i:j]], add, min_n)
            _framed_stretches([(o, h) for o, h, *_ in heads[i:j]], add, min_n)
            i = max(j, i + 1)
            continue
        run = [(o, h) for o, h, *_ in heads[i:j]]
        if len(run) >= min_n:
            members = [h for _, h in run]
            f = _clause_frame(members, loose=True, inner=True)
            dash = all(d for _, _, d, _, _ in heads[i:j])
            same = len({len(h) for h in members}) == 1
            if f is None and (dash or same) and len(set(members)) == len(members) and not any(FIGURE_RE.search(h) for h in members):
                f = ("——*" if dash else f"{len(members[0])}字", "headings")
            if f is not None:
                add(run, *f)
            else:  # the headings of a part, some sharing a frame (**深入推进…。**加快推进…。**扎实推进…。**大力发展…。)
                _framed_stretches(run, add, min_n)
        i = max(j, i + 1)
    _first_clause_groups(text, paras, add, min_n)
    _lead_in_groups(text, paras, add, min_n)
    return rows


#: Adverbs of a report's predicates of progress (明显|增强, 不断|深化, 快速|发展, 稳步|增长).
_PREDICATE_ADVERBS = frozenset("明显 不断 持续 稳步 快速 加快 深入 全面 显著 扎实 有序 大幅 逐步 日益 更加 基本".split())


def _subject_predicate_heads(heads: list[tuple[int, str]], add, min_n: int) -> None:
    """The opening sentences of consecutive paragraphs, each a subject and a four-character predicate
    (内需拉动明显增强。… / 产业升级步伐加快。… / 改革开放不断深化。…): frame ``S+P``."""
    run: list[tuple[int, str]] = []
    for o, h in [*heads, (0, "")]:
        if 6 <= len(h) <= 12 and (subject_predicate(h, report=True) or h[-4:-2] in _PREDICATE_ADVERBS) and not FIGURE_RE.search(h):
            run.append((o, h))
            continue
        if len(run) >= min_n and len({m for _, m in run}) == len(run):
            add(run, "S+P", "verb_object")
        run = []


def _first_clause_groups(text: str, paras: list[tuple[int, int]], add, min_n: int) -> None:
    """The first clauses of consecutive paragraphs, when each closes at a comma (坚持依法履职，把政府
    活动…。 / 坚持廉洁履职，深入推进…。 / 坚持勤勉履职，…): stretches sharing a frame, as headings."""
    def strong(members: list[tuple[int, str]], frame: str, kind: str) -> bool:
        # a shared word of two characters or more (坚持*, 加强党的*); not a shape (基本建设、对外贸易: V+O)
        # nor one character (在农业方面、在少数民族地区内、在一九五八年)
        return len(re.sub(r"[*―—-]", "", frame)) >= 2 and frame not in ("V+O", "S+P") and add(members, frame, kind)

    run: list[tuple[int, str]] = []
    for a, b in [*paras, (len(text), len(text))]:
        line = text[a:b]
        mk = _HEAD_MARK.match(line)
        k = mk.end() if mk else 0
        m = re.match(r"([^，,。！？!?；;：:\n]{4,12})[，,]", line[k:])
        if m and a < len(text):
            run.append((a + k, m.group(1)))
            continue
        if len(run) >= min_n:
            _framed_stretches(run, strong, min_n)
        run = []


def _shared_lead_ins(heads: list[tuple]) -> list[tuple]:
    """A lead-in of up to six characters and a comma that a paragraph's head shares with the next or
    the previous one (——这五年，综合经济实力显著跃升。 / ——这五年，创新发展活力显著迸发。) is no part of
    its member: cut off."""
    leads = [h[1][: h[1].index("，") + 1] if h[1].count("，") == 1 and h[1].index("，") <= 6 else "" for h in heads]
    out = []
    for k, h in enumerate(heads):
        lead = leads[k]
        if lead and lead in {leads[k - 1] if k else "", leads[k + 1] if k + 1 < len(leads) else ""}:
            h = (h[0] + len(lead), h[1][len(lead) :], *h[2:])
        out.append(h)
    return out


def _framed_stretches(run: list[tuple[int, str]], add, min_n: int) -> None:
    """The longest stretches of consecutive paragraph heads sharing a frame, left to right."""
    k = 0
    while k + min_n <= len(run):
        best = None
        for e in range(k + min_n, len(run) + 1):
            f = _clause_frame([h for _, h in run[k:e]], loose=True, inner=True)
            if f is None:
                break
            best = (e, f)
        if best and add(run[k : best[0]], *best[1]):
            k = best[0]
        else:
            k += 1


_LEAD_IN = re.compile(r"([\u4e00-\u9fff]{2,6})，((?:在[^，。]{2,20}[下中上]，)?)([^，。！？!?；;：:\n]{4,24})[，。；]")


def _lead_in_groups(text: str, paras: list[tuple[int, int]], add, min_n: int) -> None:
    """Consecutive paragraphs opening with one time phrase and a comma (五年来，经济实力跃上新台阶。
    五年来，经济结构出现重大变革。…; 过去五年，…): the first clause after it (past a 在…下 adverbial)
    of each is a member.  The phrase names a time, no verb (同时，, 为此， frame nothing); clauses of
    我们 + verb after it (五年来，我们全力巩固…。五年来，我们着力构建…) narrate the work, no 排比."""
    run: list[tuple[int, str]] = []
    lead = None
    for a, b in [*paras, (len(text), len(text))]:
        m = _LEAD_IN.match(text, a, b)
        w = m.group(1) if m and all(p[:1] in "tmqf" for _, p in pos_tags(m.group(1).removesuffix("来"))) and pos_tags(m.group(3))[0][1] != "r" else None
        if w is None or w != lead:
            if lead is not None and len(run) >= min_n and len({h for _, h in run}) == len(run):
                add(run, lead + "，*", "opening")
            run, lead = [], w
        if m and w == lead:
            run.append((m.start(3), m.group(3)))


def _preposition_groups(pieces: list[tuple[int, str, str]], add, min_n: int) -> None:
    """Clauses opening with 向 or 对 across the sentences of a paragraph, each sentence closed by a
    clause of its own (我代表国务院，向全国各族人民，向各民主党派…，表示诚挚感谢！向香港…同胞…，
    表示诚挚感谢！向关心和支持…的各国政府…，表示衷心感谢！): a lead-in may open the first sentence."""
    for c in "向对":
        run: list[tuple[int, str]] = []
        closed = False  # the sentence of the last member was closed by a clause of its own
        for o, p, after in [*pieces, (0, "", "")]:
            if p.startswith(c) and len(p) >= 3 and not FIGURE_RE.search(p) and (not run or closed or run[-1][0] != o):
                run.append((o, p))
                closed = False
                continue
            if run and not closed and after in "。！？!?；;" and p:
                closed = True  # 表示诚挚感谢！
                continue
            if len(run) >= min_n and len({m for _, m in run}) == len(run):
                add(run, c + "*", "opening")
            run, closed = [], False


_COPULA = re.compile(r"(?:[也更还又]?是)(?![不否])")


def _copula_groups(pieces: list[tuple[int, str, str]], add, min_n: int) -> None:
    """Clauses of one sentence that each open with 是 (也是, 更是), the first after its subject: the
    predicates of one topic (今年|是全面贯彻…的开局之年，是改革开放40周年，是决胜…的关键一年)."""
    run: list[tuple[int, str]] = []
    for o, p, after in [*pieces, (0, "", "")]:
        m = _COPULA.match(p) if run else _COPULA.search(p, 1, 8)
        if m and len(p) - m.start() >= 6 and (run or nominal(p[: m.start()]) or re.fullmatch(r"[0-9]{4}年", p[: m.start()])):
            run.append((o + m.start(), p[m.start() :]))
            if after in "，,":
                continue
        if len(run) >= min_n and len({x for _, x in run}) == len(run):
            add(run, "是*", "opening")
        run = []
