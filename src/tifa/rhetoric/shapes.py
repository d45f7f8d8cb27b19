"""The reading of a phrase that every 排比 finder shares: words, frames, shapes and spans.

Owns the word boundaries and POS of a phrase by the tokens' tagger (:func:`pos_tags`,
:func:`word_bounds`, cuts at them: :func:`cut_lead`, :func:`cut_tail`), the frame a group of
phrases shares (:func:`shared_frame`: an opening, an ending or a template; :func:`position_frame`:
one character at one place), the grammatical shapes that make a slogan (:func:`verb_object`; a
subject and its adjective: :func:`adjective_predicates`, 产业体系完备、市场规模巨大) or a noun
phrase (:func:`nominal`), the constants of what never frames (figures, weak openings,
function characters, connectives) and the overlap tests of runs' spans (:func:`inside`,
:func:`is_free`).

It must not find runs nor label them: no finder, no list test, no score lives here, and it
imports nothing of the rhetoric package (every other parallels module imports it).
"""
from __future__ import annotations

import functools
import os
import re

from ..text.patterns import CN_DIGITS


NUM = f"[{CN_DIGITS}两]"


FIGURE_RE = re.compile(r"[0-9０-９%％.．]|[亿万千百]元|[亿万]吨|[亿万]人|公里|美元")
STRIP = "“”\"'（）() "
#: Openings too common to make a frame on their own.
WEAK_PREFIXES = {"我们", "这是", "就是", "这个", "一个", "要把", "不是", "也是", "都是", "还是", "而是", "是在"}


def shared_frame(group: list[str]) -> tuple[str, str] | None:
    """The shared frame of ``group`` and its kind, or None (figures and amounts never frame)."""
    if len(set(group)) < len(group) or any(FIGURE_RE.search(g) for g in group):
        return None
    prefix = os.path.commonprefix(group)
    suffix = os.path.commonprefix([g[::-1] for g in group])[::-1]
    short = max(map(len, group)) <= 5
    lengths = {len(g) for g in group}
    if len(lengths) == 1 and 2 <= len(group[0]) <= 6:
        n = len(group[0])
        shared = [all(g[i] == group[0][i] for g in group) for i in range(n)]
        inner = any(shared[i] and not shared[0] and not shared[-1] for i in range(n))
        if inner and sum(shared) >= 1:
            frame = "".join(group[0][i] if shared[i] else "*" for i in range(n))
            return re.sub(r"\*+", "*", frame), "template"
    even = len(group) >= 3 and len(lengths) == 1 and len(group[0]) <= 5  # 一个单位，一个系统，一个机构
    if len(prefix) >= 2 and (prefix not in WEAK_PREFIXES or even) and all(len(g) > len(prefix) for g in group):
        return prefix + "*", "opening"
    if len(suffix) >= 2 and all(len(g) > len(suffix) for g in group):
        return "*" + suffix, "ending"
    if short and len(group) >= 3:
        if len(prefix) == 1 and all(len(g) > 1 for g in group):
            return prefix + "*", "opening"
        if len(suffix) == 1 and all(len(g) > 1 for g in group) and suffix not in "的了是":
            return "*" + suffix, "ending"
    return None


def word_bounds(seg: str) -> list[int]:
    """Word boundaries inside ``seg`` (offsets), by the tokens' tagger."""
    out, at = [], 0
    for w, pos in pos_tags(seg):
        if len(w) >= 4 and pos in ("l", "i"):  # a set phrase (在政治上) may be cut inside
            out.extend(range(at + 1, at + len(w)))
        at += len(w)
        out.append(at)
    return out[:-1]


def word_edges(text: str, start: int, end: int) -> bool:
    """Both ends of text[start:end] fall between words of the clause around it."""
    a = max(0, start - 6)
    b = min(len(text), end + 6)
    cuts = {a}
    for w, _ in pos_tags(text[a:b]):
        a += len(w)
        cuts.add(a)
    return start in cuts and end in cuts


