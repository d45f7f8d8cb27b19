"""排比 of noun phrases shaped alike: each a modifier, 的 and a head of its own.

Owns :func:`attributive_runs` — three or more phrases of one sentence, separated by 、 or ，
(the last may follow 和), each ``A的B`` with a different head (足够的韧性、巨大的潜力和不断迸发的
创新活力; 追求美好生活的强烈愿望、创业创新的巨大潜能、共克时艰的坚定意志; 投资的重点、消费的热点和
服务的亮点; each after a preposition: 以创新的思维、用改革的办法、靠务实的作风): the rhythm of
的 frames them, not a shared word.  Rows ``(doc_id, members, "*的*",
"structural", n, start, end)`` that do not overlap the runs it is given; the first member's
governing words (拥有|足够的韧性) are cut at a word boundary.

It must not refine, dedupe or score rows (:mod:`.lists`, :mod:`.parallels`); heads ending alike
(…的制度优势、…的需求优势; …的法治环境、…的营商环境) are nouns sharing a head, a list, or an
ending frame (…的关系), :mod:`.clause_runs`' and :mod:`.phrase_runs`'.
"""
from __future__ import annotations

import os
import re

from .shapes import FIGURE_RE, is_free, pos_tags, word_bounds


_SENT_RE = re.compile(r"[^。！？!?；;：:\n]+")
_PIECE_RE = re.compile(r"[^、，,]+")


def _shaped(piece: str) -> bool:
    """``A的B``: two characters or more on each side of the first 的, a head of nouns or
    adjectives (no adverb, preposition or pronoun after 的; 和 between nouns: 过硬的本领和才华),
    six characters at most."""
    k = piece.find("的", 2)
    if k < 0 or not 2 <= len(piece) - k - 1 <= 6 or FIGURE_RE.search(piece):
        return False
    head = pos_tags(piece[k + 1 :])
    if not head or any(p.startswith(("d", "p", "c", "u", "r", "f")) and w not in "和与及" for w, p in head) or any(p == "m" for _, p in head[1:]):
        return False  # 愿望|十分|强烈: an adverb (tagged a numeral) inside is a predicate's
    if any(p.startswith("n") and not q.startswith(("n", "vn")) for (_, p), (_, q) in zip(head, head[1:])):
        return False  # a noun and its predicate (愿望|十分强烈, 程度|统一起来): a clause, no head
    return len(head) == 1 or head[-1][1] != "v" or head[-2][1] == "a"  # 希望, 巨大潜能 (tagged verbs) are heads


def _modifier(piece: str) -> bool:
    """What stands before 的 modifies the head, it governs nothing: a verb only right before 的
    (不断迸发|的, 为人上|的) or in four characters of two words (安定有序), a preposition only
    before a noun (对事业|的); not a verb and its object
    (采取积极|的财政政策, 发挥社会主义制度|的优越性, 也是不可阻挡|的…)."""
    tags = pos_tags(piece[: piece.find("的", 2)])
    if not tags or tags[0][1].startswith(("c", "u", "r")) and tags[0][0] not in "各每":
        return False
    if len(tags) == 2 and len(tags[0][0]) == len(tags[1][0]) == 2 and not tags[1][1].startswith(("p", "r", "c")) and not tags[0][1] == tags[1][1] == "v":
        return True  # four characters of two words (安定有序, 诚实守信): a set modifier
    if tags[0][1] in ("d", "ad") and len(tags) > 2:
        return False  # 努力|发现矛盾问题|的…: an adverb before a verb and its object
    if tags[0][1] == "vn" and len(tags) > 1:
        return False  # 影响|党和群众|的关系: a verb (tagged a verbal noun) and its object
    for i, (w, p) in enumerate(tags):
        if p == "v" and i < len(tags) - 1 and not (i == len(tags) - 2 and tags[-1][1] == "f"):  # 为人上|的
            return False
        if p == "p" and (i or len(tags) < 2 or not tags[1][1].startswith("n") or len(piece.split("的")[0]) > 4):
            return False
    return True


