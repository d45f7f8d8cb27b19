"""Runs of short phrases inside a paragraph: by shared frame and by structure.

Owns two finders of candidate 排比, each returning rows ``(doc_id, members, frame, kind, n,
start, end)``: :func:`phrase_runs` — phrases between any punctuation sharing an opening, an
ending or a template (说老实话、办老实事、做老实人), with lead-ins and tails cut off; and
:func:`structural_runs` — 、-parts and short ，-clauses that share only a position
(嘴勤、腿勤、手勤), a one-character frame (零差错、零失误) or the shape verb + object
(强基础、转作风、树形象; 参与政务，管理事务，…).  Triads written without separators
(做大做优做强, 稳就业保民生防风险) are :mod:`.compact_runs`' (moved out in round 4 to keep this
module under 500 lines).

It must not order the finders, dedupe or score (that is :mod:`.parallels`), nor decide what is
a list beyond the labels it gives (:mod:`.lists`).  Fast paths kept because they pay: the pair
test before a run is tried and the memo of each start's longest run (:func:`phrase_runs` takes
0.34 s on the 65 central and congress reports, 1.4 M characters, against 0.69 s without them),
and :func:`structural_runs`' bisect over the spans found (the overlap test against all earlier
runs was quadratic; now 2 → 8 million characters costs 3.3–4.4× the time, ``bench/RESULTS.md``,
scale table).
"""
from __future__ import annotations

import bisect
import itertools
import os
import re

from ..text.patterns import CN_DIGITS
from .lists import affix_compounds, ATTRIBUTIVE, plain_nouns
from .shapes import (
    adjective_predicates, all_verbal, CONNECTIVE_RE, described, set_phrases, cut_lead, cut_tail, FIGURE_RE, member_spans, NUM, pos_tags,
    noun_verb_slogans, position_frame, shared_frame, STRIP, subject_predicate, three_character_slogans, verb_object, word_bounds, word_edges,
)


_CLASSIFIERS = "个|大|种|项|条|类|股|套|本"
_SEG_RE = re.compile(r"[^、，,；;：:。！？!?\n“”（）()—]+")


def _trim_run(run: list[list], frame: str, kind: str) -> None:
    """Cut lead-in words off the first member and tails off the last one."""
    if len(run) < 3:
        return
    if kind == "ending":
        if _COUNT_PHRASE.match(run[0][1]):  # 六种意识（大局意识、…）: the count is not a member
            del run[0]
            return
        width = max(len(s) for _, s in run[1:])
        off, seg = run[0]
        even = len({len(s) for _, s in run[1:]}) == 1 and len(seg) - width in word_bounds(seg) and pos_tags(seg[: len(seg) - width])[0][1] == "v"
        if len(seg) > width + 2 or (len(seg) > width and even):  # 坚持|权利平等、机会平等、规则平等
            keep = cut_lead(seg, width)
            run[0] = [off + len(seg) - len(keep), keep]
    elif kind == "opening":
        width = max(len(s) for _, s in run[:-1])
        off, seg = run[-1]
        ending = os.path.commonprefix([s[::-1] for _, s in run[:-1]])[::-1]
        if len(seg) > width + 2 and not (len(ending) >= 2 and seg.endswith(ending)):  # …招投标工作管理体制改革 ends like the others: whole
            run[-1] = [off, cut_tail(seg, width)]


_COUNT_PHRASE = re.compile(rf"^.{{0,6}}{NUM}{{1,2}}(?:{_CLASSIFIERS})")


def _strength(frame: str) -> int:
    return len(frame.replace("*", ""))


def _longest_run(segs: list, i: int) -> tuple[int, tuple[str, str]] | None:
    best = None
    j = i + 2
    if j <= len(segs) and segs[i][1] is not None and segs[i + 1][1] is not None:
        a, b = segs[i][1], segs[i + 1][1]
        if a[0] != b[0] and a[-1] != b[-1] and len(a) != len(b):
            return None  # no opening, ending or same-length template can join these two
    while j <= len(segs) and all(s is not None for _, s in segs[i:j]):
        f = shared_frame([s for _, s in segs[i:j]])
        if f is None:
            break
        best = (j, f)
        j += 1
    return best


