"""Quotation check: a passage the draft presents as a quotation (…指出：“…”) is looked up in an
archive of official texts — by default the shipped central work reports and congress reports —
and reported with its source when found word for word, or as a finding with the character-level
difference and the closest source passage when it almost matches.

Owns finding quotations in a draft, the archive (read once per process) and the alignment;
it reads files through the reading stage and knows nothing of outlines or formulations.
"""
from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from ..config import shipped
from .findings import Finding

#: The archive searched by default (folders of plain-text official documents).
DEFAULT_ARCHIVE = (shipped("examples", "work-reports"), shipped("examples", "congress-reports"))
#: A quotation shorter than this many Han characters is not looked up (a phrase, a slogan).
MIN_QUOTE = 12
#: Similarity above which a quotation that is not exact is reported as a misquotation.
NEAR = 0.8

_QUOTE_RE = re.compile(r"“([^“”\n]{6,600})”")
#: What introduces a quotation of a document or a leader, within the sentence before the mark.
_INTRO_RE = re.compile(
    r"(?:指出|强调|提出|要求|说|讲|明确|宣告|写道|所说|号召|告诫|阐明|重申|宣示|宣布|表示|中说|中讲|写到)[^。！？“”，,]{0,4}[：:]\s*$"
)
_KEEP_RE = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]")


@dataclass(frozen=True)
class Source:
    name: str  #: the file's name (gwr-2017, cpc19)
    title: str  #: its first line
    text: str  #: its text
    key: str  #: only its Han characters, letters and digits (what quotations are compared on)
    at: tuple[int, ...]  #: offset in ``text`` of each character of ``key``


def _keyed(text: str) -> tuple[str, tuple[int, ...]]:
    chars, at = [], []
    for m in _KEEP_RE.finditer(text):
        chars.append(m.group(0))
        at.append(m.start())
    return "".join(chars), tuple(at)


@functools.lru_cache(maxsize=4)
def _archive(paths: tuple[str, ...]) -> tuple[Source, ...]:
    from ..read.files import iter_inputs, read_text
    from ..errors import InputError

    out = []
    titles = _titles([Path(p) for p in paths])
    for f in iter_inputs([Path(p) for p in paths if Path(p).exists()]):
        try:
            text = read_text(f).text
        except InputError:
            continue
        key, at = _keyed(text)
        first = next((ln.strip() for ln in text.split("\n") if ln.strip() and not ln.strip().endswith(("：", ":"))), f.stem)
        title = titles.get(f.name) or first[:60]
        out.append(Source(f.stem, title, text, key, at))
    return tuple(out)


def _titles(folders: list[Path]) -> dict[str, str]:
    """Titles (and dates) of an archive's files from its ``metadata.csv``, where it has one."""
    import csv

    out: dict[str, str] = {}
    for folder in folders:
        meta = folder / "metadata.csv"
        if not meta.is_file():
            continue
        try:
            with meta.open(encoding="utf-8-sig", newline="") as fh:
                for row in csv.DictReader(fh):
                    if row.get("source") and row.get("title"):
                        out[row["source"]] = " ".join(x for x in (row["title"], row.get("date") or "") if x)
        except (OSError, csv.Error, UnicodeError):
            continue
    return out


def archive(paths: Sequence[Path] | None = None) -> tuple[Source, ...]:
    """The archive's sources (read once per process for the same paths)."""
    return _archive(tuple(str(p) for p in (paths or DEFAULT_ARCHIVE)))


def quotations(text: str) -> Iterable[tuple[int, int, str]]:
    """``(start, end, quoted)`` of each passage presented as a quotation."""
    for m in _QUOTE_RE.finditer(text):
        lead = text[max(0, m.start() - 40) : m.start()]
        if not _INTRO_RE.search(lead):
            continue
        if len(_keyed(m.group(1))[0]) < MIN_QUOTE:
            continue
        yield m.start(1), m.end(1), m.group(1)


