"""The CJK font tifa ships (Noto Sans CJK from ``mplfonts``): where it is, which characters need
it, and the subset of it a page embeds (fontTools), so Chinese shows on a machine without a CJK font.

Plumbing shared by the report pages, the checked-draft page and the Datasette stylesheet; imports
nothing of tifa but :mod:`tifa.config`'s siblings.
"""
from __future__ import annotations

import base64
import functools
import html as htmllib
import io
import re
from pathlib import Path

#: Preferred font files inside mplfonts, best first.
_FONT_FILES = ("NotoSansCJKsc-Regular.otf", "SourceHanSerifSC-Regular.otf", "NotoSerifCJKsc-Regular.otf")


@functools.lru_cache(maxsize=1)
def cjk_font_path() -> Path:
    """Path of the bundled CJK font (raises if the font package is missing)."""
    import mplfonts

    base = Path(mplfonts.__file__).resolve().parent / "fonts"
    for name in _FONT_FILES:
        p = base / name
        if p.exists():
            return p
    raise FileNotFoundError(f"no CJK font found in {base}; reinstall the 'mplfonts' package")


#: Font family name of the embedded subset.
FONT_FAMILY = "tifa CJK"


_JSON_ESCAPE_RE = re.compile(r"\\u([0-9a-fA-F]{4})")


_FONT_URI_RE = re.compile(r"url\(data:font/woff2;base64,([A-Za-z0-9+/=]+)\)")


def is_cjk(ch: str) -> bool:
    """Characters that need a CJK font: Han, CJK punctuation, full-width forms, kana, bopomofo."""
    o = ord(ch)
    return (
        0x3000 <= o <= 0x303F  # CJK symbols and punctuation
        or 0x3040 <= o <= 0x30FF  # kana
        or 0x3100 <= o <= 0x312F  # bopomofo
        or 0x3400 <= o <= 0x4DBF  # extension A
        or 0x4E00 <= o <= 0x9FFF  # unified ideographs
        or 0xF900 <= o <= 0xFAFF  # compatibility ideographs
        or 0xFF00 <= o <= 0xFFEF  # full-width forms
        or 0x2E80 <= o <= 0x2FDF  # radicals
    )


def page_characters(page: str) -> set[str]:
    """Every character a reader can see on ``page``: its text with entities decoded, plus
    characters held in scripts as JSON ``\\uXXXX`` escapes (interactive tables)."""
    chars = set(htmllib.unescape(page))
    chars.update(chr(int(h, 16)) for h in _JSON_ESCAPE_RE.findall(page))
    return chars


def subset_font(chars: set[str], font_path: Path | None = None) -> bytes:
    """WOFF2 bytes of the CJK font cut to ``chars`` (plus ASCII, for mixed runs)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(font_path or cjk_font_path()), lazy=True)
    cmap = font.getBestCmap()
    codepoints = {ord(c) for c in chars if ord(c) in cmap} | set(range(0x20, 0x7F))
    opts = subset.Options()
    opts.flavor = "woff2"
    opts.layout_features = ["*"]
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    opts.hinting = False
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=codepoints)
    sub.subset(font)
    buf = io.BytesIO()
    font.flavor = "woff2"
    font.save(buf)
    return buf.getvalue()


def font_css(woff2: bytes) -> str:
    data = base64.b64encode(woff2).decode("ascii")
    return (
        "<style>\n"
        f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url(data:font/woff2;base64,{data}) format("woff2"); }}\n'
        f'body, table, th, td, pre, code, input, select, button, .jp-RenderedHTMLCommon, .dt-container, .dataTables_wrapper '
        f'{{ font-family: "{FONT_FAMILY}", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif !important; }}\n'
        "nav.tifa-toc { border: 1px solid #ddd; padding: .5em 1em; margin: 1em 0; background: #fafafa; }\n"
        "nav.tifa-toc ul { margin: .2em 0; } a.tifa-home { font-size: 90%; }\n"
        "</style>\n"
    )


def embedded_font(page: str) -> bytes | None:
    """The WOFF2 font embedded in ``page`` (None if there is none)."""
    m = _FONT_URI_RE.search(page)
    return base64.b64decode(m.group(1)) if m else None


def font_coverage_gaps(page: str) -> set[str]:
    """CJK characters of ``page`` that its embedded font cannot draw (all of them if no font)."""
    from fontTools.ttLib import TTFont

    needed = {c for c in page_characters(page) if is_cjk(c)}
    data = embedded_font(page)
    if data is None:
        return needed
    cmap = TTFont(io.BytesIO(data)).getBestCmap()
    return {c for c in needed if ord(c) not in cmap}