def _template_tail(segs: list, j: int, frame: str) -> tuple[int, tuple | None]:
    """The run of a template with one word inside (``*政策要*``) goes on over the next phrases that
    hold the word at the same place from the start, whatever their length (…、改革政策要实、社会政策要托底),
    one character longer at most, the last cut to that before 的, a localizer or a conjunction
    (社会政策要托底|的总体思路; not 确保政府高效运转, 接受群众的合理|建议)."""
    word = frame[1:-1]
    width = segs[j - 1][1].find(word)
    n = len(segs[j - 1][1])
    last = None
    while j < len(segs) and segs[j][1] is not None and segs[j][1].find(word) == width and len(segs[j][1]) > width + len(word):
        off, seg = segs[j]
        if len(seg) > n + 1:
            cut = cut_tail(seg, n)  # what follows the last member is a modifier's mark or a localizer (…托底|的总体思路)
            return (j + 1, (off, cut)) if len(cut) <= n + 1 and seg[len(cut) : len(cut) + 1] in tuple("的上中等和与及之") else (j, None)
        j += 1
    return j, last


def phrase_runs(doc_id: str, text: str, *, min_n: int = 3, max_len: int = 30) -> list[tuple]:
    """Runs of ≥ ``min_n`` phrases of a paragraph (between any punctuation, 2 to ``max_len``
    characters) sharing a frame: an opening, an ending or a template with slots."""
    rows = []
    for pm in re.finditer(r"[^\n]+", text):
        segs = []
        for m in _SEG_RE.finditer(pm.group()):
            raw = m.group()
            lead = len(raw) - len(raw.lstrip(STRIP))
            seg = raw.strip(STRIP)
            if 2 <= len(seg) <= max_len:
                segs.append((pm.start() + m.start() + lead, seg))
            else:
                segs.append((pm.start() + m.start(), None))
        # a run needs its first two phrases to share an opening, an ending or a length
        pair_ok = [
            a is not None and b is not None and (a[0] == b[0] or a[-1] == b[-1] or len(a) == len(b))
            for (_, a), (_, b) in zip(segs, segs[1:])
        ]
        if not any(pair_ok):
            continue
        runs: dict[int, tuple | None] = {}

        def longest(k: int):
            if k >= len(pair_ok) or not pair_ok[k]:
                return None
            if k not in runs:
                runs[k] = _longest_run(segs, k)
            return runs[k]

        i = 0
        while i < len(segs):
            best = longest(i)
            nxt = longest(i + 1)
            if best and nxt and nxt[0] >= best[0] and _strength(nxt[1][0]) > _strength(best[1][0]):
                i += 1  # a stronger frame starts one later (多办实事 | 说老实话、办老实事、做老实人)
                continue
            if best and best[0] - i >= 2:
                j, (frame, kind) = best
                last = None
                if kind == "template" and frame.count("*") == 2 and frame[0] == frame[-1] == "*" and len(frame) >= 4:
                    j, last = _template_tail(segs, j, frame)  # …、改革政策要实、社会政策要托底: the slots may differ in length
                run = [list(x) for x in segs[i:j]]
                if last is not None:
                    run[-1] = list(last)
                _trim_run(run, frame, kind)
                # a lead-in clause that ends with the first member (特别是学会用新的视野…)
                if kind == "opening" and i > 0 and segs[i - 1][1] and frame[:-1] in segs[i - 1][1][1:]:
                    off, seg = segs[i - 1]
                    k = seg.index(frame[:-1], 1)
                    run.insert(0, [off + k, seg[k:]])
                if len(run) >= min_n and any(CONNECTIVE_RE.match(s) for _, s in run):
                    i += 1  # clauses joined by 不管是…还是…: an argument, not a slogan
                    continue
                if kind == "opening" and len(run) >= 2:
                    _across_quotes(text, run, frame, max_len)
                if len(run) >= min_n:
                    members = [s for _, s in run]
                    start = run[0][0]
                    end = run[-1][0] + len(run[-1][1])
                    rows.append((doc_id, "|".join(members), frame, kind, len(members), start, end))
                    i = j
                    while i < len(segs) and segs[i][0] < end:
                        i += 1  # the pieces a member across quotes took in
                    continue
                i += 1
                continue
            else:
                i += 1
    return rows


