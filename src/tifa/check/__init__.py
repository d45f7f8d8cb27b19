"""``tifa check``: the speechwriter's proofreader for a draft, offline.

:func:`check_file` reads a draft (any format tifa reads), cleans it as the rest of tifa does,
and runs every check of :data:`CHECKS` on each of its documents: numbering (gaps, repeats,
starts, levels), announced counts, known formulations against the versioned knowledge base,
quotations against an archive of official texts, repetitions and unbalanced punctuation.
The result is one table of :data:`FINDING_COLUMNS`, ``start``/``end`` into the cleaned text
of the draft's document and ``line`` in the file as given.  Rendering (HTML, Word comments)
is in :mod:`.render` and :mod:`.docx`.

Owns running the checks and placing findings; each family lives in its own module and reads
only the stages below it (reading, text, structure, rhetoric, lexicons).
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import pandas as pd

from ..text.documents import read_pieces
from ..structure.outline import outline_frames
from .findings import CHECKS, FINDING_COLUMNS, SEVERITIES, Finding, findings_frame
from .formulations import count_findings, member_findings, outdated_terms
from .numbering import numbering_findings
from .quotations import quotation_findings
from .repeats import repeat_findings

__all__ = ["CHECKS", "FINDING_COLUMNS", "SEVERITIES", "Finding", "DraftCheck", "check_file", "check_text"]


@dataclass
class DraftCheck:
    """The findings of one draft file, with what is needed to show them in place."""

    path: Path
    findings: pd.DataFrame  #: :data:`FINDING_COLUMNS` plus ``doc_id`` and ``raw_start/raw_end`` (offsets in ``raw``)
    texts: dict[str, str] = field(default_factory=dict)  #: cleaned text of each document
    titles: dict[str, str] = field(default_factory=dict)  #: title of each document
    raw: str = ""  #: the decoded file as given
    date: str = ""  #: the date the checks took as the draft's

    @property
    def clean(self) -> bool:
        """No error or warning (info rows — verified quotations — do not count)."""
        return not (self.findings["severity"] != "info").any()


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for f in findings:
        k = (f.check, f.start, f.end)
        if k not in seen:
            seen.add(k)
            out.append(f)
    return out


def check_text(text: str, *, date: str | None = None, against: Sequence[Path] | None = None,
               doc_id: str = "draft", checks: Sequence[str] | None = None) -> list[Finding]:
    """Every finding of one document's cleaned ``text``, for a draft of ``date`` (ISO; default today)."""
    date_known = bool(date)
    date = date or _dt.date.today().isoformat()
    outline, enums = outline_frames(doc_id, text)
    body_end = int(outline.loc[outline["matter"] == "appendix", "start"].min()) if (outline["matter"] == "appendix").any() else None
    found: list[Finding] = []
    found += numbering_findings(text, outline)
    body = text[:body_end] if body_end is not None else text  # a glossary (名词解释) explains terms in its own way
    found += count_findings(body, doc_id, enums[enums["start"] < len(body)] if len(enums) else enums, outline)
    found += member_findings(body, date)
    found += outdated_terms(body, date, date_known=date_known)
    found += quotation_findings(body, against=against)
    found += repeat_findings(text, until=body_end)
    if checks:
        found = [f for f in found if f.check in checks or f.check.split("_")[0] in checks]
    return _dedupe(found)


def check_file(path: Path | str, *, date: str | None = None, against: Sequence[Path] | None = None,
               max_bytes: int | None = None, checks: Sequence[str] | None = None) -> DraftCheck:
    """Check one draft file; raises :class:`~tifa.errors.InputError` if it cannot be read."""
    from ..config import DEFAULT_MAX_BYTES

    path = Path(path)
    fp = read_pieces(path, max_bytes=max_bytes or DEFAULT_MAX_BYTES, keep_cleaned=True)  # as tifa reads any file: Markdown, dates, places
    decoded, cleaned, pieces = fp.decoded, fp.cleaned, fp.pieces
    frames, texts, titles = [], {}, {}
    used_date = date or ""
    for piece in pieces:
        d = date or piece.date
        used_date = used_date or d or _dt.date.today().isoformat()
        fs = check_text(piece.text, date=d, against=against, doc_id=piece.doc_id, checks=checks)
        fs = [_placed(f, piece.start, cleaned, decoded.text) for f in fs]
        df = findings_frame(fs)
        df.insert(0, "doc_id", piece.doc_id)
        df["raw_start"] = [cleaned.raw_offset(piece.start + int(s)) for s in df["start"]]
        df["raw_end"] = [cleaned.raw_offset(piece.start + int(e) - 1) + 1 if int(e) > int(s) else cleaned.raw_offset(piece.start + int(s))
                         for s, e in zip(df["start"], df["end"])]
        frames.append(df)
        texts[piece.doc_id] = piece.text
        titles[piece.doc_id] = piece.title
    df = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["doc_id", *FINDING_COLUMNS, "raw_start", "raw_end"])
    return DraftCheck(path, df, texts, titles, decoded.text, used_date)


def _placed(f: Finding, offset: int, cleaned, raw: str) -> Finding:
    """``f`` with the 1-based line of the file where its text starts."""
    raw_at = cleaned.raw_offset(offset + f.start)
    return Finding(f.check, f.severity, f.start, f.end, f.text, f.message, f.suggestion, raw.count("\n", 0, raw_at) + 1)
