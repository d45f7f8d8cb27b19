"""Parallel constructions (排比): runs of phrases or clauses of matching shape.

Runs sharing a frame — the same opening (服务领导/服务机关/服务基层 → ``服务*``), the same
ending (领导满意/基层满意/群众满意 → ``*满意``) or a template with slots (门难进/脸难看/话难听/
事难办 → ``*难*``) — and runs of matching grammatical shape (verb + object: 强基础、转作风、
树形象).  :mod:`tifa.rhetoric.formulas` re-exports :func:`find_parallels` and :func:`parallels_table`.
"""
from __future__ import annotations

import bisect
import itertools
import os
import re

import pandas as pd

from ..frames import rows_frame
from ..structure.outline import parse as parse_outline
from ..text.patterns import CN_DIGITS, cn_to_int

PARALLEL_COLUMNS = ["doc_id", "members", "frame", "kind", "n", "score", "start", "end"]
#: Rows at or above this score (and not ``kind = list``) are what a speechwriter accepts: the default output.
ACCEPT = 0.5
_NUM = f"[{CN_DIGITS}两]"
_CLASSIFIERS = "个|大|种|项|条|类|股|套|本"


_FIGURE_RE = re.compile(r"[0-9０-９%％.．]|[亿万千百]元|[亿万]吨|[亿万]人|公里|美元")
_SEG_RE = re.compile(r"[^、，,；;：:。！？!?\n“”（）()—]+")
_STRIP = "“”\"'（）() "
#: Openings too common to make a frame on their own.
_WEAK_PREFIXES = {"我们", "这是", "就是", "这个", "一个", "要把", "不是", "也是", "都是", "还是", "而是", "是在"}


def _frame(group: list[str]) -> tuple[str, str] | None:
    """The shared frame of ``group`` and its kind, or None (figures and amounts never frame)."""
    if len(set(group)) < len(group) or any(_FIGURE_RE.search(g) for g in group):
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
    if len(prefix) >= 2 and (prefix not in _WEAK_PREFIXES or even) and all(len(g) > len(prefix) for g in group):
        return prefix + "*", "opening"
    if len(suffix) >= 2 and all(len(g) > len(suffix) for g in group):
        return "*" + suffix, "ending"
    if short and len(group) >= 3:
        if len(prefix) == 1 and all(len(g) > 1 for g in group):
            return prefix + "*", "opening"
        if len(suffix) == 1 and all(len(g) > 1 for g in group) and suffix not in "的了是":
            return "*" + suffix, "ending"
    return None


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
        if len(seg) > width + 2:
            keep = _cut_lead(seg, width)
            run[0] = [off + len(seg) - len(keep), keep]
    elif kind == "opening":
        width = max(len(s) for _, s in run[:-1])
        off, seg = run[-1]
        if len(seg) > width + 2:
            run[-1] = [off, _cut_tail(seg, width)]


def _bounds(seg: str) -> list[int]:
    """Word boundaries inside ``seg`` (offsets), by the tokens' tagger."""
    from ..tokens.segment import shared_segmenter

    out, at = [], 0
    for w, pos in shared_segmenter().tag(seg):
        if len(w) >= 4 and pos in ("l", "i"):  # a set phrase (在政治上) may be cut inside
            out.extend(range(at + 1, at + len(w)))
        at += len(w)
        out.append(at)
    return out[:-1]


def _cut_lead(seg: str, width: int) -> str:
    """The end of ``seg`` about ``width`` long, cut at a word boundary (设制造强省 → 制造强省)."""
    cuts = [b for b in _bounds(seg) if len(seg) - b >= max(2, width - 1)]
    return seg[min(cuts, key=lambda b: (abs(len(seg) - b - width), b)) :] if cuts else seg


def _cut_tail(seg: str, width: int) -> str:
    """The start of ``seg`` about ``width`` long, cut at a word boundary."""
    cuts = [b for b in _bounds(seg) if b >= max(2, width - 1)]
    return seg[: min(cuts, key=lambda b: (abs(b - width), -b))] if cuts else seg


_COUNT_PHRASE = re.compile(rf"^.{{0,6}}{_NUM}{{1,2}}(?:{_CLASSIFIERS})")


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
        f = _frame([s for _, s in segs[i:j]])
        if f is None:
            break
        best = (j, f)
        j += 1
    return best


