"""The engine of cleaning: the edits steps propose, the tracker that applies them, the log.

Owns :class:`Edit` (replace or delete a span, with a reason), :class:`Removal` (one entry of the
cleaning log), :class:`Cleaned` (what :func:`tifa.text.clean.clean` returns), :class:`Tracker`
(applies a step's edits while keeping, for every character of the text, the offset of the raw
character it came from), :func:`apply_edits`, the :data:`Step` type, and the line helpers every
step shares (:func:`iter_lines`, :func:`line_edit`, :func:`is_han`).

It must not touch the text itself: no rule of what to remove or rewrite lives here (the steps are
in :mod:`tifa.text.debris`, :mod:`tifa.text.chrome`, :mod:`tifa.text.furniture`,
:mod:`tifa.text.lines` and :mod:`tifa.text.normalize`; their order is :data:`tifa.text.clean.STEPS`).
"""
from __future__ import annotations

from array import array
from dataclasses import dataclass
from typing import Callable, Iterator, Sequence

from .patterns import HAN_RE

# --------------------------------------------------------------------------- engine


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` by ``repl``; deletions of content are logged."""

    start: int
    end: int
    repl: str = ""
    reason: str = ""
    log: bool = True


@dataclass(frozen=True)
class Removal:
    """One entry of the cleaning log."""

    line: int  #: 1-based line of the raw text where the removed span starts
    raw_start: int  #: offset of the span in the raw (decoded) text
    raw_end: int
    pos: int  #: offset in the cleaned text where the span was taken out
    removed: str
    reason: str


@dataclass(frozen=True)
class Cleaned:
    """Result of :func:`clean`."""

    raw: str
    text: str
    log: tuple[Removal, ...]
    srcmap: Sequence[int]  #: raw offset of every cleaned character (an int array: 8 bytes a character)

    def raw_offset(self, pos: int) -> int:
        """Raw offset of cleaned offset ``pos`` (``len(raw)`` at the end)."""
        return self.srcmap[pos] if pos < len(self.srcmap) else len(self.raw)


class Tracker:
    def __init__(self, raw: str):
        self.raw = raw
        self.text = raw
        # offsets as a machine-int array, not a list of int objects (36 bytes a character, twice
        # over while a step is applied: most of the peak memory of a huge file)
        self.src = array("q", range(len(raw)))
        self.entries: list[tuple[int, int, str, str]] = []

    def apply(self, edits: Sequence[Edit]) -> None:
        if not edits:
            return
        text, src = self.text, self.src
        out: list[str] = []
        out_src = array("q")
        prev = 0
        for e in sorted(edits, key=lambda e: (e.start, e.end)):
            if e.start < prev:  # overlapping proposals: first one wins
                continue
            out.append(text[prev : e.start])
            out_src.extend(src[prev : e.start])
            if e.log and e.end > e.start and text[e.start : e.end].strip():
                self.entries.append((src[e.start], src[e.end - 1] + 1, text[e.start : e.end], e.reason))
            anchor = src[e.start] if e.start < len(src) else len(self.raw)
            out.append(e.repl)
            out_src.extend(array("q", [anchor]) * len(e.repl))
            prev = e.end
        out.append(text[prev:])
        out_src.extend(src[prev:])
        self.text = "".join(out)
        self.src = out_src


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply ``edits`` to ``text`` (the str → str form of a step)."""
    t = Tracker(text)
    t.apply(edits)
    return t.text


Step = Callable[[str], list[Edit]]


def iter_lines(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, content)`` for each line; ``end`` excludes the newline."""
    start = 0
    n = len(text)
    while start <= n:
        nl = text.find("\n", start)
        end = n if nl < 0 else nl
        yield start, end, text[start:end]
        if nl < 0:
            break
        start = nl + 1


def line_edit(start: int, end: int, text: str, reason: str) -> Edit:
    """Delete a whole line including its newline."""
    stop = end + 1 if end < len(text) and text[end] == "\n" else end
    return Edit(start, stop, "", reason)


def is_han(ch: str) -> bool:
    return bool(ch) and HAN_RE.match(ch) is not None