_PIECE_END = re.compile(r"[、，,；;：:。！？!?\n]")


def _across_quotes(text: str, run: list[list], frame: str, max_len: int) -> None:
    """An opening run that stops where its last member goes on in quotes (必须坚持…并举、必须做到既|“放得活”
    又“管得好”、必须坚持…、必须以…): that member goes on to the next separator, and the run over the next
    pieces of the same separator opening alike."""
    lead = frame[:-1]
    off, seg = run[-1]
    end = off + len(seg)
    if text[end : end + 1] != "“" or not lead:
        return
    if text[end - 1 : end] in "这的等" and re.match(rf"“[{CN_DIGITS}两]", text[end : end + 2]):
        return  # 热爱党的|“三热爱”活动, …水平这|“三个有利于”: the count of the list after it, no member
    m = _PIECE_END.search(text, end)
    if not m or m.start() - off > max_len + 8:
        return
    run[-1] = [off, text[off : m.start()]]
    sep, pos = m.group(), m.end()
    members = {s for _, s in run}
    while sep in "、，,；;":
        m = _PIECE_END.search(text, pos)
        stop = m.start() if m else len(text)
        piece = text[pos:stop]
        if not piece.startswith(lead) or len(piece) > max_len + 8 or piece in members:
            break
        run.append([pos, piece])
        members.add(piece)
        if not m or m.group() != sep:
            break
        pos = m.end()


# Structural 排比: members that share no two-character frame but a position (嘴勤、腿勤、手勤),
# a one-character frame (零差错、零失误、零缺陷; 定项目、定单位…) or a grammatical shape
# (verb + object: 强基础、转作风、树形象; 参与政务、管理事务、协调关系、搞好服务).
_CLAUSE_RE = re.compile(r"[^，,；;：:。！？!?\n“”‘’（）()《》—]+")


def _split_at(s: str, sep: str) -> list[tuple[int, str]]:
    """The ``sep``-separated parts of ``s`` with their offsets in it."""
    parts, pos = [], 0
    for piece in s.split(sep):
        parts.append((pos, piece))
        pos += len(piece) + len(sep)
    return parts