def find_parallels(doc_id: str, text: str, *, min_n: int = 3, max_len: int = 30) -> pd.DataFrame:
    """Runs of ≥ ``min_n`` phrases or clauses sharing a frame."""
    rows = []
    for pm in re.finditer(r"[^\n]+", text):
        segs = []
        for m in _SEG_RE.finditer(pm.group()):
            raw = m.group()
            lead = len(raw) - len(raw.lstrip(_STRIP))
            seg = raw.strip(_STRIP)
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
                run = [list(x) for x in segs[i:j]]
                _trim_run(run, frame, kind)
                # a lead-in clause that ends with the first member (特别是学会用新的视野…)
                if kind == "opening" and i > 0 and segs[i - 1][1] and frame[:-1] in segs[i - 1][1][1:]:
                    off, seg = segs[i - 1]
                    k = seg.index(frame[:-1], 1)
                    run.insert(0, [off + k, seg[k:]])
                if len(run) >= min_n and any(_CONNECTIVE_RE.match(s) for _, s in run):
                    i += 1  # clauses joined by 不管是…还是…: an argument, not a slogan
                    continue
                if len(run) >= min_n:
                    members = [s for _, s in run]
                    start = run[0][0]
                    end = run[-1][0] + len(run[-1][1])
                    rows.append((doc_id, "|".join(members), frame, kind, len(members), start, end))
                    i = j
                    continue
                i += 1
                continue
            else:
                i += 1
    rows += _structural_parallels(doc_id, text, rows, min_n=min_n)
    heads = _list_item_parallels(doc_id, text, rows, min_n=min_n)
    heads += _verse_parallels(doc_id, text, rows + heads)
    heads += _ordinal_parallels(doc_id, text, rows + heads, min_n=min_n)
    rows = [r for r in (_refine(r, text, min_n) for r in rows) if r is not None]
    rows += [r for r in (_refine(r, text, min_n, headings=True) for r in heads) if r is not None]
    clauses = _clause_runs(doc_id, text, rows, min_n=min_n)
    rows += [r for r in (_refine(r, text, min_n, headings=True) for r in clauses) if r is not None]
    rows += _compact_runs(doc_id, text, rows)
    rows = _dedupe(rows, text)
    rows.sort(key=lambda r: r[5])
    rows = [(*r[:5], _score(r), *r[5:]) for r in rows]
    return rows_frame(rows, PARALLEL_COLUMNS, {"n": "int64", "score": "float64", "start": "int64", "end": "int64"})


def accepted(df: pd.DataFrame) -> pd.DataFrame:
    """The 排比 a speechwriter accepts: not a list of nouns, score at least :data:`ACCEPT`."""
    if not len(df) or "score" not in df:
        return df
    return df[(df["kind"] != "list") & (df["score"] >= ACCEPT)]


def _member_spans(text: str, row: tuple) -> list[tuple[int, int]]:
    spans, pos = [], row[5]
    for m in row[1].split("|"):
        at = text.find(m, pos, row[6] + 1)
        if at < 0:
            return [(row[5], row[6])]
        spans.append((at, at + len(m)))
        pos = at + len(m)
    return spans


def _dedupe(rows: list[tuple], text: str) -> list[tuple]:
    """One run per stretch of text: of two overlapping runs the one with more members (then the
    earlier found) stays, unless the other lies inside one of its members (是…支持稳增长、保就业、
    调结构的重大抉择 keeps both)."""
    order = sorted(range(len(rows)), key=lambda k: (rows[k][3] == "list", -rows[k][4], k))
    kept: list[int] = []
    spans = {k: _member_spans(text, rows[k]) for k in order}
    for k in order:
        a, b = rows[k][5], rows[k][6]
        clash = False
        for j in kept:
            x, y = rows[j][5], rows[j][6]
            if not (a < y and x < b):
                continue
            if _inside(spans[j], a, b) or _inside(spans[k], x, y):
                continue  # nested in a member
            if not any(p < v and u < q for p, q in spans[k] for u, v in spans[j]):
                continue  # the heads of paragraphs span the text between them: only members clash
            if rows[j][3] == "list" or rows[k][3] == "list":
                continue  # a list and a 排比 may share text
            clash = True
            break
        if not clash:
            kept.append(k)
    return [rows[k] for k in sorted(kept)]


def _score(row: tuple) -> float:
    """How surely a run is a rhetorical 排比, 0–1 (see README): lists score low; a frame of two or
    more shared characters, more members and even lengths score higher; members of very uneven
    length or plain noun phrases lower."""
    _, joined, frame, kind, n = row[:5]
    members = joined.split("|")
    if kind == "list":
        return 0.1
    fixed = len(frame.replace("*", "")) if frame not in ("V+O",) and not frame.endswith("字") else 0
    score = {"verse": 0.8, "headings": 0.65, "compact": 0.6, "verb_object": 0.6, "structural": 0.55}.get(kind, 0.6 if fixed >= 2 else 0.55)
    score += min(0.15, 0.05 * (n - 3))
    lo, hi = min(map(len, members)), max(map(len, members))
    if hi <= lo * 1.5:
        score += 0.1
    elif hi > lo * 3 and kind in ("structural", "verb_object", "compact"):
        score -= 0.2  # slogans are even; clauses with a shared opening (向全省人民，向各民主党派、…) need not be
    if fixed >= 2:
        score += 0.05
    if kind == "verb_object":  # slogans are short and even; long or uneven verb phrases are policy prose
        if hi != lo:
            score -= 0.25
        if hi >= 9 or (hi >= 8 and "“" not in joined):
            score -= 0.3
    if "的*" not in frame and lo >= 4 and kind in ("opening", "ending") and all(_nominal(m) for m in members):
        score -= 0.2  # noun phrases that escaped the list test
    return round(max(0.0, min(1.0, score)), 2)


# Structural 排比: members that share no two-character frame but a position (嘴勤、腿勤、手勤),
# a one-character frame (零差错、零失误、零缺陷; 定项目、定单位…) or a grammatical shape
# (verb + object: 强基础、转作风、树形象; 参与政务、管理事务、协调关系、搞好服务).
_CLAUSE_RE = re.compile(r"[^，,；;：:。！？!?\n“”‘’（）()《》—]+")
_NOT_FRAME = set("的了和与及或是在对把被而且并也都就又还")
_VERB_POS = ("v", "vd", "vn")
_OBJECT_POS = ("n", "nz", "vn", "ng", "nr", "ns", "nt", "an", "l")


def _split_at(s: str, sep: str) -> list[tuple[int, str]]:
    """The ``sep``-separated parts of ``s`` with their offsets in it."""
    parts, pos = [], 0
    for piece in s.split(sep):
        parts.append((pos, piece))
        pos += len(piece) + len(sep)
    return parts


