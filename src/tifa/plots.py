"""Plot helpers: one call sets a CJK font for matplotlib and wordcloud alike.

The font comes from the ``mplfonts`` package (Noto Sans CJK SC), installed by
the project's own dependencies, so Chinese never renders as boxes on a fresh
machine.  ``setup_cjk_font()`` registers it with matplotlib and returns its
path, which :func:`wordcloud_from_frequencies` passes to wordcloud.
"""
from __future__ import annotations

import functools
from pathlib import Path

import matplotlib

matplotlib.use("Agg", force=False)
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

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


@functools.lru_cache(maxsize=1)
def setup_cjk_font() -> str:
    """Register the CJK font with matplotlib, make it the default; return its family name."""
    path = cjk_font_path()
    font_manager.fontManager.addfont(str(path))
    name = font_manager.FontProperties(fname=str(path)).get_name()
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = [name, "DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False
    return name


def font_has_glyphs(text: str, path: Path | None = None) -> bool:
    """True if the CJK font has a glyph for every non-space character of ``text``."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(path or cjk_font_path()), lazy=True, fontNumber=0)
    cmap = font.getBestCmap()
    return all(ord(ch) in cmap for ch in set(text) if not ch.isspace())


def bar(series, *, title: str = "", xlabel: str = "", ax=None, color: str = "#b22222"):
    """Horizontal bar chart of a Series (index = labels), largest on top."""
    setup_cjk_font()
    if ax is None:
        _, ax = plt.subplots(figsize=(8, max(2.5, 0.35 * len(series) + 1)))
    s = series.sort_values()
    ax.barh([str(i) for i in s.index], s.values, color=color)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.figure.tight_layout()
    return ax
