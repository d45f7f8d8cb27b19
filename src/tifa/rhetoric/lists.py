"""Telling a list of nouns from a 排比, and cutting members at constituent boundaries.

Owns the tests that label a run ``kind = list`` — coordinated nouns sharing an affix or a head
(获得感、幸福感、安全感; 财税体制、金融体制), behind an attributive opening (新产业、新模式),
plain concrete nouns (剪子、刀子), ordinary dictionary words sharing a character (医疗、医保、
医药) — and :func:`refine`, which every found run passes through: members cut where the list's
governing verb or a glued tail ends, members of the same 、-list the run left out added, runs
that jump a sentence end kept only as runs of sentence openings.

It must not find runs (the finders in :mod:`.phrase_runs`, :mod:`.item_runs`,
:mod:`.clause_runs` do) nor score them (:mod:`.parallels`); it reads phrases through
:mod:`.shapes` only.
"""
from __future__ import annotations

import os
import re

from ..text.patterns import CN_DIGITS
from .shapes import cut_lead, cut_tail, FIGURE_RE, member_spans, NOMINAL, nominal, NUM, pos_tags, verb_object, word_bounds


#: One-character endings of concrete nouns (剪子、刀子、浆子): a list of such nouns is a list.
_NOUN_SUFFIXES = set("子儿头")


def plain_nouns(members: list[str], frame: str) -> bool:
    """A plain list of nouns: every member one dictionary noun of a concrete-noun ending
    (剪子、刀子、浆子), or nouns before a shared head noun (财税体制、金融体制) — see :func:`_noun_list`.
    A shared frame of nouns the genre coins (政治判断力、政治领悟力; 参与者、贡献者) stays a slogan."""
    from ..tokens.segment import shared_segmenter

    seg = shared_segmenter()
    if frame[:1] == "*" and frame[1:] in _NOUN_SUFFIXES and all(
        len(t := seg.tag(m)) == 1 and t[0][1].startswith("n") for m in members
    ):
        return True
    return _noun_list(members, frame)


def _noun_list(members: list[str], frame: str) -> bool:
    """Nouns of two or more characters before a shared head noun (财税体制、金融体制、投资体制):
    a list, not a 排比 (a one-character frame — 嘴勤、腿勤 — stays a slogan)."""
    from ..tokens.segment import shared_segmenter

    head = frame[1:]
    if not frame.startswith("*") or "*" in head or len(head) < 2:
        return False
    seg = shared_segmenter()
    for m in members:
        mod = m[: -len(head)]
        if len(mod) < 2 or not all(pos.startswith(("n", "j", "s")) for _, pos in seg.tag(mod)):
            return False
    tags = seg.tag(head)
    return all(pos.startswith("n") for _, pos in tags) or len(head) >= 4 and tags[-1][1].startswith("n") and len(tags[-1][0]) >= 2  # 创新|中心


def _thing(m: str) -> bool:
    """A noun phrase of two words or more whose first word is no verbal noun (先进|技术, 能源|资源;
    not 优化|服务, which the tagger reads vn vn, nor one set phrase: 简政放权, nor 育|龙头)."""
    tags = pos_tags(m)
    return len(tags) >= 2 and tags[0][1] != "vn" and len(tags[0][0]) >= 2 and nominal(m)  # 育|龙头: a verb of one character


def affix_compounds(members: list[str], frame: str) -> bool:
    """Members of a word in 化 and a noun after it (区域化|布局、标准化|生产、社会化|服务; frame
    ``*化*``): the manner of one activity each, a list (…性 compounds stay: 历史性变革、系统性重塑、
    整体性重构 are events, which the tagger's tags do not tell from 布局, 生产)."""
    m = re.fullmatch(r"\*(.)\*", frame)
    if not m or m.group(1) != "化":
        return False
    for x in members:
        tags = pos_tags(x)
        if len(tags) != 2 or not tags[0][0].endswith(m.group(1)) or not tags[1][1].startswith(("n", "vn")) or len(tags[1][0]) < 2:
            return False
    return True


# --------------------------------------------------------------------------- lists and cuts

#: One-character endings that make nouns of what they end (法治化, 基础性, 获得感, 应用型, 空港):
#: coordinated words sharing one are a list, however many.
_NOUN_AFFIX = set("化性感型式级类界区会港省市县局机线品业员家库园")
#: Attributive one-character openings (新产业、新模式、新动能): nouns before them make a list.
ATTRIBUTIVE = set("新老大小总副主次各原现前首全省市县区")
_LEAD_POS = ("v", "vd", "vi", "d", "ad", "c", "p", "r")
#: POS of a one-character head that makes a noun of what it ends (年 m, 段 q, 期 n, 园 zg, 港 j).
_HEAD_POS = ("n", "m", "q", "zg", "j", "s", "f")