def _trim_ends(parts: list[tuple[int, str]], *, clauses: bool = False) -> list[tuple[int, str]] | None:
    """Cut the lead-in off the first member and the tail off the last one (to the middle's length)."""
    parts = [(o + len(p) - len(p.lstrip(_STRIP)), p.strip(_STRIP)) for o, p in parts]
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
        keep = _cut_lead(first, hi)
        first, o0 = keep, o0 + len(first) - len(keep)
    if len(last) > hi + 1:
        last = _cut_tail(last, hi)
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


def _position_frame(members: list[str]) -> str | None:
    """A character shared at the same position (from the start, or from the end)."""
    n = len(members[0])
    if len({len(m) for m in members}) == 1:
        shared = [i for i in range(n) if len({m[i] for m in members}) == 1]
        if shared and len(shared) < n and not any(members[0][i] in _NOT_FRAME for i in shared):
            frame = "".join(members[0][i] if i in shared else "*" for i in range(n))
            return re.sub(r"\*+", "*", frame)
    if len({m[0] for m in members}) == 1 and members[0][0] not in _NOT_FRAME:
        return members[0][0] + "*"
    if len({m[-1] for m in members}) == 1 and members[0][-1] not in _NOT_FRAME:
        return "*" + members[0][-1]
    return None


def _verb_object(members: list[str]) -> bool:
    """Members of one length, each a verb and its object (强基础、转作风、树形象; 扩大内需、优化供给),
    a subject and its predicate (区域互补、跨江融合; 任务重、挑战多) or a set phrase (因地制宜) — at
    least two in three by the POS of the tokens' tagger, which reads short slogans unevenly."""
    lengths = {len(m) for m in members}
    if len(lengths) != 1 and not (min(lengths) >= 5 and max(lengths) - min(lengths) <= 1):
        return False  # one length; clauses of five or more characters may differ by one
    flags = [_verbal(m) for m in members]
    verbal = sum(flags)
    if not (flags[0] or flags[-1]) or not all(flags[1:-1]) and not (flags[0] and flags[-1]):
        return False  # the edges are where a cut goes wrong: they must read as slogans themselves
    return verbal * 3 >= len(members) * 2 and (len(members[0]) > 2 or verbal == len(members) or verbal >= 3)


def _verbal(m: str) -> bool:
    """One slogan of verb + object, subject + predicate, or a set phrase."""
    m = m.replace("“", "").replace("”", "")  # 增强“四个意识”
    if len(m) == 2:  # 降碳, 控源, 兴业: a verb (or adjective used as one) and a noun, by character
        a, b = _tags(m[0])[0][1], _tags(m[1])[0][1]
        return a.startswith(("v", "a")) and not b.startswith("v")
    words = _tags(m)
    if len(words) == 1:
        if words[0][1] in ("i", "l"):
            return True
        if len(m) in (3, 4):  # 树形象 is one dictionary word: read it as 树 + 形象
            k = 1 if len(m) == 3 else 2
            head, tail = _tags(m[:k]), _tags(m[k:])
            words = head + tail if len(head) == 1 and len(tail) == 1 else words
    if len(words) < 2:
        return False
    if len(m) == 3 and len(words) >= 2 and len(words[0][0]) == 1 and words[0][1].startswith(("v", "a")):
        return True  # 稳增长, 保就业, 控增量: a one-character verb and its two-character object
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


#: One-character endings of concrete nouns (剪子、刀子、浆子): a list of such nouns is a list.
_NOUN_SUFFIXES = set("子儿头")
_CONNECTIVE_RE = re.compile(r"^(?:不管是|不管|无论是|无论|还是|或者|但是|而且|并且|因为|所以|如果|虽然|即使|不仅|而是)")


def _plain_nouns(members: list[str], frame: str) -> bool:
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
    return all(pos.startswith("n") for _, pos in seg.tag(head))


def _cut_short(text: str, end: int) -> bool:
    """The member ending at ``end`` goes on in the text (赢得更大|发展; 竭尽全力|做好工作)."""
    nxt = _tags(text[end : end + 4])
    return bool(nxt) and nxt[0][1].startswith(("n", "vn")) and not nxt[0][0][0] in "的等和与及上中下"


def _structural_parallels(doc_id: str, text: str, found: list, *, min_n: int = 3) -> list[tuple]:
    # spans already taken, sorted: does one open before a new span ends and close after it starts?
    found_spans = sorted((r[5], r[6]) for r in found)
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
        if len(set(members)) < len(members) or any(_FIGURE_RE.search(m) for m in members):
            continue  # figures and amounts never make a slogan
        frame = _position_frame(members)
        kind = "list" if frame is not None and _plain_nouns(members, frame) else "structural"
        if frame is None:
            if members and _cut_short(text, end):
                parts, members = parts[:-1], members[:-1]  # 赢得更大|发展提供了…: the last slogan was cut
                end = base + parts[-1][0] + len(parts[-1][1]) if parts else end
            if len(members) < min_n or not _verb_object(members):
                continue  # a plain list (农业、工业、国防) is no 排比
            frame, kind = "V+O", "verb_object"
        starts.insert(i, start)
        ends.insert(i, end)
        rows.append((doc_id, "|".join(members), frame, kind, len(members), start, end))
    return rows


_INLINE_ORDINAL_RE = re.compile(r"第([一二三四五六七八九十])个?(?=[\u4e00-\u9fff])")


