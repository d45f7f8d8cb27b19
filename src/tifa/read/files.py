"""Reading user files into text.

``read_text(path)`` returns the text of one supported file:

* ``.txt``/``.md`` in any common Chinese encoding, detected from the bytes
  (BOMs, UTF-16 byte patterns, strict UTF-8, GB18030 — which covers GBK and
  GB2312 — Big5, and files mixing UTF-8 and GB18030 lines, with a warning);
* ``.docx`` — paragraphs (and table rows) in order; the zip is checked first,
  so a corrupt file or a zip bomb posing as one is refused;
* ``.html``/``.htm`` — the article's main text only: scripts, styles,
  navigation, headers and footers dropped (never executed); the charset comes
  from the page or is detected;
* ``.pdf`` with a text layer (a scanned PDF without one is refused, saying so).

Traditional-Chinese text is converted to simplified for analysis (OpenCC);
the original is kept in ``Decoded.original``.  Anything that cannot be read
raises :class:`InputError` with a one-line reason naming the file.
``iter_inputs`` expands files and folders into candidate files, in a stable
order; ``iter_sources`` pairs each with its ``source`` name.

This module owns :func:`read_text` — the checks every file passes (exists, a supported suffix,
under the size limit, not empty), the choice of reader, the warnings, the script conversion —
and :class:`Decoded`.  It must not hold a reader's or a decoder's rules: the encodings are
:mod:`tifa.read.decode`'s, ``.docx``/``.html``/``.pdf`` :mod:`tifa.read.formats`', the walk over
folders and the source names :mod:`tifa.read.inputs`'.  ``iter_inputs``, ``source_name``,
``iter_sources`` and the zip limits stay importable from here, where the other stages ask for them.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..config import DEFAULT_MAX_BYTES
from ..errors import InputError
from .decode import cjk_share, decode_bytes, is_traditional, to_simplified
from .formats import MAX_UNZIPPED_BYTES, MAX_ZIP_RATIO, read_docx, read_html, read_pdf  # noqa: F401 - the limits: importable here
from .inputs import iter_inputs, iter_sources, source_name  # noqa: F401 - the stages' import

#: Extensions read as plain text.
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | {".docx", ".html", ".htm", ".pdf"}


@dataclass(frozen=True)
class Decoded:
    """The text of one file and how it was decoded."""

    path: Path
    text: str
    encoding: str
    n_bytes: int
    format: str = "text"
    original: str | None = None  #: the traditional-Chinese original, when converted
    warnings: tuple[str, ...] = ()


def read_text(path: Path | str, *, max_bytes: int | None = DEFAULT_MAX_BYTES, data: bytes | None = None) -> Decoded:
    """Read one supported file as text (see module docstring for the errors).

    ``data``: the file's bytes, already read — the build reads a file once, and keys and fills
    its part from the same bytes; the file is then not opened again."""
    p = Path(path)
    if data is None and not p.exists():
        raise InputError(p, "no such file or folder")
    if data is None and p.is_dir():
        raise InputError(p, "is a folder, expected a file")
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = suffix or "(no extension)"
        raise InputError(
            p, f"unsupported format {shown}; supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}"
        )
    size = p.stat().st_size if data is None else len(data)
    if max_bytes is not None and size > max_bytes:
        raise InputError(
            p, f"file too large ({size:,} bytes > limit {max_bytes:,}); raise the limit with --max-bytes"
        )
    if size == 0:
        raise InputError(p, "empty file")
    if data is None:
        data = p.read_bytes()
    if suffix == ".docx":
        text, enc, fmt = read_docx(p, data), "docx", "docx"
    elif suffix in (".html", ".htm"):
        text, enc = read_html(p, data)
        fmt = "html"
    elif suffix == ".pdf":
        text, enc, fmt = read_pdf(p, data), "pdf", "pdf"
    else:
        text, enc = decode_bytes(data, p)
        fmt = "markdown" if suffix in (".md", ".markdown") else "text"  # front matter and markup: tifa.text.markdown
    if not text.strip():
        raise InputError(p, "empty file (only whitespace)" if fmt in ("text", "markdown") else f"no text in this {fmt} file")
    warnings: list[str] = []
    if enc == "mixed":
        warnings.append("mixed encodings: lines in UTF-8 and in GB18030 were decoded separately")
    if cjk_share(text) < 0.05:
        warnings.append("no Chinese text found; results will be empty or meaningless")
    original = None
    if is_traditional(text):
        original = text
        text = to_simplified(text)
        warnings.append("traditional Chinese: analysed in simplified form (OpenCC t2s), original kept")
    return Decoded(path=p, text=text, encoding=enc, n_bytes=size, format=fmt, original=original, warnings=tuple(warnings))
