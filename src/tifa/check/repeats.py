"""Repetition and punctuation checks: a sentence written twice, a doubled word (的的, 。。),
a paragraph that opens a quotation mark or bracket it never closes.

Reads only the draft's cleaned text and the dictionary's word table (so 的的确确 is a word,
not a slip); it knows nothing of outlines or formulations.
"""
from __future__ import annotations

import re

from ..text.documents import iter_sentences
from ..lexicon.lexicons import word_table
from .findings import Finding

#: A sentence shorter than this (in Han characters) may well repeat (口号, 谢谢大家).
MIN_REPEAT = 15
#: Characters that are slips when doubled, unless the dictionary has a word spanning the pair.
_DOUBLE_RE = re.compile(r"([的了是在和与对把被将为及或其之])\1|([，。、；：？！])\2")
#: A pronoun or conjunction written twice in a row (我们我们, 但是但是) — reduplicated verbs and
#: adverbs (研究研究, 逐步逐步) are the spoken style of many speeches, not slips.
_ABAB_RE = re.compile(r"(我们|你们|他们|咱们|大家|这个|那个|因为|所以|但是|如果|虽然|而且|并且|以及|通过|进一步)\1")
_PAIRS = (("“", "”"), ("（", "）"), ("《", "》"), ("‘", "’"), ("【", "】"))
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")


def _key(s: str) -> str:
    return "".join(_HAN_RE.findall(s))


def repeated_sentences(text: str, *, until: int | None = None) -> list[Finding]:
    """Every sentence (of ≥ :data:`MIN_REPEAT` Han characters) that the text already said."""
    seen: dict[str, int] = {}
    out: list[Finding] = []
    for _, s, e in iter_sentences(text):
        if until is not None and s >= until:
            break
        sent = text[s:e].strip()
        key = _key(sent)
        if len(key) < MIN_REPEAT:
            continue
        if key in seen:
            lead = len(text[s:e]) - len(text[s:e].lstrip())
            out.append(Finding(
                "repeat_sentence", "warning", s + lead, s + lead + len(sent), sent,
                f"this sentence was already written at offset {seen[key]}", "delete the repetition",
            ))
        else:
            seen[key] = s
    return out


def _in_word(text: str, i: int, words) -> bool:
    """Whether the pair text[i:i+2] is not two words of one character: a dictionary word holds
    both (的的确确) or one of them with its neighbours (目的|的, 但是|是, 是|是否)."""
    for a in range(max(0, i - 3), i + 1):
        for b in range(i + 1, min(len(text), i + 5) + 1):
            if b - a < 2 or (a == i and b == i + 1):
                continue
            if (a < i + 1 and b > i) and not (a == i and b == i + 2) and text[a:b] in words:
                return True
    for b in range(i + 3, min(len(text), i + 6) + 1):  # the second one opens a word
        if text[i + 1 : b] in words:
            return True
    return False


def doubled_words(text: str) -> list[Finding]:
    """的的, 了了, 。。, 我们我们 — unless the pair is part of a word (的的确确, 了了之)."""
    words = word_table()
    out: list[Finding] = []
    for m in _DOUBLE_RE.finditer(text):
        if m.group(1) and _in_word(text, m.start(), words):
            continue
        out.append(Finding(
            "repeat_word", "error", m.start(), m.end(), m.group(0),
            f"“{m.group(0)[0]}” is written twice", m.group(0)[0],
        ))
    for m in _ABAB_RE.finditer(text):
        w = m.group(1)
        out.append(Finding(
            "repeat_word", "warning", m.start(), m.end(), m.group(0), f"“{w}” is written twice", w,
        ))
    return out


def unbalanced(text: str) -> list[Finding]:
    """Quotation marks, brackets and book-title marks left open or closed without opening.

    Balanced over the whole text, not per line: a title broken over lines (《\n…\n》) is
    closed; a quotation running over several paragraphs opens each one with “ and closes only
    the last, as the convention is."""
    out: list[Finding] = []
    for a, b in _PAIRS:
        stack: list[int] = []
        para_start = 0
        for k, ch in enumerate(text):
            if ch == "\n":
                para_start = k + 1
            elif ch == a:
                if stack and a == "“" and text[para_start:k].strip() == "" and stack[-1] < para_start:
                    stack[-1] = k  # the next paragraph of a quotation that runs on
                else:
                    stack.append(k)
            elif ch == b:
                if stack:
                    stack.pop()
                else:
                    out.append(Finding(
                        "punctuation_unbalanced", "warning", k, k + 1, ch,
                        f"{b} closes a {a} that was never opened", f"add {a} or delete {b}",
                    ))
        for k in stack:
            out.append(Finding(
                "punctuation_unbalanced", "warning", k, k + 1, a, f"{a} is never closed", f"close it with {b}",
            ))
    return out


def repeat_findings(text: str, *, until: int | None = None) -> list[Finding]:
    return repeated_sentences(text, until=until) + doubled_words(text) + unbalanced(text)