def _ordinal_parallels(doc_id: str, text: str, found: list, *, min_n: int = 3) -> list[tuple]:
    """排比 along ordinals run into the text, without a comma (第一要学会夹尾巴，…第二个要学会摇尾巴，…
    第三要学会翘尾巴，…): within one paragraph, ordinals counting up from 第一, each followed by a short
    phrase; the phrases must share a frame."""
    seen = {r[1] for r in found}
    spans = [(r[5], r[6]) for r in found]
    rows = []
    for pm in re.finditer(r"[^\n]+", text):
        run: list[tuple[int, str]] = []
        for m in _INLINE_ORDINAL_RE.finditer(pm.group()):
            n = cn_to_int(m.group(1))
            if n == 1:
                run = []
            elif n != len(run) + 1:
                continue
            head = _ITEM_HEAD_RE.match(pm.group(), m.end())
            run.append((pm.start() + m.end(), head.group() if head else ""))
        members = [h for _, h in run]
        if len(run) < min_n or not _usable_heads(members, 8, seen):
            continue
        framed = _frame(members)
        if not framed:
            continue
        # the run spans whole paragraphs: only its phrases must be free
        if any(a < o + len(h) and o < b for o, h in run for a, b in spans):
            continue
        start, end = run[0][0], run[-1][0] + len(members[-1])
        rows.append((doc_id, "|".join(members), framed[0], framed[1], len(members), start, end))
    return rows


_VERSE_RE = re.compile(r"(?:[\u4e00-\u9fffA-Z]{7}[，,]){3,}[\u4e00-\u9fffA-Z]{7}(?=[。！？!?；;”\n]|$)|(?:[\u4e00-\u9fffA-Z]{5}[，,]){3,}[\u4e00-\u9fffA-Z]{5}(?=[。！？!?；;”\n]|$)")


_VERSE_OPEN_RE = re.compile(r"[。！？!?；;“\n：:]")


def _verse_parallels(doc_id: str, text: str, found: list) -> list[tuple]:
    """Lines of verse the genre closes with (励精图治挑重担，撸起袖子加油干，…): four or more clauses
    of exactly seven (or five) characters, the whole of a sentence."""
    spans = [(r[5], r[6]) for r in found]
    rows = []
    # the clauses must open the sentence, not end a longer one: only sentence starts are tried
    # (a match holds no sentence break, so this finds what a scan of every position would)
    opens = itertools.chain((0,), (m.end() for m in _VERSE_OPEN_RE.finditer(text)))
    for m in filter(None, (_VERSE_RE.match(text, p) for p in opens)):
        start, end = m.start(), m.end()
        if any(a < end and start < b for a, b in spans):
            continue
        members = re.split(r"[，,]", m.group())
        if len(set(members)) < len(members) or any(_FIGURE_RE.search(x) for x in members):
            continue
        rows.append((doc_id, "|".join(members), f"{len(members[0])}言", "verse", len(members), start, end))
    return rows


#: Heads that name the parts of an inventory (医疗卫生方面、养老帮困方面…), not a slogan.
_LIST_HEADS = {"方面", "问题", "领域", "部分", "情况"}
_ITEM_HEAD_RE = re.compile(r"[^。，,；;：:！？!?\n]+")


def _usable_heads(members: list[str], max_len: int, seen: set[str]) -> bool:
    """Short phrases opening list items that could make a 排比: 2 to ``max_len`` characters, all
    different, no figures, not already reported."""
    return (
        all(2 <= len(h) <= max_len for h in members)
        and len(set(members)) == len(members)
        and not any(_FIGURE_RE.search(h) for h in members)
        and "|".join(members) not in seen
    )


def _list_item_parallels(doc_id: str, text: str, found: list, *, min_n: int = 3) -> list[tuple]:
    """排比 across a numbered list: the short heads its items open with
    (第一，通天气。… 第二，接地气。… 第三，聚人气。…) sharing a frame or a character position."""
    seen = {r[1] for r in found}
    groups: dict[int, list] = {}
    for it in parse_outline(text):
        groups.setdefault(it.enum_key, []).append(it)
    rows = []
    for items in groups.values():
        if len(items) < min_n:
            continue
        heads = []
        for it in items:
            m = _ITEM_HEAD_RE.match(text, it.marker.end)
            raw = m.group() if m else ""
            head = raw.strip(_STRIP)
            heads.append((it.marker.end + len(raw) - len(raw.lstrip(_STRIP)), head))
        members = [h for _, h in heads]
        if not _usable_heads(members, 6, seen):
            continue
        framed = _frame(members)
        frame, kind = framed if framed else (_position_frame(members), "structural")
        if frame is None or frame.strip("*") in _LIST_HEADS:
            continue
        rows.append((doc_id, "|".join(members), frame, kind, len(members), heads[0][0], heads[-1][0] + len(members[-1])))
    return rows


_SENTENCE_RE = re.compile(r"[^。！？!?；;\n]+")


