"""Triads written without separators (做大做优做强, 强农惠农富农, 不敢腐不能腐不想腐, 防灾减灾救灾;
稳就业保民生防风险; 上云用数赋智).

Owns :func:`compact_runs`, the finder :mod:`.parallels` calls after the clause runs: members that
repeat one character at one place (:data:`_COMPACT_RE`), slogans of a one-character verb and a
two-character object glued together (:func:`_glued_slogans`), and slogans of two characters glued
together (:func:`_glued_pairs`).  Rows are ``(doc_id, members, frame, kind, n, start, end)``;
nouns of time or place (事前事中事后) and dictionary words sharing a character (医疗医保医药) are
``kind = list``.  Moved out of :mod:`.phrase_runs` in round 4.

It must not order the finders, dedupe or score (:mod:`.parallels`).
"""
from __future__ import annotations

import re

from ..text.patterns import CN_DIGITS
from .lists import ATTRIBUTIVE, dictionary_words, is_list
from .shapes import is_free, NOT_FRAME, pos_tags, verbal_pair, word_edges


_COMPACT_RE = [
    # 做大做优做强, 敢干敢闯敢投, 节粮节水节电: one character, then another, three times
    (re.compile(r"([\u4e00-\u9fff])([\u4e00-\u9fff])\1([\u4e00-\u9fff])\1([\u4e00-\u9fff])"), lambda m: [m.group(1) + m.group(k) for k in (2, 3, 4)], lambda m: m.group(1) + "*", (2, 3, 4)),
    # 强农惠农富农, 能用好用管用
    (re.compile(r"([\u4e00-\u9fff])([\u4e00-\u9fff])([\u4e00-\u9fff])\2([\u4e00-\u9fff])\2"), lambda m: [m.group(k) + m.group(2) for k in (1, 3, 4)], lambda m: "*" + m.group(2), (1, 3, 4)),
    # 不敢腐不能腐不想腐
    (re.compile(r"([\u4e00-\u9fff])([\u4e00-\u9fff])([\u4e00-\u9fff])\1([\u4e00-\u9fff])\3\1([\u4e00-\u9fff])\3"), lambda m: [m.group(1) + m.group(k) + m.group(3) for k in (2, 4, 5)], lambda m: m.group(1) + "*" + m.group(3), (2, 4, 5)),
]


def compact_runs(doc_id: str, text: str, found: list) -> list[tuple]:
    """Triads written without separators (做大做优做强, 强农惠农富农, 不敢腐不能腐不想腐; 稳就业保民生防风险,
    :func:`_glued_slogans`); nouns of time or place (事前事中事后) are a list."""
    rows = []
    for rx, members_of, frame_of, slots in _COMPACT_RE:
        for m in rx.finditer(text):
            fill = [m.group(k) for k in slots]
            shared = set(m.group()) - set(fill)
            if len(set(fill)) < 3 or shared & set(fill) or (shared | set(fill)) & (NOT_FRAME | set(CN_DIGITS)):
                continue  # 防灾救灾和灾后重建: 和 fills no slot
            start, end = m.start(), m.end()
            if not is_free(found + rows, start, end, [], text) or not word_edges(text, start, end):
                continue  # 防灾减灾救灾能力 is 防灾|减灾|救灾, not 灾减|灾救|灾能
            members = members_of(m)
            frame = frame_of(m)
            words = [len(pos_tags(x)) == 1 for x in members]
            attributive = frame.endswith("*") and frame[0] in ATTRIBUTIVE  # 全党全军全国; 节粮节水节电 stays
            places = all(pos_tags(c)[0][1] == "f" for c in fill)  # 事前事中事后: nouns of time or place
            kind = "list" if (frame.startswith("*") and (is_list(members, frame) or all(words))) or attributive or places or dictionary_words(members) else "compact"
            if kind == "list" and frame.startswith("*") and _verbs_of_one_object(fill, frame[1:]):
                kind = "compact"  # 防灾减灾救灾, 守水护水节水: verbs before one object, not words sharing a head
            rows.append((doc_id, "|".join(members), frame, kind, 3, start, end))
    rows += _glued_slogans(doc_id, text, found + rows)
    rows += _one_verb_triads(doc_id, text, found + rows)
    rows += _programme_pairs(doc_id, text, found + rows)
    return rows + _glued_pairs(doc_id, text, found + rows)


_ONE_VERB_RE = re.compile(r"([\u4e00-\u9fff])([\u4e00-\u9fff]{2})\1([\u4e00-\u9fff]{2})\1([\u4e00-\u9fff]{2})")