def _bare_verbs(rests: list[str]) -> bool:
    """Each one verb of two characters (把握|衡量|推动 before 发展)."""
    return all(len(r) == 2 and len(t := pos_tags(r)) == 1 and t[0][1] in ("v", "vd") for r in rests)
_SENT_END = re.compile(r"[。！？!?]")


def _modifier(s: str) -> bool:
    """What stands before a shared head noun in a list: a noun phrase, or a short modifier of
    nouns, adjectives or verbs without adverb, preposition, conjunction or pronoun (涉外领域)."""
    if nominal(s):
        return True
    if "的" in s[1:-1] and nominal(s[s.rindex("的") + 1 :]):
        return True  # 超大规模市场的需求(优势), 产业体系完备的供给(优势)
    return len(s) <= 4 and not any(p.startswith(("d", "p", "c", "r", "u")) for _, p in pos_tags(s))


#: Adverbs that open verb phrases, which the tagger reads as nouns (依法, 全面, 大力).
_ADVERB_LEADS = frozenset("依法 全面 大力 积极 切实 坚决 深入 加快 着力 持续 不断 进一步 主动 认真 扎实 严格".split())


def is_list(members: list[str], frame: str) -> bool:
    """Coordinated nouns sharing an affix or a head (获得感、幸福感、安全感; 数字消费、绿色消费;
    法治政府、数字政府、服务型政府), or behind an attributive opening (重大战略任务、重大改革举措;
    水资源、水环境、水生态), not a 排比."""
    if frame in ("V+O", "*") or "的*" in frame:
        return False
    head = os.path.commonprefix([m[::-1] for m in members])[::-1]
    lead = os.path.commonprefix(members)
    if head and all(len(m) > len(head) for m in members) and frame.startswith("*"):
        rests = [m[: -len(head)] for m in members]
        led = len(head) >= 2 and all(verb_led(m) for m in members)  # 提升传统|产业、培育新兴|产业: verb + object
        if head[-1] in _NOUN_AFFIX and not led and "的" not in head and not any(pos_tags(r)[0][1].startswith(("p", "c", "r")) for r in rests):
            return True
        if len(head) == 1 and pos_tags(head)[0][1].startswith(_HEAD_POS) and all(len(r) >= 2 for r in rests):
            if sum(len(r) in word_bounds(m) or (len(t := pos_tags(m)) == 1 and t[0][1].startswith("n")) for r, m in zip(rests, members)) >= max(2, len(members) - 1):
                return True  # a noun or classifier, a word of its own, heads the members (攻坚突破|年; 黄河临夏|段; 产业链、资金|链; not 通|天气)
        if _bare_verbs(rests):
            return False  # verbs before a shared object (把握发展、衡量发展、推动发展): verb + object, no list
        if len(head) >= 2 and head[0] not in CN_DIGITS + "两" and not pos_tags(head)[0][1].startswith(("m", "q")):
            if nominal(head) and all(_modifier(r) for r in rests) and not led:
                return True
    counted = re.search(rf"{NUM}|零", lead) and any(p.startswith(("m", "q")) for _, p in pos_tags(lead))  # not 世界一流
    if not lead or lead.endswith("的") or counted or not all(len(m) > len(lead) for m in members):
        return False  # 我们的组织、我们的上级; 一个单位、一个系统: slogans of the genre
    if not frame.endswith("*") and frame.count("*") == 1:
        return False
    rests = [m[len(lead) :] for m in members]
    if lead in _ADVERB_LEADS and all(verb_led(r) or len(r) == 2 for r in rests):
        return False  # 依法决策、依法行政、依法办事: an adverb the tagger reads as a noun, then verbs
    tags = pos_tags(lead)
    attributive = lead in ATTRIBUTIVE or (
        all(p.startswith(NOMINAL[:-3]) or (p == "a" and len(lead) >= 2) for _, p in tags) and not tags[-1][1].startswith("vn")
    )
    if not attributive:
        return False
    if len(lead) >= 2 and tags[-1][1] == "a":  # 重大|战略任务、重大|改革举措: an adjective before nouns
        return all(r and (nominal(r) or _modifier(r)) for r in rests)
    return all(r and nominal(r) for r in rests)