def _coordinated_runs(text: str, min_n: int):
    """Candidate member runs: the 、-parts of a clause, and runs of short ，-clauses
    (参与政务，管理事务，协调关系，搞好服务), each with the offset its part offsets count from."""
    for cm in _CLAUSE_RE.finditer(text):
        clause = cm.group()
        if clause.count("、") >= min_n - 1:
            parts = _trim_ends(_split_at(clause, "、"))
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
                and 2 <= len(pieces[j][1].strip(_STRIP)) <= 6
                and "、" not in pieces[j][1]
                and not pieces[j][1].rstrip().endswith(("”", "’", "）", ")"))  # a quotation closes the run
            ):
                j += 1
            window = pieces[i : j + 1]
            if len(pieces[j][1].strip(_STRIP)) > 8:  # the run ends before a full clause
                window = pieces[i:j]
            if len(window) >= min_n and "、" not in window[0][1] + window[-1][1]:
                parts = _trim_ends(window, clauses=True)
                if parts is not None:
                    yield sm.start(), parts
                    i = j + 1
                    continue
            i += 1
        if "，" in sent:  # 扩大内需、优化供给，做优增量、盘活存量; 紧紧抓住主要矛盾，着力突破瓶颈制约，…
            yield from _mixed_windows(sm.start(), sent, min_n)


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
        while j < len(pieces) and abs(len(pieces[j][1]) - width) <= slack:
            j += 1
        o0, first, _ = pieces[i]
        if len(first) > width + slack:
            cut = len(first) - width  # a short lead-in only (持续|扩大内需); a longer one is a clause of its own
            first = first[cut:] if cut <= 4 and cut in _bounds(first) else ""
            o0 += cut
        run = [(o0, first)] + [(o, p) for o, p, _ in pieces[i + 1 : j]]
        seps = {sep for _, _, sep in pieces[i : j - 1]}
        exact = len({len(p) for _, p in run}) == 1
        if 2 <= width <= 8 and first and len(run) >= min_n and (seps == {"、", "，"} or (seps == {"，"} and width >= 5 and exact)) and pieces[j - 1][2] != "、":
            yield base, run
            i = j
            continue
        i += 1


# --------------------------------------------------------------------------- lists and cuts

#: One-character endings that make nouns of what they end (法治化, 基础性, 获得感, 应用型, 空港):
#: coordinated words sharing one are a list, however many.
_NOUN_AFFIX = set("化性感型式级类界区会港省市县局机线品业员家库园")
#: Attributive one-character openings (新产业、新模式、新动能): nouns before them make a list.
_ATTRIBUTIVE = set("新老大小总副主次各原现前首全省市县区")
_NOMINAL = ("n", "nz", "ns", "nt", "nr", "nrt", "ng", "b", "j", "s", "tf", "bg", "t", "m", "q", "vn", "an", "f", "k")
_LEAD_POS = ("v", "vd", "vi", "d", "ad", "c", "p", "r")
_SENT_END = re.compile(r"[。！？!?]")


def _tags(s: str) -> list[tuple[str, str]]:
    from ..tokens.segment import shared_segmenter

    return shared_segmenter().tag(s)


def _nominal(s: str) -> bool:
    """A noun phrase: nouns (and 的, and adjectives before a noun), no verb, no adverb."""
    tags = _tags(s)
    if not tags:
        return False
    for i, (w, pos) in enumerate(tags):
        if pos.startswith(_NOMINAL) or pos == "uj" and 0 < i < len(tags) - 1:
            continue
        if pos.startswith("a") and i < len(tags) - 1:
            continue  # 重大战略任务
        return False
    return True


def _modifier(s: str) -> bool:
    """What stands before a shared head noun in a list: a noun phrase, or a short modifier of
    nouns, adjectives or verbs without adverb, preposition, conjunction or pronoun (涉外领域)."""
    if _nominal(s):
        return True
    if "的" in s[1:-1] and _nominal(s[s.rindex("的") + 1 :]):
        return True  # 超大规模市场的需求(优势), 产业体系完备的供给(优势)
    return len(s) <= 4 and not any(p.startswith(("d", "p", "c", "r", "u")) for _, p in _tags(s))


def _is_list(members: list[str], frame: str) -> bool:
    """Coordinated nouns sharing an affix or a head (获得感、幸福感、安全感; 数字消费、绿色消费;
    法治政府、数字政府、服务型政府), or behind an attributive opening (重大战略任务、重大改革举措;
    水资源、水环境、水生态), not a 排比."""
    if frame in ("V+O", "*") or "的*" in frame:
        return False
    head = os.path.commonprefix([m[::-1] for m in members])[::-1]
    lead = os.path.commonprefix(members)
    if head and all(len(m) > len(head) for m in members) and frame.startswith("*"):
        rests = [m[: -len(head)] for m in members]
        if head[-1] in _NOUN_AFFIX and not any(_tags(r)[0][1].startswith(("p", "c", "r")) for r in rests):
            return True
        if len(head) >= 2 and head[0] not in CN_DIGITS + "两" and not _tags(head)[0][1].startswith(("m", "q")):
            if _nominal(head) and all(_modifier(r) for r in rests):
                return True
    if not lead or lead.endswith("的") or re.search(rf"{_NUM}", lead) or not all(len(m) > len(lead) for m in members):
        return False  # 我们的组织、我们的上级; 一个单位、一个系统: slogans of the genre
    if not frame.endswith("*") and frame.count("*") == 1:
        return False
    rests = [m[len(lead) :] for m in members]
    tags = _tags(lead)
    attributive = lead in _ATTRIBUTIVE or (
        all(p.startswith(_NOMINAL[:-3]) or (p == "a" and len(lead) >= 2) for _, p in tags) and not tags[-1][1].startswith("vn")
    )
    if not attributive:
        return False
    if len(lead) >= 2 and tags[-1][1] == "a":  # 重大|战略任务、重大|改革举措: an adjective before nouns
        return all(r and (_nominal(r) or _modifier(r)) for r in rests)
    return all(r and _nominal(r) for r in rests)


