"""Members spelled out in the shapes a speech uses beside a term, and away from it: clauses after a
colon that end alike (“三单制”), members named one by one (一支是…，一支是…), a list that ends in the
term's head in the sentences after a heading; and (:func:`members_anywhere`) the clauses before a
term that end alike, a run of one-character members elsewhere in the document, the one list of the
document whose items all hold the term's head.

Owns those shapes.  It must not decide what is a formulation (:mod:`.formulations`) nor the order in
which shapes are tried (:func:`.formulation_members.find_members`).
"""
from __future__ import annotations

import os
import re

from ..text.patterns import CN_DIGITS
from .member_spans import STRIP, lead_off, split_members, tail_words

#: Members named one by one with the term's classifier (“两支力量”。一支是…，一支是…; 一个是…，另一个是…; 第一种是…).
_ONE_BY_ONE = r"(?:^|(?<=[。；;，,！？\n”]))\s*(?:另一|再一|又一|一|第[一二三四五六七八九十])(?:{cls})(?:就是|是|叫|为)(?P<m>[^，,。；;！？\n]{{2,30}})"
_TERM_CLASSIFIER_RE = re.compile(rf"^[{CN_DIGITS}两双]+([个种项条类支套本道句件])")


def clause_tails(after: str, number: int, head: str) -> list[str] | None:
    """Members closing the clauses after a colon, all ending alike in a word that holds the first
    character of the term's short head, not the head itself (“三单制”：县委、县政府下达任务清单，责任单位制定落实清单，督查部门建立问效清单)."""
    lead = re.match(r"^[”\"」』]?[\u4e00-\u9fff]{0,4}?[：:]", after)
    if not lead or number < 2:
        return None
    sentence = re.split(r"[。！？\n]", after[lead.end() : lead.end() + 300], maxsplit=1)[0]
    clauses = [c.strip(STRIP) for c in re.split(r"[，,；;]", sentence) if c.strip(STRIP)]
    if len(clauses) < number:
        return None
    ending = os.path.commonprefix([c[::-1] for c in clauses[:number]])[::-1]
    if len(ending) < 2 or len(head) > 2 or head[0] not in ending or head in ending or (len(clauses) > number and clauses[number].endswith(ending)):
        return None  # …并重转变, …加工转变 end in the head itself: the clauses are the members (an apposition)
    width = len(ending) + 2
    got = [t if len(t := tail_words(c, width)) > len(ending) else c[-width:] for c in clauses[:number]]  # 下达任务|清单: a word too long keeps its end
    return got if len(set(got)) == number and all(len(g) > len(ending) for g in got) else None


#: The dash that opens each paragraph of a run of points (——更加注重…); points with numbered markers are the outline's.
_PARAGRAPH_LEAD_RE = re.compile(r"^(?:——|—)\s*")


def paragraph_heads(after: str, number: int, head: str) -> list[str] | None:
    """After a colon that ends its paragraph, the first clause of each of the next ``number``
    paragraphs opened by a dash, all holding the term's head of two characters or more or all opening alike, the
    paragraph after them not (“五个更加注重”：\n——更加注重强化战略引领，突出战略导向。… ——更加注重…)."""
    lead = re.match(r"^[”\"」』]?[\u4e00-\u9fff]{0,4}?[：:][ \t]*\n", after)
    if not lead or number < 2:
        return None
    paras = [p.strip() for p in after[lead.end() :].split("\n", number + 1)[: number + 1] if p.strip()]
    if len(paras) < number or not all(_PARAGRAPH_LEAD_RE.match(p) for p in paras[:number]):
        return None
    firsts = [re.split(r"[，,。；;：:！？]", _PARAGRAPH_LEAD_RE.sub("", p), maxsplit=1)[0].strip(STRIP) for p in paras]
    got = firsts[:number]
    if not all(2 <= len(f) <= 20 for f in got) or len(set(got)) < number:
        return None
    opening = os.path.commonprefix(got)
    alike = (len(head) >= 2 and all(head in f for f in got)) or len(opening) >= 2
    if not alike:
        return None
    if len(firsts) > number and ((len(head) >= 2 and head in firsts[number]) or (len(opening) >= 2 and firsts[number].startswith(opening))):
        return None  # one more paragraph of the kind: not the term's
    return got


def one_by_one(term: str, after: str, number: int) -> list[str] | None:
    """Members named one by one after the term, each opened by ``一``/``另一``/``第N`` and its classifier."""
    cls = _TERM_CLASSIFIER_RE.match(term)
    if not cls or number < 2:
        return None
    para = after.split("\n", 1)[0]
    got = [m.group("m").strip(STRIP) for m in re.finditer(_ONE_BY_ONE.format(cls=cls.group(1)), para)]
    return got if len(got) == number and all(got) else None


