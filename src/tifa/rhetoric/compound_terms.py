"""Compound slogans (四不两直, 三会一课, 一稿三审, 三查三看): their groups, the counts their members may
come in, and their members spelled out after them, each group's own character in its members.

Owns :func:`compound_groups`, :func:`compound_count`, :func:`compound_counts`, :func:`compound_members`,
:func:`fits_groups` and :func:`held_by_group`.  It must not look for members elsewhere in the text (:mod:`.formulation_members`)
nor decide what is a formulation (:mod:`.formulations`).
"""
from __future__ import annotations

import re

from ..text.patterns import CN_DIGITS, cn_to_int
from .member_spans import STRIP


def compound_groups(term: str) -> list[tuple[int, str]]:
    """A compound slogan's groups, (count, head) each: 四不两直 → (4, 不), (2, 直); 三会一课 → (3, 会),
    (1, 课); 一平台三市场 → (1, 平台), (3, 市场); [] when the term is no compound (one numeral; a
    numeral of several characters such as 十四五; a classifier head: 三个一批 is three 一批s, 三位一体 three in one)."""
    parts = re.findall(rf"([{CN_DIGITS}两]|双)([^{CN_DIGITS}两双]{{1,3}})", term)
    if len(parts) < 2 or "".join(n + h for n, h in parts) != term:
        return []
    groups = [(2 if n == "双" else cn_to_int(n) or 0, h) for n, h in parts]
    if not all(n for n, _ in groups) or any(h[0] in "个种项条类支套本位" for _, h in groups):
        return []
    return groups


def compound_count(term: str) -> int:
    """How many members a compound slogan stands for (the sum of its numerals), or 0; a term of
    parts a 、 apart counts each part's leading numeral (“三项政策、一项改革” counts four)."""
    if "、" in term:
        return sum(cn_to_int(m.group()) or 0 for m in (re.match(rf"[{CN_DIGITS}两]{{1,2}}", part) for part in term.split("、")) if m)
    return sum(n for n, _ in compound_groups(term))


def compound_members(term: str, after: str) -> list[str] | None:
    """The members of a compound slogan spelled out after it, each group's own character in its
    members (“四不两直”，不发通知、不打招呼、不听汇报、不用陪同接待，直奔基层、直插现场), or in the
    next sentence from its first group's character on (推行“四不两直”。开展…时，我们坚持|不发通知、…)."""
    groups = compound_groups(term)
    if not groups:
        return None
    got = _members_after(term, groups, after)
    stop = re.search(r"[。！？；;]", after)
    if got or not stop or "\n" in after[: stop.start()]:
        return got
    nxt = re.split(r"[。！？\n]", after[stop.end() : stop.end() + 300], maxsplit=1)[0]
    list_at = nxt.find("、")
    at = nxt.rfind(groups[0][1][0], 0, list_at) if list_at > 0 else -1
    return _members_after(term, groups, "：" + nxt[at:]) if at >= 0 else None


def _members_after(term: str, groups: list[tuple[int, str]], after: str) -> list[str] | None:
    """:func:`compound_members` on the words right after the term."""
    body = re.sub(r"^[”\"]?\s*[，,：:]?\s*(?:即|也就是|就是)?\s*[：:]?", "", after)
    parts = [p.strip(STRIP) for p in re.split(r"[、，,；;]", re.split(r"[。！？\n]", body, maxsplit=1)[0])]
    want = sum(n for n, _ in groups)
    sized = len(parts) >= want and all(2 <= len(p) <= 16 for p in parts[:want])  # as many parts as the numerals say, each a phrase
    if sized:
        got, k = [], 0
        for n, ch in groups:
            if not all(ch[0] in p for p in parts[k : k + n]):
                break
            got.extend(parts[k : k + n])
            k += n
        else:
            return got
    heads = [ch[0] for _, ch in groups]
    short = [p for p in parts if 2 <= len(p) <= 8 and not re.search(r"[：:]", p)]
    same = groups[0][0]
    if same >= 2 and all(n == same for n, _ in groups) and short[:same] == parts[:same] and all(_in_order(p, heads) for p in parts[:same]) and (
        len(parts) == same or not _in_order(parts[same], heads)
    ):
        return parts[:same]  # 查思想看站位、查工作看效率、…: each member holds every group's character (五查五看)
    if groups[0][0] == 1 and len(groups) == 2 and (n := groups[1][0]) >= 2 and len(parts) >= n and short[:n] == parts[:n] and all(heads[1] in p for p in parts[:n]) and (
        len(parts) == n or heads[1] not in parts[n]
    ):
        return parts[:n]  # 一稿三审，信息员初审、科长复审、分管副主任终审: one thing, its three
    if not sized:
        return None
    # 事务性工作多，研究性工作少；被动应付多，…: the groups' members in turn, each holding one group's character
    if min(n for n, _ in groups) < 2:
        return None  # 一县一业: no turns to take
    tally = [0] * len(groups)
    for p in parts[:want]:
        owners = [i for i, (_, ch) in enumerate(groups) if ch[0] in p]
        if len(owners) != 1:
            return None
        tally[owners[0]] += 1
    return parts[:want] if tally == [n for n, _ in groups] else None


def _in_order(part: str, heads: list[str]) -> bool:
    """Whether ``part`` holds each of ``heads`` in turn (查思想看站位: 查, then 看)."""
    at = 0
    for h in heads:
        at = part.find(h, at)
        if at < 0:
            return False
        at += 1
    return 2 <= len(part) <= 16


def compound_counts(term: str) -> list[int]:
    """The counts a compound slogan's members may come in, likeliest first: the sum of its numerals
    (四不两直 six, 三会一课 four); where all its numerals are equal, one of them (三查三看: 查思想看站位、
    查工作看标准、查作风看形象); where it opens with one thing, the rest (一稿三审: 自审、复审、终审;
    一事三问).  [] for no compound."""
    groups = compound_groups(term)
    if not groups:
        return []
    counts = [sum(n for n, _ in groups)]
    if len({n for n, _ in groups}) == 1 and groups[0][0] >= 2:
        counts.append(groups[0][0])
    if groups[0][0] == 1 and (rest := sum(n for n, _ in groups[1:])) >= 2:
        counts.append(rest)
    if len(groups) == 2 and groups[1][0] == 1 and groups[0][0] >= 2:
        counts.append(groups[0][0])  # 三医一张网: the three 医, the one net they make
    return counts


def fits_groups(term: str, members: list[str]) -> bool:
    """Whether every member holds the character of one of the compound's groups (一稿三审: 起草人自审 …)."""
    heads = [h[0] for _, h in compound_groups(term)]
    return bool(heads) and all(any(h in m for h in heads) for m in members)


def held_by_group(term: str, n: int, members: list[str]) -> bool:
    """Whether the members are those of one group of ``n`` of the compound, each holding its character
    (医疗、医保、医药“三医一张网”: the three 医 of 三医, the net the one thing they make)."""
    return bool(members) and any(c == n and all(h[0] in m for m in members) for c, h in compound_groups(term))
