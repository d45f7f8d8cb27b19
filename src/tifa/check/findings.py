"""The findings table of ``tifa check``: one row per problem found in a draft.

Owns the row type, the column order, the severities and the catalogue of check names
(each starts with its family).  It knows nothing of how a check is made.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

#: Columns of the findings table, in order.
FINDING_COLUMNS = ["check", "severity", "start", "end", "line", "text", "message", "suggestion"]

#: ``error``: the draft is wrong; ``warning``: probably wrong, a reader decides; ``info``: for the
#: record (a quotation found word for word in the archive), never makes the exit status 1.
SEVERITIES = ("error", "warning", "info")

#: Every check, by family, with what it flags.
CHECKS: dict[str, str] = {
    "numbering_gap": "a numbered list skips a number (（二） followed by （四）; 一是…二是…四是)",
    "numbering_repeat": "a numbered list repeats a number (二、 … 二、)",
    "numbering_start": "a numbered list starts at a number other than one",
    "numbering_level": "a list under one heading continues the numbering of the list under the heading before "
    "(（三） opening the list under 二、 after （一）（二） under 一、)",
    "announced_count": "the count announced (讲三点意见, “三个坚持”, 六种意识（…）) differs from the items or members delivered",
    "formulation_count": "a known formulation is spelled out with more or fewer members than it has",
    "formulation_member": "a member of a known formulation is worded differently from the official wording, or cut short",
    "formulation_order": "the members of a known formulation are in a different order from the official one",
    "formulation_outdated": "a formulation, or its wording, was replaced before the draft's date",
    "quotation": "a passage presented as a quotation almost, but not exactly, matches a passage of the archive",
    "quotation_verified": "(info) a quotation found word for word in the archive, with its source",
    "repeat_sentence": "the same sentence (or paragraph) appears twice",
    "repeat_word": "a doubled character or word (的的, 。。)",
    "punctuation_unbalanced": "a paragraph opens a quotation mark, bracket or book-title mark it does not close",
}


@dataclass(frozen=True)
class Finding:
    """One finding: ``start``/``end`` index the cleaned text of the draft's document."""

    check: str
    severity: str
    start: int
    end: int
    text: str
    message: str
    suggestion: str = ""
    line: int | None = None  #: 1-based line in the file as given (filled in by the runner)

    def row(self) -> tuple:
        return (self.check, self.severity, self.start, self.end, self.line, self.text, self.message, self.suggestion)


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    """The findings in text order, as a table of :data:`FINDING_COLUMNS`."""
    rows = [f.row() for f in sorted(findings, key=lambda f: (f.start, f.end, f.check))]
    df = pd.DataFrame(rows, columns=FINDING_COLUMNS)
    for col in ("start", "end", "line"):
        df[col] = df[col].astype("Int64")
    return df