def _list_lead(members: list[str], frame: str) -> str | None:
    """The first member without the words that govern the whole list (推进|产业结构、能源结构…;
    我国具有|显著的制度优势、…的需求优势), when the run is then a list; else None."""
    tags = _tags(members[0])
    for k in range(1, min(6, len(tags))):
        rest = members[0][sum(len(w) for w, _ in tags[:k]) :]
        if len(rest) >= 2 and rest.endswith(frame[1:]) and len(rest) > len(frame) - 1 and _is_list([rest, *members[1:]], frame):
            return rest
    return None


def _extend(text: str, members: list[str], frame: str, start: int, end: int) -> tuple[int, int]:
    """Members of the same 、-list the run left out, before or after it (着力稳就业、稳金融、|稳外贸、
    稳外资…): added in place when they fit the frame."""
    lead, tail = frame.split("*")
    width = max(map(len, members))

    def fits(p: str) -> bool:
        return 2 <= len(p) <= width + 1 and p.startswith(lead) and p.endswith(tail) and len(p) > len(lead) + len(tail) and not _FIGURE_RE.search(p)

    while text[start - 1 : start] == "、":
        m = re.search(r"[^、，,；;：:。！？!?\n“”（）()]+$", text[max(0, start - 1 - 40) : start - 1])
        if not m:
            break
        piece = m.group()
        k = piece.rfind(lead) if lead else -1
        cand = piece[k:] if lead and k >= 0 and (k == 0 or k in _bounds(piece)) else piece
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


def _dictionary_words(members: list[str]) -> bool:
    """Two-character members that are all ordinary words of jieba's main dictionary, none a bare
    verb (医疗、医保、医药; 生育、养育、教育; 良田、良种、良机): words that share a character,
    not a slogan coined for the speech (嘴勤、腿勤、手勤、脑勤; 节粮、节水、节电)."""
    from ..lexicon.lexicons import main_pos_table

    table = main_pos_table()
    return all(len(m) == 2 and m in table and not table[m].startswith("v") or table.get(m, "") == "vn" for m in members)


def _refine(row: tuple, text: str, min_n: int, *, headings: bool = False) -> tuple | None:
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
    if len(members) < min_n or len(set(members)) < len(members):
        return None
    width = max(map(len, members[:-1]))
    if frame.endswith("*") and frame.count("*") == 1 and width <= 6 and len(members[-1]) > width + 2:
        cut = _cut_tail(members[-1], width)  # 最大品牌|更加凸显: a tail glued to the last member
        end -= len(members[-1]) - len(cut)
        members[-1] = cut
    if "等" in members[-1][1:] and kind != "verse":  # 数字艺术等新型文化业态: the list ends at 等
        cut = members[-1].index("等", 1)
        end -= len(members[-1]) - cut
        members[-1] = members[-1][:cut]
        kind = "list" if not _verb_object(members) else kind  # 育龙头、强链群、拓市场等关键环节 stays
    if text[end : end + 1] == "等" and not _verb_object(members):
        kind = "list"
    if kind in ("opening", "ending", "structural", "template") and frame.count("*") == 1:
        start, end = _extend(text, members, frame, start, end)
    if kind != "list" and (_is_list(members, frame) or text[end : end + 1] == "、" or text[start - 1 : start] == "、" or _dictionary_words(members)):
        kind = "list"  # a run that stops inside a 、-list (工作能力、工作水平、工作做法、性格特征) is part of a list
    elif kind != "list" and frame.startswith("*") and frame.count("*") == 1:
        first = _list_lead(members, frame)
        if first is not None:
            if text.startswith(members[0], start):
                start += len(members[0]) - len(first)
            members[0], kind = first, "list"
    return (doc_id, "|".join(members), frame, kind, len(members), start, end)


# --------------------------------------------------------------------------- clauses and headings
# 排比 of whole clauses (坚持…，坚持…，坚持…; 在…上…，在…上…; 以…为…; 向…，向…; 是…的结果), of the
# openings of sentences (必须…；必须…；; 我们面对的是…。…我们面对的是…), of the short heads of
# paragraphs or topic sentences (——经济运行保持在合理区间。 / 着力提高政治能力。…着力厚植为民情怀。),
# and compact runs without separators (做大做优做强, 强农惠农富农, 不敢腐不能腐不想腐).

#: One-character openings that make a clause frame with a second word inside the clause.
_OPENERS = {"在": "上中", "以": "为", "是": "的", "向": "", "同": "", "用": "", "让": "", "对": "", "把": "", "从": "", "为": "", "靠": ""}
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
        if all(len(m) > k and (k in _bounds(m) or k == len(m)) for m in members):
            return prefix
        prefix = prefix[:-1]
    return ""


_INNER = set("要有是在很更")  #: heads of paragraphs (积极的财政政策要…)
_INNER_SHORT = set("有是在很")  #: short phrases (习近平总书记有指示、党中央有部署、省委有要求)


