"""The versioned knowledge base the draft checks read: which wording of a formulation was in
force when (``data/lexicons/formulation_versions.tsv``, format in its header), beside the
current official members of ``formulations.tsv`` (owned by :mod:`tifa.lexicon.lexicons`).

Owns parsing and the question "what was in force on date D"; it knows nothing of drafts.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from ..config import LEXICONS
from ..errors import LexiconError

_MONTH_RE = re.compile(r"^\d{4}-\d{2}$")


@dataclass(frozen=True)
class Version:
    formula: str
    start: str  #: YYYY-MM, first month in force
    end: str  #: YYYY-MM, first month no longer in force ('' = still in force)
    members: tuple[str, ...]  #: () for a row about the term itself
    replaced_by: tuple[str, ...]
    context: re.Pattern | None
    source: str

    def in_force(self, date: str) -> bool:
        """Whether this wording was in force at some time of ``date`` (ISO: YYYY, YYYY-MM or a day;
        a year alone stands for all its months)."""
        first, last = _months(date)
        return self.start <= last and (not self.end or first < self.end)

    def outdated_on(self, date: str) -> bool:
        """Whether this wording had been replaced by ``date`` (all of it, for a year alone)."""
        first, _ = _months(date)
        return bool(self.end) and first >= self.end


def _months(date: str) -> tuple[str, str]:
    """First and last month (YYYY-MM) a date of any precision covers."""
    if len(date) == 4:
        return f"{date}-01", f"{date}-12"
    return date[:7], date[:7]


def load_versions(path: Path | None = None) -> dict[str, list[Version]]:
    """Every formulation's versions, oldest first, keyed by the term."""
    path = Path(path or LEXICONS / "formulation_versions.tsv")
    if not path.exists():
        return {}
    st = path.stat()
    return {k: list(v) for k, v in _parse(str(path), st.st_size, st.st_mtime_ns).items()}


@functools.lru_cache(maxsize=4)
def _parse(path_s: str, _size: int, _mtime: int) -> dict[str, tuple[Version, ...]]:
    path = Path(path_s)
    out: dict[str, list[Version]] = {}
    for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\r").split("\t")
        if len(cols) != 7:
            raise LexiconError(f"{path}:{i}: expected 7 tab-separated columns: formula, from, to, members, replaced_by, context, source")
        formula, start, end, members, replaced, context, source = cols
        if not _MONTH_RE.match(start) or (end and not _MONTH_RE.match(end)):
            raise LexiconError(f"{path}:{i}: from/to must be YYYY-MM (got {start!r}, {end!r})")
        try:
            rx = re.compile(context) if context else None
        except re.error as e:
            raise LexiconError(f"{path}:{i}: context is not a regular expression: {e}") from e
        out.setdefault(formula, []).append(Version(
            formula, start, end, tuple(m for m in members.split("|") if m), tuple(m for m in replaced.split("|") if m), rx, source,
        ))
    return {k: tuple(sorted(v, key=lambda v: v.start)) for k, v in out.items()}
