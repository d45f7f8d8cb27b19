"""Decoding: the bytes of a text file → text, its encoding detected from the bytes; traditional → simplified.

Owns :func:`decode_bytes` (BOMs, UTF-16 by its NUL pattern or its characters, strict UTF-8,
GB18030 — which covers GBK and GB2312 — only when it yields common Chinese, Big5, and files mixing
UTF-8 and GB18030 lines, decoded line by line), the measures it trusts (:func:`cjk_share`, the
share of common characters), and the script: :func:`is_traditional` and :func:`to_simplified`
(OpenCC ``t2s``, loaded once, when first asked).

It must not touch file names, suffixes or containers (:mod:`tifa.read.files`,
:mod:`tifa.read.formats`), nor clean the text: what it returns is what the bytes say.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import InputError

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
        if text and cjk_share(text) > 0.5 and _plausible_chinese(text):
            return enc
    return None


_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_SPACE_RUN = re.compile(r"\s+")


def cjk_share(text: str) -> float:
    letters = len(text) - sum(map(len, _SPACE_RUN.findall(text)))
    if not letters:
        return 0.0
    return sum(map(len, _HAN_RUN.findall(text))) / letters


def _is_common_hanzi(ch: str) -> bool:
    """In GB2312 level 1 (the ~3,700 most common characters)."""
    try:
        b = ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and 0xB0 <= b[0] <= 0xD7


def _plausible_chinese(text: str) -> bool:
    """Real Chinese text is mostly common characters; mis-decoded bytes are not."""
    han = "".join(_HAN_RUN.findall(text))
    if len(han) < 1:
        return False
    han = han[:: max(1, len(han) // 20000)]  # an even sample is as good a measure, in bounded time
    return sum(map(_is_common_hanzi, han)) / len(han) >= 0.6


def _plausible_big5(text: str) -> bool:
    """Big5 text, once simplified, is mostly common characters."""
    han = "".join(_HAN_RUN.findall(text))
    if not han:
        return False
    simplified = to_simplified(han[:2000])
    return sum(map(_is_common_hanzi, simplified)) / len(simplified) >= 0.6


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")  # below 32, except \t \n \v \f \r


def _control_share(text: str) -> float:
    return len(_CONTROL.findall(text)) / max(1, len(text))


def decode_bytes(data: bytes, path: Path | str = "<bytes>") -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding)`` or raise :class:`InputError`."""
    if data.startswith(codecs.BOM_UTF8):
        enc = "utf-8-sig"
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        enc = "utf-16"
    else:
        enc = _sniff_encoding(data, path)
    try:
        text = _decode_mixed(data) if enc == "mixed" else data.decode(enc)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"undecodable bytes at offset {exc.start} for {enc}") from None
    assert text is not None
    if "\x00" in text or _control_share(text) > 0.01:
        raise InputError(path, "binary file (control bytes), not text")
    if enc == "gb18030" and not _plausible_chinese(text):
        # GB18030 decodes almost any byte soup; demand that it yields common Chinese.
        raise InputError(path, "undecodable bytes: not UTF-8, and not plausible GB18030/GBK text")
    return text.lstrip("\ufeff"), enc


def _decode_mixed(data: bytes) -> str | None:
    """Decode line by line (UTF-8, else GB18030) a file mixing the two."""
    out = []
    for line in data.split(b"\n"):
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            try:
                out.append(line.decode("gb18030"))
            except UnicodeDecodeError:
                return None
    text = "\n".join(out)
    return text if _plausible_chinese(text) else None


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
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if enc == "gb18030" and _plausible_chinese(text):
            return enc
        if enc == "big5" and _plausible_big5(text):
            return enc
    if _decode_mixed(data) is not None:
        return "mixed"
    try:
        data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"undecodable bytes at offset {exc.start}: not UTF-8, UTF-16, GB18030/GBK or Big5") from None
    return "gb18030"



# --------------------------------------------------------------------------- script


def to_simplified(text: str) -> str:
    return _opencc().convert(text)


_CONVERTER = None


def _opencc():
    global _CONVERTER
    if _CONVERTER is None:
        import opencc

        _CONVERTER = opencc.OpenCC("t2s")
    return _CONVERTER


def is_traditional(text: str, sample: int = 600) -> bool:
    han = "".join(ch for ch in text[: sample * 3] if "\u4e00" <= ch <= "\u9fff")[:sample]
    if len(han) < 20:
        return False
    simplified = to_simplified(han)
    changed = sum(1 for a, b in zip(han, simplified) if a != b)
    return changed / len(han) > 0.03