def _list_lead(members: list[str], frame: str) -> str | None:
    """The first member without the words that govern the whole list (推进|产业结构、能源结构…;
    我国具有|显著的制度优势、…的需求优势), when the run is then a list; else None."""
    if all(verb_led(m) for m in members[1:]):
        return None  # 领导秘书|是充满挑战性的职业、也是…的职业、更是…的职业: each member has its own verb
    tags = pos_tags(members[0])
    for k in range(1, min(6, len(tags))):
        rest = members[0][sum(len(w) for w, _ in tags[:k]) :]
        if len(rest) >= 2 and rest.endswith(frame[1:]) and len(rest) > len(frame) - 1 and is_list([rest, *members[1:]], frame):
            return rest
    return None


def _extend(text: str, members: list[str], frame: str, start: int, end: int) -> tuple[int, int]:
    """Members of the same 、-list the run left out, before or after it (着力稳就业、稳金融、|稳外贸、
    稳外资…): added in place when they fit the frame."""
    lead, tail = frame.split("*")
    width = max(map(len, members))

    def fits(p: str) -> bool:
        return 2 <= len(p) <= width + 1 and p.startswith(lead) and p.endswith(tail) and len(p) > len(lead) + len(tail) and not FIGURE_RE.search(p)

    while text[start - 1 : start] == "、":
        m = re.search(r"[^、，,；;：:。！？!?\n“”（）()]+$", text[max(0, start - 1 - 40) : start - 1])
        if not m:
            break
        piece = m.group()
        k = piece.rfind(lead) if lead else -1
        cand = piece[k:] if lead and k >= 0 and (k == 0 or k in word_bounds(piece)) else piece
        if not fits(cand) or cand in members:
            break
        members.insert(0, cand)
        start = start - 1 - len(cand)
    while text[end : end + 1] == "、":
        m = re.match(r"[^、，,；;：:。！？!?\n“”（）()]+", text[end + 1 : end + 41])
        if not m or not fits(m.group()) or m.group() in members:
            break
        members.append(m.group())
        end = end + 1 + len(m.group())
    return start, end


def dictionary_words(members: list[str]) -> bool:
    """Two-character members that are all ordinary words of jieba's main dictionary, none a bare
    verb (医疗、医保、医药; 生育、养育、教育; 良田、良种、良机): words that share a character,
    not a slogan coined for the speech (嘴勤、腿勤、手勤、脑勤; 节粮、节水、节电)."""
    from ..lexicon.lexicons import main_pos_table

    table = main_pos_table()
    return all(len(m) == 2 and m in table and not table[m].startswith("v") or table.get(m, "") == "vn" for m in members)


def _empty_slot(members: list[str]) -> bool:
    """A member that is only the shared opening and ending (作为党政机关办公室的秘书、作为领导秘书、
    作为秘书): the frame is a noun phrase with optional modifiers, not a slot each member fills."""
    lead = os.path.commonprefix(members)
    tail = os.path.commonprefix([m[::-1] for m in members])
    return bool(lead and tail) and any(len(m) <= len(lead) + len(tail) for m in members)


def verb_led(m: str) -> bool:
    """A phrase that opens with a verb, after adverbs (大力|发展…, 落实好…, 学习贯彻…; 主动|接受…, the tagger's b)."""
    tags = pos_tags(re.sub(r"^[也更还又就都才](?=是)", "", m.strip("“”")))
    while len(tags) > 1 and (tags[0][1] in ("d", "ad") or tags[0][1] == "b" and len(tags[0][0]) == 2 and tags[1][1] == "v"):
        tags = tags[1:]
    return bool(tags) and tags[0][1].startswith("v") and len(tags) > 1


def _object_list(members: list[str], frame: str) -> bool:
    """Members sharing a head noun (…政策, …教育) that do not each open with their own verb: the
    objects of one governing verb (落实好更加积极的财政政策、适度宽松的货币政策), a list; members that
    do (大力发展科技型服务业、培育壮大数智型服务业、优化提升…型服务业) are verb + object, 排比."""
    head = frame[1:]
    if not frame.startswith("*") or "*" in head or len(head) < 2 or head[0] in "的两" + CN_DIGITS or not (nominal(head) or _dictionary_noun(head)):
        return False
    return not all(verb_led(m) for m in members) and not _verbs_before(members, head)


