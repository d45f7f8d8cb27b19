"""The members of a formulation, where the speech spells them out (or the knowledge base, where not).

Owns :func:`find_members`: brackets after the term (四个意识（政治意识、大局意识、…）), a list
right before it (改革开放大突破、…的四大奋斗目标; 优土、优种…“五优联动”), an apposition after
``即``/``：``/``就是``/``是``, names given one by one (一本书叫“有字之书”…), the next sentence,
the list or headings that follow closely in the same section (``“五勤”`` → 勤学, 勤修, …), and for a
known term the knowledge base's sense that the context and year agree with; members shortened to
what the term counts (勤学增才 → 勤学 for 五勤; 树立政治意识 → 政治意识).  :func:`outline_lists`
indexes the outline once per document so that each mention bisects instead of scanning every item
and list (quadratic on huge inputs before round 2: ``bench/RESULTS.md``, scale table).

It must not decide what is a formulation or its kind (:mod:`.formulations`) nor parse the outline
(:mod:`tifa.structure.outline`).
"""
from __future__ import annotations

import bisect
import os
import re

from ..lexicon.lexicons import Known, dictionary, known_sense
from ..text.patterns import CN_DIGITS, cn_to_int
from .compound_terms import compound_members, fits_groups, held_by_group
from .member_spans import STRIP, balanced, lead_off, same_member, split_members, tail_words
from .members_elsewhere import clause_tails, clauses_before, clauses_holding, head_list, one_by_one, paragraph_heads


_BRACKET_RE = re.compile(r"^\s*[（(](?P<m>[^（）()]{2,120})[)）]")
_APPOS_RE = re.compile(r"^[”\"」』]?(?:的[\u4e00-\u9fff]{0,6}[，,]?)?\s*(?:，|,)?\s*(?:即|就是|是指|是|指|包括|：|:)\s*[：:]?(?P<m>[^。；;！？\n]{2,200})")
_PREDICATE_RE = re.compile(r"是|作为|成为|仍然|已经|属于")
#: An apposition after the term's head noun, introduced by 即 or a colon (“五个一”工程，即…; “三不”原则：…).
_HEAD_APPOS_RE = re.compile(r"^[”\"」』]?[\u4e00-\u9fff]{1,4}[，,]?\s*(?:即|：|:)\s*(?P<m>[^。！？\n]{2,200})")


# --------------------------------------------------------------------------- members


def _abbreviate(item: str, head: str) -> str:
    """``勤学增才`` → ``勤学`` for 五勤; ``要有忠心`` → ``忠心`` for 四心; else the item."""
    item = item.strip()
    if len(head) != 1 or head not in item:
        return item
    item = item.strip("“”\"")  # 工作上的“忙人” → 忙人
    words = dictionary()
    i = item.find(head)
    after = item[i : i + 2]
    before = item[max(0, i - 1) : i + 1]
    if i == 0 and len(after) == 2 and (len(item) == 4 or after in words):
        return after  # 勤学增才 → 勤学
    if i > 0 and (before in words or i == len(item) - 1):
        return before  # 要有忠心 → 忠心
    if i > 1 and item[i + 1 : i + 2] in ("是", "要", "为", "在"):
        return item[: i + 1]  # 政治功能强是根本 → 政治功能强 for 四强
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
    t = re.sub(r"^(?:要有|要做到|是|就是)", "", t).strip("“”\" ")
    return "“" + t if t.count("”") > t.count("“") else balanced(t)  # 要有“勤”的样子 → “勤”的样子


#: A member that is a list marker (一是…, 第一，…), not 第一时间发现 (三个第一).
_MARKER_START = re.compile(rf"^[{CN_DIGITS}][是要为靠]|^第[{CN_DIGITS}](?:[，,、：:是]|个|条|点|$)")


