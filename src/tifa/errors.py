"""Exceptions shared by the stages.

Every error about one input carries the file it concerns, so the CLI can print
one clear line per bad file and go on with the others.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path


def printable(name: object) -> str:
    """``name`` (a path or text) as it can be printed and stored: a byte of a file name that is
    not UTF-8 (held as a lone surrogate, Python's ``surrogateescape``) becomes ``%FF``, a control
    character (a newline in a name) its UTF-8 bytes as ``%0A``.  Stable: the same name always
    gives the same text; a valid name is unchanged."""
    text = str(name)
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if "\udc80" <= ch <= "\udcff":
            out.append(f"%{ord(ch) - 0xDC00:02X}")
        elif "\ud800" <= ch <= "\udfff" or unicodedata.category(ch) == "Cc":
            out.append("".join(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass")))
        else:
            out.append(ch)
    return "".join(out)


class TifaError(Exception):
    """Base class for tifa's own errors."""


class InputError(TifaError):
    """A user-supplied input cannot be read; ``str(err)`` is a one-line message."""

    def __init__(self, path: Path | str, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{printable(path)}: {reason}")

    def __reduce__(self):  # crosses process boundaries intact (a worker's error reaches the CLI)
        return (type(self), (self.path, self.reason))


class LexiconError(TifaError):
    """A lexicon file is malformed (message names file and line)."""


class StoreError(TifaError):
    """The built store (``data/processed``) or the raw folder cannot be used as it is: locked,
    unwritable, full, or missing a part; ``str(err)`` is one line saying what to do."""