def cut_lead(seg: str, width: int) -> str:
    """The end of ``seg`` about ``width`` long, cut at a word boundary (设制造强省 → 制造强省)."""
    cuts = [b for b in word_bounds(seg) if len(seg) - b >= max(2, width - 1)]
    return seg[min(cuts, key=lambda b: (abs(len(seg) - b - width), b)) :] if cuts else seg


def cut_tail(seg: str, width: int) -> str:
    """The start of ``seg`` about ``width`` long, cut at a word boundary."""
    cuts = [b for b in word_bounds(seg) if b >= max(2, width - 1)]
    return seg[: min(cuts, key=lambda b: (abs(b - width), -b))] if cuts else seg
NOT_FRAME = set("的了和与及或是在对把被而且并也都就又还")
_VERB_POS = ("v", "vd", "vn")
_OBJECT_POS = ("n", "nz", "vn", "ng", "nr", "ns", "nt", "an", "l")


def position_frame(members: list[str]) -> str | None:
    """A character shared at the same position (from the start, or from the end)."""
    n = len(members[0])
    if len({len(m) for m in members}) == 1:
        shared = [i for i in range(n) if len({m[i] for m in members}) == 1]
        if shared and len(shared) < n and not any(members[0][i] in NOT_FRAME for i in shared):
            frame = "".join(members[0][i] if i in shared else "*" for i in range(n))
            return re.sub(r"\*+", "*", frame)
    if len({m[0] for m in members}) == 1 and members[0][0] not in NOT_FRAME:
        return members[0][0] + "*"
    if len({m[-1] for m in members}) == 1 and members[0][-1] not in NOT_FRAME:
        return "*" + members[0][-1]
    return None


def verb_object(members: list[str]) -> bool:
    """Members of one length, each a verb and its object (强基础、转作风、树形象; 扩大内需、优化供给),
    a subject and its predicate (区域互补、跨江融合; 任务重、挑战多) or a set phrase (因地制宜) — at
    least two in three by the POS of the tokens' tagger, which reads short slogans unevenly."""
    lengths = {len(m) for m in members}
    flags = [_verbal(m) for m in members]
    if len(lengths) != 1 and not ((min(lengths) >= 5 or min(lengths) == 4 and all(flags)) and max(lengths) - min(lengths) <= 1):
        return False  # one length; clauses of five or more characters may differ by one, slogans of four too (爱护残疾人)
    verbal = sum(flags)
    if not (flags[0] or flags[-1]) or not all(flags[1:-1]) and not (flags[0] and flags[-1]):
        return False  # the edges are where a cut goes wrong: they must read as slogans themselves
    if len(members[0]) == 2 and verbal < len(members) and verbal < 3:
        from ..lexicon.lexicons import main_pos_table, verb_share

        table = main_pos_table()  # 控源、截污、清淤 (清 reads as a noun): coined, not dictionary verbs (设计、施工、安装)
        coined = not any(table.get(m, "").startswith("v") for m in members)
        return coined and verbal * 3 >= len(members) * 2 and all(verb_share(m[0]) >= 0.1 for m in members)
    return verbal * 3 >= len(members) * 2


def verbal_pair(m: str) -> bool:
    """Two characters, a verb (or an adjective used as one) and its object: by the characters' own
    tags (降|碳), or, for a pair the dictionary does not know, the first character verbal
    by :func:`~tifa.lexicon.lexicons.verb_share` (控 0.81, 截 0.82, 兴 0.34; 上 0.38 though its own tag
    is a localizer) or by its own tag with some verbal use (强 a, 0.39), the second less verbal than it
    (截|污, 降|本; not 需|求)."""
    from ..lexicon.lexicons import main_pos_table, verb_share

    a, b = pos_tags(m[0])[0][1], pos_tags(m[1])[0][1]
    if a.startswith(("v", "a")) and not b.startswith("v"):
        return True
    if m in main_pos_table():
        return False  # a dictionary word read by its tags only (调整, 用水: a bare verb, a noun)
    va = verb_share(m[0])
    return (va >= 0.3 or a.startswith(("v", "a")) and va >= 0.1) and not (b.startswith("v") and verb_share(m[1]) >= va)


