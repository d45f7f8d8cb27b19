"""Exceptions shared by the stages.

Every error about one input carries the file it concerns, so the CLI can print
one clear line per bad file and go on with the others.
"""
from __future__ import annotations

from pathlib import Path


class TifaError(Exception):
    """Base class for tifa's own errors."""


class InputError(TifaError):
    """A user-supplied input cannot be read; ``str(err)`` is a one-line message."""

    def __init__(self, path: Path | str, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")

    def __reduce__(self):  # crosses process boundaries intact (a worker's error reaches the CLI)
        return (type(self), (self.path, self.reason))


class LexiconError(TifaError):
    """A lexicon file is malformed (message names file and line)."""
