"""A checked draft as an HTML page for the writer: the text with every finding highlighted and
explained beside it, readable on a machine without a CJK font (the report's embedded font subset).

Owns the page only: every piece of the draft and of the findings reaches it escaped.
"""
from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from ..atomic import write_text_atomic
from .findings import CHECKS

_CSS = """
body { margin: 0; font-size: 16px; line-height: 1.9; color: #222; }
header { padding: .8em 1.5em; background: #f4f4f4; border-bottom: 1px solid #ddd; }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(16em, 2fr); gap: 1.5em; padding: 1em 1.5em; }
.draft p { margin: 0 0 .6em 0; white-space: pre-wrap; }
mark { padding: 0 .1em; border-radius: 3px; }
mark.error { background: #ffd6d6; border-bottom: 2px solid #c00; }
mark.warning { background: #fff0c2; border-bottom: 2px solid #c80; }
mark.info { background: #dff3df; }
mark sup { font-size: 70%; color: #555; }
aside ol { padding-left: 1.6em; margin: 0; }
aside li { margin-bottom: .8em; }
aside .check { font-family: monospace; font-size: 85%; color: #555; }
aside .error .check { color: #c00; } aside .warning .check { color: #a60; }
aside .suggestion { color: #075; }
h2 { font-size: 110%; margin: .4em 0; }
"""


def _marked(text: str, findings: pd.DataFrame, numbers: dict[int, int]) -> str:
    """``text`` as escaped paragraphs with each finding's span in a <mark> (the first of
    overlapping findings is marked; every finding is listed beside the text)."""
    spans = []
    last = 0
    for idx, r in findings.sort_values(["start", "end"]).iterrows():
        s, e = int(r["start"]), int(r["end"])
        if s < last or e <= s:
            continue
        spans.append((s, e, r["severity"], numbers[idx], r["message"]))
        last = e
    out, pos = [], 0
    for s, e, sev, n, msg in spans:
        out.append(html.escape(text[pos:s]))
        out.append(f'<mark class="{html.escape(sev)}" id="m{n}" title="{html.escape(msg)}">{html.escape(text[s:e])}'
                   f'<sup><a href="#f{n}">{n}</a></sup></mark>')
        pos = e
    out.append(html.escape(text[pos:]))
    return "".join(f"<p>{para}</p>\n" for para in "".join(out).split("\n"))


def page(checked, *, title: str | None = None) -> str:
    """The HTML page of a :class:`~tifa.check.DraftCheck`."""
    from ..fonts import font_css, is_cjk, subset_font

    df = checked.findings.reset_index(drop=True)
    numbers = {i: i + 1 for i in range(len(df))}
    name = title or checked.path.name
    body = []
    for doc_id, text in checked.texts.items():
        mine = df[df["doc_id"] == doc_id]
        head = checked.titles.get(doc_id, "")
        head = f"<h2>{html.escape(head)}</h2>" if head else ""
        body.append(f'<section class="draft">{head}{_marked(text, mine, numbers)}</section>')
    items = []
    for i, r in df.iterrows():
        sugg = f'<div class="suggestion">→ {html.escape(str(r["suggestion"]))}</div>' if r["suggestion"] else ""
        items.append(
            f'<li id="f{numbers[i]}" class="{html.escape(r["severity"])}"><a href="#m{numbers[i]}">line {r["line"]}</a> '
            f'<span class="check" title="{html.escape(CHECKS.get(r["check"], ""))}">{html.escape(r["check"])}</span><br>'
            f'“{html.escape(str(r["text"])[:60])}”: {html.escape(str(r["message"]))}{sugg}</li>'
        )
    n_real = int((df["severity"] != "info").sum())
    summary = f"{n_real} finding(s) to look at" + (f", {len(df) - n_real} verified quotation(s)" if len(df) > n_real else "")
    doc = (
        f'<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8"><title>{html.escape(name)} — tifa check</title>'
        f"<style>{_CSS}</style></head><body>"
        f"<header><h1>{html.escape(name)}</h1><p>tifa check · draft dated {html.escape(checked.date)} · {summary}</p></header>"
        f'<main><div>{"".join(body)}</div><aside><h2>Findings 问题</h2><ol>{"".join(items) or "<p>No findings.</p>"}</ol></aside></main>'
        "</body></html>\n"
    )
    chars = {c for c in html.unescape(doc) if is_cjk(c)}
    return doc.replace("</head>", font_css(subset_font(chars)) + "</head>", 1)


def write_html(checked, out: Path | str) -> Path:
    """Write the page of ``checked`` to ``out`` atomically."""
    out = Path(out)
    write_text_atomic(out, page(checked))
    return out