def three_character_slogans(members: list[str]) -> bool:
    """Slogans of three characters, a one-character verb (or adjective used as one: 重审批, 强基础) and
    its two-character object, all but one verb at least by the tagger, which reads one character
    unevenly (惠民生); the verbs all different.  Whole before the noun they modify (…|问题, …|领域)."""
    if not all(len(m) == 3 and m[0] not in NOT_FRAME | set("要有会能可") and all(p[:1] in "nvh" for _, p in pos_tags(m[1:])) for m in members):
        return False
    acts = [pos_tags(m[0])[0][1] == "v" or (pos_tags(m[0])[0][1] == "a" and pos_tags(m[1:])[0][1][:1] in "vn") for m in members]
    return len({m[0] for m in members}) == len(members) and sum(acts) >= len(members) - 1 and acts[0] | acts[-1]


def all_verbal(members: list[str]) -> bool:
    """Every member a slogan of verb + object, subject + predicate or a set phrase."""
    return all(_verbal(m) for m in members)


_PREDICATE_POS = ("v", "a", "i", "l")


def set_phrases(members: list[str]) -> bool:
    """Four-character set phrases (成语 and the like, by the tokens' tagger or jieba's main dictionary:
    不折不扣、雷厉风行、求真务实, which the user lexicon tags otherwise), all of three, all but one of four or
    more: a run of them is a slogan, never a list of things."""
    from ..lexicon.lexicons import main_pos_table

    table = main_pos_table()
    idioms = sum(len(m) == 4 and (len(t := pos_tags(m)) == 1 and t[0][1] in ("i", "l") or table.get(m, "") in ("i", "l")) for m in members)
    return all(len(m) == 4 for m in members) and idioms >= (len(members) if len(members) < 4 else len(members) - 1)


def noun_verb_slogans(members: list[str]) -> bool:
    """Four-character slogans of a topic and its verb, by the main dictionary's tags of the two halves
    (区域|互补、南北|联动; 权力|集中、资源|富集; 市场|倒逼、地方|组织、中央|支持): a noun before a verb
    (tag ``v``, not a verbal noun: 经贸合作、人文交流 are aspects), two of three, all but one of four or
    more; no member a dictionary word itself (互联互通), the topics and the verbs all different."""
    from ..lexicon.lexicons import main_pos_table

    table = main_pos_table()
    if len(members) < 3 or {len(m) for m in members} != {4} or any(m in table for m in members):
        return False
    if len({m[:2] for m in members}) < len(members) or len({m[2:] for m in members}) < len(members):
        return False
    ok = sum(table.get(m[:2], "").startswith(("n", "s", "j")) and table.get(m[:2], "") != "nr" and table.get(m[2:], "") == "v" for m in members)
    return ok >= (2 if len(members) == 3 else len(members) - 1)


def four_character_predicate(m: str, words: list | None = None) -> bool:
    """Four characters that make a predicate by their rhythm and the tokens' tags: a set phrase
    (脚踏实地, 循序渐进; 实事求是, one dictionary word that names nothing), a repeated character
    (善作善成, 久久为功), or two words of two, an adverb, verb or adjective before a verb or adjective
    (反复|练习, 勤于|请教, 挺膺|担当, 昼夜|奋战) — not a noun before a verb (要素|获取, 风险|分担: topics)."""
    if len(m) != 4 or FIGURE_RE.search(m):
        return False
    words = pos_tags(m) if words is None else words
    if len(words) == 1:
        return words[0][1].startswith(_PREDICATE_POS) or words[0][1] == "tf"
    if m[0] == m[2] or m[0] == m[1]:
        return m[1] != m[3] and not words[0][1].startswith(("m", "q", "r"))  # not 一X一Y, 每时每刻 stays
    if len(words) == 2 and len(words[0][0]) == 2:
        (_, p), (_, q) = words
        return q.startswith(("v", "a")) and q not in ("vn", "an") and p.startswith(("v", "d", "a", "t")) and p not in ("vn", "an")
    return False


