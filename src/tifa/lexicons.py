"""Lexicons: UTF-8 data files in ``data/lexicons/``, loaded and verified.

``userdict.txt`` — a jieba user dictionary, one entry per line::

    word [freq] [tag]

separated by single spaces (jieba's own format: ``jieba.load_userdict`` reads
it unchanged).  Tags are jieba POS tags; two custom tags name our lexicon
classes: ``tf`` (提法, a political formulation) and ``bg`` (办公, an
office-work term).  No comments, no BOM, no ``\\r``.

``stopwords.txt`` — one word per line; ``#`` starts a comment.  Function
words, pronouns, list markers; never the genre's theme words.

Every loader checks every line and raises :class:`LexiconError` naming the
file and line of the first bad one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .config import LEXICONS
from .errors import LexiconError

#: Custom POS tags of the user dictionary and the lexicon class they mark.
TAG_CLASSES = {"tf": "formulation", "bg": "office"}

_ENTRY_RE = re.compile(r"^(?P<word>[^\s]+)(?: (?P<freq>[0-9]+))?(?: (?P<tag>[a-zA-Z]+))?$")


@dataclass(frozen=True)
class DictEntry:
    word: str
    freq: int | None
    tag: str | None
    line: int

    @property
    def lexicon_class(self) -> str | None:
        return TAG_CLASSES.get(self.tag or "")


def _read_lines(path: Path) -> list[str]:
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        raise LexiconError(f"{path}:1: starts with a byte-order mark (BOM); save as UTF-8 without BOM")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LexiconError(f"{path}:{line}: not UTF-8") from None
    lines = text.split("\n")
    for i, line in enumerate(lines, start=1):
        if "\r" in line:
            raise LexiconError(f"{path}:{i}: contains a carriage return (\\r); use Unix line ends")
        if "\ufeff" in line:
            raise LexiconError(f"{path}:{i}: contains a byte-order mark (BOM)")
    return lines


def load_userdict(path: Path | None = None) -> list[DictEntry]:
    """Read and verify a jieba user dictionary."""
    path = Path(path or LEXICONS / "userdict.txt")
    entries: list[DictEntry] = []
    seen: dict[str, int] = {}
    for i, line in enumerate(_read_lines(path), start=1):
        if not line:
            continue
        m = _ENTRY_RE.match(line)
        if not m:
            raise LexiconError(f"{path}:{i}: malformed entry {line!r}; expected 'word [freq] [tag]' separated by single spaces")
        word = m.group("word")
        if word in seen:
            raise LexiconError(f"{path}:{i}: duplicate entry {word!r} (first on line {seen[word]})")
        seen[word] = i
        freq = int(m.group("freq")) if m.group("freq") else None
        if freq is not None and freq <= 0:
            raise LexiconError(f"{path}:{i}: frequency must be positive")
        entries.append(DictEntry(word=word, freq=freq, tag=m.group("tag"), line=i))
    if not entries:
        raise LexiconError(f"{path}: no entries")
    return entries


def load_stopwords(path: Path | None = None) -> frozenset[str]:
    """Read and verify a stopword list (one word per line, ``#`` comments)."""
    path = Path(path or LEXICONS / "stopwords.txt")
    words: set[str] = set()
    for i, line in enumerate(_read_lines(path), start=1):
        word = line.split("#", 1)[0].strip()
        if not word:
            continue
        if re.search(r"\s", word):
            raise LexiconError(f"{path}:{i}: one word per line, got {word!r}")
        words.add(word)
    return frozenset(words)