def _trim_ends(parts: list[tuple[int, str]], *, clauses: bool = False) -> list[tuple[int, str]] | None:
    """Cut the lead-in off the first member and the tail off the last one (to the middle's length)."""
    parts = [(o + len(p) - len(p.lstrip(STRIP)), p.strip(STRIP)) for o, p in parts]
    middle = [p for _, p in parts[1:-1]]
    if not middle or any(not p for _, p in parts):
        return None
    lo, hi = min(map(len, middle)), max(map(len, middle))
    (o0, first), (o1, last) = parts[0], parts[-1]
    if "“" in first:  # 主要职责是“参与政务，…: the quotation opens the run
        k = first.rindex("“") + 1
        first, o0 = first[k:], o0 + k
        parts = [(o0, first), *parts[1:]]
    if clauses and (len(first) > hi + 4 or len(last) > hi + 4):
        # a whole clause before or after the run (聚焦深度贫困地区和特殊贫困群体，加大攻坚力度，…): not a member
        keep = parts[1:] if len(first) > hi + 4 else parts
        keep = keep[:-1] if len(last) > hi + 4 else keep
        return _trim_ends(keep, clauses=True) if len(keep) >= 3 and len(keep) < len(parts) else None
    if len(first) > hi:
        keep = cut_lead(first, hi)
        if len(keep) != hi and lo == hi == 3 and all(_verb_led3(m) for m in [first[-3:], *middle]):
            keep = first[-3:]  # 因城施策|控增量、去库存、优供给: the tagger's words run across the lead-in's end (策控)
        first, o0 = keep, o0 + len(first) - len(keep)
    if len(last) > hi + 1 and not (described(last) and all(described(p) for p in middle)):
        last = cut_tail(last, hi)  # 韧性强、潜力足、回旋余地大 stays whole
    if not clauses and last.endswith("的") and len(last) > 2 and not any(p.endswith("的") for p in middle):
        last = last[:-1]  # 经济实力强、…、生态环境美的|强省内涵: 的 links the run to its noun
    rest = [p for _, p in parts[1:]]
    c = rest[0][0]
    if all(p[0] == c for p in rest) and first[0] != c and c in first[1:]:
        k = first.rindex(c)  # 要定项目、定单位… : the lead-in ends where the shared opening starts
        first, o0 = first[k:], o0 + k
    head = [p for _, p in parts[:-1]]
    e = head[0][-1]
    if all(p[-1] == e for p in head) and last[-1] != e and e in last[:-1]:
        last = last[: last.index(e) + 1]  # …、脑勤的作风 → 脑勤
    out = [(o0, first), *parts[1:-1], (o1, last)]
    if any(not (2 <= len(p) <= 8) for _, p in out) or min(len(p) for _, p in out) < lo - 1:
        return None
    return out


def _verb_led3(m: str) -> bool:
    """Three characters, a verbal character (:func:`verb_share` at least 0.2) and a two-character
    dictionary noun (控|增量, 去|库存, 优|供给; not 豪|威尔, 好|坡地)."""
    from ..lexicon.lexicons import main_pos_table, verb_share

    return len(m) == 3 and verb_share(m[0]) >= 0.2 and main_pos_table().get(m[1:], "")[:1] == "n"


def _coined(members: list[str]) -> bool:
    """No member a verb of the dictionary (控源、截污、清淤; not 创造、运用、保护: bare verbs)."""
    from ..lexicon.lexicons import main_pos_table

    table = main_pos_table()
    return not any(table.get(m, "").startswith("v") for m in members)


def _cut_short(text: str, end: int) -> bool:
    """The member ending at ``end`` goes on in the text (赢得更大|发展; 竭尽全力|做好工作)."""
    nxt = pos_tags(text[end : end + 4])
    return bool(nxt) and nxt[0][1].startswith(("n", "vn")) and not nxt[0][0][0] in "的等和与及上中下"


def _embedded(text: str, end: int) -> bool:
    """The last member goes on into a word with no mark between (…、大消纳|体系建设; …、塑料污染|治理):
    the run is the modifier or object inside one phrase, a list unless every member is a slogan
    itself (实施强科技、强工业、…、强基础|行动) and the last is not the opening of a clause (:func:`_governed`);
    的 (…、树形象的要求), 等 and a conjunction (…、防风险|和实现…) leave it be."""
    c = text[end : end + 1]
    return "\u4e00" <= c <= "\u9fff" and c not in "的地得之等和与及"


def _governed(text: str, end: int, last: int) -> bool:
    """What follows the run makes it a part of one clause: a verb when the last member is the opening
    of a clause after a comma (勇于担当，…，竭尽全力|做好工作); a 、-list before a verb is its subject
    (倚马可待、下笔千言、文不加点|即如此意), before a localizer the object of 在 (在转方式、…、增效益|上)."""
    pos = pos_tags(text[end : end + 4])[0][1]
    return pos == "v" and text[end - last - 1 : end - last] in "，,"