def _reported_predicate(m: str) -> bool:
    """Four characters that end a subject's clause in a report's summary, beyond a slogan's
    predicate: an idiom (稳中有进) or a verb or adverb before a verb or its noun (加快|发展, 深化|拓展)."""
    words = pos_tags(m)
    if len(words) == 1:
        return words[0][1] == "l"
    if len(words) == 2 and len(words[0][0]) == 2:
        (_, p), (_, q) = words
        return p in ("v", "vd", "d", "ad", "j") and q in ("v", "vn", "a")
    return False


def subject_predicate(m: str, *, report: bool = False) -> bool:
    """A noun phrase (after a determiner: 各级|干部) and a four-character predicate (人民子弟兵|闻令而动);
    with ``report``, also the predicates of a report's summary (:func:`_reported_predicate`)."""
    if not (four_character_predicate(m[-4:]) or report and _reported_predicate(m[-4:])):
        return False
    subject = pos_tags(m[:-4])
    if subject and subject[0][1] == "r" and len(subject) > 1:
        subject = subject[1:]
    if report and 2 <= len(subject) <= 4 and all(len(w) >= 2 and t in _TOPIC_TAGS for w, t in subject):
        # 经济|增长, 开放|合作: a topic of two-character words, a summary's subject; one that opens with a
        # verb (开放|合作) only before a predicate that is no verb and its object (加强管理|提升服务)
        if subject[0][1] != "v":
            return True
        verbal_topic = len(subject) == 2 and subject[1][1] in ("v", "vn")  # 开放|合作, not 推动|空气|质量 (a verb and its object)
        return verbal_topic and (four_character_predicate(m[-4:]) or [t for _, t in pos_tags(m[-4:])] == ["j", "v"])
    return bool(subject) and nominal("".join(w for w, _ in subject))


#: Tags of the words of a report summary's topic (经济增长, 开放合作, 城乡协调).
_TOPIC_TAGS = frozenset("n nz ns j vn v".split())


#: One-character endings of nouns (经济区, 获得感, 产业园): never an adjective predicate.
_NOUN_ENDS = set("化性感型式级类界区会港省市县局机线品业员家库园度")


def _adjective(w: str) -> bool:
    """An adjective: tagged ``a`` by the tagger or jieba's main dictionary; one character also when it
    opens or closes at least 15 % of the dictionary's two-character adjectives' share of its words
    (富, 优, 美, whose own tags are a name's or a noun's)."""
    from ..lexicon.lexicons import main_pos_table

    tags = pos_tags(w)
    if len(tags) == 1 and tags[0][1] == "a" or main_pos_table().get(w, "") == "a":
        return True
    return len(w) == 1 and w not in _NOUN_ENDS and _adjective_share(w) >= 0.15


def _adjective_share(c: str) -> float:
    """The larger share of jieba's two-character dictionary words opening, or closing, with ``c`` that are adjectives."""
    return _adjective_shares().get(c, 0.0)


@functools.lru_cache(maxsize=1)
def _adjective_shares() -> dict[str, float]:
    from ..lexicon.lexicons import main_pos_table

    counts: dict[tuple[int, str], list[int]] = {}
    for w, t in main_pos_table().items():
        if len(w) == 2:
            for at in (0, 1):
                n = counts.setdefault((at, w[at]), [0, 0])
                n[0] += t == "a"
                n[1] += 1
    out: dict[str, float] = {}
    for (_, c), (a, n) in counts.items():
        out[c] = max(out.get(c, 0.0), a / n)
    return out


