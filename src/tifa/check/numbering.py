"""Numbering checks: gaps, repeats, wrong starts and misplaced levels of a draft's lists.

Reads the outline the structure stage gives (``outline_frames``) for headings and
paragraph-opening items, and the raw marker candidates for inline runs (一是…二是…四是),
which the outline, rightly for analysis, does not keep when they break.  It must not
re-parse markers itself.
"""
from __future__ import annotations

import pandas as pd

from ..structure.outline import candidates, outline_frames
from .findings import Finding

#: Heading styles whose lists must start at one (the conventional ranks, 一、 > （一） > 1. > （1） > ①).
#: A style nested under another the "wrong" way is not flagged: reports of the 1950s–80s put
#: 一、 under （一） by design, and a list that starts again inside an item is the genre's own.
STYLE_RANK = {"cn_dun": 1, "cn_paren": 2, "num_dot": 3, "num_paren": 4, "circled": 5}
#: Inline run styles whose numbers must go 1, 2, 3 … within a stretch of text.
INLINE_STYLES = frozenset({"cn_shi", "cn_yao", "cn_kao", "cn_wei", "di"})
#: Largest distance (characters) between two markers of one inline run.
INLINE_GAP = 600
#: A jump of at most this many numbers is read as a gap (a larger one is another list).
MAX_SKIP = 3