def _verbs_before(members: list[str], head: str) -> bool:
    """Two-character verbs (or prepositions) before the shared head, all of three, all but one of four or
    more (为了|服务|依靠|仰仗|惠及|造福 人民): one object each verb governs, not a list of its kinds
    (审计监督、统计监督、财会监督: 财会 is a noun)."""
    from ..lexicon.lexicons import verb_share

    rests = [m[: -len(head)] for m in members]
    if any(len(r) != 2 for r in rests):
        return False
    ok = sum((len(t := pos_tags(r)) == 1 and t[0][1] in ("v", "p")) or verb_share(r[0]) >= 0.45 for r in rests)
    return ok >= (len(rests) if len(rests) < 4 else len(rests) - 1)


def _dictionary_noun(w: str) -> bool:
    """A noun of jieba's main dictionary, however the tagger reads it in context (清单 n, tagged a)."""
    from ..lexicon.lexicons import main_pos_table

    return main_pos_table().get(w, "").startswith("n")


#: A count of the members after the run, maybe past one more member (…和创新服务|四个方面; …“三根支柱”).
_COUNTED = re.compile(rf"(?:[和与及][\u4e00-\u9fff]{{2,10}}?)?[“\"]?(?:{NUM}|[十百千万]){{1,4}}[”\"]?(?:个|大|项|条|类|种|根|重|支|张|方面|行动|工程)")


def _named_part(m: str, frame: str) -> bool:
    """A member that names a part, not a slogan: a noun phrase, or one noun word in its slot (创新|政策)."""
    if nominal(m):
        return True
    slot = m[len(frame) - 1 :] if frame.endswith("*") and frame.count("*") == 1 else m[: len(m) - len(frame) + 1] if frame.startswith("*") and frame.count("*") == 1 else ""
    tags = pos_tags(slot) if slot else []
    return len(tags) == 1 and tags[0][1].startswith(("n", "vn", "t")) and tags[0][1] != "nr"


#: Before a run: a preposition governing it as its object (对健康、养老、托育等…).
_PREPOSITION_RE = re.compile(r"(?:对于|对|在|从|向|为)$")


def _noun_opening(lead: str, head: str) -> bool:
    """An opening of nouns, none a verb of the dictionary, before a head that is a plain noun of the
    dictionary (全球|…|倡议; not 深化|…|改革, 着力|…|发展: verbal nouns close slogans)."""
    from ..lexicon.lexicons import main_pos_table

    table = main_pos_table()
    return nominal(lead) and table.get(head, "") == "n" and not any(table.get(w, "").startswith(("v", "d")) for w, _ in pos_tags(lead))


#: Openings that name a topic (关于…, 对于…): a run of them is a list of topics.
_TOPIC_OPENINGS = ("关于", "对于", "至于")
#: A heading's numeral before its 、 (``一、``, ``12、``) at a line's start: that 、 is no list's.
_HEADING_NUMERAL_RE = re.compile(r"(?:^|\n)[ \t\u3000]*[一二三四五六七八九十百\d]{1,3}$")


def _after_list_comma(text: str, start: int) -> bool:
    """Does the run start right after a 、 of a list (not the 、 of a heading's numeral, ``一、``)?"""
    if start <= 0 or text[start - 1] != "、":
        return False
    lo = max(0, start - 9)
    before = ("\n" if lo == 0 else "") + text[lo : start - 1]  # a few characters back: the line's start, if near
    return not _HEADING_NUMERAL_RE.search(before)


