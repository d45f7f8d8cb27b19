"""Dates of delivery: read from a piece's own lines, its front matter and its file's name.

Owns the date patterns and their readers, each giving ISO 8601 as precise as its source:
:func:`parse_date` (``2010年10月14日``, ``2010-10-14``), :func:`dateline_date` (also Chinese
numerals, ``二〇二三年一月十五日``, and a year and month only), :func:`text_date` (a piece's date
line, subtitle or dateline, else the year after the year its review part reviews),
:func:`meta_date` (front matter: :data:`META_DATE_KEYS`), :func:`year_in` (a title's year) and
:func:`filename_date`; :data:`SUBTITLE_RE` and :data:`DATE_LINE_RE`, the lines under a title
that are no title.

It must not touch which source wins — the order of preference (the text, the front matter, the
page's publish date, a title's year, the file name) is :func:`tifa.text.documents.split_pieces`' —
nor a piece's title, text or place.
"""
from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Sequence

from .markdown import meta_text
from .patterns import DATE_RES, cn_to_int


def parse_date(s: str) -> str | None:
    """A full date in ``s`` (``2010年10月14日``, ``2010-10-14``), ISO, if it is a real one."""
    for rx in DATE_RES:
        m = rx.search(s)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            if 1900 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


#: Subtitle, dateline or speaker lines under a title (``——2021年3月5日在…会议上``).
SUBTITLE_RE = re.compile(r"^\s*(?:[—－\-─━]{1,2}|\d{4}\s*年\s*\d{1,2}\s*月|\(|（)")
#: A dateline naming the meeting a speech was delivered at (``在四川省第十二届人民代表大会第四次会议上（2016年1月25日）``).
_DATELINE_RE = re.compile(r"在\S{2,40}?(?:会议|大会|会)上")
_TITLE_YEAR_RE = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)\s*年")
_META_DATE_RE = re.compile(r"^\s*(1[89]\d\d|20\d\d)(?:[-/.年](\d{1,2})(?:[-/.月](\d{1,2}))?)?")
#: Front-matter keys that may hold the date of delivery, in order of preference.
META_DATE_KEYS = ("date", "delivered", "year", "published", "pubdate")


def meta_date(meta: dict) -> str | None:
    """The date of the front matter (``date: 2016-01-25``, ``year: 2016``), ISO, as precise as given."""
    for key in META_DATE_KEYS:
        v = meta_text(meta, key)
        d = parse_date(v) if v else None
        if d:
            return d
        m = _META_DATE_RE.match(v) if v else None
        if m:
            y, mo, dd = m.groups()
            if mo and not 1 <= int(mo) <= 12:
                mo = dd = None
            return "-".join(f"{int(x):02d}" if i else x for i, x in enumerate((y, mo, dd)) if x)
    return None


_CN_YEAR_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "Ｏ": "0", "O": "0", "0": "0"}
_CN_DATE_RE = re.compile(r"([〇零○Ｏ0O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?")
_YEAR_MONTH_RE = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)\s*年\s*(\d{1,2})\s*月")
#: ``一、2003年工作回顾``, ``2006年工作的回顾``: the heading of the part reviewing the year before delivery.
_REVIEW_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]+、)?\s*(1[89]\d\d|20\d\d)\s*年(?:的)?(?:政府)?工作(?:的)?回顾\s*$")


def dateline_date(line: str) -> str | None:
    """The date of a dateline: digits (``2016年1月25日``), Chinese numerals (``二〇二三年一月十五日``),
    or a year and month only (``2009年1月``, kept as ``2009-01``)."""
    d = parse_date(line)
    if d:
        return d
    m = _CN_DATE_RE.search(line)
    if m:
        y = int("".join(_CN_YEAR_DIGITS[c] for c in m.group(1)))
        mo, dd = cn_to_int(m.group(2)), cn_to_int(m.group(3)) if m.group(3) else None
        if 1900 <= y <= 2100 and mo and 1 <= mo <= 12:
            return f"{y:04d}-{mo:02d}" + (f"-{dd:02d}" if dd and 1 <= dd <= 31 else "")
    m = _YEAR_MONTH_RE.search(line)
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
    return None


def year_in(title: str) -> str | None:
    """The year a title names (``2026年政府工作报告`` → ``2026``)."""
    m = _TITLE_YEAR_RE.search(title or "")
    return m.group(1) if m else None


#: A line that is a date and nothing else.
DATE_LINE_RE = re.compile(r"^\s*(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})\s*$")
_FILE_DATE_RE = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?:[-_.年]?(0[1-9]|1[0-2])(?:[-_.月]?(0[1-9]|[12]\d|3[01]))?)?(?!\d)")


def filename_date(source: str) -> str | None:
    """A date or year in a file's name (``gwr-1984.txt`` → ``1984``, ``2019年政府工作报告.docx``
    → ``2019``, ``speech-2021-03-05.txt`` → ``2021-03-05``); ISO 8601, as precise as the name."""
    m = _FILE_DATE_RE.search(PurePosixPath(source).name)
    if not m:
        return None
    y, mo, d = m.groups()
    return "-".join(x for x in (y, mo, d) if x)


def text_date(head_lines: Sequence[str]) -> tuple[str | None, str]:
    """``(date, note)`` from a piece's own lines: a date line anywhere, a subtitle or dateline
    among the first lines, else the year after the year its review part reviews (the note says so)."""
    date = None
    for k, line in enumerate(head_lines):
        # a date line anywhere, or a dateline among the first lines (subtitle)
        if DATE_LINE_RE.match(line) or (
            k < 8 and len(line) <= 80 and (SUBTITLE_RE.match(line) or _DATELINE_RE.search(line)) and parse_date(line)
        ):
            date = parse_date(line)
            break
        if k < 8 and len(line) <= 80 and _DATELINE_RE.search(line) and dateline_date(line):
            date = dateline_date(line)  # 二〇二三年一月十五日在…, ——2009年1月在…
            break
    review_note = ""
    if date is None:  # 一、2003年工作回顾: a work report is delivered the year after the year it reviews
        for line in head_lines[:80]:
            m = _REVIEW_RE.match(line)
            if m:
                date = str(int(m.group(1)) + 1)
                review_note = f"the year after its review ({line.strip()})"
                break
    return date, review_note