def int_to_cn(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (the numerals of list markers, up to 99)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def marker_text(style: str, n: int, like: str) -> str:
    """The marker of number ``n`` written in the manner of ``like`` (for suggestions)."""
    cn = int_to_cn(n)
    if style == "cn_dun":
        return f"{cn}、"
    if style == "cn_paren":
        return f"（{cn}）"
    if style == "num_dot":
        return f"{n}{like[-1] if like and not like[-1].isdigit() else '.'}"
    if style == "num_paren":
        return f"（{n}）"
    if style == "circled":
        return chr(ord("①") + n - 1) if 1 <= n <= 20 else str(n)
    if style in ("cn_shi", "cn_yao", "cn_kao", "cn_wei"):
        return cn + like[-1]
    if style == "di":
        return "第" + cn + (like[-1] if like and like[-1] in "，,、" else "")
    return cn


def _sequence_findings(items: list[dict], *, inline: bool, text: str = "") -> list[Finding]:
    """Gaps and repeats in one run of sibling items (dicts with marker, style, ordinal, start, end)."""
    out: list[Finding] = []
    for prev, cur in zip(items, items[1:]):
        p, c = prev["ordinal"], cur["ordinal"]
        if p is None or c is None:
            continue
        span = (cur["start"], cur["start"] + len(cur["marker"]))
        if c == p:
            out.append(Finding(
                "numbering_repeat", "error", *span, cur["marker"],
                f"{cur['marker']} repeats the number of the item before it ({prev['marker']})",
                f"renumber from here: {marker_text(cur['style'], p + 1, cur['marker'])}",
            ))
        elif p + 1 < c <= p + 1 + MAX_SKIP:
            between = text[prev["start"] + len(prev["marker"]) : cur["start"]] if text else ""
            wanted = [marker_text(cur["style"], k, cur["marker"]) for k in range(p + 1, c)]
            if between and all(w in between for w in wanted):
                continue  # the missing item is there, in a form the structure stage did not take
            missing = "、".join(marker_text(cur["style"], k, cur["marker"]) for k in range(p + 1, c))
            out.append(Finding(
                "numbering_gap", "error", *span, cur["marker"],
                f"{prev['marker']} is followed by {cur['marker']}: {missing} is missing",
                f"renumber as {marker_text(cur['style'], p + 1, cur['marker'])}, or add the missing item",
            ))
    return out


def _opens_paragraph(text: str, start: int) -> bool:
    return start == 0 or text[:start].endswith("\n") or not text[text.rfind("\n", 0, start) + 1 : start].strip()


def heading_findings(outline: pd.DataFrame, text: str = "") -> list[Finding]:
    """Checks on the outline's paragraph-opening items: sibling sequences, list starts and levels
    (inline items — and footnote marks such as ② after a sentence — are :func:`inline_findings`')."""
    out: list[Finding] = []
    if outline.empty:
        return out
    rows = outline.astype(object).where(outline.notna(), None).to_dict("records")
    if text:
        rows = [r for r in rows if _opens_paragraph(text, int(r["start"]))]
    by_id = {r["item_id"]: r for r in rows}
    groups: dict[tuple, list[dict]] = {}
    for r in rows:
        if r["style"] in ("heading", "shouci", "fangmian", "di_ge") or r["ordinal"] is None:
            continue
        groups.setdefault((r["matter"], r["parent_id"], r["style"]), []).append(r)
    # the last number each style reached under the previous parent, to tell a list that
    # continues another heading's numbering from one that merely starts wrong
    last_under: dict[tuple, dict] = {}
    for (matter, parent, style), items in sorted(groups.items(), key=lambda kv: kv[1][0]["start"]):
        items.sort(key=lambda r: r["start"])
        out.extend(_sequence_findings(items, inline=False, text=text))
        first = items[0]
        prev = last_under.get((matter, style))
        if first["ordinal"] != 1 and style in STYLE_RANK:
            span = (first["start"], first["start"] + len(first["marker"]))
            head = by_id.get(parent) if parent is not None else None
            before = text[(head["start"] if head else 0) : first["start"]] if text else ""
            if before and all(marker_text(style, k, first["marker"]) in before for k in range(1, first["ordinal"])):
                pass  # the items before it are there: the structure stage did not take them
            elif head is not None and head["style"] not in STYLE_RANK:
                pass  # nested under an inline item (六是…（二）): how the structure stage read it, not how it is numbered
            elif (prev is not None and prev["parent_id"] != parent and first["ordinal"] == prev["ordinal"] + 1 and head is not None
                    and head["style"] in STYLE_RANK and by_id.get(prev["parent_id"], {}).get("style") == head["style"]):
                out.append(Finding(
                    "numbering_level", "warning", *span, first["marker"],
                    f"{first['marker']} continues the numbering of the list under another heading "
                    f"({prev['marker']}); under {head['marker'] if head else 'this heading'} a list starts again at one",
                    f"renumber from {marker_text(style, 1, first['marker'])}",
                ))
            elif first["ordinal"] <= 1 + MAX_SKIP:
                out.append(Finding(
                    "numbering_start", "error", *span, first["marker"],
                    f"the list starts at {first['marker']}",
                    f"start at {marker_text(style, 1, first['marker'])}",
                ))
        last_under[(matter, style)] = items[-1]
    return out


def inline_findings(text: str) -> list[Finding]:
    """Gaps and repeats in inline runs (一是…二是…四是; 第一，…第三，), which the outline drops."""
    runs: dict[tuple, list[dict]] = {}
    out: list[Finding] = []

    def close(shape: tuple) -> None:
        run = runs.pop(shape, [])
        if len(run) >= 2:
            out.extend(_sequence_findings(run, inline=True, text=text))

    for m in candidates(text):
        if m.style not in INLINE_STYLES or m.ordinal is None:
            continue
        shape = (m.style, "".join(ch for ch in m.text if ch not in "一二三四五六七八九十"))  # 第二条， is not 第二，
        run = runs.get(shape)
        item = {"marker": m.text, "style": m.style, "ordinal": m.ordinal, "start": m.start, "end": m.end}
        if run and (m.start - run[-1]["start"] > INLINE_GAP or m.ordinal == 1 or m.ordinal < run[-1]["ordinal"]):
            close(shape)
            run = None
        if run is None:
            if m.ordinal == 1:
                runs[shape] = [item]
            continue
        run.append(item)
    for style in list(runs):
        close(style)
    return out


def numbering_findings(text: str, outline: pd.DataFrame | None = None) -> list[Finding]:
    """Every numbering finding of one document's cleaned ``text``."""
    if outline is None:
        outline, _ = outline_frames("draft", text)
    found = heading_findings(outline, text)
    seen = {(f.start, f.check) for f in found}
    found += [f for f in inline_findings(text) if (f.start, f.check) not in seen]
    return found
