"""Formulation checks: a draft's known formulations against the knowledge base, and the
counts its numbered terms announce against what it delivers.

Reads the members *as the draft writes them* (after ``即``/``就是``/``：`` or in brackets right
after the term — never the knowledge base's, which is what they are checked against), the
official members (:mod:`tifa.lexicon.lexicons`), the versions in force on the draft's date
(:mod:`.knowledge`) and the draft's lists (the structure stage's enumerations).
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import pandas as pd

from ..rhetoric.formulations import all_known_matches, find_formulas
from ..lexicon.lexicons import Known, load_known
from .findings import Finding
from .knowledge import Version, load_versions

#: What may stand between a term and the members it introduces: its closing quote, a head
#: noun (总体布局, 战略布局, 重要思想), then 即 / 就是 / 是指 / a colon, or an opening bracket.
_INTRO_RE = re.compile(
    r"^[”\"’]?(?P<noun>[\u4e00-\u9fff]{0,6}?)(?:(?P<bracket>[（(])|[，,]?\s*(?:也就是|就是|即|是指|包括|：|:)\s*[“\"]?)"
)
_SPLIT_RE = re.compile(r"[、，,；;]")
#: A part that resumes the sentence after the members (并且…, 这四项原则…, 从而…).
_RESUMES = re.compile(r"^(?:并且|并|而且|同时|从而|进而|以便|以|使|让|这|此|它|其|以上|上述|都|也|要|是|为|把|将|对|在|通过)")
_STRIP = " “”\"'‘’（）()。：:"
#: Longest member a draft may write (longer parts are sentences, not members).
MAX_MEMBER = 40


@dataclass(frozen=True)
class Written:
    """Members as a draft spells them out after a term."""

    members: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]  #: offset of each member in the text
    start: int
    end: int


def written_members(text: str, end: int, number: int) -> Written | None:
    """The members spelled out right after the term ending at ``end`` (None if none are)."""
    after = text[end : end + 400]
    m = _INTRO_RE.match(after)
    if not m:
        return None
    body_from = end + m.end()
    stop = "）)" if m.group("bracket") else "。；;！？!?\n"
    body_end = body_from
    while body_end < len(text) and body_end - body_from < 360 and text[body_end] not in stop:
        body_end += 1
    body = text[body_from:body_end]
    if not m.group("bracket"):
        # a 、-list ends at the first comma (即A、B、C，坚定…); a list of clauses runs to the sentence end
        comma = re.search(r"[，,]", body)
        head = body[: comma.start()] if comma else body
        if comma and "、" in head and len(_SPLIT_RE.split(body)) != number:
            body = head
    parts, spans = [], []
    pos = 0
    for piece in _SPLIT_RE.split(body):
        s = body.index(piece, pos) if piece else pos
        pos = s + len(piece)
        stripped = piece.strip(_STRIP)
        if len(parts) >= 2 and _RESUMES.match(stripped):
            break  # 即A，B，C，并且…: the sentence goes on after the members
        lead = len(piece) - len(piece.lstrip(_STRIP))
        if stripped.startswith("即") and len(stripped) > 3:  # 坚持…，即坚持…: a repeated 即
            stripped, lead = stripped[1:], lead + 1
        if not stripped:
            continue
        parts.append(stripped)
        spans.append((body_from + s + lead, body_from + s + lead + len(stripped)))
    if len(parts) == number - 1 and parts:
        cut = _conjunction(parts[-1])
        if cut is not None:
            a, b = parts[-1][: cut[0]], parts[-1][cut[1] :]
            s0, e0 = spans[-1]
            parts[-1:] = [a, b]
            spans[-1:] = [(s0, s0 + len(a)), (e0 - len(b), e0)]
    if len(parts) < 2 or any(len(p) > MAX_MEMBER for p in parts):
        return None
    return Written(tuple(parts), tuple(spans), body_from, spans[-1][1])


_CONJ_RE = re.compile(r"以及|和|与|及|同")


def _conjunction(part: str) -> tuple[int, int] | None:
    """Where ``part`` joins its last two members (A和B), skipping conjunction characters inside a
    word (普及, 以及其, 和谐): the dictionary decides."""
    from ..lexicon.lexicons import word_table

    words = word_table()
    for m in _CONJ_RE.finditer(part):
        i, j = m.start(), m.end()
        if i < 2 or len(part) - j < 2:
            continue
        if part[i - 1 : j] in words or part[i : j + 1] in words or part[i - 1 : j + 1] in words:
            continue
        return i, j
    return None


def _norm(s: str) -> str:
    return re.sub(r"[\s“”\"'‘’《》、，,]", "", s)


def _match(written: str, wordings: tuple[str, ...]) -> float:
    """1.0 when ``written`` is a wording (or holds it: 增强政治意识), else their similarity."""
    w = _norm(written)
    best = 0.0
    for o in map(_norm, wordings):
        if w == o or (len(o) >= 2 and o in w and len(w) - len(o) <= 4):
            return 1.0
        best = max(best, difflib.SequenceMatcher(None, w, o).ratio())
    return best


def _subsequence(a: str, b: str) -> bool:
    """Whether ``a`` is ``b`` with characters left out (a member cut short), and shorter."""
    it = iter(b)
    return len(a) < len(b) and all(ch in it for ch in a)


def _shared_ends(official: tuple[tuple[str, ...], ...]) -> tuple[str, str]:
    """The prefix and suffix every official member shares (有保障 of 义务教育有保障, 住房安全有保障 …)."""
    first = [_norm(o[0]) for o in official]
    if len(first) < 2:
        return "", ""
    pre = first[0]
    for o in first[1:]:
        while not o.startswith(pre):
            pre = pre[:-1]
    suf = first[0]
    for o in first[1:]:
        while not o.endswith(suf):
            suf = suf[1:]
    return (pre if len(pre) >= 2 else ""), (suf if len(suf) >= 2 else "")


def _assign(written: tuple[str, ...], official: tuple[tuple[str, ...], ...]) -> list[tuple[int | None, float]]:
    """For each written member, the official member it best matches and how well — a member written
    without the part all members share (义务教育、基本医疗、住房安全有保障) matches whole."""
    pre, suf = _shared_ends(official)
    out = []
    for w in written:
        forms = {w, pre + w if pre and not _norm(w).startswith(pre) else w, w + suf if suf and not _norm(w).endswith(suf) else w}
        scores = [max(_match(f, words) for f in forms) for words in official]
        j = max(range(len(scores)), key=scores.__getitem__) if scores else None
        out.append((j, scores[j] if j is not None else 0.0))
    return out


def _wordings(known: Known | None, members: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    if known is not None and tuple(w[0] for w in known.wordings) == members:
        return known.wordings
    return tuple((m,) for m in members)


def _in_force(versions: list[Version], date: str) -> list[Version]:
    """The wordings in force at some time of ``date`` (two, in the year of a change)."""
    return [v for v in versions if v.members and v.in_force(date)]


def _merge_split(written: Written, official: tuple[tuple[str, ...], ...]) -> Written:
    """Join neighbours the draft separated inside one member (坚持马克思列宁主义、毛泽东思想)."""
    members, spans = list(written.members), list(written.spans)
    i = 0
    while i < len(members) - 1 and len(members) > len(official):
        joined = members[i] + "、" + members[i + 1]
        if any(_match(joined, o) == 1.0 for o in official) and not any(_match(members[i], o) == 1.0 for o in official):
            members[i : i + 2] = [joined]
            spans[i : i + 2] = [(spans[i][0], spans[i + 1][1])]
            continue
        i += 1
    return Written(tuple(members), tuple(spans), written.start, written.end)


def member_findings(text: str, date: str, *, known: dict[str, Known] | None = None,
                    versions: dict[str, list[Version]] | None = None) -> list[Finding]:
    """Known formulations whose spelled-out members are wrong, missing, out of order or outdated."""
    known = load_known() if known is None else known
    versions = load_versions() if versions is None else versions
    names = [k for k, v in known.items() if v.members] + [k for k in versions if k not in known]
    out: list[Finding] = []
    for name, starts in all_known_matches(text, names).items():
        kn = known.get(name)
        vs = versions.get(name, [])
        for start in starts:
            end = start + len(name)
            number = kn.number if kn else len(vs[-1].members) if vs and vs[-1].members else 0
            w = written_members(text, end, number)
            if w is None:
                continue
            out.extend(_compare(name, kn, vs, w, date))
    return out


def _compare(name: str, kn: Known | None, vs: list[Version], w: Written, date: str) -> list[Finding]:
    current = _in_force(vs, date)
    candidates = [c.members for c in current] or ([kn.members] if kn else [])
    if not candidates or not candidates[0]:
        return []
    # in the year of a change either wording is right: check against the closer one
    def fit(members):
        off = _wordings(kn, members)
        return sum(s == 1.0 for _, s in _assign(_merge_split(w, off).members, off))
    members = max(candidates, key=fit)
    current = next((c for c in current if c.members == members), None)
    official = _wordings(kn, members)
    w = _merge_split(w, official)
    got = _assign(w.members, official)
    matched = [j for j, s in got if s == 1.0]
    # the draft spells out this formulation only if most of what it writes is close to it
    if sum(s >= 0.5 for _, s in got) * 2 < len(got):
        return []
    # an older wording the draft still uses
    for v in vs:
        if v.members and v is not current and v.outdated_on(date):
            old = _assign(w.members, tuple((m,) for m in v.members))
            if len(w.members) == len(v.members) and all(s == 1.0 for _, s in old) and len(matched) < len(members):
                return [Finding(
                    "formulation_outdated", "error", w.start, w.end, "、".join(w.members),
                    f"“{name}” is worded as before {v.end}: {'、'.join(v.members)} ({v.source})",
                    "、".join(v.replaced_by or members),
                )]
    out: list[Finding] = []
    if any(sum(_norm(o[0]) in _norm(m) for o in official) >= 2 for m in w.members):
        return out  # written without separators (淮河海河辽河、太湖巢湖滇池): compact, not short
    if len(w.members) != len(members):
        missing = [official[j][0] for j in range(len(members)) if j not in matched]
        extra = [m for m, (j, s) in zip(w.members, got) if s < 0.5]
        detail = "; ".join(x for x in (
            f"missing {'、'.join(missing)}" if missing else "", f"not a member: {'、'.join(extra)}" if extra else "") if x)
        out.append(Finding(
            "formulation_count", "error", w.start, w.end, "、".join(w.members),
            f"“{name}” has {len(members)} members; the draft gives {len(w.members)}" + (f" ({detail})" if detail else ""),
            "、".join(members),
        ))
        return out
    for (j, s), member, span in zip(got, w.members, w.spans):
        if s < 1.0 and j is not None:
            o = official[j][0]
            short = _subsequence(_norm(member), _norm(o))
            if not short and not (s >= 0.75 and abs(len(_norm(member)) - len(_norm(o))) <= 3):
                continue  # a member told in the speech's own words (在农村义务教育阶段免教科书费), not a misworded one
            how = "is cut short" if short else "is worded differently"
            out.append(Finding(
                "formulation_member", "error" if short else "warning", span[0], span[1], member,
                f"member of “{name}” {how}: the official wording is {o}", o,
            ))
    if len(set(matched)) == len(members) and matched != sorted(matched) and name in fixed_order():
        out.append(Finding(
            "formulation_order", "warning", w.start, w.end, "、".join(w.members),
            f"the members of “{name}” are in a different order from the official one",
            "、".join(members),
        ))
    return out


#: Within this many months of a change, an old term is for the record (info), not a finding: texts of
#: the months after it (a provincial report of January 2013 after the 18th congress) still use it.
GRACE_MONTHS = 12


def _months_after(month: str, date: str) -> int:
    y, m = int(month[:4]), int(month[5:7])
    dy, dm = int(date[:4]), int(date[5:7]) if len(date) >= 7 else 12
    return (dy - y) * 12 + (dm - m)


#: Without a date, a text using an old term this often, and never its replacement, is of its time.
CONSISTENT_USES = 3


def fixed_order(path=None) -> frozenset[str]:
    """The formulations of ``fixed_order.txt``: listed in one order by every official text."""
    from ..config import LEXICONS

    p = path or LEXICONS / "fixed_order.txt"
    try:
        lines = p.read_text(encoding="utf-8").split("\n")
    except OSError:
        return frozenset()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


def outdated_terms(text: str, date: str, *, versions: dict[str, list[Version]] | None = None,
                   date_known: bool = True) -> list[Finding]:
    """Terms that were replaced before the draft's date (四位一体 总体布局 after 2012-11).

    When the draft gives no date (today is assumed), a term it uses at least
    :data:`CONSISTENT_USES` times is read as the wording of the text's own time, not as a slip
    (a report of 2007 names 全面建设小康社会 eighteen times)."""
    versions = load_versions() if versions is None else versions
    term_rows = {k: [v for v in vs if not v.members] for k, vs in versions.items()}
    term_rows = {k: v for k, v in term_rows.items() if v}
    out: list[Finding] = []
    for name, starts in all_known_matches(text, term_rows).items():
        if not date_known and len(starts) >= CONSISTENT_USES:
            continue
        for start in starts:
            end = start + len(name)
            for v in term_rows[name]:
                if not v.outdated_on(date):
                    continue
                if v.context is not None and not v.context.search(text[end : end + 12]):
                    continue
                if _cites_history(text, start):
                    continue
                fresh = _months_after(v.end, date) < GRACE_MONTHS  # a change takes months to reach every text
                out.append(Finding(
                    "formulation_outdated", "info" if fresh else "warning", start, end, name,
                    f"“{name}” was replaced by “{'、'.join(v.replaced_by)}” in {v.end} ({v.source})",
                    "、".join(v.replaced_by),
                ))
    return out


#: A sentence that tells history (十六大提出…, 曾经, 当年, 过去) may name an old formulation.
_HISTORY_RE = re.compile(r"(?:提出|确立了|作出了|回顾|曾经|当年|过去|以来|时期|阶段|历史|胜利实现|如期实现|完成了|实现了|建成了|胜利)")


def _cites_history(text: str, start: int) -> bool:
    sent_from = max(text.rfind("。", 0, start), text.rfind("\n", 0, start)) + 1
    return bool(_HISTORY_RE.search(text[sent_from : start + 40]))


#: What may follow an announced count before its list: the rest of the clause (意见：, 工作。).
_ANNOUNCES = re.compile(r"^[\u4e00-\u9fff”]{0,4}[：:。]?\s*$")
#: An announcement by its own words: 以下四个方面, 如下三点; or 讲/谈 … 意见 after the count.
_ANNOUNCE_CUE = re.compile(r"以下|如下|下面|下列")
_SAYS = re.compile(r"^(?:讲|谈|提|说|作)[\u4e00-\u9fff]{0,6}[：:。]\s*$")
#: Between a numbered term and the list it announces: its closing quote and a colon.
_LIST_AFTER = re.compile(r"^[”\"]?\s*[：:]\s*$")
#: A second numeral in or right after a term makes it a compound of two sets.
_COMPOUND = re.compile(r"[一二三四五六七八九十两]")
#: A numbered term defined by its members: in brackets or after 即 / 就是 / 是指.
_DEFINES = re.compile(r"[（(]|即|就是|是指")


def _rest_is_there(text: str, enum, items: pd.DataFrame) -> bool:
    """Whether the markers a list lacks (第三， after 第一，第二，) follow it in the text."""
    from .numbering import marker_text

    if enum.first_item not in items.index:
        return False
    first = items.loc[enum.first_item]
    pos = int(enum.end) if not pd.isna(enum.end) else int(enum.start)
    after = text[int(enum.start) : pos + 20000]
    return all(marker_text(first["style"], k, first["marker"]) in after for k in range(int(enum.n_items) + 1, int(enum.announced) + 1))


def count_findings(text: str, doc_id: str, enumerations: pd.DataFrame, outline: pd.DataFrame,
                   *, known: dict[str, Known] | None = None) -> list[Finding]:
    """Announced counts against the lists and members delivered."""
    known = load_known() if known is None else known
    out: list[Finding] = []
    items = outline.set_index("item_id") if len(outline) else outline
    for r in enumerations.itertuples():
        if pd.isna(r.announced) or int(r.announced) == int(r.n_items) or int(r.announced) < 2:
            continue
        at = text.rfind(r.announced_text, max(0, int(r.start) - 320), int(r.start)) if r.announced_text else -1
        tail = text[at + len(r.announced_text) : int(r.start)] if at >= 0 else ""
        if at < 0 or not (_ANNOUNCES.match(tail) or _ANNOUNCE_CUE.search(r.announced_text) or _SAYS.match(tail)):
            continue  # a count inside the sentence (贯彻十条方针，特别要…) announces no list
        s, e = at, at + len(r.announced_text)
        if int(r.n_items) < int(r.announced) and _rest_is_there(text, r, items):
            continue  # the items the structure stage left out are there, numbered on
        first = items.loc[r.first_item, "marker"] if len(outline) and r.first_item in items.index else ""
        out.append(Finding(
            "announced_count", "error", s, e, text[s:e],
            f"“{r.announced_text}” announces {int(r.announced)}; the list that follows ({first}…) has {int(r.n_items)}",
            f"announce {int(r.n_items)}, or give {int(r.announced)} items",
        ))
    forms = find_formulas(doc_id, text, known=known)
    starts = sorted(int(s) for s in enumerations["start"]) if len(enumerations) else []
    by_start = {int(r.start): r for r in enumerations.itertuples()} if len(enumerations) else {}
    for f in forms.itertuples():
        if f.formula in known and known[f.formula].members:
            continue  # checked against the knowledge base
        number, start, end = int(f.number), int(f.start), int(f.end)
        if _COMPOUND.search(f.formula[1:] + text[end : end + 2]):
            continue  # 三保三压, 三支两军: two numbered sets in one term, the members of both follow
        w = written_members(text, end, number)
        intro = text[end : w.start] if w is not None else ""
        if w is not None and len(w.members) != number and _DEFINES.search(intro) and all(len(m) <= 12 for m in w.members):
            out.append(Finding(
                "announced_count", "error", start, end, f.formula,
                f"“{f.formula}” announces {number}; the draft names {len(w.members)}: {'、'.join(w.members)}",
                f"write the number of the members ({len(w.members)}), or name {number}",
            ))
            continue
        # a quoted term, a list opening right after it and its colon: “三个坚持”：一是…
        if not bool(f.quoted):
            continue
        nxt = next((s for s in starts if end <= s <= end + 40), None)
        if nxt is None or not _LIST_AFTER.match(text[end:nxt]):
            continue
        r = by_start[nxt]
        if int(r.n_items) != number and pd.isna(r.announced):
            out.append(Finding(
                "announced_count", "error", start, end, f.formula,
                f"“{f.formula}” announces {number}; the list that follows has {int(r.n_items)} items",
                f"write the number of the items ({int(r.n_items)}), or give {number}",
            ))
    return out
