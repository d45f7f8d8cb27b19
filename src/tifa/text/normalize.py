"""Cleaning steps that normalise characters: whitespace, spaces in Chinese, punctuation, tidy lines.

Owns :func:`normalize_space` (newlines, zero-width characters, odd spaces, full-width ASCII),
:func:`cjk_spaces` (spaces inside Chinese text, kept between a title's slogans),
:func:`punctuation` (half-width punctuation in Chinese context becomes full-width; digits and
Latin text are left alone) and :func:`tidy` (line ends stripped, blank lines dropped).  These are
substitutions that change no content (not logged), except the spaces :func:`cjk_spaces` deletes.

It must not touch what a line holds or where lines break (:mod:`tifa.text.lines`,
:mod:`tifa.text.chrome`, :mod:`tifa.text.debris`), and it runs nothing itself
(:data:`tifa.text.clean.STEPS`).
"""
from __future__ import annotations

import re
import unicodedata

from .edits import Edit, is_han, iter_lines
from .lines import INNER_PUNCT_RE, is_title_like
from .patterns import CJK_PUNCT, HAN, HAN_RE

# --------------------------------------------------------------------------- 1. spaces

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ODD_SPACES = "\u3000\u00a0\u2002\u2003\u2009\u202f\t\x0b\x0c"


