"""The format readers: ``.docx``, ``.html``/``.htm`` and ``.pdf`` → their text.

Owns :func:`read_docx` (paragraphs and table rows in order, from ``word/document.xml`` only;
the zip is checked first and the member inflated a chunk at a time under
:data:`MAX_UNZIPPED_BYTES` and :data:`MAX_ZIP_RATIO`, so a corrupt file or a zip bomb posing as
one is refused), :func:`read_html` (the article's main text: scripts, styles, navigation,
headers and footers dropped, never executed; the charset from the page or detected) and
:func:`read_pdf` (the text layer; a scanned PDF without one is refused, saying so).  Each
raises :class:`tifa.errors.InputError` with a one-line reason.

It must not touch what follows reading: the size limit, suffixes and the script are
:func:`tifa.read.files.read_text`'s, cleaning is :mod:`tifa.text`'s.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError
from .decode import decode_bytes

#: A .docx may not unpack to more than this many bytes, nor this many times its size.
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ZIP_RATIO = 200

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


def read_docx(p: Path, data: bytes) -> str:
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
#: A form holding at least this many Chinese characters holds the article, not a search box.
FORM_TEXT_MIN = 100


def _han_count(text: str) -> int:
    """How many characters of ``text`` are Chinese (the CJK unified block): how much article a tag holds."""
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")

_MAIN_HINT = re.compile(r"content|article|main|text|detail|body|zoom|TRS_Editor|post|entry", re.I)


def _html_charset(data: bytes) -> str | None:
    m = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", data[:4096], re.I)
    if not m:
        return None
    cs = m.group(1).decode("ascii", "ignore").lower()
    return {"gb2312": "gb18030", "gbk": "gb18030", "utf8": "utf-8"}.get(cs, cs)


def _heading_before(block) -> list:
    """The article's heading and byline right before its text block, in order (``<h2>标题</h2><p
    class="author">…</p><div class="content">``): a heading, then short lines without links."""
    out = []
    for sib in block.find_previous_siblings():
        text = sib.get_text(" ", strip=True)
        if sib.name in ("h1", "h2", "h3") and text:
            out.append(sib)
            break
        if sib.name in ("p", "div", "span") and 0 < len(text) <= 60 and not sib.find("a"):
            out.append(sib)
            continue
        return []  # something else stands between: no heading of this block
    return list(reversed(out)) if out and out[-1].name in ("h1", "h2", "h3") else []


def read_html(p: Path, data: bytes) -> tuple[str, str]:
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
    # an article's own heading inside the article's <header>, which the dropped tags take with them (WordPress)
    entry = next((h.get_text(" ", strip=True) for h in soup.find_all("h1") if h.find_parent("article") or "title" in " ".join(h.get("class") or [])), "")
    for tag in soup.find_all(_DROP_TAGS):
        if tag.decomposed:
            continue  # inside a tag already dropped
        if tag.name == "form" and _han_count(tag.get_text()) >= FORM_TEXT_MIN:
            tag.unwrap()  # a CMS that wraps the article in a form (VSB's _newscontent_fromname): its text is the page's
        else:
            tag.decompose()
    h1 = soup.find("h1")
    title = h1.get_text(" ", strip=True) if h1 else entry
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
        han = _han_count(text)
        links = sum(len(a.get_text()) for a in c.find_all("a"))
        score = han - 2 * links
        if score > best_score:
            best, best_score = c, score
    root = best or soup.body or soup
    head = _heading_before(best) if best is not None else []
    if not title and head and head[0].name in ("h2", "h3"):
        title = head[0].get_text(" ", strip=True)  # the article's heading, an h2 where the page has no h1
    for br in root.find_all("br"):
        br.replace_with("\n")
    for tag in root.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    text = "\n".join([*(h.get_text(" ", strip=True) for h in head[1:]), root.get_text("")])
    lines = [re.sub(r"[ \t\u3000\xa0]+", " ", line).strip() for line in text.split("\n")]
    body = "\n".join(line for line in lines if line)
    if title and title not in body[:200]:
        body = title + "\n" + body
    return body, f"html:{enc}"


def read_pdf(p: Path, data: bytes) -> str:
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
