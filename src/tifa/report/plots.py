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

import matplotlib.pyplot as plt
from matplotlib import font_manager

from ..fonts import cjk_font_path  # noqa: F401 (re-exported: where the font is)


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


def wordcloud(frequencies: dict[str, float], *, ax=None, title: str = "", width: int = 800, height: int = 450, max_words: int = 80):
    """A word cloud drawn from term frequencies (wordcloud never tokenises the Chinese itself)."""
    from wordcloud import WordCloud

    setup_cjk_font()
    freqs = {str(k): float(v) for k, v in frequencies.items() if v > 0}
    if ax is None:
        _, ax = plt.subplots(figsize=(width / 100, height / 100))
    ax.axis("off")
    ax.set_title(title)
    if not freqs:
        return ax
    wc = WordCloud(
        font_path=str(cjk_font_path()),
        width=width,
        height=height,
        background_color="white",
        max_words=max_words,
        colormap="Reds",
        prefer_horizontal=1.0,
        random_state=0,
    ).generate_from_frequencies(freqs)
    ax.imshow(wc, interpolation="bilinear")
    return ax


def heatmap(df, *, title: str = "", ax=None, cmap: str = "Reds", fmt: str = "{:.1f}", annotate: bool = True):
    """A heatmap of a numeric DataFrame with row and column labels."""
    import numpy as np

    setup_cjk_font()
    values = df.to_numpy(dtype=float)
    if ax is None:
        _, ax = plt.subplots(figsize=(1 + 0.75 * values.shape[1], 1 + 0.4 * values.shape[0]))
    im = ax.imshow(values, cmap=cmap, aspect="auto")
    ax.set_xticks(range(values.shape[1]), [str(c) for c in df.columns], rotation=45, ha="right")
    ax.set_yticks(range(values.shape[0]), [str(i) for i in df.index])
    if annotate and values.size <= 400:
        top = np.nanmax(values) if values.size else 0
        for (i, j), v in np.ndenumerate(values):
            ax.text(j, i, fmt.format(v), ha="center", va="center", fontsize=7, color="white" if top and v > 0.6 * top else "black")
    ax.set_title(title)
    ax.figure.colorbar(im, ax=ax, shrink=0.8)
    ax.figure.tight_layout()
    return ax


def network(matrix, *, title: str = "", ax=None, min_weight: int = 1):
    """Co-occurrence network of terms on a circle; edge width by co-occurrence count."""
    import math

    setup_cjk_font()
    terms = list(matrix.index)
    n = len(terms)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 8))
    pos = {t: (math.cos(2 * math.pi * k / max(n, 1)), math.sin(2 * math.pi * k / max(n, 1))) for k, t in enumerate(terms)}
    top = max(1, int(matrix.to_numpy().max()) if n else 1)
    for i, a in enumerate(terms):
        for b in terms[i + 1 :]:
            w = int(matrix.loc[a, b])
            if w >= min_weight:
                (x1, y1), (x2, y2) = pos[a], pos[b]
                ax.plot([x1, x2], [y1, y2], color="#b22222", alpha=0.25 + 0.6 * w / top, linewidth=0.5 + 4 * w / top)
    for t, (x, y) in pos.items():
        ax.scatter([x], [y], s=60, color="#8b0000", zorder=3)
        ax.text(x * 1.12, y * 1.12, t, ha="center", va="center", fontsize=10)
    ax.set_xlim(-1.4, 1.4)
    ax.set_ylim(-1.4, 1.4)
    ax.axis("off")
    ax.set_title(title)
    return ax


def structure_map(outline, docs, *, ax=None, title: str = "编号结构（每行一篇讲话）"):
    """Each speech as a row; its outline items as bars along the text, darker = deeper."""
    setup_cjk_font()
    lengths = dict(zip(docs["doc_id"], docs["n_chars"]))
    labels = dict(zip(docs["doc_id"], docs["title"]))
    ids = list(docs["doc_id"])
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 0.6 * len(ids) + 1.5))
    colours = {1: "#8b0000", 2: "#cd5c5c", 3: "#f08080", 4: "#ffc0cb"}
    for row, d in enumerate(ids):
        n = max(lengths.get(d, 1), 1)
        ax.barh(row, 1.0, color="#eeeeee", height=0.8)
        o = outline[outline["doc_id"] == d]
        for s, e, depth in zip(o["start"], o["end"], o["depth"]):
            depth = int(depth)
            h = 0.8 / depth
            ax.barh(row, (int(e) - int(s)) / n, left=int(s) / n, height=h, color=colours.get(depth, "#ffe4e1"), edgecolor="white", linewidth=0.3)
    ax.set_yticks(range(len(ids)), [(labels.get(d) or d)[:18] for d in ids])
    ax.invert_yaxis()
    from matplotlib.patches import Patch

    names = {1: "第1层 一、（顶层）", 2: "第2层 （一）/一是", 3: "第3层 1./第一，", 4: "第4层及以下"}
    handles = [Patch(color=colours[k], label=names[k]) for k in (1, 2, 3, 4)] + [Patch(color="#eeeeee", label="无编号正文")]
    ax.legend(handles=handles, title="编号层级 depth", loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    ax.set_xlabel("position in the speech (share of characters)")
    ax.set_title(title)
    ax.figure.tight_layout()
    return ax


def province_grid(path: Path | None = None) -> dict[str, tuple[int, int, str]]:
    """The tile map of ``province_grid.tsv``: place → (row, col, label)."""
    from ..config import LEXICONS

    path = Path(path or LEXICONS / "province_grid.tsv")
    out = {}
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.strip() and not line.startswith("#"):
            place, row, col, label = line.split("\t")
            out[place] = (int(row), int(col), label)
    return out


def tile_map(values: dict[str, float], *, ax=None, title: str = "", cmap: str = "viridis_r", fmt: str = "{:.0f}", missing: str = "–"):
    """Provinces as tiles at their rough positions, coloured by ``values`` (place → number);
    a place without a value is grey and labelled ``missing``."""
    import matplotlib.pyplot as plt
    from matplotlib import colors

    grid = province_grid()
    ax = ax or plt.gca()
    known = [v for p, v in values.items() if p in grid and v == v]
    norm = colors.Normalize(vmin=min(known), vmax=max(known)) if known else None
    cm = plt.get_cmap(cmap)
    for place, (row, col, label) in grid.items():
        v = values.get(place)
        has = v is not None and v == v and norm is not None
        ax.add_patch(plt.Rectangle((col, -row), 0.94, 0.94, color=cm(norm(v)) if has else "#dddddd"))
        dark = has and norm(v) < 0.5 if cmap.endswith("_r") else has and norm(v) > 0.5
        ax.text(col + 0.47, -row + 0.6, label, ha="center", va="center", fontsize=9, color="white" if dark else "black")
        ax.text(col + 0.47, -row + 0.28, fmt.format(v) if has else missing, ha="center", va="center", fontsize=8,
                color="white" if dark else "black")
    ax.set_xlim(-0.1, 9)
    ax.set_ylim(-7.1, 1)
    ax.set_aspect("equal")
    ax.axis("off")
    if norm is not None:
        plt.colorbar(plt.cm.ScalarMappable(norm=norm, cmap=cm), ax=ax, fraction=0.03, pad=0.01)
    ax.set_title(title)
    return ax
