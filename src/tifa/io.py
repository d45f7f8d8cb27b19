"""Reading user files into text.

``read_text(path)`` returns the decoded text of one supported file, detecting
the encoding from the bytes (BOMs, UTF-16 byte patterns, strict UTF-8, then
GB18030, which also covers GBK and GB2312) rather than trusting the
extension.  Anything that cannot be read raises :class:`InputError` with a
one-line reason: missing, a folder, too large, empty, binary, undecodable or an
unsupported format.  ``iter_inputs`` expands files and folders into the list of
candidate files, in a stable order.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .config import DEFAULT_MAX_BYTES
from .errors import InputError

#: Extensions read as plain text.  Later formats register here.
TEXT_SUFFIXES = frozenset({".txt", ".md", ".text"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES

#: Files the folder walk ignores silently (metadata, editor litter).
IGNORED_NAMES = frozenset(
    {"metadata.csv", ".DS_Store", "Thumbs.db", "README.md", "SOURCES.md", "LICENSE", "LICENSE.md", "LICENSE.txt", "CHANGELOG.md"}
)


@dataclass(frozen=True)
class Decoded:
    """The text of one file and how it was decoded."""

    path: Path
    text: str
    encoding: str
    n_bytes: int


def iter_inputs(paths: Iterable[Path | str]) -> Iterator[Path]:
    """Expand files and folders (recursively, sorted) into file paths.

    Missing paths are yielded too, so that reading them reports the error in
    order.  Hidden files and :data:`IGNORED_NAMES` inside folders are skipped.
    """
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                rel = child.relative_to(p)
                if any(part.startswith(".") for part in rel.parts):
                    continue
                if child.is_file() and child.name not in IGNORED_NAMES:
                    yield child
        else:
            yield p


def _looks_utf16(data: bytes) -> str | None:
    """Guess UTF-16 without BOM from the position of NUL bytes."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        sample = sample[: len(sample) - (len(sample) % 2)]
    if len(sample) < 4:
        return None
    even = sample[0::2]
    odd = sample[1::2]
    # ASCII-heavy UTF-16: one of the two byte lanes is mostly NUL.
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    # CJK-heavy UTF-16 has few NULs: accept if it decodes to mostly CJK.
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if text and _cjk_share(text) > 0.5 and _plausible_chinese(text):
            return enc
    return None


def _cjk_share(text: str) -> float:
    letters = [ch for ch in text if not ch.isspace()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if "\u4e00" <= ch <= "\u9fff") / len(letters)


def _is_common_hanzi(ch: str) -> bool:
    """In GB2312 level 1 (the ~3,700 most common characters)."""
    try:
        b = ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and 0xB0 <= b[0] <= 0xD7


def _plausible_chinese(text: str) -> bool:
    """Real Chinese text is mostly common characters; mis-decoded bytes are not."""
    han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if len(han) < 1:
        return False
    return sum(map(_is_common_hanzi, han)) / len(han) >= 0.6


def _control_share(text: str) -> float:
    bad = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return bad / max(1, len(text))


def decode_bytes(data: bytes, path: Path | str = "<bytes>") -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding)`` or raise :class:`InputError`."""
    if data.startswith(codecs.BOM_UTF8):
        enc = "utf-8-sig"
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        enc = "utf-16"
    else:
        enc = _sniff_encoding(data, path)
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"undecodable bytes at offset {exc.start} for {enc}") from None
    if "\x00" in text or _control_share(text) > 0.01:
        raise InputError(path, "binary file (control bytes), not text")
    if enc == "gb18030" and not _plausible_chinese(text):
        # GB18030 decodes almost any byte soup; demand that it yields common Chinese.
        raise InputError(path, "undecodable bytes: not UTF-8, and not plausible GB18030/GBK text")
    return text.lstrip("\ufeff"), enc


def _sniff_encoding(data: bytes, path: Path | str) -> str:
    """Encoding of BOM-less ``data``: UTF-8, UTF-16 (by NUL pattern) or GB18030."""
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    enc16 = _looks_utf16(data)
    if enc16:
        return enc16
    if b"\x00" in data:
        raise InputError(path, "binary file (contains NUL bytes), not text")
    try:
        data.decode("gb18030")
        return "gb18030"
    except UnicodeDecodeError as exc:
        raise InputError(
            path, f"undecodable bytes at offset {exc.start}: not UTF-8, UTF-16 or GB18030/GBK"
        ) from None


def read_text(path: Path | str, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Decoded:
    """Read one supported file as text (see module docstring for the errors)."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "no such file or folder")
    if p.is_dir():
        raise InputError(p, "is a folder, expected a file")
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = suffix or "(no extension)"
        raise InputError(
            p, f"unsupported format {shown}; supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}"
        )
    size = p.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise InputError(
            p, f"file too large ({size:,} bytes > limit {max_bytes:,}); raise the limit with --max-bytes"
        )
    if size == 0:
        raise InputError(p, "empty file")
    data = p.read_bytes()
    text, enc = decode_bytes(data, p)
    if not text.strip():
        raise InputError(p, "empty file (only whitespace)")
    return Decoded(path=p, text=text, encoding=enc, n_bytes=size)