def head_list(after: str, number: int, head: str) -> list[str] | None:
    """In the two sentences after the term, a list of ``number`` phrases that all end in its head
    (建好“两支队伍”…\n我们建立了专职信息员队伍和兼职信息员队伍。; a head of one character only
    for short members: 推进“四个办”。大力推行网上办、掌上办、就近办、一次办)."""
    if not head or number < 2:
        return None
    longest = 12 if len(head) >= 2 else 4  # one character: short members only (网上办、掌上办、就近办、一次办)
    for sentence in re.split(r"[。！？；;\n]", after[:300])[:3]:
        for clause in re.split(r"[，,：:]", sentence):
            parts = split_members(clause)
            if len(head) == 1 and len(parts) == number and len(parts[0]) > longest:
                parts[0] = tail_words(parts[0], max(map(len, parts[1:])))  # 大力推行|网上办
            if len(parts) == number and all(p.endswith(head) and len(head) < len(p) <= longest for p in parts[1:]) and parts[0].endswith(head) and len(parts[0]) > len(head):
                hi = max(map(len, parts[1:]))
                if len(parts[0]) > hi + 1:  # 我们建立了|专职信息员队伍: the lead-in goes
                    parts[0] = tail_words(lead_off(parts[0], hi), hi)
                if all(len(p) <= longest for p in parts):
                    return parts
    return None


#: What leads into a member in the clauses before a term (要实现|…, 到2035年要在|…, 力争|…).
_CLAUSE_LEAD_RE = re.compile(r"^.*?(?:要实现|实现|要在|力争|确保|要)")
#: Quoted sibling terms between a list and the term (…继续走在前列。“两个稳居”、“两个继续走在前列”).
_SIBLING_TERMS_RE = re.compile(r"(?:“[^“”]{1,20}”\s*[、，,和及与]?\s*)+$")


def clauses_before(before: str, number: int, head: str, *, pointed: bool = False) -> list[str] | None:
    """The ``number`` clauses, in the term's sentence or the one before, that all hold its head and end
    alike in more than the head, none around them holding it (要实现人均地区生产总值稳居全国上游、居民收入稳居全国上游 …
    “两个稳居”; 在推进…上继续走在前列，在建设…上继续走在前列。… “两个继续走在前列”); in the head alone
    only for a term that points back at them (把领导的意图吃透，把上级的精神吃透，…。这“三个吃透”)."""
    if len(head) < 2 or number < 2:
        return None
    before = _SIBLING_TERMS_RE.sub("", before)
    tail = "".join(re.split(r"(?<=[。！？])", before)[-3:])
    for seps in (r"[，,；;。！？]", r"[，,；;。！？、]"):
        clauses = [c.strip(STRIP) for c in re.split(seps, tail) if c.strip(STRIP)]
        holds = [head in c for c in clauses]
        for end in range(len(clauses), number - 1, -1):
            run = clauses[end - number : end]
            if not all(holds[end - number : end]) or (end - number > 0 and holds[end - number - 1]) or (end < len(clauses) and holds[end]):
                continue
            ending = os.path.commonprefix([c[::-1] for c in run])[::-1]
            if head not in ending or (len(ending) <= len(head) and not pointed):
                continue  # …的活动、…大型活动 end in the head alone: things of a kind, not the term's members
            got = [m if head in (m := _CLAUSE_LEAD_RE.sub("", c)) and len(m) >= len(head) + 2 else c for c in run]
            if all(len(g) <= 40 for g in got):
                return got
    return None


def _trimmed(clauses: list[str]) -> list[str]:
    """Clauses without the frame they open alike with (在|全面推动…上开新局; 深化|就业增收共富工程)."""
    lead = os.path.commonprefix(clauses)
    cut = 1 if lead.startswith("在") else 2 if len(lead) >= 2 and lead[:2] in _FRAME_VERBS else 0
    return [c[cut:] for c in clauses] if all(len(c) - cut >= 4 for c in clauses) else clauses


_FRAME_VERBS = frozenset("深化 实施 推进 推动 加快 坚持 着力 强化 持续 大力 全力 抓好 做好 建设 打造".split())