def _appos_parts(body: str, number: int) -> list[str] | None:
    """Members in an apposition: a 、-list up to the first comma, else the clause."""
    first = re.split(r"[，,。；;]", body, maxsplit=1)[0]
    parts = split_members(first)
    if len(parts) == number:
        return parts
    parts = split_members(re.split(r"[。；;]", body, maxsplit=1)[0])
    if len(parts) == number:
        return parts
    # 即A，B，这是…: the members, then a demonstrative resumes the sentence
    if len(parts) > number and re.match(r"^(?:这|此|它|其|以上)", parts[number]):
        return parts[:number]
    # 必须把A…；必须把B…；必须把C…。: members a semicolon apart
    semis = [p.strip(STRIP) for p in re.split(r"[；;]", re.split(r"[。！？]", body, maxsplit=1)[0])]
    if len(semis) == number and all(2 <= len(p) <= 40 for p in semis):
        return semis
    # 紧盯A，紧盯窗口单位和执法部门，紧盯B: a 和 inside a member is no separator
    whole = [p.strip(STRIP) for p in re.split(r"[、，,；;]", re.split(r"[。；;]", body, maxsplit=1)[0])]
    whole = [p for p in whole if p]
    if len(whole) == number:
        return whole
    # 向党中央看齐，向…看齐，向…看齐，在任何时候…: as many clauses ending alike, then the sentence goes on
    clauses = [p.strip(STRIP) for p in re.split(r"[，,；;]", re.split(r"[。；;]", body, maxsplit=1)[0])]
    clauses = [p for p in clauses if p]
    if len(clauses) > number >= 2:
        ending = os.path.commonprefix([p[::-1] for p in clauses[:number]])[::-1]
        if len(ending) >= 2 and not clauses[number].endswith(ending):
            return clauses[:number]
        # 始终把A，始终把B，始终把C，不断提高…: as many clauses opening alike, then the sentence goes on
        opening = os.path.commonprefix(clauses[:number])
        if len(opening) >= 2 and not clauses[number].startswith(opening):
            return clauses[:number]
    return None


#: 即 or a colon at most four characters after the term (“三个一”工作法，即…; 做到八个字：…), or ``，即`` six (“五种能力”来安排课程，即…).
_BESIDE_RE = re.compile(r"^[”\"」』]?(?:[\u4e00-\u9fff]{1,8}[，,]\s*即|[。]\s*即|(?:[\u4e00-\u9fff]{1,4})?[，,]?\s*(?:即|也就是|：|:)|[\u4e00-\u9fff]{5,8}[：:])\s*(?P<m>[^。！？\n]{2,200})")


def _beside_members(after: str, number: int, head: str) -> list[str] | None:
    """Members in an apposition right after the term: as many as the numeral says, or for
    ``N个字`` as many characters (勤、细、实、廉; 精明、能干、忠诚、可靠)."""
    m = _BESIDE_RE.match(after)
    if not m:
        return None
    if head == "字":
        first = re.split(r"[，,。；;]", m.group("m"), maxsplit=1)[0]
        parts = [p.strip(STRIP) for p in split_members(first)]
        if len(parts) >= 2 and all(parts) and sum(map(len, parts)) == number and max(map(len, parts)) <= 4:
            return parts
        return None
    parts = _appos_parts(m.group("m"), number)
    if parts and len(head) >= 2 and all("，" in p and head in p.split("，", 1)[0] for p in parts):
        parts = [p.split("，", 1)[0] for p in parts]  # 政治过硬，始终…；业务过硬，…: the units' openings name the members
    if not parts or any(_MARKER_START.match(p) for p in parts) or not all(2 <= len(p.strip(STRIP)) <= 16 for p in parts):
        return None
    return [_trim_member(balanced(p.strip(STRIP)), head) for p in parts]  # spelled out whole: nothing to abbreviate


def outline_lists(items) -> tuple:
    """The outline's lists (runs of sibling items) in text order and their first offsets; every
    item's offset; the lists' last-item offsets, sorted, with the list each belongs to — what
    :func:`find_members` bisects instead of scanning."""
    groups: dict[int, list] = {}
    for it in items:
        groups.setdefault(it.enum_key, []).append(it)
    ordered = sorted(groups.values(), key=lambda g: g[0].start)
    lasts = sorted((g[-1].start, i) for i, g in enumerate(ordered))
    return ordered, [g[0].start for g in ordered], [it.start for it in items], [a for a, _ in lasts], [i for _, i in lasts]