def _accidental(members: list[str], frame: str) -> bool:
    """One shared character inside members of five or more characters, in a different dictionary
    noun in each (能源革命、能源供应、资源禀赋 share 源; 数字经济、数据要素 share 数): no frame
    (回升向好、提质向优: 向 frames words coined for it)."""
    if not re.fullmatch(r"\*[^*]\*", frame) or len(members[0]) < 5 or len({len(m) for m in members}) != 1:
        return False
    c = frame[1]
    i = members[0].index(c)
    words = set()
    for m in members:
        at = 0
        for w, _ in pos_tags(m):
            if at <= i < at + len(w):
                words.add(w)
                break
            at += len(w)
    from ..lexicon.lexicons import main_pos_table

    table = main_pos_table()
    return len(words) > 1 and all(len(w) >= 2 and table.get(w, "").startswith("n") for w in words)  # 向好、向优 keep 向


def structural_runs(doc_id: str, text: str, found: list, *, min_n: int = 3) -> list[tuple]:
    # spans already taken, sorted: does one open before a new span ends and close after it starts?
    # (a long run's members only: a run of headings does not cover the paragraphs under them)
    found_spans = sorted(sp for r in found for sp in (member_spans(text, r) if r[6] - r[5] > 40 else [(r[5], r[6])]))
    found_starts = [a for a, _ in found_spans]
    reach = list(itertools.accumulate((b for _, b in found_spans), max))  # furthest end so far
    starts: list[int] = []  # spans added here: disjoint from everything, so sorted ends too
    ends: list[int] = []
    rows = []
    for base, parts in _coordinated_runs(text, min_n):
        start = base + parts[0][0]
        end = base + parts[-1][0] + len(parts[-1][1])
        f = bisect.bisect_left(found_starts, end)
        i = bisect.bisect_left(starts, end)
        if (f and reach[f - 1] > start) or (i and ends[i - 1] > start):
            continue  # overlaps a run already found (checked first: it is the cheap test)
        members = [p for _, p in parts]
        if len(set(members)) < len(members) or any(FIGURE_RE.search(m) for m in members):
            continue  # figures and amounts never make a slogan
        frame = position_frame(members)
        if frame is not None and _accidental(members, frame):
            frame = None  # 完善数字经济治理、培育数据要素市场: 数 is inside different words, no frame
        suffix = os.path.commonprefix([m[::-1] for m in members])[::-1]  # 产业|创新中心、技术|创新中心: a shared head longer than the frame
        nouns = frame is not None and (plain_nouns(members, frame) or affix_compounds(members, frame) or len(suffix) >= 4 and plain_nouns(members, "*" + suffix))
        kind = "list" if nouns else "structural"
        if frame is None:
            pairs = {len(m) for m in members} == {2} and verb_object(members) and _coined(members)  # 兴业、强县、富民|一体发展
            short_slogans = (three_character_slogans(members) or pairs) and word_edges(text, start, end)  # not 退役军|人
            if members and not short_slogans and _cut_short(text, end):  # 看大展、赏好戏、享非遗|活动 is whole
                parts, members = parts[:-1], members[:-1]  # 赢得更大|发展提供了…: the last slogan was cut
                end = base + parts[-1][0] + len(parts[-1][1]) if parts else end
            topics = noun_verb_slogans(members)  # 区域互补、跨江融合、南北联动
            described = adjective_predicates(members)  # 产业体系完备、市场规模巨大、人力资源丰富
            if len(members) < min_n or not (verb_object(members) or _subject_predicates(members) or topics or described):
                continue  # a plain list (农业、工业、国防) is no 排比
            frame, kind = ("S+P" if _subject_predicates(members) or topics or described else "V+O"), "verb_object"
        attributive = frame.endswith("*") and frame[0] in ATTRIBUTIVE  # 新能源|大基地、大通道、大消纳|体系建设
        verbal = verb_object(members) if frame == "V+O" and (three_character_slogans(members) or len(members[0]) == 2 and _coined(members) or text[start - 1 : start] in "，；。\n" and pos_tags(text[end : end + 4])[0][1] == "v") else all_verbal(members)
        verbal = verbal or frame == "V+O" and set_phrases(members)  # 不折不扣、雷厉风行、求真务实、敢作善为|落实…: the manner of the verb
        # 强基础、增后劲、惠民生|领域; before a verb the slogans are a clause's subject (兼并重组、压减层级、提质增效|取得…)
        if _embedded(text, end) and (attributive or not verbal or _governed(text, end, len(members[-1]))):
            kind = "list"  # 新能源大基地、大通道、大消纳体系建设; 强化固体废物、新污染物、塑料污染治理
        starts.insert(i, start)
        ends.insert(i, end)
        rows.append((doc_id, "|".join(members), frame, kind, len(members), start, end))
    return rows