def head_run_anywhere(text: str, number: int, head: str) -> list[str] | None:
    """A run of ``number`` 、-members each opening with the term's one character, anywhere in the
    document, and only one such run (“四稳” … 稳就业、稳企业、稳市场、稳预期)."""
    if len(head) != 1 or number < 2 or number > 12 or head in CN_DIGITS or not re.match(r"[\u4e00-\u9fff]", head):
        return None
    h = re.escape(head)
    rx = re.compile(rf"(?<![、{CN_DIGITS}两]){h}[\u4e00-\u9fff]{{1,3}}(?:、{h}[\u4e00-\u9fff]{{1,3}}){{{number - 1}}}(?![、\u4e00-\u9fff])")
    runs = {m.group() for m in rx.finditer(text)}
    return runs.pop().split("、") if len(runs) == 1 else None


def headed_list_anywhere(lists: tuple, number: int, head: str) -> list[str] | None:
    """The one list in the document with ``number`` items that hold the term's head (its last two
    characters): each such item's clause that holds it (“两个屏障” … （一）…，筑牢我国北方重要生态安全屏障 …; (“六个开新局” … （一）…，在全面推动经济提质增效上开新局 …;
    “八项民生工程” … 一是深化就业增收共富工程 …)."""
    key = head[-2:]
    if len(head) < 2 or number < 2 or key in _GENERIC_HEADS:
        return None
    found = []
    for group in lists[0]:
        holding = [it.title for it in group if key in it.title]  # 筑牢…屏障, 筑牢…屏障, 建设…基地 …: the items of the term's kind
        if len(holding) == number and (got := clauses_holding(holding, key)):
            found.append(got)
    return found[0] if len(found) == 1 else None


def clauses_holding(titles: list[str], key: str) -> list[str] | None:
    """Each title's clause that holds ``key``, without the frame they all open with, or None when a
    title has no such clause (坚定实施扩大内需战略，在加快推动消费投资增长上实现新突破 → 加快推动…上实现新突破
    for “五个新突破”)."""
    clauses = [next((c for c in re.split(r"[，,。；;：:]", t) if key in c), "") for t in titles]
    if not all(2 + len(key) <= len(c) <= 30 for c in clauses):
        return None
    return _trimmed([c.strip(STRIP) for c in clauses])


#: Heads too common to tie a term to a list far from it (三项工作, 四个方面).
_GENERIC_HEADS = frozenset("工作 方面 问题 任务 要求 措施 举措 重点 目标 事情 内容 意见 建议 领域 环节 发展 建设 活动".split())


#: A term that counts things of one kind (八项民生工程, 六个开新局, 两个屏障), not a compound (双百工程, 十百千人才工程).
_COUNTED_TERM_RE = re.compile(rf"^[{CN_DIGITS}两]+(?:个|项|大|种|条|类|支|道|件|张|场)[^{CN_DIGITS}两、]+$")


def head_series_anywhere(text: str, number: int, head: str) -> list[str] | None:
    """The one 、-series in the document of ``number`` short phrases that all end in the term's head of
    two characters or more, none before or after it (“三大差距” … 以城乡差距、区域差距、收入差距为主攻方向)."""
    if len(head) < 2 or number < 2 or number > 12 or head in _GENERIC_HEADS or not re.fullmatch(r"[\u4e00-\u9fff]+", head):
        return None
    h = re.escape(head)
    one = rf"[\u4e00-\u9fff]{{1,6}}?{h}"
    rx = re.compile(rf"(?<![、\u4e00-\u9fff]{h}、)(?P<run>{one}(?:、{one}){{{number - 2}}}(?:、|和|及|与){one})(?!、[\u4e00-\u9fff]{{1,6}}{h})")
    runs: set[tuple[str, ...]] = set()
    for m in rx.finditer(text):
        parts = [p for p in re.split(r"、|(?<=" + h + r")(?:和|及|与)", m.group("run")) if p]
        if len(parts) != number:
            continue
        width = max(map(len, parts[1:]))
        if len(parts[0]) > width:  # 以|城乡差距: the lead-in goes
            parts[0] = tail_words(parts[0], width)
        if all(len(p) > len(head) for p in parts) and len(set(parts)) == number:
            runs.add(tuple(parts))
    return list(runs.pop()) if len(runs) == 1 else None


def members_anywhere(text: str, term: str, number: int, head: str, lists: tuple) -> list[str] | None:
    """Members of a term no mention spells out beside it, from elsewhere in the document: a run of its
    one-character members, or, for a term that counts things of one kind, the list of them or the one
    series of phrases that end in its head."""
    if head_run := head_run_anywhere(text, number, head):
        return head_run
    if not _COUNTED_TERM_RE.match(term):
        return None
    return headed_list_anywhere(lists, number, head) or head_series_anywhere(text, number, head)