def find_members(
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
    shares = any(any(same_member(m, x) for m in members for x in s.members) for s in senses)
    if members and (near or shares or not senses):
        return members, source
    sense = known_sense(known, text[max(0, start - 12) : end + 24], year)
    if sense is not None and sense.members:
        return list(sense.members), "lexicon"
    return [], None


def find_compound_members(
    text: str, start: int, end: int, counts: list[int], head: str, items, lists: tuple
) -> tuple[int, list[str], str | None]:
    """A compound slogan's members and how many the text gives: of the ``counts`` its members may
    come in (:func:`.compound_terms.compound_counts`), the first whose members each hold a group's
    character (一稿三审: 起草人自审、科室负责人复审、分管领导终审, not four with the next clause), else
    the first the text spells out with the likeliest count, or right after the term with another
    (一事三问：…, three questions)."""
    first: tuple[int, list[str], str | None] | None = None
    for k, n in enumerate(counts):
        members, source = _members_in_text(text, start, end, n, head, items, lists)
        if k and source != "apposition" and not (source == "list_before" and held_by_group(text[start:end], n, members)):
            continue  # another count only from the words right after the term (一稿三审：…; 三查三看，即…)
        if members and fits_groups(text[start:end], members):
            return len(members), members, source  # 一稿三审 gives three, whatever count found them
        if members and first is None:
            first = (n, members, source)
    return first or (counts[0], [], None)


#: Heads a list of short members shares, written once after the last (东、中、西、东北|地区; 大气、水、土壤|污染防治;
#: 水、电、路、气、房、环境|整治; 经济社会、城市、土地|利用规划).
_SHARED_HEAD_RE = re.compile(r"(?:地区|区域|领域|方面|行业|污染防治|污染治理|污染|整治|治理|建设|改造|利用规划|规划|发展规划)$")


def _after_head(phrase: str, head: str) -> str:
    """An item's phrase without the term's head it opens with (三个关键词: 第一个|词是从容 → 从容;
    三道工序: 第一道|工序是吃透 → 吃透)."""
    for k in range(len(head), 0, -1):
        m = re.match(rf"{re.escape(head[-k:])}(?:就是|是|为|叫)", phrase)
        if m and len(phrase) > m.end():
            return phrase[m.end() :].strip("“”\"：: ")
    return phrase


def _clause_ends(before: str, number: int, head: str) -> list[str] | None:
    """Members closing the clauses right before the term, each ending in its head of two characters
    or more (对…的单位表扬一批，对…约谈一批，对…的问责一批，以“三个一批” → 表扬一批|约谈一批|问责一批)."""
    if len(head) < 2 or number < 2:
        return None
    clauses = [c for c in re.split(r"[，,；;]", re.split(r"[。！？\n]", before)[-1]) if c][:-1]
    if len(clauses) < number or not all(c.endswith(head) for c in clauses[-number:]):
        return None
    return [tail_words(c, len(head) + 2) for c in clauses[-number:]]


def _head_run(after: str, number: int, head: str) -> list[str] | None:
    """In the sentence after the term, ``number`` 、-members in a row each opening with its one
    character (四不: 不打招呼、不要陪同、不看材料、不听汇报)."""
    if len(head) != 1 or number < 2:
        return None
    stop = re.search(r"[。！？]", after)
    nxt = after[stop.end() : stop.end() + 200] if stop else ""
    for chunk in re.split(r"[，,；;。]", nxt.split("。")[0]):
        parts = [p for p in chunk.split("、") if p]
        for k in range(len(parts) - number + 1):
            got = parts[k : k + number]
            if k == 0 and got[0].find(head) > 0:  # 做到不打招呼: the lead-in goes
                got = [got[0][got[0].find(head):], *got[1:]]
            if all(p.startswith(head) and 2 <= len(p) <= 8 for p in got) and (k + number == len(parts)):
                return got
    return None


#: A list marker opening a unit (一是, 第一，, 二要), not part of the member it introduces.
_MARKER_LEAD_RE = re.compile(rf"^(?:[{CN_DIGITS}][是要]|第[{CN_DIGITS}]{{1,2}}[，,、：:]?|其[一二三四五六七八九十][，,、：:]?)")
#: What leads from a term to its members spelled out after it: a colon, a dash, the sentence's end
#: (“三个吃透”。吃透上情，…), after the term's head noun at most (“三防”措施——防火、…).
_UNITS_LEAD_RE = re.compile(r"^[”\"」』]?[\u4e00-\u9fff]{0,4}?(?:——|[：:]|。)")


def _unit_heads(after: str, number: int, head: str) -> tuple[list[str], str] | None:
    """Members spelled out after the term as the openings of the units that follow: the first
    clause of each of ``number`` units a semicolon or full stop apart, all holding the term's head
    or all opening alike (“三个过硬”：政治过硬，…；业务过硬，…；作风过硬，… ; “三个吃透”。吃透上情，…；
    吃透下情，…；吃透领导意图，…), or ``number`` clauses in a row holding the head, the next one not
    (“三个当日”：来文当日登记，急件当日办理，请示当日呈报，决不让…), or a 、-list after a dash
    (“三防”措施——防火、防盗、防潮)."""
    lead = _UNITS_LEAD_RE.match(after)
    if not lead or number < 2:
        return None
    rest = after[lead.end() : lead.end() + 400]
    if lead.group().endswith("——"):
        parts = split_members(re.split(r"[，,。；;]", rest, maxsplit=1)[0])
        return (parts, "apposition") if len(parts) == number and all(1 <= len(p) <= 10 for p in parts) else None
    colon = lead.group().endswith(("：", ":"))
    units = re.split(r"[；;。]", rest)[:number]
    firsts = [_MARKER_LEAD_RE.sub("", re.split(r"[，,：:]", u.strip(), maxsplit=1)[0]).strip(STRIP) for u in units]  # 一是|服务意识
    if len(firsts) == number and all(2 <= len(f) <= 10 for f in firsts) and all(len(re.split(r"[，,]", u)) > 1 for u in units):
        opening = os.path.commonprefix(firsts)
        if colon and ((len(head) >= 2 and all(head in f for f in firsts)) or len(opening) >= 2):
            return firsts, "heads"
        if len(head) >= 2 and all(f.startswith(head) for f in firsts):
            return firsts, "heads"  # after the sentence's end only units that open with the head itself (吃透上情，…)
    if colon and len(head) >= 2:
        clauses = [c.strip(STRIP) for c in re.split(r"[，,；;]", re.split(r"[。！？]", rest, maxsplit=1)[0])]
        if len(clauses) >= number and all(head in c and 3 <= len(c) <= 16 for c in clauses[:number]) and (
            len(clauses) == number or head not in clauses[number]
        ):
            return [balanced(c) for c in clauses[:number]], "apposition"
    return None


def _quoted_before(before: str, number: int) -> list[str]:
    """The parts of a quoted list that ends right before the term, if there are ``number`` of them."""
    if not before.endswith("”") or "“" not in before[-120:]:
        return []
    parts = [p.strip(STRIP) for p in re.split(r"[、，,]", before[before.rindex("“") + 1 : -1])]
    return parts if len(parts) == number >= 2 and all(2 <= len(p) <= 16 for p in parts) else []


#: A term that points back at what was just said (把这“三种样子”…, 上述“三个坚持”, 以上这些).
_ANAPHORA_RE = re.compile(r"(?:这|这些|上述|以上|前述|前面讲的|这几个|这几条)$")


def _list_just_before(items, ordered, item_starts, last_starts, by_last, start: int, number: int) -> list | None:
    """The list of ``number`` items whose last item began at most 300 characters before ``start``,
    nothing of its level or above opening between them: the list a demonstrative points back at."""
    lo, hi = bisect.bisect_left(last_starts, start - 300), bisect.bisect_left(last_starts, start)
    for j in range(hi - 1, lo - 1, -1):
        members = ordered[by_last[j]]
        last = members[-1]
        if len(members) != number:
            continue
        between = items[bisect.bisect_right(item_starts, last.start) : bisect.bisect_left(item_starts, start)]
        if all(it.depth > last.depth for it in between):
            return members
        return None
    return None


#: A plan's set named by 大, of a kind that a list with 等 names a part of (…等十大工程, …等六大优势产业).
_PLAN_SET_RE = re.compile(rf"^(?:\d+|[{CN_DIGITS}两]+)大[\u4e00-\u9fff]{{0,6}}?(?:工程|行动|战略|攻坚战|专项|计划|产业集群|产业|基地|片区|领域|板块|中心|集群)$")
#: Verbs that govern a term written right after them (统筹推进、一体落实|“两区”建设).
_GOVERNING_END_RE = re.compile(r"(?:推进|落实|实施|推动|抓好|做好|贯彻|深化|践行|用好|建好|抓实|完成|坚持|强化|加强)$")


def _members_in_text(text: str, start: int, end: int, number: int, head: str, items, lists: tuple) -> tuple[list[str], str | None]:
    after = text[end : end + 400]
    clean = lambda parts: [_trim_member(_abbreviate(p, head), head) for p in parts]  # noqa: E731
    m = _BRACKET_RE.match(after.lstrip("”\"」』"))
    if m:
        parts = split_members(m.group("m"))
        if len(parts) == number:
            return clean(parts), "brackets"
    # a list right before, joined to the term by 的: 改革开放大突破、…、区域发展大跨越的四大奋斗目标
    before = text[max(0, start - 240) : start].rstrip("“\"")
    if head == "大事":  # N件大事: a set only as a quoted list right before it (“疫情要防住、经济要稳住、发展要安全”三件大事)
        parts = _quoted_before(before, number)
        return (parts, "list_before") if parts else ([], None)
    if before.endswith("的"):
        clause = re.split(r"[，,。；;：:！？!?\n]", before[:-1])[-1]
        parts = [p.strip(STRIP).removesuffix("的") for p in split_members(clause)]  # 敌我之间的和人民内部的
        if parts:
            lead = re.split(r"了|的|把|将|关于|按照|对于", parts[0])[-1].strip(STRIP)  # 我们先后进行了|土地改革
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
    elif parts := _quoted_before(before, number):
        return parts, "list_before"  # “稳住、进好、调优”三大要求: a quoted list of as many parts right before the term
    elif re.search(r"[\u4e00-\u9fff]$", before):
        # a 、-list right before the term (优土、优种、优产、优储、优销“五优联动”; 产业、科技、服务业三支招商队伍),
        # or in the clause before a connective (做到更加主动、更加务实、更加清廉，以“三个更加”…)
        clauses = re.split(r"[，,。；;：:！？!?\n（(]", before)
        clause = clauses[-1]
        if re.fullmatch(r"以|用|靠|凭|通过|按照|即|这就是|就是|这|这些|上述", clause) and len(clauses) >= 2:
            clause = clauses[-2]
        parts = split_members(clause)
        if len(parts) != number and (whole := [p.strip(STRIP) for p in clause.split("、") if p.strip(STRIP)]) and len(whole) == number:
            parts = whole  # 教育科技人才一体改革发展、科技创新和产业创新深度融合“两篇大文章”: 和 inside a member
        term = text[start:end]
        named_set = _PLAN_SET_RE.match(term) or (text[start - 1 : start] in "“\"" and not re.fullmatch(rf"[{CN_DIGITS}]+五", term))  # not “十五”, a plan's period
        if named_set and clause.endswith("等") and number > len(parts) >= 2 and all(2 <= len(x) <= 10 for x in parts[1:]):
            # 先进装备、电子信息、新能源汽车等7大产业集群: the ones named, 等 the rest
            parts[-1] = parts[-1][:-1]
            hi = max(map(len, parts[1:]))
            parts[0] = tail_words(lead_off(parts[0], hi), hi) if len(parts[0]) > hi + 1 else parts[0]
            return parts, "list_before"
        if parts and re.fullmatch(rf"[{CN_DIGITS}]+|\d+", parts[0]):
            parts = []  # 二、建好“两支队伍”: a heading's marker, no list
        if len(parts) >= 2 and all(_GOVERNING_END_RE.search(p) for p in parts):
            parts = []  # 统筹推进、一体落实“两区”建设: verbs that govern the term, not its members
        if len(parts) == number and len(parts) >= 2 and all(parts):
            mids = parts[1:-1] or parts[1:]
            hi = max(map(len, mids))
            if len(mids) < len(parts) - 1 and hi <= 2 and (k := _SHARED_HEAD_RE.search(parts[-1])) and 1 <= k.start() <= hi + 1:
                parts[-1] = parts[-1][: k.start()]  # 东、中、西、东北|地区, 大气、水、土壤|污染防治: the head the last one carries for all
            hi = max(map(len, parts[1:]))
            shared = os.path.commonprefix(parts[1:])
            if shared and shared in parts[0][1:]:  # 做到|更加主动、更加务实: the others' common opening starts it
                parts[0] = parts[0][parts[0].rfind(shared) :]
            led = len(parts[0]) > hi
            if led:  # 强化|优土, 建强用好|产业, 开展|高新区, 继续推动|东: the governing verb goes
                parts[0] = lead_off(parts[0], hi, min_rest=1 if hi <= 2 else 2 if hi < 8 else hi - 2)  # long members: the first about as long (做深做透|教育科技人才…, not 教育 too)
            if len(parts[0]) > hi + (1 if hi <= 2 else 2):  # 全国率先实现所有行政村|5G+千兆宽带, 农村|生产: the words at its end, as long as the others
                last = parts[-1]
                if led and number == 2 and len(last) == 4 and last[0] == last[2]:
                    parts = []  # 打造国内大循环战略支点、国内国际|双循环: the pair glued to the term is the members, not the list
                else:
                    parts[0] = tail_words(parts[0], hi)
            if parts and all(1 <= len(p) <= 16 for p in parts) and not any(_PREDICATE_RE.search(p) for p in parts):
                return parts, "list_before"
    # the clauses before it, each ending in the term's words (…表扬一批，…约谈一批，…问责一批，以“三个一批”)
    tail = _clause_ends(before, number, head)
    if tail:
        return tail, "list_before"
    # the next sentence's run of members opening with the term's one character (“四不”。…做到不打招呼、不要陪同…)
    run = _head_run(after, number, head)
    if run:
        return run, "next_sentence"
    # an apposition right beside the term wins over a list further on (“三个服务”，即服务领导、…;
    # 用“三心”做工作，即责任心、…; 八个字：精明、能干、忠诚、可靠)
    paras = paragraph_heads(text[end : end + 4000], number, head)
    if paras:  # “五个更加注重”：\n——更加注重强化战略引领，…\n——更加注重…
        return paras, "heads"
    units = _unit_heads(after, number, head)
    if units:  # before a plain apposition: 读懂上情，把…学深悟透；读懂下情，… names 读懂上情, not its clauses
        return [_trim_member(u, head) for u in units[0]], units[1]
    beside = compound_members(text[start:end], after) or _beside_members(after, number, head) or clause_tails(after, number, head)
    if beside:
        return beside, "apposition"
    ends = clauses_before(before, number, head, pointed=bool(_ANAPHORA_RE.search(before))) if text[start - 1 : start] in "“\"" else None
    if ends:  # 要实现A稳居全国上游、B稳居全国上游。… “两个稳居”
        return ends, "list_before"
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
    if _ANAPHORA_RE.search(before) and text[start - 1 : start] in "“\"":  # 一要多读…二要多写…三要多问。希望大家把这“三多”坚持下去: the list just read
        back = _list_just_before(items, ordered, item_starts, last_starts, by_last, start, number)
        if back:
            return clean([_after_head(_member_phrase(it.title), head) for it in back]), "list_before"
    for members in ordered[k:]:
        first = members[0]
        same_section = first.parent is container or (container is None and first.depth == 1)
        if same_section and first.start - end <= 300 and len(members) == number:
            phrases = [_after_head(_member_phrase(it.title), head) for it in members]
            key = head[-2:]
            firsts = [re.split(r"[，,。；;：:]", it.title, maxsplit=1)[0] for it in members]
            if len(head) >= 2 and not any(key in f for f in firsts) and (held := clauses_holding([it.title for it in members], key)):
                phrases = held  # 坚定实施…战略，在加快推动消费投资增长上实现新突破: the clause that names the term's head
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
            return [p.strip(STRIP) for p in parts], "apposition"  # whole phrases: nothing to abbreviate
    # names given one by one: 一本书叫“有字之书”…另一本书叫“无字之书”
    para_end = text.find("\n", end, end + 400)
    para = text[end : para_end if para_end >= 0 else end + 400]
    named = re.findall(r"(?:叫做|叫|称为|称作|就是)“([^”]{1,10})”", para)
    if len(named) == number:
        return named, "named"
    named = one_by_one(text[start:end], after.lstrip("”\"」』"), number)
    if named:
        return named, "named"
    shared = head_list(after, number, head)
    if shared:
        return shared, "next_sentence"
    # the next sentence, when it is a list of exactly `number` short phrases
    stop = re.search(r"[。！？；]", after)
    if stop:
        nxt = re.match(r"[^。！？\n]{2,200}", after[stop.end() :])
        if nxt:
            parts = split_members(nxt.group())
            if len(parts) == number and all(len(p) <= 8 for p in parts) and not any(_MARKER_START.match(p) for p in parts):
                return clean([re.sub(r"^(?:要|要求)", "", p) for p in parts]), "next_sentence"
    return [], None