_QUOTED_RE = re.compile(r"“([^“”，、]{2,8}(?:[，、][^“”，、]{2,8}){2,})”")
_SENTENCE_RE = re.compile(r"[^。！？!?；;\n]+")


def _coordinated_runs(text: str, min_n: int):
    """Candidate member runs: the 、-parts of a clause, and runs of short ，-clauses
    (参与政务，管理事务，协调关系，搞好服务), each with the offset its part offsets count from."""
    for cm in _CLAUSE_RE.finditer(text):
        clause = cm.group()
        if clause.count("、") >= min_n - 1:
            parts = _trim_ends(_split_at(clause, "、"))
            if parts is None:
                parts = _subject_predicate_parts(_split_at(clause, "、"))
            if parts is not None and len(parts) >= min_n:
                yield cm.start(), parts
    for sm in _SENTENCE_RE.finditer(text):
        sent = sm.group()
        if sent.count("，") < min_n - 1:
            continue
        pieces = _split_at(sent, "，")
        i = 0
        while i + min_n <= len(pieces):
            j = i + 1  # middle pieces are short phrases, not clauses
            while (
                j < len(pieces) - 1
                and 2 <= len(pieces[j][1].strip(STRIP)) <= 6
                and "、" not in pieces[j][1]
                and not pieces[j][1].rstrip().endswith(("”", "’", "）", ")"))  # a quotation closes the run
            ):
                j += 1
            window = pieces[i : j + 1]
            if len(pieces[j][1].strip(STRIP)) > 8:  # the run ends before a full clause
                window = pieces[i:j]
            if len(window) >= min_n and "、" not in window[0][1] + window[-1][1]:
                parts = _trim_ends(window, clauses=True)
                if parts is not None:
                    yield sm.start(), parts
                    i = j + 1
                    continue
            i += 1
        for qm in _QUOTED_RE.finditer(sent):  # “高筑墙，广积粮，缓称王”; “零差错，零失误，零缺陷”
            parts = _split_at(qm.group(1), "，") if "，" in qm.group(1) else _split_at(qm.group(1), "、")
            if len(parts) >= min_n and all(2 <= len(p) <= 8 for _, p in parts):
                yield sm.start() + qm.start(1), parts
        if "，" in sent:  # 扩大内需、优化供给，做优增量、盘活存量; 紧紧抓住主要矛盾，着力突破瓶颈制约，…
            yield from _mixed_windows(sm.start(), sent, min_n)


def _subject_predicate_parts(parts: list[tuple[int, str]]) -> list[tuple[int, str]] | None:
    """、-parts of up to twelve characters, each a subject and its four-character predicate, the first
    after a lead-in cut at a word boundary (推动|空气质量稳定达标、水环境质量不断改善、土壤环境质量持续好转)."""
    (o0, first), rest = parts[0], parts[1:]
    if len(parts) < 3 or not all(6 <= len(p) <= 12 and subject_predicate(p, report=True) for _, p in rest):
        return None
    for report in (False, True):  # the slogan's shape first: 推动|空气质量稳定达标
        for b in [0, *word_bounds(first)]:
            if 6 <= len(first) - b <= 12 and subject_predicate(first[b:], report=report):
                return [(o0 + b, first[b:]), *rest]
    return None


