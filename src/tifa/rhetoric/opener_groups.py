"""排比 of the openings of sentences inside one paragraph, grouped by what they share.

Owns the groups :func:`tifa.rhetoric.clause_runs.clause_runs` makes of a paragraph's sentence
openings once it has cut them (moved out of :mod:`.clause_runs` in round 5 to keep it under 500
lines): :func:`opening_groups` — short openings, not next to each other, sharing an opening word
(坚持“一链一策”，…。坚持集群发展，…), the first taken from a later clause of the sentence before
(…，着眼巩固壮大实体经济根基，…。着眼高水平科技自立自强，…。着眼建设美丽中国，…);
:func:`topic_groups` — whole topic sentences sharing an opening word, a character from the end, or
one opening character and the place of a 的 (要锻造对党忠诚的政治品格。…要恪守依法行政的基本准则。);
:func:`subject_predicate_openers` — the first clauses of consecutive sentences, each a subject and a
four-character predicate (依法行政深入推进，…。履职质效不断提高，…。工作作风持续改进，…);
:func:`verb_object_points` — after a paragraph's topic sentence, the first clauses of the next
sentences, verb + object of one length (加快建设花园城市。传承自然山水格局，…。彰显首都特色风貌，…).
It also owns :func:`inner_word_runs` (round 6), a finder :mod:`.parallels` calls last: phrases of one
sentence sharing an adverb or a count inside them (启动一批…，建设一批…，培育壮大一批…; 我们的祖国必将…，
人民的生活必将…), which returns rows instead of calling ``add``.

Each calls ``add(run, frame, kind)`` of :func:`~tifa.rhetoric.clause_runs.clause_runs` (which
checks the run is free of those found before); it must not cut sentences, refine, dedupe or score.
"""
from __future__ import annotations

import re

from ..text.patterns import CN_DIGITS
from .shapes import FIGURE_RE, four_character_predicate, is_free, NOT_FRAME, pos_tags, subject_predicate, WEAK_PREFIXES, word_bounds