def _cut_governor(piece: str) -> str:
    """The first member without the words that govern it (拥有|足够的韧性, 没有|过硬的本领和才华)."""
    at = 0
    for w, _ in pos_tags(piece):
        rest = piece[at:]
        if len(rest) < 4 or rest.find("的", 2) < 0:
            break
        if _shaped(rest) and _modifier(rest):
            return rest
        at += len(w)
    return ""


def _split_and(piece: str) -> list[tuple[int, str]]:
    """A piece cut at a 和 whose both sides are ``A的B`` (巨大的潜力|和|不断迸发的创新活力);
    otherwise whole (过硬的本领和才华)."""
    k = piece.find("和", 4)
    if k > 0 and ("和", "c") in pos_tags(piece) and _shaped(piece[:k]) and _shaped(piece[k + 1 :]):
        return [(0, piece[:k]), (k + 1, piece[k + 1 :])]
    return [(0, piece)]


def _prepositional(piece: str) -> bool:
    """A preposition (or a verb used as one) of one character before ``A的B`` (以|创新的思维,
    靠|务实的作风)."""
    return pos_tags(piece[:1])[0][1] in ("p", "v") and piece[0] not in "是有" and pos_tags(piece)[0][0] == piece[0] and _shaped(piece[1:]) and _modifier(piece[1:])


def _cut_to_preposition(piece: str) -> str:
    """The first member from its preposition on (坚持|以创新的思维)."""
    at = 0
    for w, _ in pos_tags(piece):
        if _prepositional(piece[at:]):
            return piece[at:]
        at += len(w)
    return ""


def _shared_head(heads: list[str]) -> bool:
    """Heads ending in one word (制度|优势、需求|优势), not in one character of different words (重点、热点、亮点)."""
    tail = os.path.commonprefix([h[::-1] for h in heads])[::-1]
    return bool(tail) and (len(tail) >= 2 or all(len(h) - 1 in word_bounds(h) for h in heads))


def attributive_runs(doc_id: str, text: str, found: list, *, min_n: int = 3) -> list[tuple]:
    rows: list[tuple] = []
    for sm in _SENT_RE.finditer(text):
        sent = sm.group()
        if sent.count("的") < min_n:
            continue
        parts = [(sm.start() + pm.start() + o, p) for pm in _PIECE_RE.finditer(sent) for o, p in _split_and(pm.group())]
        i = 0
        while i < len(parts):
            j = i
            first = _cut_governor(parts[i][1]) if 4 <= len(parts[i][1]) <= 24 else ""
            first = first if first and _shaped(first) else ""
            j = i + 1 if first else i
            while j < len(parts) and 4 <= len(parts[j][1]) <= 14 and _shaped(parts[j][1]) and _modifier(parts[j][1]):
                j += 1
            if j - i < min_n:  # each member a preposition before its phrase (以创新的思维、用改革的办法、靠务实的作风)
                first = _cut_to_preposition(parts[i][1]) if 4 <= len(parts[i][1]) <= 24 else ""
                j = i + 1 if first else i
                while j < len(parts) and 4 <= len(parts[j][1]) <= 14 and _prepositional(parts[j][1]):
                    j += 1
            run = parts[i:j]
            if len(run) >= min_n:
                heads = [p[p.find("的", 2) + 1 :] for _, p in run]
                o0 = run[0][0] + len(run[0][1]) - len(first)
                members = [first, *(p for _, p in run[1:])]
                start, end = o0, run[-1][0] + len(run[-1][1])
                if len(set(heads)) == len(heads) and not _shared_head(heads) and is_free(found + rows, start, end, [], text):
                    rows.append((doc_id, "|".join(members), "*的*", "structural", len(members), start, end))
            i = max(j, i + 1)
    return rows
