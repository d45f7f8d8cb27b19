"""The words of a member: split a list into members, cut the lead-in off the first, keep the last
words of a clause, give back a quote the stripping took, tell two spellings of one member.

Owns the small word-level helpers :mod:`.formulation_members` and :mod:`.members_elsewhere` share.
It must not look for members in a text.
"""
from __future__ import annotations

import re

STRIP = "“”\"'（）() "
SPLIT_RE = re.compile(r"[、，,；;]|(?<=[\u4e00-\u9fff])(?:和|及|与|以及)(?=[\u4e00-\u9fff])|(?<=[\w])\+(?=[\w])")  # 5G+千兆宽带


def split_members(s: str) -> list[str]:
    parts = [p.strip(STRIP) for p in SPLIT_RE.split(s)]
    return [p for p in parts if p]


def balanced(p: str) -> str:
    """A member whose closing quote the stripping took (领导干部这个“关键少数”) gets it back."""
    return p + "”" if p.count("“") > p.count("”") else p


def lead_off(first: str, width: int, *, min_rest: int = 2) -> str:
    """``first`` without the leading verbs that govern a list (建强用好|产业, 开展|高新区; 推动|东 when
    the members are one character: ``min_rest``)."""
    from ..tokens.segment import shared_segmenter

    words = shared_segmenter().tag(first)
    while len(words) > 1 and (words[0][1].startswith(("v", "d", "p")) or (words[0][1] == "a" and len(words[0][0]) == 1)) and sum(len(w) for w, _ in words[1:]) >= min_rest:
        words = words[1:]
    return "".join(w for w, _ in words)


def tail_words(first: str, width: int) -> str:
    """The last words of ``first`` that fit in ``width`` characters (at least one word)."""
    from ..tokens.segment import shared_segmenter

    words = [w for w, _ in shared_segmenter().tag(first)]
    out = words[-1] if words else first
    for w in reversed(words[:-1]):
        if len(out) + len(w) > width:
            break
        out = w + out
    return out


def same_member(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 2 and (a in b or b in a))