def opening_groups(heads: list[tuple[int, str]], add, min_n: int, clauses: list[tuple[int, str, str]] = ()) -> None:
    """Short sentence openings of one paragraph, not next to each other, sharing an opening word of
    two or more characters (坚持“一链一策”，…。坚持集群发展，…；…。坚持数智赋能，…).  A group one short
    of ``min_n`` takes in a later clause of the sentence before its first member opening with the word
    (《纲要》强调…，着眼巩固壮大实体经济根基，…。着眼…。着眼…): ``clauses`` are the paragraph's
    clauses (offset, clause, separator after)."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for o, h in heads:
        w = pos_tags(h.strip("“”"))[0][0]
        if len(w) >= 2 and w not in WEAK_PREFIXES and not FIGURE_RE.search(h):
            groups.setdefault(w, []).append((o, h))
    for w, run in groups.items():
        if len(run) == min_n - 1 and clauses and w[0] not in CN_DIGITS and _next_sentences(run, clauses):
            before = [k for k, (o, _, _) in enumerate(clauses) if o < run[0][0]]
            ends = [k for k in before if clauses[k][2] in _ENDS]
            if ends and ends[-1] == before[-1]:  # the clause before the first member ends a sentence
                first = ends[-2] + 1 if len(ends) >= 2 else 0  # that sentence's first clause is a head already
                for k in range(ends[-1], first, -1):
                    o, c, _ = clauses[k]
                    if c.startswith(w) and 4 <= len(c) <= 14 and pos_tags(c)[0][0] == w:
                        run = [(o, c), *run]
                        break
        if len(run) >= min_n and len({h for _, h in run}) == len(run):
            add(run, w + "*", "opening")


_ENDS = "。！？!?；;"


def _next_sentences(run: list[tuple[int, str]], clauses: list[tuple[int, str, str]]) -> bool:
    """The members open sentences that follow each other (one sentence end between two members)."""
    for (a, _), (b, _) in zip(run, run[1:]):
        if sum(1 for o, _, sep in clauses if a <= o < b and sep in _ENDS) != 1:
            return False
    return True


def topic_groups(topics: list[tuple[int, str]], add, min_n: int) -> None:
    """Short topic sentences of one paragraph, not next to each other, sharing an opening word
    (着力提高政治能力。…着力厚植为民情怀。), a character at the same place from the end
    (科技创新取得新进步。…产业发展彰显新成效。…新兴消费迸发新活力。), or one opening character, one
    length and a 的 at one place (要锻造对党忠诚的政治品格。…要恪守依法行政的基本准则。…)."""
    groups: dict[tuple, list[tuple[int, str]]] = {}
    for o, h in topics:
        w = pos_tags(h)[0][0]
        if len(w) >= 2 and not FIGURE_RE.search(h):
            groups.setdefault(("open", w), []).append((o, h))
        if len(h) >= 6 and h[-3] not in NOT_FRAME and len(h) - 3 in word_bounds(h) and not FIGURE_RE.search(h):
            groups.setdefault(("end", h[-3]), []).append((o, h))
        k = h.find("的", 3)
        if len(w) == 1 and len(h) >= 8 and 0 < k < len(h) - 2 and not FIGURE_RE.search(h):
            groups.setdefault(("of", w, len(h), k), []).append((o, h))
    for (how, w, *_), run in groups.items():
        if len(run) >= min_n and len({h for _, h in run}) == len(run):
            frame = {"open": (w + "*", "opening"), "end": (f"*{w}**", "template"), "of": (f"{w}*的*", "template")}[how]
            add(run, *frame)


def subject_predicate_openers(firsts: list[tuple[int, str, bool]], add, min_n: int) -> None:
    """The first clauses of consecutive sentences of a paragraph, each going on after its comma and
    each a subject and a four-character predicate, all but one by :func:`~.shapes.subject_predicate`
    (依法行政深入推进，…。履职质效不断提高，…。工作作风持续改进，…): frame ``S+P``."""
    run: list[tuple[int, str]] = []
    skipped = 0
    for o, h, whole in [*firsts, (0, "", True)]:
        if not whole and 6 <= len(h) <= 12 and (four_character_predicate(h[-4:]) or subject_predicate(h, report=True)) and not FIGURE_RE.search(h):
            run.append((o, h))
            skipped = 0
            continue
        if run and h and FIGURE_RE.search(h) and skipped < 3:
            skipped += 1  # 科技创新体系不断完善，…。在川两院院士70位，…。工业规模质效稳步提升: the figures that bear a point out
            continue
        strict = sum(subject_predicate(m) for _, m in run)
        if len(run) >= min_n and (strict >= len(run) - 1 or 2 * strict >= len(run) and all(subject_predicate(m, report=True) for _, m in run)) and len({m for _, m in run}) == len(run):
            add(run, "S+P", "verb_object")
        run, skipped = [], 0


def verb_object_points(firsts: list[tuple[int, str, bool]], add, min_n: int) -> None:
    """The points of a paragraph after its topic sentence: a short sentence with no comma (加快建设花园
    城市。), then the first clauses of the next sentences, each going on after its comma, all of one
    length (6 to 10 characters) and each opening with a verb of two characters of the dictionary
    (传承自然山水格局，…。彰显首都特色风貌，…。回应市民美好期盼，…): frame ``N字``, kind ``headings``."""
    from ..lexicon.lexicons import main_pos_table

    table = main_pos_table()
    for i, (_, topic, whole) in enumerate(firsts[:-min_n]):
        if not whole or not 6 <= len(topic) <= 16:  # not a salutation (各位代表！)
            continue
        width = len(firsts[i + 1][1])
        run: list[tuple[int, str]] = []
        for o, h, w in firsts[i + 1 :]:
            if w or len(h) != width or not 6 <= width <= 10 or FIGURE_RE.search(h) or not table.get(h[:2], "").startswith("v") or pos_tags(h)[0][0] != h[:2]:
                break
            run.append((o, h))
        if len(run) >= min_n and len({h[:2] for _, h in run}) == len(run):
            add(run, f"{width}字", "headings")


_SENTENCE_RE = re.compile(r"[^。！？!?；;\n]+")


def inner_word_runs(doc_id: str, text: str, found: list, *, min_n: int = 3) -> list[tuple]:
    """Consecutive phrases of one sentence, all ，-clauses or all 、-parts of one clause, sharing an
    adverb or a count of two or more characters inside them, at word edges, neither their first
    word nor their last (启动|一批|…，建设|一批|…，培育壮大|一批|…; 剥削阶级|已经|消灭，劳动人民|已经|当家作主，…;
    坚持一个中国原则|决不|动摇，…): frame ``*word*``, kind ``template``.  Shared nouns (消费, 投资, 教育:
    the topic of a paragraph of policy prose, 城镇公共服务向乡村延伸 included) make no run here.
    Rows are ``(doc_id, members, frame, kind, n, start, end)`` for :func:`~tifa.rhetoric.lists.refine`."""
    rows: list[tuple] = []
    for sm in _SENTENCE_RE.finditer(text):
        sent, base = sm.group(), sm.start()
        groups = [[(base + m.start(), m.group()) for m in re.finditer(r"[^，,]+", sent)]]
        for cm in re.finditer(r"[^，,]+", sent):
            if cm.group().count("、") >= min_n - 1:
                groups.append([(base + cm.start() + m.start(), m.group()) for m in re.finditer(r"[^、]+", cm.group())])
        for pieces in groups:
            i = 0
            while i + min_n <= len(pieces):
                best = None
                for j in range(i + min_n, len(pieces) + 1):
                    w = _inner_word([p for _, p in pieces[i:j]])
                    if not w:
                        break
                    best = (j, w)
                if best is None:
                    i += 1
                    continue
                j, w = best
                run = pieces[i:j]
                start, end = run[0][0], run[-1][0] + len(run[-1][1])
                if is_free(found + rows, start, end, [], text):
                    rows.append((doc_id, "|".join(p for _, p in run), f"*{w}*", "template", len(run), start, end))
                i = j
    return rows


def _inner_word(members: list[str]) -> str:
    """The longest word (2–4 characters) inside every member, at word edges, after one character at
    least and before two, in members of 6–25 characters without figures or quotes; or ``""``."""
    if any(not 6 <= len(m) <= 25 or FIGURE_RE.search(m) or "“" in m or "”" in m for m in members) or len(set(members)) < len(members):
        return ""
    short = min(members, key=len)
    for n in (4, 3, 2):
        for k in range(1, len(short) - n):
            w = short[k : k + n]
            tags = pos_tags(w)
            if set(w) & NOT_FRAME or len(tags) != 1 or not tags[0][1].startswith(("d", "m")) or tags[0][1].startswith("m") and w[0] not in CN_DIGITS:
                continue  # an adverb or a count (必须, 一批; not 港澳台); a shared noun (消费, 投资, 教育) is the topic of policy prose
            if all(_inside_at_edges(m, w, adverb=tags[0][1].startswith("d")) for m in members):
                return w
    return ""


def _inside_at_edges(m: str, w: str, *, adverb: bool) -> bool:
    """``w`` inside ``m`` at word edges, no numeral after it (一点|八倍), an adverb before no noun (高速|沿线, 自然|资源)."""
    k = m.find(w, 1)
    if k < 1 or k + len(w) > len(m) - 2 or m[k + len(w)] in CN_DIGITS:
        return False
    bounds = set(word_bounds(m))
    if not (k in bounds and k + len(w) in bounds):
        return False
    return not adverb or not pos_tags(m[k + len(w) :])[0][1].startswith(("n", "s", "j", "f"))