def adjective_predicates(members: list[str]) -> bool:
    """Phrases of a noun subject and a predicate adjective (产业体系|完备、市场规模|巨大、人力资源|丰富;
    经济实力|强、人民群众|富、文明程度|高; 韧性|强、潜力|足): every member (a verb of two characters
    after a subject of four may stand for an adjective: 产业体系|完备, 创业创新|活跃, in half of them at
    most), the predicates all different — a description, never a list of things."""
    if len(members) < 3:
        return False
    preds = [described(m) for m in members]
    if not all(preds) or len(set(preds)) < len(preds):
        return False
    return sum(_adjective(p) for p in preds) * 2 >= len(members)


def described(m: str) -> str:
    """The predicate of a phrase of a noun subject and a predicate adjective (市场规模|巨大; 潜力|足; 创业创新|活跃, a
    verb of two characters after a subject of four), or ``""``."""
    m = m[:-1] if m.endswith("的") else m
    for k in (2, 1):
        subject, pred = m[:-k], m[-k:]
        if len(subject) < 2 or len(m) > 8 or not _subject(subject, verb_first=k == 1):
            continue
        if _adjective(pred) or k == 2 and len(subject) >= 4 and pos_tags(pred)[0][1] in ("v", "vn"):
            return pred
    return ""


def _subject(s: str, *, verb_first: bool = False) -> bool:
    """A noun phrase as a subject: its last word a noun (治理|效能, 生态环境 l) — or, after a first word
    that is no verb, a verb standing for a topic (创业|创新) — no adverb, preposition, conjunction,
    pronoun, particle or numeral in it; a verb first only before a one-character adjective when
    ``verb_first`` (治理效能|优; 保持社会大局|稳定 is a verb, its object and their outcome)."""
    tags = pos_tags(s)
    if not tags or any(t.startswith(("d", "ad", "p", "c", "r", "u", "m", "q")) for _, t in tags):
        return False
    if tags[0][1].startswith("v") and not (verb_first and len(tags) == 2):
        return False
    return tags[-1][1].startswith(("n", "l", "j", "s")) or len(s) >= 4 and len(tags) >= 2 and not tags[0][1].startswith("v") and tags[-1][1].startswith("v")


def _verbal(m: str) -> bool:
    """One slogan of verb + object, subject + predicate, or a set phrase."""
    m = m.replace("“", "").replace("”", "")  # 增强“四个意识”
    if len(m) == 2:  # 降碳, 控源, 兴业: a verb (or adjective used as one) and a noun, by character
        return verbal_pair(m)
    words = pos_tags(m)
    if len(m) == 4 and four_character_predicate(m, words):
        return True
    if len(m) >= 6 and subject_predicate(m):
        return True  # a subject and its four-character predicate (各级干部|挺膺担当, 人民子弟兵|闻令而动)
    if len(words) == 1:
        if words[0][1] in ("i", "l"):
            return True
        if len(m) in (3, 4):  # 树形象 is one dictionary word: read it as 树 + 形象
            k = 1 if len(m) == 3 else 2
            head, tail = pos_tags(m[:k]), pos_tags(m[k:])
            words = head + tail if len(head) == 1 and len(tail) == 1 else words
    if len(words) < 2:
        return False
    if len(m) == 3 and len(words) >= 2 and len(words[0][0]) == 1 and words[0][1].startswith(("v", "a")):
        return True  # 稳增长, 保就业, 控增量: a one-character verb and its two-character object
    if len(m) == 3 and m[1] in "得不" and pos_tags(m[2])[0][1].startswith("v"):
        return True  # 挺得住, 靠得住, 吃不透: a verb and its complement of result
    if len(m) == 3 and len(words) == 2 and words[0][1] == "d" and words[1][1] == "v" and len(words[1][0]) == 2:
        return True  # 不担当, 乱作为: an adverb before a verb (not an adjective: 不平衡、不充分 are a list)
    while len(words) > 2 and words[0][1] in ("d", "ad", "a") and words[1][1].startswith("v"):
        words = words[1:]  # 紧紧|抓住主要矛盾, 扎实|做好各项工作
    (v, pos), rest = words[0], words[1:]
    obj = _OBJECT_POS + ("m", "q", "a", "r", "tf", "f")
    ok_rest = all(
        p.startswith(obj) or (p.startswith("v") and len(v) >= 2 and k + 1 < len(rest) and rest[k + 1][1].startswith(("n", "vn")))
        for k, (_, p) in enumerate(rest)
    )  # 加强|学习|研究: a verb inside the object when a noun follows it
    if (pos.startswith(_VERB_POS) or (pos in ("a", "ad", "d") and len(v) <= 2)) and ok_rest:
        return True  # 强基础, 扩大内需, 增强经济活力, 有勇气, 加强学习研究
    last, pos_last = words[-1]
    return len(m) <= 4 and len(last) == 1 and pos.startswith(("n", "vn", "s")) and pos_last.startswith(("a", "m"))  # 任务重、挑战多