def _subject_predicates(members: list[str]) -> bool:
    """Clauses of a subject and a four-character predicate, all but one at least (全省人民勠力同心，人民子弟兵
    闻令而动，各级干部挺膺担当，广大建设者昼夜奋战)."""
    ok = sum(len(m) >= 6 and subject_predicate(m) for m in members)
    if len(members) >= 3 and ok >= len(members) - 1:
        return True
    # a report's summary (经济增长稳中有进、质量效益稳步提高、新质生产力加快发展…): half at least in the
    # slogan's shape, all but one in the summary's
    loose = sum(len(m) >= 6 and subject_predicate(m, report=True) for m in members)
    return len(members) >= 3 and 2 * ok >= len(members) and loose >= len(members) - 1


def _splits_noun(piece: str, cut: int) -> bool:
    """The cut at ``cut`` falls between two nouns (督查检查|考核过多过频): it splits a subject."""
    before, after = pos_tags(piece[:cut]), pos_tags(piece[cut:])
    return bool(before and after) and before[-1][1].startswith(("n", "vn")) and after[0][1].startswith(("n", "vn"))


def _mixed_windows(base: int, sent: str, min_n: int):
    """Runs of phrases of one length separated by both 、 and ，, bounded by a clause on each side;
    the first may carry a lead-in (持续|扩大内需) cut at a word boundary."""
    pieces = [(m.start(), m.group(), sent[m.end() : m.end() + 1]) for m in re.finditer(r"[^、，]+", sent)]
    i = 0
    while i + min_n <= len(pieces):
        if i and sent[pieces[i][0] - 1] == "、":
            i += 1
            continue
        width = len(pieces[i + 1][1])
        slack = 1 if width >= 5 else 0
        j = i + 1
        sp = 6 <= width <= 12 and subject_predicate(pieces[i + 1][1])  # clauses of a subject and its predicate may differ more
        while j < len(pieces) and (abs(len(pieces[j][1]) - width) <= slack or sp and 6 <= len(pieces[j][1]) <= 12 and subject_predicate(pieces[j][1])):
            j += 1
        while j - i > min_n and pieces[j - 1][2] == "、":
            j -= 1  # the run ran into the next 、-list (…，苦练内功、应对挑战，以高站位、高标准…): back to the clause's end
        o0, first, _ = pieces[i]
        if len(first) > width + slack:
            cut = len(first) - width  # a short lead-in only (持续|扩大内需); a longer one is a clause of its own
            first = first[cut:] if cut <= 4 and cut in word_bounds(first) else ""
            first = first if all_verbal([first]) and not _splits_noun(pieces[i][1], cut) else ""
            # 借助国家|政策东风: what the lead-in governs is no slogan; 督查检查|考核过多过频: a noun cut apart
            o0 += cut
        run = [(o0, first)] + [(o, p) for o, p, _ in pieces[i + 1 : j]]
        seps = {sep for _, _, sep in pieces[i : j - 1]}
        if any(a.endswith("”") and b.startswith("“") and sep == "、" for (_, a, sep), (_, b, _) in zip(pieces[i : j - 1], pieces[i + 1 : j])):
            i += 1  # 做好“六稳”、“六保”工作: quoted terms listed inside one phrase are no members
            continue
        exact = len({len(p) for _, p in run}) == 1
        if 2 <= width <= 10 and first and len(run) >= min_n and pieces[j - 1][2] != "、" and (
            seps == {"、", "，"} and width <= 8
            or seps == {"，"} and width >= 5 and (exact or _subject_predicates([p for _, p in run]))
        ) and (not sp or all(abs(len(p) - width) <= slack or subject_predicate(p) for _, p in run)):
            yield base, run
            i = j
            continue
        i += 1
