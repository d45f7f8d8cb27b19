"""Interactive figures for the report pages, offline: a scattertext-style plot of two groups'
term frequencies (Bokeh, its JavaScript inlined in the page, so nothing is fetched).

Hovering a term shows its counts, G² and log ratio; clicking it lists example sentences of
each group beside the plot.  Owns the figure only: the statistics come from
:mod:`tifa.analysis.compare`, the sentences from the tables given.
"""
from __future__ import annotations

import html

import numpy as np
import pandas as pd

from ..analysis.compare import g2, log_ratio


def scatter_data(counts: pd.DataFrame, docs: pd.DataFrame, by: str, a: str, b: str, sentences: pd.DataFrame,
                 *, top: int = 200, examples: int = 3) -> pd.DataFrame:
    """One row per term shown: frequencies per 10,000 counted terms in each group, counts, G²,
    log ratio, and example sentences of each group (escaped HTML)."""
    side = docs.set_index("doc_id")[by].astype("string").map({a: "a", b: "b"}).dropna()
    c = counts[counts["doc_id"].isin(side.index)].assign(side=lambda x: x["doc_id"].map(side))
    t = c.pivot_table(index="term", columns="side", values="count", aggfunc="sum", fill_value=0)
    for s in ("a", "b"):
        if s not in t:
            t[s] = 0
    n1, n2 = float(t["a"].sum()), float(t["b"].sum())
    t["g2"] = [g2(x, y, n1, n2) for x, y in zip(t["a"], t["b"])]
    t["log_ratio"] = [log_ratio(x, y, n1, n2) for x, y in zip(t["a"], t["b"])]
    t["total"] = t["a"] + t["b"]
    keys = t.sort_values("g2", ascending=False).head(top // 2).index
    common = t.sort_values("total", ascending=False).head(top // 2).index
    t = t.loc[t.index.isin(keys.union(common))].copy()
    t["x"] = (t["a"] / n1 * 10_000).round(3)
    t["y"] = (t["b"] / n2 * 10_000).round(3)
    sents = sentences[sentences["doc_id"].isin(side.index)].assign(side=lambda x: x["doc_id"].map(side))
    ex_a, ex_b = [], []
    for term in t.index:
        hits = sents[sents["text"].str.contains(term, regex=False)]
        for s, out in (("a", ex_a), ("b", ex_b)):
            rows = hits[hits["side"] == s].head(examples)
            out.append("".join(f"<li>{html.escape(x[:120])}</li>" for x in rows["text"]) or "<li>–</li>")
    t["examples_a"], t["examples_b"] = ex_a, ex_b
    t = t.reset_index().rename(columns={"a": "count_a", "b": "count_b"})
    t["g2"] = t["g2"].round(2)
    t["log_ratio"] = t["log_ratio"].round(2)
    return t


def term_scatter_html(data: pd.DataFrame, a: str, b: str, *, title: str = "") -> str:
    """The plot as an HTML fragment with Bokeh's JavaScript inlined (no network needed)."""
    from bokeh.embed import components
    from bokeh.models import ColumnDataSource, CustomJS, HoverTool, LinearColorMapper
    from bokeh.plotting import figure
    from bokeh.resources import Resources

    from .webpage import FONT_FAMILY

    d = data.copy()
    floor = max(min(d.loc[d["x"] > 0, "x"].min(), d.loc[d["y"] > 0, "y"].min()) / 2, 1e-3) if len(d) else 1e-3
    d["px"], d["py"] = d["x"].clip(lower=floor), d["y"].clip(lower=floor)
    src = ColumnDataSource({k: d[k].tolist() for k in ("term", "px", "py", "x", "y", "count_a", "count_b", "g2", "log_ratio", "examples_a", "examples_b")})
    lim = float(np.nanmax(np.abs(d["log_ratio"]))) if len(d) else 1.0
    colors = LinearColorMapper(palette=["#2166ac", "#67a9cf", "#d1e5f0", "#f7f7f7", "#fddbc7", "#ef8a62", "#b2182b"], low=-lim, high=lim)
    p = figure(width=620, height=560, x_axis_type="log", y_axis_type="log", title=title or f"{a} vs {b}",
               x_axis_label=f"{a}: per 10,000 terms", y_axis_label=f"{b}: per 10,000 terms", tools="pan,wheel_zoom,box_zoom,reset,tap")
    font = f'"{FONT_FAMILY}", "Noto Sans CJK SC", sans-serif'  # the page's embedded CJK font draws the canvas text too
    p.title.text_font = font
    for axis in (p.xaxis[0], p.yaxis[0]):
        axis.axis_label_text_font = font
    p.scatter("px", "py", source=src, size=7, alpha=0.8, line_color="#555",
              fill_color={"field": "log_ratio", "transform": colors})
    p.add_tools(HoverTool(tooltips=[("term", "@term"), (a, "@count_a (@x per 10k)"), (b, "@count_b (@y per 10k)"),
                                    ("G²", "@g2"), ("log ratio", "@log_ratio")]))
    lo, hi = floor, float(max(d["px"].max(), d["py"].max())) * 1.2 if len(d) else 1.0
    p.line([lo, hi], [lo, hi], color="#999", line_dash="dashed")
    box = f"tifa-scatter-{abs(hash((a, b, len(d)))) % 10**8}"  # a plain element: no Bokeh widgets bundle (0.4 MB) needed
    a_esc, b_esc = html.escape(a), html.escape(b)
    src.selected.js_on_change("indices", CustomJS(args=dict(src=src), code=f"""
        const i = src.selected.indices[0];
        if (i === undefined) return;
        const d = src.data;
        const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({{'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}})[c]);
        document.getElementById("{box}").innerHTML = '<h4>' + esc(d.term[i]) + '</h4><b>{a_esc}</b><ul>' + d.examples_a[i] + '</ul><b>{b_esc}</b><ul>' + d.examples_b[i] + '</ul>';
    """))
    script, div = components(p)
    panel = f'<div id="{box}" style="flex:1; max-height:560px; overflow-y:auto; padding-left:1em">Click a term to read its sentences.</div>'
    return (Resources(mode="inline", components=["bokeh"]).render() + script
            + f'<div style="display:flex; align-items:flex-start">{div}{panel}</div>')