def _clause_frame(members: list[str], *, loose: bool = False, inner: bool | str = False) -> tuple[str, str] | None:
    """The frame of whole clauses: a shared opening word of two or more characters, or a
    one-character opening with its second word (在…上, 以…为, 是…的)."""
    if len(set(members)) < len(members) or any(_FIGURE_RE.search(m) for m in members):
        return None
    if any(_CONNECTIVE_RE.match(m) for m in members):
        return None
    bare = [re.sub(r"^(?:也就|就|也|还|又|更|才|都)(?=[\u4e00-\u9fff]{3})", "", m) for m in members]  # 就无法…，无法…，也就无法…
    lead = _opening(bare)
    if len(lead) >= 2 and lead not in _WEAK_PREFIXES and not re.fullmatch(rf"{_NUM}+.?", lead):
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
    while tail and not all(len(m) - len(tail) in _bounds(m) for m in members):
        tail = tail[1:]
    if (len(tail) >= 3 or (len(tail) == 2 and tail[0] == "的")) and all(len(m) >= len(tail) + 3 for m in members) and not _FIGURE_RE.search(tail):
        return "*" + tail, "ending"
    if all(len(m) >= 6 and m[-3] == members[0][-3] and len(m) - 3 in _bounds(m) for m in members) and members[0][-3] == "新":
        return "*新**", "template"
    if all(m.find("更加", 2) > 0 for m in members):
        return "*更加*", "template"
    # a word inside every clause, after its subject (积极的财政政策要…、稳健的货币政策要…; X有Y)
    word = _inner(members, _INNER if loose else _INNER_SHORT, single=inner is not None and inner != "multi") if inner else ""
    if word:
        return f"*{word}*", "template"
    if inner is True and len(members) >= 2 and _verb_object(members):
        return "V+O", "verb_object"  # 增强“四个意识”、坚定“四个自信”、做到“两个维护”
    return None


def _inner(members: list[str], chars: set[str], *, single: bool = True) -> str:
    """The longest string of two or more characters inside every member (not at its start), or
    one of 要有是在很更 two to ten characters in."""
    first = members[0]
    for size in range(min(6, len(first) - 2), 1, -1):
        for i in range(1, len(first) - size):
            sub = first[i : i + size]
            if sub[-1] in chars and all(sub in m[1:-1] for m in members[1:]) and not set(sub) <= _NOT_FRAME and not _FIGURE_RE.search(sub):
                if all(m.find(sub, 1) + size < len(m) for m in members):
                    return sub
    for ch in sorted(chars) if single else ():
        if all(2 <= m.find(ch) <= 8 and m.find(ch) < len(m) - 1 for m in members):
            return ch
    return ""