def _one_verb_triads(doc_id: str, text: str, found: list) -> list[tuple]:
    """One verb of one character before three different nouns, written without separators (中国人民
    有信心有智慧有力量战胜…): the tokens' tagger reads verb, noun, verb, noun, verb, noun, each noun
    a noun of the dictionary, the words cut at both ends (the light verbs 有, 要 of
    :func:`_glued_slogans` count here, the verb being the same three times)."""
    from ..lexicon.lexicons import main_pos_table

    table = main_pos_table()
    rows = []
    for m in _ONE_VERB_RE.finditer(text):
        v, objs = m.group(1), [m.group(k) for k in (2, 3, 4)]
        if v in NOT_FRAME or len(set(objs)) < 3 or any(v in o for o in objs):
            continue
        if not all(table.get(o, "").startswith("n") for o in objs) or not word_edges(text, m.start(), m.end()):
            continue
        words = pos_tags(m.group())
        if [w for w, _ in words] != [v, objs[0], v, objs[1], v, objs[2]] or not all(p.startswith("v") for _, p in words[::2]):
            continue
        if is_free(found + rows, m.start(), m.end(), [], text):
            rows.append((doc_id, "|".join(v + o for o in objs), v + "*", "compact", 3, m.start(), m.end()))
    return rows


def _verbs_of_one_object(fill: list[str], obj: str) -> bool:
    """Three characters each verbal at the head of a word (:func:`~tifa.lexicon.lexicons.verb_share`
    at least 0.15, 0.25 on average: 防 0.69, 减 0.93, 救 0.62; 守 0.47, 护 0.23, 节 0.19) before an
    object that is not (灾, 水): three acts on one thing (not 党建工建团建, 党 0.00)."""
    from ..lexicon.lexicons import verb_share

    shares = [verb_share(c) for c in fill]
    return min(shares) >= 0.15 and sum(shares) >= 0.75 and verb_share(obj) < 0.3


_GLUED_RE = re.compile(r"[\u4e00-\u9fff]{6,}")


def _glued_pairs(doc_id: str, text: str, found: list) -> list[tuple]:
    """Three or four slogans of two characters, a verb and its object, written without separators
    and quoted as one term (“上云用数赋智”; unquoted, pairs of a verbal and a nominal character are
    everywhere in running text: 可以|扩大|到年): each pair :func:`~.shapes.verbal_pair` with a verb
    clearly verbal (:func:`~tifa.lexicon.lexicons.verb_share` at least 0.3) and an object that is not
(below 0.3), all but one pair no verb of the dictionary (not 实施定向调控), the tagger's words cut at
    both ends of the run and at one pair's edge at least (上云|用|数赋|智 reads the middle pair
across), the pairs all different in both characters (not 减税减费)."""
    from ..lexicon.lexicons import main_pos_table, verb_share

    table = main_pos_table()
    rows = []
    for cm in _GLUED_RE.finditer(text):
        g, base = cm.group(), cm.start()
        ok = [verb_share(g[i]) >= 0.3 and verb_share(g[i + 1]) < 0.3 and verbal_pair(g[i : i + 2]) for i in range(len(g) - 1)]
        i = 0
        while i + 6 <= len(g):
            n = 0
            while i + 2 * n + 2 <= len(g) and ok[i + 2 * n] and n < 4:
                n += 1
            pairs = [g[i + 2 * k : i + 2 * k + 2] for k in range(n)]
            start, end = base + i, base + i + 2 * n
            coined = sum(not table.get(p, "").startswith("v") for p in pairs)  # 上云, 提质, 降本 (a noun by the dictionary); not 实施|定向|调控
            quoted = text[start - 1 : start] == "“" and text[end : end + 1] == "”"  # the quotation is the slogan
            if n >= 3 and quoted and coined >= n - 1 and len({p[0] for p in pairs}) == n and len({p[1] for p in pairs}) == n and word_edges(text, start, end) and _pair_words(text, start, n, table) and is_free(found + rows, start, end, [], text):
                rows.append((doc_id, "|".join(pairs), "V+O", "compact", n, start, end))
                i += 2 * n
                continue
            i += 1
    return rows


_PROGRAMME_RE = re.compile(r"(?<=[\u4e00-\u9fff]{6})(?:专项行动|行动|协同增效)")


