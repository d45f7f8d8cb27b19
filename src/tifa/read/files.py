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
"""
from __future__ import annotations

import codecs
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..config import DEFAULT_MAX_BYTES
from ..errors import InputError, printable

#: Extensions read as plain text.
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | {".docx", ".html", ".htm", ".pdf"}
#: A .docx may not unpack to more than this many bytes, nor this many times its size.
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ZIP_RATIO = 200

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
    format: str = "text"
    original: str | None = None  #: the traditional-Chinese original, when converted
    warnings: tuple[str, ...] = ()


def iter_inputs(paths: Iterable[Path | str], *, warnings: list[str] | None = None) -> Iterator[Path]:
    """Expand files and folders (recursively, sorted) into file paths.

    Missing paths are yielded too, so that reading them reports the error in
    order.  Hidden files and :data:`IGNORED_NAMES` inside folders are skipped.
    Inside a folder, a symbolic link whose target lies outside that folder is refused (not read)
    with a warning — appended to ``warnings``, else printed on stderr — and a link to a folder is
    not followed (what it points to inside the folder is walked anyway).
    """
    for p in paths:
        p = Path(p)
        if p.is_dir():
            root = p.resolve()
            found = []
            for top, dirs, files in os.walk(p):  # links to folders are listed, never followed
                base = Path(top)
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in files + [d for d in dirs if (base / d).is_symlink()]:
                    if name.startswith(".") or name in IGNORED_NAMES:
                        continue
                    found.append(base / name)
            for child in sorted(found):
                if child.is_symlink():
                    target = child.resolve()
                    if not _is_under(target, root):
                        _warn(warnings, f"{printable(child)}: warning: symbolic link to {printable(target)}, outside "
                                        f"{printable(p)}: refused, not read")
                        continue
                    if not target.is_file():
                        continue
                if child.is_file():
                    yield child
        else:
            yield p


def _warn(warnings: list[str] | None, line: str) -> None:
    if warnings is None:
        print(f"tifa: {line}", file=sys.stderr)
    else:
        warnings.append(line)


def source_name(path: Path, root: Path | None) -> str:
    """The ``source`` of a file: its path relative to ``root`` (POSIX), else its name — printable
    (:func:`tifa.errors.printable`: a byte of a name that is not UTF-8 reads ``%FF``)."""
    if root is not None:
        try:
            return printable(path.relative_to(root).as_posix())  # the usual case: found by walking root
        except ValueError:
            pass
        try:
            return printable(path.resolve().relative_to(root.resolve()).as_posix())
        except ValueError:
            pass
    return printable(path.name)


def iter_sources(
    paths: Iterable[Path | str], root: Path | None = None, *, warnings: list[str] | None = None
) -> Iterator[tuple[Path, str]]:
    """``(file, source)`` for every file of :func:`iter_inputs`: the source is relative to
    ``root``, else to the given folder the file was found in, else the file's name.  Given several
    paths and no ``root``, when two files would get one source that way, every source is relative
    to the folder holding them all, so that files of one name in different folders
    (``佛山市/2011.md``, ``兰州市/2011.md``) stay apart; otherwise sources stay short."""
    paths = list(paths)
    files = list(iter_inputs(paths, warnings=warnings))
    sources = []
    for f in files:
        base = root
        if base is None:
            base = next((Path(p) for p in paths if Path(p).is_dir() and _is_under(f, Path(p))), None)
        sources.append(source_name(f, base))
    if root is None and len(paths) > 1 and len(set(sources)) < len(sources):  # the common root of the paths
        try:
            common = Path(os.path.commonpath([str(Path(p).resolve() if Path(p).is_dir() else Path(p).resolve().parent) for p in paths]))
        except ValueError:  # pragma: no cover - paths on different drives
            common = None
        if common is not None:
            sources = [source_name(f, common) for f in files]
    yield from zip(files, sources)


def _is_under(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


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


_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_SPACE_RUN = re.compile(r"\s+")


def _cjk_share(text: str) -> float:
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
    simplified = _to_simplified(han[:2000])
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
        text, enc, fmt = _read_docx(p, data), "docx", "docx"
    elif suffix in (".html", ".htm"):
        text, enc = _read_html(p, data)
        fmt = "html"
    elif suffix == ".pdf":
        text, enc, fmt = _read_pdf(p, data), "pdf", "pdf"
    else:
        text, enc = decode_bytes(data, p)
        fmt = "markdown" if suffix in (".md", ".markdown") else "text"  # front matter and markup: tifa.text.markdown
    if not text.strip():
        raise InputError(p, "empty file (only whitespace)" if fmt in ("text", "markdown") else f"no text in this {fmt} file")
    warnings: list[str] = []
    if enc == "mixed":
        warnings.append("mixed encodings: lines in UTF-8 and in GB18030 were decoded separately")
    if _cjk_share(text) < 0.05:
        warnings.append("no Chinese text found; results will be empty or meaningless")
    original = None
    if _is_traditional(text):
        original = text
        text = _to_simplified(text)
        warnings.append("traditional Chinese: analysed in simplified form (OpenCC t2s), original kept")
    return Decoded(path=p, text=text, encoding=enc, n_bytes=size, format=fmt, original=original, warnings=tuple(warnings))


# --------------------------------------------------------------------------- formats


def _to_simplified(text: str) -> str:
    return _opencc().convert(text)


_CONVERTER = None


def _opencc():
    global _CONVERTER
    if _CONVERTER is None:
        import opencc

        _CONVERTER = opencc.OpenCC("t2s")
    return _CONVERTER


def _is_traditional(text: str, sample: int = 600) -> bool:
    han = "".join(ch for ch in text[: sample * 3] if "\u4e00" <= ch <= "\u9fff")[:sample]
    if len(han) < 20:
        return False
    simplified = _to_simplified(han)
    changed = sum(1 for a, b in zip(han, simplified) if a != b)
    return changed / len(han) > 0.03


#: A .docx member is inflated this many bytes at a time (the peak memory of a bomb).
_INFLATE_CHUNK = 1 << 20


def _inflate_member(p: Path, zf, name: str, limit: int) -> bytes:
    """The bytes of member ``name``, inflated a chunk at a time and counted as they come: a
    member that inflates beyond what its header declares, or beyond ``limit``, is refused as soon
    as it does (the headers of a bomb can lie; what is inflated cannot), never held whole."""
    import copy
    import zipfile
    import zlib

    info = zf.getinfo(name)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise InputError(p, f"refused: {name} is compressed with method {info.compress_type}, which Word never writes")
    declared = info.file_size
    stream_info = copy.copy(info)
    stream_info.file_size = limit + 1  # zipfile stops at the declared size; let it go on, counted here
    out = bytearray()
    try:
        with zf.open(stream_info) as fh:
            while chunk := fh.read(_INFLATE_CHUNK):
                out += chunk
                if len(out) > declared or len(out) > limit:
                    raise InputError(
                        p, f"refused: {name} inflates beyond the {min(declared, limit):,} bytes "
                        f"{'its header declares' if declared <= limit else 'allowed'} (zip bomb?)"
                    )
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, zlib.error) as e:
        raise InputError(p, f"corrupt .docx ({name}: {type(e).__name__})") from None
    return bytes(out)


def _read_docx(p: Path, data: bytes) -> str:
    import io as _io
    import zipfile

    try:
        zf = zipfile.ZipFile(_io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise InputError(p, "corrupt .docx (not a valid zip archive)") from None
    with zf:
        infos = zf.infolist()
        total = sum(i.file_size for i in infos)
        if total > MAX_UNZIPPED_BYTES or total > MAX_ZIP_RATIO * max(len(data), 1):
            raise InputError(p, f"refused: .docx would unpack to {total:,} bytes (zip bomb?)")
        if "word/document.xml" not in zf.namelist():
            raise InputError(p, "corrupt .docx (no word/document.xml inside)")
        # the text is all in word/document.xml: only it is inflated, streamed under the cap
        xml = _inflate_member(p, zf, "word/document.xml", min(MAX_UNZIPPED_BYTES, MAX_ZIP_RATIO * max(len(data), 1)))
    try:
        from docx.oxml import parse_xml  # python-docx's own parser (no entities resolved, no network)

        root = parse_xml(xml)
        body = root.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}body")
        if body is None:
            raise ValueError("no w:body")
    except Exception as e:  # noqa: BLE001 - lxml and python-docx raise many kinds
        raise InputError(p, f"corrupt .docx ({type(e).__name__})") from None
    del xml
    lines: list[str] = []
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = []
                    for cell in row.iter():
                        if cell.tag.endswith("}tc"):
                            cells.append("".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t")))
                    lines.append("\t".join(c for c in cells if c))
    return "\n".join(lines)


_DROP_TAGS = ("script", "style", "noscript", "iframe", "nav", "header", "footer", "aside", "form", "button",
              "select", "svg", "canvas", "template", "object", "embed", "link", "meta")
_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "blockquote", "pre", "table")
_MAIN_HINT = re.compile(r"content|article|main|text|detail|body|zoom|TRS_Editor|post|entry", re.I)


def _html_charset(data: bytes) -> str | None:
    m = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", data[:4096], re.I)
    if not m:
        return None
    cs = m.group(1).decode("ascii", "ignore").lower()
    return {"gb2312": "gb18030", "gbk": "gb18030", "utf8": "utf-8"}.get(cs, cs)


def _read_html(p: Path, data: bytes) -> tuple[str, str]:
    from bs4 import BeautifulSoup

    enc = _html_charset(data)
    html = None
    if enc:
        try:
            html = data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            html = None
    if html is None:
        html, enc = decode_bytes(data, p)
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    h1 = soup.find("h1")
    title = h1.get_text(" ", strip=True) if h1 else ""
    candidates = [soup.find("article"), soup.find("main")]
    for tag in soup.find_all(["div", "section", "td"]):
        ident = " ".join([tag.get("id") or "", " ".join(tag.get("class") or [])])
        if _MAIN_HINT.search(ident):
            candidates.append(tag)
    candidates = [c for c in candidates if c is not None]
    best = None
    best_score = 0.0
    for c in candidates:
        text = c.get_text("", strip=False)
        han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
        links = sum(len(a.get_text()) for a in c.find_all("a"))
        score = han - 2 * links
        if score > best_score:
            best, best_score = c, score
    root = best or soup.body or soup
    for br in root.find_all("br"):
        br.replace_with("\n")
    for tag in root.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    text = root.get_text("")
    lines = [re.sub(r"[ \t\u3000\xa0]+", " ", line).strip() for line in text.split("\n")]
    body = "\n".join(line for line in lines if line)
    if title and title not in body[:200]:
        body = title + "\n" + body
    return body, f"html:{enc}"


def _read_pdf(p: Path, data: bytes) -> str:
    import io as _io

    try:
        from pypdf import PdfReader

        reader = PdfReader(_io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except Exception as e:  # noqa: BLE001 - pypdf raises many kinds
        raise InputError(p, f"corrupt or unreadable PDF ({type(e).__name__})") from None
    text = "\n\n".join(pages)
    if len(re.sub(r"\s", "", text)) < 20:
        raise InputError(p, "PDF has no text layer (a scanned PDF?); run OCR on it first")
    return text