def _inside(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    return any(x <= a and b <= y for x, y in spans)


def _free(found: list, start: int, end: int, member_spans: list[tuple[int, int]]) -> bool:
    """A new run may not overlap a run already found, unless that run sits inside one of its
    members (是…支持稳增长、保就业、调结构的重大抉择); only the members count, not the text
    between them (the heads of paragraphs)."""
    spans = member_spans or [(start, end)]
    for r in found:
        a, b = r[5], r[6]
        if r[3] == "list" or _inside(spans, a, b):
            continue
        if any(a < y and x < b for x, y in spans):
            return False
    return True


def _clause_runs(doc_id: str, text: str, found: list, *, min_n: int = 3) -> list[tuple]:
    rows: list[tuple] = []

    def add(run: list[tuple[int, str]], frame: str, kind: str) -> bool:
        members = [m for _, m in run]
        spans = [(o, o + len(m)) for o, m in run]
        start, end = spans[0][0], spans[-1][1]
        if not _free(found + rows, start, end, spans):
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
                if 0 < k <= 6 and k in _bounds(m):
                    units[i] = (o + k, m[k:])
            best = None
            j = i + 2
            while j <= len(units) and all(3 <= len(m) <= max_len for _, m in units[i:j]):
                f = _clause_frame([m for _, m in units[i:j]], inner=inner)
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
        clauses = [(o, p) for o, p, _ in _pieces(text, a, b, _CLAUSE_SEP) if p]
        scan(clauses, 50)
        scan([(o, p) for o, p, _ in _pieces(text, a, b, _SHORT_SEP) if p], 14, inner=True)
        # the first clause of each sentence (必须…；必须…；), and short topic sentences
        sents = [(o, p) for o, p, _ in _pieces(text, a, b, re.compile(r"[。！？!?；;]")) if p]
        firsts = []
        nth: list[list[tuple[int, str]]] = [[], []]
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
        _opening_groups([(o, h) for o, h, _ in firsts if 4 <= len(h) <= 12], add, min_n)
        # the heads of an inline list (一是坚守基本遵循，…二是紧扣时代要求，…三是突出江西特色，…) of one length
        marked = [(o, h) for (o, h, _), (so, sent) in zip(firsts, sents) if _HEAD_MARK.match(sent) and 4 <= len(h) <= 12]
        if len(marked) >= min_n and len({len(h) for _, h in marked}) == 1 and len({h for _, h in marked}) == len(marked):
            add(marked, f"{len(marked[0][1])}字", "headings")
        topics = [(o, h) for o, h, whole in firsts if whole and 4 <= len(h) <= 24]
        if len(topics) >= min_n and len(topics) < len(firsts):
            _topic_groups(topics, add, min_n)  # before the scan: a whole group beats the run of its last members
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
    i = 0
    while i < len(heads):
        j = i
        while j < len(heads) and heads[j][3] and heads[j][4] and 4 <= len(heads[j][1]) <= 20 and "，" not in heads[j][1]:
            j += 1
        if j == i:  # unmarked paragraphs: their first sentences must share a frame
            while j < len(heads) and heads[j][4] and 4 <= len(heads[j][1]) <= 20 and "，" not in heads[j][1]:
                j += 1
            run = [(o, h) for o, h, *_ in heads[i:j]]
            k = i
            while k + min_n <= j:
                best = None
                for e in range(k + min_n, j + 1):
                    f = _clause_frame([h for _, h in run[k - i : e - i]], loose=True, inner=True)
                    if f is None:
                        break
                    best = (e, f)
                if best and add(run[k - i : best[0] - i], *best[1]):
                    k = best[0]
                else:
                    k += 1
            i = max(j, i + 1)
            continue
        run = [(o, h) for o, h, *_ in heads[i:j]]
        if len(run) >= min_n:
            members = [h for _, h in run]
            f = _clause_frame(members, loose=True, inner=True)
            dash = all(d for _, _, d, _, _ in heads[i:j])
            same = len({len(h) for h in members}) == 1
            if f is None and (dash or same) and len(set(members)) == len(members) and not any(_FIGURE_RE.search(h) for h in members):
                f = ("——*" if dash else f"{len(members[0])}字", "headings")
            if f is not None:
                add(run, *f)
        i = max(j, i + 1)
    return rows


def _opening_groups(heads: list[tuple[int, str]], add, min_n: int) -> None:
    """Short sentence openings of one paragraph, not next to each other, sharing an opening word of
    two or more characters (坚持“一链一策”，…。坚持集群发展，…；…。坚持数智赋能，…)."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for o, h in heads:
        w = _tags(h.strip("“”"))[0][0]
        if len(w) >= 2 and w not in _WEAK_PREFIXES and not _FIGURE_RE.search(h):
            groups.setdefault(w, []).append((o, h))
    for w, run in groups.items():
        if len(run) >= min_n and len({h for _, h in run}) == len(run):
            add(run, w + "*", "opening")


def _topic_groups(topics: list[tuple[int, str]], add, min_n: int) -> None:
    """Short topic sentences of one paragraph, not next to each other, sharing an opening word
    (着力提高政治能力。…着力厚植为民情怀。) or a character at the same place from the end
    (科技创新取得新进步。…产业发展彰显新成效。…新兴消费迸发新活力。)."""
    groups: dict[tuple, list[tuple[int, str]]] = {}
    for o, h in topics:
        w = _tags(h)[0][0]
        if len(w) >= 2 and not _FIGURE_RE.search(h):
            groups.setdefault(("open", w), []).append((o, h))
        if len(h) >= 6 and h[-3] not in _NOT_FRAME and len(h) - 3 in _bounds(h) and not _FIGURE_RE.search(h):
            groups.setdefault(("end", h[-3]), []).append((o, h))
    for (how, w), run in groups.items():
        if len(run) >= min_n and len({h for _, h in run}) == len(run):
            add(run, w + "*" if how == "open" else f"*{w}**", "opening" if how == "open" else "template")


_COMPACT_RE = [
    # 做大做优做强, 敢干敢闯敢投, 节粮节水节电: one character, then another, three times
    (re.compile(r"([\u4e00-\u9fff])([\u4e00-\u9fff])\1([\u4e00-\u9fff])\1([\u4e00-\u9fff])"), lambda m: [m.group(1) + m.group(k) for k in (2, 3, 4)], lambda m: m.group(1) + "*", (2, 3, 4)),
    # 强农惠农富农, 能用好用管用
    (re.compile(r"([\u4e00-\u9fff])([\u4e00-\u9fff])([\u4e00-\u9fff])\2([\u4e00-\u9fff])\2"), lambda m: [m.group(k) + m.group(2) for k in (1, 3, 4)], lambda m: "*" + m.group(2), (1, 3, 4)),
    # 不敢腐不能腐不想腐
    (re.compile(r"([\u4e00-\u9fff])([\u4e00-\u9fff])([\u4e00-\u9fff])\1([\u4e00-\u9fff])\3\1([\u4e00-\u9fff])\3"), lambda m: [m.group(1) + m.group(k) + m.group(3) for k in (2, 4, 5)], lambda m: m.group(1) + "*" + m.group(3), (2, 4, 5)),
]


def _word_edges(text: str, start: int, end: int) -> bool:
    """Both ends of text[start:end] fall between words of the clause around it."""
    a = max(0, start - 6)
    b = min(len(text), end + 6)
    cuts = {a}
    for w, _ in _tags(text[a:b]):
        a += len(w)
        cuts.add(a)
    return start in cuts and end in cuts


def _compact_runs(doc_id: str, text: str, found: list) -> list[tuple]:
    """Triads written without separators (做大做优做强, 强农惠农富农, 不敢腐不能腐不想腐)."""
    rows = []
    for rx, members_of, frame_of, slots in _COMPACT_RE:
        for m in rx.finditer(text):
            fill = [m.group(k) for k in slots]
            shared = set(m.group()) - set(fill)
            if len(set(fill)) < 3 or shared & set(fill) or shared & (_NOT_FRAME | set(CN_DIGITS)):
                continue
            start, end = m.start(), m.end()
            if not _free(found + rows, start, end, []) or not _word_edges(text, start, end):
                continue  # 防灾减灾救灾能力 is 防灾|减灾|救灾, not 灾减|灾救|灾能
            members = members_of(m)
            frame = frame_of(m)
            words = [len(_tags(x)) == 1 for x in members]
            attributive = frame.endswith("*") and frame[0] in _ATTRIBUTIVE  # 全党全军全国; 节粮节水节电 stays
            kind = "list" if (frame.startswith("*") and (_is_list(members, frame) or all(words))) or attributive else "compact"
            rows.append((doc_id, "|".join(members), frame, kind, 3, start, end))
    return rows


def parallels_table(docs: pd.DataFrame, *, min_n: int = 3) -> pd.DataFrame:
    frames = [find_parallels(d, t, min_n=min_n) for d, t in zip(docs["doc_id"], docs["text"])]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=PARALLEL_COLUMNS)