def refine(row: tuple, text: str, min_n: int, *, headings: bool = False) -> tuple | None:
    """Members cut at constituent boundaries and runs of nouns labelled ``list``: the first member's
    governing verb cut off, a run that jumps over a sentence end kept only as a run of sentence
    openings, lists of nouns labelled."""
    doc_id, joined, frame, kind, n, start, end = row
    members = joined.split("|")
    if kind in ("verse",):
        return row
    inner = text[start:end]
    if not headings and _SENT_END.search(inner) and kind in ("opening", "ending", "template", "structural"):
        # members in several sentences: each must open its sentence (a run of headings)
        pos, ok = start, True
        for m in members:
            at = text.find(m, pos, end + 1)
            if at < 0:
                ok = False
                break
            before = text[max(0, at - 3) : at]
            if at > 0 and not re.search(r"(?:[。！？!?\n]|^)[“”\"（）()\s—]*$|[是要为，、][。！？\n]?$", before) and text[at - 1] not in "。！？!?\n":
                ok = False
                break
            pos = at + len(m)
        if not ok:
            return None
        spans = member_spans(text, row)
        cut = start + max(m.end() for m in _SENT_END.finditer(inner))
        later = [k for k, (a, _) in enumerate(spans) if a >= cut]
        if kind == "ending" and len(later) >= min_n and later[0] > 0:  # 用权必受监督。|各级政府要依法接受…的监督，自觉接受…监督，…
            members = members[later[0] :]
            members[0] = cut_lead(members[0], max(map(len, members[1:])))
            start = spans[later[0]][1] - len(members[0])
    if len(members) < min_n or len(set(members)) < len(members) or _empty_slot(members):
        return None
    if frame.startswith(_TOPIC_OPENINGS):
        kind = "list"  # 关于…的时代背景、关于…的总体要求: the topics a part names, not 排比
    width = max(map(len, members[:-1]))
    if frame.endswith("*") and frame.count("*") == 1 and width <= 6 and len(members[-1]) > width + 2:
        cut = cut_tail(members[-1], width)  # 最大品牌|更加凸显: a tail glued to the last member
        end -= len(members[-1]) - len(cut)
        members[-1] = cut
    clauses = kind == "template" and re.fullmatch(r"\*[^*]+\*", frame) is not None  # a word inside every clause (*要*): 等 is inside its object
    tail = frame[frame.rindex("*") + 1 :] if "*" in frame else ""
    short = "等" in members[-1][1:] and members[-1].index("等", 1) * 2 < min(map(len, members[:-1]))  # 同联合国|等国际组织…的关系全面加强: 等 inside a clause
    if "等" in members[-1][1 : len(members[-1]) - len(tail)] and kind != "verse" and not clauses and not short:  # 数字艺术等新型文化业态: the list ends at 等; *平等 keeps it
        cut = members[-1].index("等", 1)
        end -= len(members[-1]) - cut
        members[-1] = members[-1][:cut]
        kind = "list" if not verb_object(members) else kind  # 育龙头、强链群、拓市场等关键环节 stays
    if text[end : end + 1] == "等" and not (verb_object(members) and sum(map(_thing, members)) * 3 < len(members) * 2) and not clauses:
        # 先进技术、重要设备、能源资源等产品: noun phrases the tagger reads as verb + object, before 等
        kind = "list"
    if kind in ("opening", "ending", "structural", "template") and frame.count("*") == 1:
        start, end = _extend(text, members, frame, start, end)
    if kind == "template" and text[start - 1 : start] == "、" and len({len(m) for m in members[:-1]}) == 1:  # the last may be longer (社会政策要托底)
        w = len(members[0])  # 加强|山海统筹、陆海联动、江海贯通: the first member after the verb that governs the list
        piece = re.search(r"[^、，,；;：:。！？!?\n“”（）()]*$", text[max(0, start - 41) : start - 1]).group()
        cand = piece[-w:]
        if len(piece) > w and len(piece) - w in word_bounds(piece) and cand not in members and all(
            cand[i] == members[0][i] for i in range(w) if len({m[i] for m in members if len(m) > i}) == 1
        ):  # the last member may be shorter than the others too
            members.insert(0, cand)
            start -= w + 1
    if kind != "list" and text[end : end + 1] == "等" and all(len(m) == 2 for m in members) and _PREPOSITION_RE.search(text[max(0, start - 2) : start]):
        kind = "list"  # 加大对健康、养老、托育等服务消费…: words a preposition governs, before 等, no slogans
    head = os.path.commonprefix([m[::-1] for m in members])[::-1]
    if kind == "opening" and frame.count("*") == 1 and frame.endswith("*") and len(head) >= 2 and _noun_opening(frame[:-1], head) and is_list(members, "*" + head):
        kind = "list"  # 全球发展倡议、全球安全倡议…: nouns sharing a head behind a shared opening
    if kind == "ending" and _object_list(members, frame):
        kind = "list"  # 扎实开展党史学习教育、…主题教育、党纪学习教育: objects of one verb, not clauses
    if kind != "list" and (is_list(members, frame) or text[end : end + 1] == "、" or _after_list_comma(text, start) or dictionary_words(members)):
        kind = "list"  # a run that stops inside a 、-list (工作能力、工作水平、工作做法、性格特征) is part of a list
    elif kind != "list" and _COUNTED.match(text, end) and sum(_named_part(m, frame) for m in members) >= len(members) - 1:
        kind = "list"  # 从创新政策、创新平台、创新氛围和创新服务四个方面; 乡村产业、乡村建设、乡村治理“三根支柱”
    elif kind != "list" and frame.startswith("*") and frame.count("*") == 1:
        first = _list_lead(members, frame)
        if first is not None:
            if text.startswith(members[0], start):
                start += len(members[0]) - len(first)
            members[0], kind = first, "list"
    return (doc_id, "|".join(members), frame, kind, len(members), start, end)