CONNECTIVE_RE = re.compile(r"^(?:不管是|不管|无论是|无论|还是|或者|但是|而且|并且|因为|所以|如果|虽然|即使|不仅|而是)")
NOMINAL = ("n", "nz", "ns", "nt", "nr", "nrt", "ng", "b", "j", "s", "tf", "bg", "t", "m", "q", "vn", "an", "f", "k")


_TAGS: dict[tuple[int, str], tuple] = {}


def pos_tags(s: str) -> list[tuple[str, str]]:
    """The words of ``s`` and their POS by the tokens' tagger, memoised: the finders read the same
    short phrases many times over (bounded: the memo is emptied past 200,000 phrases)."""
    from ..tokens.segment import shared_segmenter

    seg = shared_segmenter()
    key = (id(seg), s)
    hit = _TAGS.get(key)
    if hit is None:
        if len(_TAGS) > 200_000:
            _TAGS.clear()
        hit = _TAGS[key] = tuple(seg.tag(s))
    return list(hit)


def nominal(s: str) -> bool:
    """A noun phrase: nouns (and 的, and adjectives before a noun), no verb, no adverb."""
    tags = pos_tags(s)
    if not tags:
        return False
    for i, (w, pos) in enumerate(tags):
        if pos.startswith(NOMINAL) or pos == "uj" and 0 < i < len(tags) - 1:
            continue
        if pos.startswith("a") and i < len(tags) - 1:
            continue  # 重大战略任务
        return False
    return True


def inside(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    return any(x <= a and b <= y for x, y in spans)


def member_spans(text: str, row: tuple) -> list[tuple[int, int]]:
    """Where each member of ``row`` stands in ``text`` (the whole span when one is not found)."""
    spans, pos = [], row[5]
    for m in row[1].split("|"):
        at = text.find(m, pos, row[6] + 1)
        if at < 0:
            return [(row[5], row[6])]
        spans.append((at, at + len(m)))
        pos = at + len(m)
    return spans


def is_free(found: list, start: int, end: int, member_spans_: list[tuple[int, int]], text: str | None = None) -> bool:
    """A new run may not overlap a run already found, unless that run sits inside one of its
    members (是…支持稳增长、保就业、调结构的重大抉择); only the members count, not the text
    between them (the heads of paragraphs) — of the new run, and of a found one when ``text`` is
    given (a run of headings does not cover the paragraphs under them: 聚力稳增长。…创新力量不断壮大。)."""
    spans = member_spans_ or [(start, end)]
    for r in found:
        a, b = r[5], r[6]
        if r[3] == "list" or inside(spans, a, b) or not (a < end and start < b):
            continue
        theirs = member_spans(text, r) if text is not None and b - a > 40 else [(a, b)]
        if any(u < y and x < v for x, y in spans for u, v in theirs):
            return False
    return True