def normalize_space(text: str) -> list[Edit]:
    """Unify newlines, drop zero-width characters, turn odd spaces into ' '."""
    edits: list[Edit] = []
    for m in re.finditer(r"\r\n?|[" + _ZERO_WIDTH + "]|[" + _ODD_SPACES + "]", text):
        s = m.group()
        repl = "\n" if s[0] == "\r" else ("" if s in _ZERO_WIDTH else " ")
        edits.append(Edit(m.start(), m.end(), repl, "whitespace", log=False))
    # Full-width ASCII letters and digits (Ａ１) → half-width.
    for m in re.finditer(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+", text):
        edits.append(Edit(m.start(), m.end(), unicodedata.normalize("NFKC", m.group()), "fullwidth", log=False))
    # Kangxi radicals a PDF's fonts give for ideographs (⼀⾏⼯ for 一行工) → the ideographs (NFKC).
    for m in _RADICALS_RE.finditer(text):
        edits.append(Edit(m.start(), m.end(), unicodedata.normalize("NFKC", m.group()), "radicals", log=False))
    # Double prime quotation marks a document's font gives for quotes (“三个到位〞) → “ ”.
    for m in re.finditer("[\u301d\u301e\u301f]", text):
        edits.append(Edit(m.start(), m.end(), "“" if m.group() == "\u301d" else "”", "punctuation", log=False))
    # A box a PDF's extraction wrote for a line break (…的讲话□同志们：□这次…): after a sentence or before a salutation.
    for m in _BOX_BREAK_RE.finditer(text):
        edits.append(Edit(m.start(), m.end(), "\n", "whitespace", log=False))
    return edits


#: Kangxi radicals and the CJK radicals supplement's characters that NFKC maps to an ideograph.
_RADICALS_RE = re.compile(r"[\u2f00-\u2fd5\u2e9f\u2ef3]+")
#: A box standing for a line break: after sentence punctuation or a colon, or before a salutation.
_BOX_BREAK_RE = re.compile(r"(?<=[。！？：:])□(?!□)|(?<=[\u4e00-\u9fff])□(?=(?:尊敬的|各位|同志们|亲爱的))")


# --------------------------------------------------------------------------- 8. spaces in Chinese

_CJKISH = f"{HAN}{re.escape(CJK_PUNCT)}"
_SPACE_HAN_HAN_RE = re.compile(f"(?<=[{_CJKISH}]) +(?=[{_CJKISH}])")
_SPACE_HAN_DIGIT_RE = re.compile(f"(?<=[{HAN}]) +(?=\\d)|(?<=\\d) +(?=[{HAN}])")


def cjk_spaces(text: str) -> list[Edit]:
    """Delete spaces inside Chinese text (``办 公室``, ``4 月``).

    In short title-like lines spaces between Chinese phrases are kept (they
    separate slogans: ``参与政务 管理事务 协调关系 搞好服务``).
    """
    edits: list[Edit] = []
    for s, _, line in iter_lines(text):
        if " " not in line.strip():
            continue
        keep_han_gaps = is_title_like(line) and not INNER_PUNCT_RE.search(line)
        for m in _SPACE_HAN_DIGIT_RE.finditer(line):
            edits.append(Edit(s + m.start(), s + m.end(), "", "space_in_text"))
        if not keep_han_gaps:
            for m in _SPACE_HAN_HAN_RE.finditer(line):
                edits.append(Edit(s + m.start(), s + m.end(), "", "space_in_text"))
    return edits


# --------------------------------------------------------------------------- 9. punctuation

_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
#: A full stop between Han characters, or ending a line after one.
_DOT_RE = re.compile(r"\.(?<=[" + HAN + r"]\.)(?=[" + HAN + r"“”]|\s*$)", re.M)
_DASHES_RE = re.compile(r"-{2,}")
_ELLIPSIS_RES = (re.compile(r"\.{3,}"), re.compile(r"。{3,}"))


def _cjk_context(ch: str) -> bool:
    return bool(ch) and (is_han(ch) or ch in CJK_PUNCT)


_CORNER_TO_CURLY = {"「": "“", "」": "”", "『": "‘", "』": "’"}


def punctuation(text: str) -> list[Edit]:
    """Full-width punctuation in Chinese context, corner brackets as curly quotes; digits and Latin
    untouched."""
    edits: list[Edit] = []
    n = len(text)

    def neighbour(i: int, step: int) -> str:
        j = i + step
        while 0 <= j < n and text[j] == " ":
            j += step
        return text[j] if 0 <= j < n else ""

    for m in re.finditer(r"[,;:?!]", text):
        i = m.start()
        prev, nxt = neighbour(i, -1), neighbour(i, 1)
        if _cjk_context(prev) or (is_han(nxt) and not (prev.isascii() and prev.isalnum())):
            edits.append(Edit(i, i + 1, _HALF_TO_FULL[m.group()], "punctuation", log=False))
    for m in re.finditer(r"\(([^()\n]{0,80})\)", text):
        inner = m.group(1)
        before = text[m.start() - 1] if m.start() else ""
        if HAN_RE.search(inner) or is_han(before):
            edits.append(Edit(m.start(), m.start() + 1, "（", "punctuation", log=False))
            edits.append(Edit(m.end() - 1, m.end(), "）", "punctuation", log=False))
    # each pattern starts with a literal character, which the regex engine looks for quickly
    for m in _DOT_RE.finditer(text):
        edits.append(Edit(m.start(), m.end(), "。", "punctuation", log=False))
    for m in _DASHES_RE.finditer(text):
        if _cjk_context(neighbour(m.start(), -1)) or _cjk_context(neighbour(m.end() - 1, 1)):
            edits.append(Edit(m.start(), m.end(), "——", "punctuation", log=False))
    for rx in _ELLIPSIS_RES:
        for m in rx.finditer(text):
            edits.append(Edit(m.start(), m.end(), "……", "punctuation", log=False))
    # Corner brackets (traditional script's quotes, 「…」 『…』) as the simplified text's quotes: the
    # rules for quoted terms and members read “…” ‘…’
    for m in re.finditer(r"[「」『』]", text):
        edits.append(Edit(m.start(), m.end(), _CORNER_TO_CURLY[m.group()], "punctuation", log=False))
    # Straight double quotes paired within a line of Chinese text.
    for s, _, line in iter_lines(text):
        if '"' not in line:  # the usual case: no character-by-character scan
            continue
        idx = [i for i, ch in enumerate(line) if ch == '"']
        if not idx or len(idx) % 2 or not HAN_RE.search(line):
            continue
        for k, i in enumerate(idx):
            edits.append(Edit(s + i, s + i + 1, "“" if k % 2 == 0 else "”", "punctuation", log=False))
    return edits


# --------------------------------------------------------------------------- 10. tidy


def tidy(text: str) -> list[Edit]:
    """Strip line ends, collapse runs of spaces, drop blank lines."""
    edits: list[Edit] = []
    for s, e, line in iter_lines(text):
        if not line.strip():
            stop = e + 1 if e < len(text) else e
            edits.append(Edit(s, stop, "", "blank", log=False))
            continue
        lead = len(line) - len(line.lstrip())
        if lead:
            edits.append(Edit(s, s + lead, "", "blank", log=False))
        trail = len(line) - len(line.rstrip())
        if trail:
            edits.append(Edit(e - trail, e, "", "blank", log=False))
        for m in re.finditer(r"(?<=\S) {2,}(?=\S)", line):
            edits.append(Edit(s + m.start(), s + m.end(), " ", "blank", log=False))
    return edits