def _anchors(key: str, size: int = 6) -> list[int]:
    if len(key) <= size:
        return [0]
    n = max(2, min(8, len(key) // size))
    return sorted({round(i * (len(key) - size) / (n - 1)) for i in range(n)})


def _best(key: str, sources: Sequence[Source]) -> tuple[float, Source | None, int, int]:
    """The closest passage of the archive: (similarity, source, start, end) in key offsets."""
    best = (0.0, None, 0, 0)
    for src in sources:
        for k in _anchors(key):
            anchor = key[k : k + 6]
            p = src.key.find(anchor)
            seen = 0
            while p >= 0 and seen < 5:
                lo = max(0, p - k - 8)
                window = src.key[lo : p - k + len(key) + 8]
                sm = difflib.SequenceMatcher(None, key, window, autojunk=False)
                blocks = [b for b in sm.get_matching_blocks() if b.size]
                if blocks:
                    # the source's stretch facing the whole quotation, unmatched ends included
                    a = max(0, blocks[0].b - blocks[0].a)
                    b = min(len(window), blocks[-1].b + blocks[-1].size + len(key) - blocks[-1].a - blocks[-1].size)
                    m = sum(b_.size for b_ in blocks)
                    ratio = 2 * m / (len(key) + (b - a))
                    if ratio > best[0]:
                        best = (ratio, src, lo + a, lo + b)
                p = src.key.find(anchor, p + 1)
                seen += 1
    return best


#: A quotation is partly found when a stretch of this share of it, opening it, is word for word in a source.
PART = 0.4


def _longest_part(key: str, sources: Sequence[Source]) -> tuple[Source, int, int, int] | None:
    """The source holding the longest opening stretch of ``key`` (≥ :data:`MIN_QUOTE` characters and
    :data:`PART` of it): (source, start, end in its key, offset in ``key``), else None."""
    lo, hi, best = max(MIN_QUOTE, int(len(key) * PART)), len(key) - 1, None
    while lo <= hi:  # the longest prefix found somewhere (finding a prefix is monotone in its length)
        mid = (lo + hi) // 2
        hit = next(((s, s.key.find(key[:mid])) for s in sources if key[:mid] in s.key), None)
        if hit:
            best = (hit[0], hit[1], hit[1] + mid, 0)
            lo = mid + 1
        else:
            hi = mid - 1
    return best


def _diff(a: str, b: str) -> str:
    """The character-level difference of quotation ``a`` from source ``b``, in words."""
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "replace":
            parts.append(f"“{a[i1:i2]}” should be “{b[j1:j2]}”")
        elif op == "delete":
            parts.append(f"“{a[i1:i2]}” is not in the source")
        elif op == "insert":
            parts.append(f"“{b[j1:j2]}” is missing after “{a[max(0, i1 - 4):i1]}”")
    return "; ".join(parts[:4]) + (" …" if len(parts) > 4 else "")


def quotation_findings(text: str, *, against: Sequence[Path] | None = None) -> list[Finding]:
    sources = archive(against)
    out: list[Finding] = []
    if not sources:
        return out
    for start, end, quoted in quotations(text):
        key, _ = _keyed(quoted)
        exact = next((s for s in sources if key in s.key), None)
        if exact is not None:
            out.append(Finding(
                "quotation_verified", "info", start, end, quoted,
                f"found word for word in {exact.name} ({exact.title})", "",
            ))
            continue
        ratio, src, a, b = _best(key, sources)
        part = _longest_part(key, sources) if (src is None or ratio < NEAR) else None
        if part is not None:
            src, a, b, k = part
            passage = src.text[src.at[a] : src.at[b - 1] + 1]
            out.append(Finding(
                "quotation", "warning", start, end, quoted,
                f"only “{key[k : k + b - a]}” is word for word in {src.name} ({src.title}); the rest of the quotation is not there",
                passage,
            ))
            continue
        if src is None or ratio < NEAR:
            continue
        passage = src.text[src.at[a] : src.at[b - 1] + 1]
        out.append(Finding(
            "quotation", "warning", start, end, quoted,
            f"not word for word what {src.name} ({src.title}) says: {_diff(key, src.key[a:b])}",
            passage,
        ))
    return out