def _programme_pairs(doc_id: str, text: str, found: list) -> list[tuple]:
    """Three slogans of two characters glued into the name of a programme, unquoted, right before
    行动 or 协同增效 (实施稳岗扩容提质行动, 推动减污降碳扩绿协同增效, 实施重点行业提质降本降碳行动):
    the name is the evidence the quotes give :func:`_glued_pairs`, so the verbs need be verbal only at
    0.2 (稳 0.24) and the objects not verbal below 0.4 (污 0.33), and two may share the verb (提质降本降碳);
    the pairs otherwise as there."""
    from ..lexicon.lexicons import main_pos_table, verb_share

    table = main_pos_table()
    rows = []
    for pm in _PROGRAMME_RE.finditer(text):
        end = pm.start()
        start = end - 6
        pairs = [text[start + 2 * k : start + 2 * k + 2] for k in range(3)]
        if not all(verbal_pair(p) and verb_share(p[0]) >= 0.2 and verb_share(p[1]) < 0.4 for p in pairs):
            continue
        if len({p[0] for p in pairs}) < 2 or len({p[1] for p in pairs}) < 3 or sum(not table.get(p, "").startswith("v") for p in pairs) < 2 or table.get(pairs[0], "").startswith("v"):
            continue  # 强化|减污降碳协同增效: a verb of the dictionary first governs the name
        if word_edges(text, start, end) and _pair_words(text, start, 3, table) and is_free(found + rows, start, end, [], text):
            rows.append((doc_id, "|".join(pairs), "V+O", "compact", 3, start, end))
    return rows


_PHRASE_RE = re.compile(r"[\u4e00-\u9fff]{9,}")


def _glued_slogans(doc_id: str, text: str, found: list) -> list[tuple]:
    """Three or more slogans of a one-character verb and its two-character object written without
    separators (稳就业保民生防风险的需要): each a word of its own by the tokens' tagger, the verbs
    and the objects all different."""
    rows = []
    quick = _glued_prefilter()
    from ..lexicon.lexicons import main_pos_table

    table = main_pos_table()
    for cm in _PHRASE_RE.finditer(text):
        g = cm.group()
        if not any(all(table.get(g[i + k : i + k + 2], "")[:1] in ("n", "v") for k in (1, 4, 7)) for i in (m.start() for m in quick.finditer(g))):
            continue  # no one-character verb and a dictionary word every third character: nothing to tag
        words, at = [], cm.start()
        for w, p in pos_tags(cm.group()):
            words.append((at, w, p))
            at += len(w)
        k = 0
        while k + 6 <= len(words):
            n = 0
            while k + 2 * n + 1 < len(words) and _verb_object_pair(words[k + 2 * n], words[k + 2 * n + 1]):
                n += 1
            if n >= 3:
                pairs = [words[k + 2 * i][1] + words[k + 2 * i + 1][1] for i in range(n)]
                start, end = words[k][0], words[k + 2 * n - 1][0] + 2
                if len({p[0] for p in pairs}) == n and len({p[1:] for p in pairs}) == n and is_free(found + rows, start, end, [], text):
                    rows.append((doc_id, "|".join(pairs), "V+O", "compact", n, start, end))
                k += 2 * n
                continue
            k += 1
    return rows


def _pair_words(text: str, start: int, n: int, table: dict) -> bool:
    """No word of the dictionary crosses a pair's edge in text[start:start + 2n] (a word the tagger
    coins across one, 上云|用|数赋|智, does not count; 着手|有系|统地 is 有|系统|地)."""
    at = start
    for w, _ in pos_tags(text[start : start + 2 * n]):
        if (at - start) % 2 + len(w) > 2 and len(w) > 1 and w in table:
            return False
        at += len(w)
    return True


_PREFILTER: list = []


def _glued_prefilter() -> re.Pattern:
    """Three one-character verbs or adjectives of the main dictionary, every third character."""
    if not _PREFILTER:
        from ..lexicon.lexicons import main_pos_table

        chars = "".join(sorted(w for w, p in main_pos_table().items() if len(w) == 1 and p[:1] in "va" and w not in _LIGHT_VERBS))
        verb = f"[{re.escape(chars)}]"
        _PREFILTER.append(re.compile(f"(?={verb}..{verb}..{verb}..)"))
    return _PREFILTER[0]


def _verb_object_pair(v: tuple, o: tuple) -> bool:
    """A one-character verb (or adjective used as one: 稳) and a two-character noun or verbal noun."""
    return len(v[1]) == 1 and v[2] in ("v", "a") and len(o[1]) == 2 and o[2] in ("n", "vn", "v") and v[1] not in _LIGHT_VERBS


#: One-character verbs that govern a clause, not an object (要表达, 到|加快…): no slogan's verb.
_LIGHT_VERBS = NOT_FRAME | set("要有会能让使来去成得到为说看")
